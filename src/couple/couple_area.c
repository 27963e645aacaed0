/* couple_area.c: the couple area's descriptor (web/area.h): the couple space: making it, inviting, joining and leaving. */
#include "web/area.h"
#include "util/i18n.h"

#include "couple/couple.h"
#include "couple/couple_store.h"

static const struct route routes[] = {
	{ M_GET, "/couple", couple_page, R_AUTH },
	{ M_POST, "/couple", couple_post_create, R_AUTH },
	{ M_POST, "/couple/invites", couple_post_invite, R_AUTH },
	{ M_POST, "/couple/join", couple_post_join, R_AUTH },
	{ M_GET, "/couple/leave", couple_page_leave, R_AUTH },
	{ M_POST, "/couple/leave", couple_post_leave, R_AUTH },
	{ M_GET, "/join/{code}", couple_page_join, 0 },
	{ M_POST, "/api/v1/couple", couple_api_create, R_AUTH },
	{ M_POST, "/api/v1/couple/invites", couple_api_invite, R_AUTH },
	{ M_POST, "/api/v1/couple/join", couple_api_join, R_AUTH },
	{ M_DELETE, "/api/v1/couple", couple_api_leave, R_AUTH },
	{ M_GET, "/api/v1/couple", couple_api_get, R_AUTH },
	{ M_POST, "/first-week/hide", couple_post_first_week_hide, R_AUTH },
};

static const struct area_menu menu[] = {
	{ "couple", "/couple", N_("Couple"), AREA_PARTNER, 110, NULL, NULL, 0 },
};

/* The couple's part, with the partner's name as the person sees it now. */
static int export_couple(struct req *r, struct db *db, int64_t couple_id,
			 const struct export_who *who, struct export_out *out)
{
	return couple_export(db, couple_id, who,
	                     r->user->partner_id ? r->user->partner_name : NULL, out, &r->err);
}

static const char *const events[] = { "couple", NULL };

const struct area couple_area = {
	.name = "couple",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.export = export_couple,
	.export_couple = 1,
	.events = events,
};
