/* agreements_area.c: the agreements area's descriptor (web/area.h): agreements, from repairs and negotiations or written directly. */
#include "web/area.h"
#include "util/i18n.h"

#include "agreements/agreement.h"
#include "agreements/agreement_share.h"
#include "agreements/agreement_store.h"
#include "counsel/scope.h"

static const struct route routes[] = {
	{ M_GET, "/agreements", agreement_page, R_COUPLE },
	{ M_POST, "/agreements", agreement_post_create, R_COUPLE | R_ADDS },
	{ M_POST, "/agreements/{id}/mark", agreement_post_mark, R_COUPLE },
	{ M_GET, "/api/v1/agreements", agreement_api_list, R_COUPLE },
	{ M_POST, "/api/v1/agreements", agreement_api_create, R_COUPLE | R_ADDS },
	{ M_PATCH, "/api/v1/agreements/{id}", agreement_api_update, R_COUPLE },
};

static const struct area_menu menu[] = {
	{ "agreements", "/agreements", N_("Agreements"), AREA_PAIR, 70, NULL,
	  N_("What you agreed, and how it is going"), 0 },
};

static int export_agreements(struct req *r, struct db *db, int64_t couple_id,
			 const struct export_who *who, struct export_out *out)
{
	return agreement_export(db, couple_id, who, out, &r->err);
}

static const char *const events[] = { "agreement", NULL };

static const struct area_share shares[] = {
	{ SCOPE_AGREEMENTS, share_agreements },
};

const struct area agreements_area = {
	.name = "agreements",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.export = export_agreements,
	.export_couple = 1,
	.forget = agreement_forget,
	.shares = shares,
	.nshares = ARRAY_LEN(shares),
	.events = events,
};
