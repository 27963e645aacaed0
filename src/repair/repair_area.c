/* repair_area.c: the repair area's descriptor (web/area.h): repair after a hurt. */
#include "web/area.h"
#include "util/i18n.h"

#include "counsel/scope.h"
#include "repair/repair.h"
#include "repair/repair_share.h"
#include "repair/repair_store.h"

static const struct route routes[] = {
	{ M_GET, "/repairs", repair_page_list, R_COUPLE },
	{ M_POST, "/repairs", repair_post_create, R_COUPLE | R_ADDS },
	{ M_GET, "/repairs/new", repair_page_new, R_COUPLE },
	{ M_GET, "/repairs/{id}", repair_page_show, R_COUPLE },
	{ M_GET, "/repairs/{id}/reflection", repair_page_reflection, R_COUPLE },
	{ M_POST, "/repairs/{id}/reflection", repair_post_reflection, R_COUPLE },
	{ M_GET, "/repairs/{id}/apology", repair_page_apology, R_COUPLE },
	{ M_POST, "/repairs/{id}/apology", repair_post_apology, R_COUPLE },
	{ M_GET, "/repairs/{id}/response", repair_page_response, R_COUPLE },
	{ M_POST, "/repairs/{id}/response", repair_post_response, R_COUPLE },
	{ M_GET, "/repairs/{id}/plan", repair_page_plan, R_COUPLE },
	{ M_POST, "/repairs/{id}/plan", repair_post_plan, R_COUPLE },
	{ M_POST, "/api/v1/repairs", repair_api_create, R_COUPLE | R_ADDS },
	{ M_GET, "/api/v1/repairs", repair_api_list, R_COUPLE },
	{ M_GET, "/api/v1/repairs/{id}", repair_api_get, R_COUPLE },
	{ M_PUT, "/api/v1/repairs/{id}/reflection", repair_api_reflection, R_COUPLE },
	{ M_PUT, "/api/v1/repairs/{id}/apology", repair_api_apology, R_COUPLE },
	{ M_PUT, "/api/v1/repairs/{id}/response", repair_api_response, R_COUPLE },
	{ M_PUT, "/api/v1/repairs/{id}/plan", repair_api_plan, R_COUPLE },
};

static const struct area_menu menu[] = {
	{ "repairs", "/repairs", N_("Repair"), AREA_PAIR, 50, NULL, N_("Step by step after a hurt"), 0 },
};

static int export_repair(struct req *r, struct db *db, int64_t couple_id,
			 const struct export_who *who, struct export_out *out)
{
	return repair_export(db, couple_id, who, out, &r->err);
}

static const char *const events[] = { "repair", NULL };

static const struct area_share shares[] = {
	{ SCOPE_REPAIR_PLANS, share_repair_plans },
};

const struct area repair_area = {
	.name = "repair",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.home = { repair_home, AREA_PARTNER, 50 },
	.export = export_repair,
	.export_couple = 1,
	.forget = repair_forget,
	.shares = shares,
	.nshares = ARRAY_LEN(shares),
	.events = events,
};
