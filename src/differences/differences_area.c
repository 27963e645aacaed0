/* differences_area.c: the differences area's descriptor (web/area.h): not a mirror image: rating items and the difference map. */
#include "web/area.h"
#include "util/i18n.h"

#include "counsel/scope.h"
#include "differences/difference.h"
#include "differences/difference_store.h"

static const struct route routes[] = {
	{ M_GET, "/differences", difference_page, R_COUPLE | R_CACHE },
	{ M_GET, "/differences/map", difference_page_map, R_COUPLE | R_CACHE },
	{ M_GET, "/differences/rate/{category}", difference_page_rate, R_COUPLE },
	{ M_POST, "/differences/rate/{category}", difference_post_rate, R_COUPLE },
	{ M_POST, "/differences/items", difference_post_add, R_COUPLE | R_ADDS },
	{ M_GET, "/differences/items/{id}/delete", difference_page_delete, R_COUPLE },
	{ M_POST, "/differences/items/{id}/delete", difference_post_delete, R_COUPLE },
	{ M_GET, "/api/v1/differences/items", difference_api_items, R_COUPLE },
	{ M_POST, "/api/v1/differences/items", difference_api_add, R_COUPLE | R_ADDS },
	{ M_PUT, "/api/v1/differences/items/{id}/rating", difference_api_rate, R_COUPLE },
	{ M_DELETE, "/api/v1/differences/items/{id}", difference_api_delete, R_COUPLE },
	{ M_GET, "/api/v1/differences/map", difference_api_map, R_COUPLE | R_CACHE },
};

static const struct area_menu menu[] = {
	{ "differences", "/differences", N_("Differences"), AREA_PAIR, 30, NULL,
	  N_("What each of you loves or could do without"), 0 },
};

static int export_differences(struct req *r, struct db *db, int64_t couple_id,
			 const struct export_who *who, struct export_out *out)
{
	return difference_export(db, couple_id, who, out, &r->err);
}

static const char *const events[] = { "difference", NULL };

static const struct area_share shares[] = {
	{ SCOPE_DIFFERENCE_MAP, share_difference_map },
};

const struct area differences_area = {
	.name = "differences",
	.setup = difference_load,
	.unload = difference_free,
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.export = export_differences,
	.export_couple = 1,
	.forget = difference_forget,
	.shares = shares,
	.nshares = ARRAY_LEN(shares),
	.events = events,
};
