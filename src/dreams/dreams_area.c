/* dreams_area.c: the dreams area's descriptor (web/area.h): the dream table. */
#include "web/area.h"
#include "util/i18n.h"

#include "dreams/dreams.h"
#include "dreams/dreams_store.h"
#include "notice/notice.h"

static const struct route routes[] = {
	{ M_GET, "/dreams", dreams_page, R_COUPLE },
	{ M_POST, "/dreams", dreams_post_create, R_COUPLE | R_ADDS },
	{ M_GET, "/dreams/new", dreams_page_new, R_COUPLE },
	{ M_GET, "/dreams/{id}", dreams_page_one, R_COUPLE },
	{ M_POST, "/dreams/{id}/replies", dreams_post_reply, R_COUPLE | R_ADDS },
	{ M_POST, "/dreams/{id}/status", dreams_post_status, R_COUPLE },
	{ M_GET, "/dreams/{id}/delete", dreams_page_delete, R_COUPLE },
	{ M_POST, "/dreams/{id}/delete", dreams_post_delete, R_COUPLE },
	{ M_GET, "/dreams/{id}/replies/{reply}/delete", dreams_page_delete_reply, R_COUPLE },
	{ M_POST, "/dreams/{id}/replies/{reply}/delete", dreams_post_delete_reply, R_COUPLE },
	{ M_GET, "/api/v1/dreams", dreams_api_list, R_COUPLE },
	{ M_POST, "/api/v1/dreams", dreams_api_create, R_COUPLE | R_ADDS },
	{ M_GET, "/api/v1/dreams/{id}", dreams_api_get, R_COUPLE },
	{ M_POST, "/api/v1/dreams/{id}/replies", dreams_api_reply, R_COUPLE | R_ADDS },
	{ M_PATCH, "/api/v1/dreams/{id}", dreams_api_update, R_COUPLE },
	{ M_DELETE, "/api/v1/dreams/{id}", dreams_api_delete, R_COUPLE },
	{ M_DELETE, "/api/v1/dreams/{id}/replies/{reply}", dreams_api_delete_reply, R_COUPLE },
};

static const struct area_menu menu[] = {
	{ "dreams", "/dreams", N_("Dream table"), AREA_PAIR, 40, notice_badge_dreams,
	  N_("Ideas, dreams and wishes to explore together"), 0 },
};

static int export_dreams(struct req *r, struct db *db, int64_t couple_id,
			 const struct export_who *who, struct export_out *out)
{
	return dreams_export(db, couple_id, who, out, &r->err);
}

static const char *const events[] = { "dream", NULL };

const struct area dreams_area = {
	.name = "dreams",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.export = export_dreams,
	.export_couple = 1,
	.forget = dreams_forget,
	.events = events,
};
