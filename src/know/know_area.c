/* know_area.c: the know area's descriptor (web/area.h): knowing each other: prompts, levels, together mode. */
#include "web/area.h"
#include "util/i18n.h"

#include "know/know.h"
#include "know/know_store.h"
#include "know/levels.h"
#include "know/prompt.h"
#include "know/together_mode.h"
#include "notice/notice.h"

static const struct route routes[] = {
	{ M_GET, "/know", prompt_page_current, R_COUPLE | R_CACHE },
	{ M_GET, "/know/browse", prompt_page_browse, R_COUPLE },
	{ M_GET, "/know/own", prompt_page_own, R_COUPLE },
	{ M_POST, "/know/own", prompt_post_own, R_COUPLE | R_ADDS },
	{ M_GET, "/know/prompts/{id}", prompt_page, R_COUPLE },
	{ M_POST, "/know/prompts/{id}/answer", prompt_post_answer, R_COUPLE },
	{ M_POST, "/know/prompts/{id}/more", prompt_post_more, R_COUPLE | R_ADDS },
	{ M_POST, "/know/prompts/{id}/additions", prompt_post_addition, R_COUPLE | R_ADDS },
	{ M_POST, "/know/prompts/{id}/reaction", prompt_post_reaction, R_COUPLE },
	{ M_GET, "/know/decks", levels_page, R_COUPLE },
	{ M_POST, "/know/decks/levels/{level}/early", levels_post_early, R_COUPLE },
	{ M_POST, "/know/decks/levels/{level}/withdraw", levels_post_withdraw, R_COUPLE },
	{ M_GET, "/together", together_page, R_COUPLE },
	{ M_POST, "/together", together_post_start, R_COUPLE | R_ADDS },
	{ M_GET, "/together/{id}", together_page_session, R_COUPLE },
	{ M_POST, "/together/{id}/next", together_post_next, R_COUPLE | R_ADDS },
	{ M_POST, "/together/{id}/end", together_post_end, R_COUPLE },
	{ M_POST, "/together/{id}/confirm", together_post_confirm, R_COUPLE },
	{ M_GET, "/api/v1/prompts", prompt_api_list, R_COUPLE },
	{ M_POST, "/api/v1/prompts", prompt_api_create, R_COUPLE | R_ADDS },
	{ M_GET, "/api/v1/prompts/current", prompt_api_current, R_COUPLE | R_CACHE },
	{ M_GET, "/api/v1/prompts/{id}", prompt_api_get, R_COUPLE },
	{ M_PUT, "/api/v1/prompts/{id}/answer", prompt_api_answer, R_COUPLE },
	{ M_POST, "/api/v1/prompts/{id}/more", prompt_api_more, R_COUPLE | R_ADDS },
	{ M_POST, "/api/v1/prompts/{id}/additions", prompt_api_additions, R_COUPLE | R_ADDS },
	{ M_PUT, "/api/v1/prompts/{id}/reaction", prompt_api_reaction, R_COUPLE },
	{ M_GET, "/api/v1/decks", levels_api_get, R_COUPLE },
	{ M_POST, "/api/v1/decks/levels/{level}/early", levels_api_early, R_COUPLE },
	{ M_DELETE, "/api/v1/decks/levels/{level}/early", levels_api_withdraw, R_COUPLE },
	{ M_POST, "/api/v1/together", together_api_start, R_COUPLE | R_ADDS },
	{ M_GET, "/api/v1/together/{id}", together_api_get, R_COUPLE },
	{ M_POST, "/api/v1/together/{id}/next", together_api_next, R_COUPLE | R_ADDS },
	{ M_POST, "/api/v1/together/{id}/end", together_api_end, R_COUPLE },
	{ M_POST, "/api/v1/together/{id}/confirm", together_api_confirm, R_COUPLE },
};

static const struct area_menu menu[] = {
	{ "know", "/know", N_("Know each other"), AREA_PAIR, 10, notice_badge_know,
	  N_("A question for the two of you, answered apart"), 0 },
};

static int export_know(struct req *r, struct db *db, int64_t couple_id,
			 const struct export_who *who, struct export_out *out)
{
	return know_export(db, couple_id, who, out, &r->err);
}

static int setup_know(struct err *e)
{
	return know_setup(NULL, e);
}

static const char *const events[] = { "prompt", "together", NULL };

const struct area know_area = {
	.name = "know",
	.setup = setup_know,
	.unload = know_free,
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.home = { prompt_home, AREA_PAIR, 30 },
	.export = export_know,
	.export_couple = 1,
	.forget = know_forget,
	.events = events,
};
