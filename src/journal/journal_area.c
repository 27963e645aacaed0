/* journal_area.c: the journal area's descriptor (web/area.h): the private journal, sealed so only its author can read it. */
#include "web/area.h"
#include "util/i18n.h"

#include "journal/journal.h"

static const struct route routes[] = {
	{ M_GET, "/journal", journal_page_list, R_AUTH },
	{ M_POST, "/journal", journal_post_create, R_AUTH | R_ADDS },
	{ M_GET, "/journal/new", journal_page_new, R_AUTH },
	{ M_GET, "/journal/{id}", journal_page_entry, R_AUTH },
	{ M_POST, "/journal/{id}", journal_post_update, R_AUTH },
	{ M_GET, "/journal/{id}/delete", journal_page_delete, R_AUTH },
	{ M_POST, "/journal/{id}/delete", journal_post_delete, R_AUTH },
	{ M_GET, "/journal/{id}/apology", journal_page_apology, R_COUPLE },
	{ M_POST, "/api/v1/journal", journal_api_create, R_AUTH | R_ADDS },
	{ M_GET, "/api/v1/journal", journal_api_list, R_AUTH },
	{ M_GET, "/api/v1/journal/{id}", journal_api_get, R_AUTH },
	{ M_PUT, "/api/v1/journal/{id}", journal_api_update, R_AUTH },
	{ M_DELETE, "/api/v1/journal/{id}", journal_api_delete, R_AUTH },
};

static const struct area_menu menu[] = {
	{ "journal", "/journal", N_("Journal"), AREA_PARTNER, 80, NULL, N_("Private: for you alone"), 0 },
};

static int export_journal(struct req *r, struct db *db, int64_t couple_id,
			 const struct export_who *who, struct export_out *out)
{
	(void)db;
	(void)couple_id;
	(void)who;
	return journal_export(r, out);
}

const struct area journal_area = {
	.name = "journal",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.export = export_journal,
};
