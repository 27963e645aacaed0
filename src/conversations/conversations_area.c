/* conversations_area.c: the conversations area's descriptor (web/area.h):
 * structured conversations (the weekly meeting, the stress-reducing
 * conversation, speaker and listener). */
#include "web/area.h"
#include "util/i18n.h"

#include "conversations/conversation_store.h"
#include "conversations/conversations.h"

static const struct route routes[] = {
	{ M_GET, "/conversations", conversations_page, R_COUPLE },
	{ M_POST, "/conversations", conversations_post_create, R_COUPLE | R_ADDS },
	{ M_GET, "/conversations/{id}", conversations_page_one, R_COUPLE },
	{ M_POST, "/conversations/{id}/floor", conversations_post_floor, R_COUPLE },
	{ M_POST, "/conversations/{id}/next", conversations_post_next, R_COUPLE },
	{ M_POST, "/conversations/{id}/break", conversations_post_break, R_COUPLE },
	{ M_POST, "/conversations/{id}/resume", conversations_post_resume, R_COUPLE },
	{ M_POST, "/conversations/{id}/end", conversations_post_end, R_COUPLE },
	{ M_GET, "/api/v1/conversations", conversations_api_list, R_COUPLE },
	{ M_POST, "/api/v1/conversations", conversations_api_create, R_COUPLE | R_ADDS },
	{ M_GET, "/api/v1/conversations/{id}", conversations_api_get, R_COUPLE },
	{ M_POST, "/api/v1/conversations/{id}/floor", conversations_api_floor, R_COUPLE },
	{ M_POST, "/api/v1/conversations/{id}/next", conversations_api_next, R_COUPLE },
	{ M_POST, "/api/v1/conversations/{id}/break", conversations_api_break, R_COUPLE },
	{ M_POST, "/api/v1/conversations/{id}/resume", conversations_api_resume, R_COUPLE },
	{ M_POST, "/api/v1/conversations/{id}/end", conversations_api_end, R_COUPLE },
};

static const struct area_menu menu[] = {
	{ "conversations", "/conversations", N_("Conversations"), AREA_PAIR, 45, NULL,
	  N_("A guided talk: the weekly meeting, a stressful day, speaker and listener"), 0 },
};

static int export_conversations(struct req *r, struct db *db, int64_t couple_id,
				const struct export_who *who, struct export_out *out)
{
	return conversation_export(db, couple_id, who, out, &r->err);
}

static const char *const events[] = { "conversation", NULL };

const struct area conversations_area = {
	.name = "conversations",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.export = export_conversations,
	.export_couple = 1,
	.forget = conversation_forget,
	.events = events,
};
