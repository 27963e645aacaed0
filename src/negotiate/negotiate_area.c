/* negotiate_area.c: the negotiate area's descriptor (web/area.h): negotiating: a fair split or a fair choice. */
#include "web/area.h"
#include "util/i18n.h"

#include "negotiate/negotiation.h"
#include "negotiate/negotiation_store.h"

static const struct route routes[] = {
	{ M_GET, "/negotiations", negotiation_page_list, R_COUPLE },
	{ M_POST, "/negotiations", negotiation_post_create, R_COUPLE | R_ADDS },
	{ M_GET, "/negotiations/new", negotiation_page_new, R_COUPLE },
	{ M_GET, "/negotiations/{id}", negotiation_page, R_COUPLE },
	{ M_POST, "/negotiations/{id}/items", negotiation_post_add_item, R_COUPLE | R_ADDS },
	{ M_POST, "/negotiations/{id}/items/{item}/remove", negotiation_post_remove_item, R_COUPLE },
	{ M_POST, "/negotiations/{id}/allocation", negotiation_post_allocate, R_COUPLE },
	{ M_POST, "/negotiations/{id}/accept", negotiation_post_accept, R_COUPLE },
	{ M_POST, "/negotiations/{id}/reopen", negotiation_post_reopen, R_COUPLE },
	{ M_GET, "/negotiations/{id}/delete", negotiation_page_delete, R_COUPLE },
	{ M_POST, "/negotiations/{id}/delete", negotiation_post_delete, R_COUPLE },
	{ M_GET, "/api/v1/negotiations", negotiation_api_list, R_COUPLE },
	{ M_POST, "/api/v1/negotiations", negotiation_api_create, R_COUPLE | R_ADDS },
	{ M_GET, "/api/v1/negotiations/{id}", negotiation_api_get, R_COUPLE },
	{ M_POST, "/api/v1/negotiations/{id}/items", negotiation_api_add_item, R_COUPLE | R_ADDS },
	{ M_DELETE, "/api/v1/negotiations/{id}/items/{item}", negotiation_api_remove_item, R_COUPLE },
	{ M_PUT, "/api/v1/negotiations/{id}/allocation", negotiation_api_allocate, R_COUPLE },
	{ M_POST, "/api/v1/negotiations/{id}/accept", negotiation_api_accept, R_COUPLE },
	{ M_POST, "/api/v1/negotiations/{id}/reopen", negotiation_api_reopen, R_COUPLE },
	{ M_DELETE, "/api/v1/negotiations/{id}", negotiation_api_delete, R_COUPLE },
};

static const struct area_menu menu[] = {
	{ "negotiate", "/negotiations", N_("Negotiate"), AREA_PAIR, 60, NULL,
	  N_("A fair way through when you want different things"), 0 },
};

static int export_negotiate(struct req *r, struct db *db, int64_t couple_id,
			 const struct export_who *who, struct export_out *out)
{
	return negotiation_export(db, couple_id, who, out, &r->err);
}

static const char *const events[] = { "negotiation", NULL };

const struct area negotiate_area = {
	.name = "negotiate",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.home = { negotiation_home_note, AREA_PAIR, 40 },
	.export = export_negotiate,
	.export_couple = 1,
	.forget = negotiation_forget,
	.events = events,
};
