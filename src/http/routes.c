/* routes.c: the one route table. Pages and their JSON API twins sit together
 * per product area. */
#include "account/account.h"
#include "agreements/agreement.h"
#include "coach/coach_http.h"
#include "counsel/counsel.h"
#include "couple/couple.h"
#include "differences/difference.h"
#include "ownership/ownership.h"
#include "dreams/dreams.h"
#include "journal/journal.h"
#include "know/levels.h"
#include "know/prompt.h"
#include "know/together_mode.h"
#include "negotiate/negotiation.h"
#include "notice/notice.h"
#include "repair/repair.h"
#include "router.h"
#include "trust/checkin.h"
#include "trust/reminder.h"
#include "trust/safety.h"
#include "trust/trends.h"
#include "web/health.h"
#include "web/home.h"

const struct route routes[] = {
	/* site */
	{ M_GET, "/", home_page, R_CACHE },
	{ M_GET, "/healthz", health_check, 0 },
	{ M_GET, "/static/{file}", static_serve, 0 },

	/* accounts and sessions */
	{ M_GET, "/signup", account_page_signup, 0 },
	{ M_POST, "/signup", account_post_signup, 0 },
	{ M_GET, "/signin", account_page_signin, 0 },
	{ M_POST, "/signin", account_post_signin, 0 },
	{ M_POST, "/signout", account_post_signout, 0 },
	{ M_GET, "/recover", account_page_recover, 0 },
	{ M_POST, "/recover", account_post_recover, 0 },
	{ M_GET, "/account", account_page, R_AUTH },
	{ M_POST, "/account/passphrase", account_post_passphrase, R_AUTH },
	{ M_POST, "/api/v1/accounts", account_api_create, 0 },
	{ M_POST, "/api/v1/accounts/recover", account_api_recover, 0 },
	{ M_POST, "/api/v1/sessions", account_api_signin, 0 },
	{ M_DELETE, "/api/v1/sessions/current", account_api_signout, R_AUTH },
	{ M_GET, "/api/v1/me", account_api_me, R_AUTH },
	{ M_PUT, "/api/v1/me/passphrase", account_api_passphrase, R_AUTH },

	/* ownership: export and account deletion (docs/EXPORT.md) */
	{ M_GET, "/api/v1/export", ownership_api_export, R_AUTH },
	{ M_DELETE, "/api/v1/account", ownership_api_delete, R_AUTH },
	{ M_GET, "/account/delete", ownership_page_delete, R_AUTH },
	{ M_POST, "/account/delete", ownership_post_delete, R_AUTH },

	/* couple */
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

	/* agreements (from repairs, negotiations, or written directly) */
	{ M_GET, "/agreements", agreement_page, R_COUPLE },
	{ M_POST, "/agreements", agreement_post_create, R_COUPLE },
	{ M_POST, "/agreements/{id}/mark", agreement_post_mark, R_COUPLE },
	{ M_GET, "/api/v1/agreements", agreement_api_list, R_COUPLE },
	{ M_POST, "/api/v1/agreements", agreement_api_create, R_COUPLE },
	{ M_PATCH, "/api/v1/agreements/{id}", agreement_api_update, R_COUPLE },
	/* know each other: prompts, levels, together mode (src/know/); the dream
	 * table (src/dreams/); noticing each other (src/notice/) */
	{ M_GET, "/know", prompt_page_current, R_COUPLE | R_CACHE },
	{ M_GET, "/know/browse", prompt_page_browse, R_COUPLE },
	{ M_GET, "/know/own", prompt_page_own, R_COUPLE },
	{ M_POST, "/know/own", prompt_post_own, R_COUPLE },
	{ M_GET, "/know/prompts/{id}", prompt_page, R_COUPLE },
	{ M_POST, "/know/prompts/{id}/answer", prompt_post_answer, R_COUPLE },
	{ M_POST, "/know/prompts/{id}/more", prompt_post_more, R_COUPLE },
	{ M_POST, "/know/prompts/{id}/additions", prompt_post_addition, R_COUPLE },
	{ M_GET, "/know/decks", levels_page, R_COUPLE },
	{ M_POST, "/know/decks/levels/{level}/early", levels_post_early, R_COUPLE },
	{ M_POST, "/know/decks/levels/{level}/withdraw", levels_post_withdraw, R_COUPLE },
	{ M_GET, "/together", together_page, R_COUPLE },
	{ M_POST, "/together", together_post_start, R_COUPLE },
	{ M_GET, "/together/{id}", together_page_session, R_COUPLE },
	{ M_POST, "/together/{id}/next", together_post_next, R_COUPLE },
	{ M_POST, "/together/{id}/end", together_post_end, R_COUPLE },
	{ M_GET, "/dreams", dreams_page, R_COUPLE },
	{ M_POST, "/dreams", dreams_post_create, R_COUPLE },
	{ M_GET, "/dreams/new", dreams_page_new, R_COUPLE },
	{ M_GET, "/dreams/{id}", dreams_page_one, R_COUPLE },
	{ M_POST, "/dreams/{id}/replies", dreams_post_reply, R_COUPLE },
	{ M_POST, "/dreams/{id}/status", dreams_post_status, R_COUPLE },
	{ M_POST, "/noticing/seen", notice_post_seen, R_COUPLE },
	{ M_GET, "/api/v1/prompts", prompt_api_list, R_COUPLE },
	{ M_POST, "/api/v1/prompts", prompt_api_create, R_COUPLE },
	{ M_GET, "/api/v1/prompts/current", prompt_api_current, R_COUPLE | R_CACHE },
	{ M_GET, "/api/v1/prompts/{id}", prompt_api_get, R_COUPLE },
	{ M_PUT, "/api/v1/prompts/{id}/answer", prompt_api_answer, R_COUPLE },
	{ M_POST, "/api/v1/prompts/{id}/more", prompt_api_more, R_COUPLE },
	{ M_POST, "/api/v1/prompts/{id}/additions", prompt_api_additions, R_COUPLE },
	{ M_GET, "/api/v1/decks", levels_api_get, R_COUPLE },
	{ M_POST, "/api/v1/decks/levels/{level}/early", levels_api_early, R_COUPLE },
	{ M_DELETE, "/api/v1/decks/levels/{level}/early", levels_api_withdraw, R_COUPLE },
	{ M_POST, "/api/v1/together", together_api_start, R_COUPLE },
	{ M_GET, "/api/v1/together/{id}", together_api_get, R_COUPLE },
	{ M_POST, "/api/v1/together/{id}/next", together_api_next, R_COUPLE },
	{ M_POST, "/api/v1/together/{id}/end", together_api_end, R_COUPLE },
	{ M_GET, "/api/v1/dreams", dreams_api_list, R_COUPLE },
	{ M_POST, "/api/v1/dreams", dreams_api_create, R_COUPLE },
	{ M_GET, "/api/v1/dreams/{id}", dreams_api_get, R_COUPLE },
	{ M_POST, "/api/v1/dreams/{id}/replies", dreams_api_reply, R_COUPLE },
	{ M_PATCH, "/api/v1/dreams/{id}", dreams_api_update, R_COUPLE },
	{ M_GET, "/api/v1/noticing", notice_api_list, R_COUPLE },
	{ M_POST, "/api/v1/noticing/seen", notice_api_seen, R_COUPLE },

	/* negotiate: a fair split or a fair choice, which become agreements */
	{ M_GET, "/negotiations", negotiation_page_list, R_COUPLE },
	{ M_POST, "/negotiations", negotiation_post_create, R_COUPLE },
	{ M_GET, "/negotiations/new", negotiation_page_new, R_COUPLE },
	{ M_GET, "/negotiations/{id}", negotiation_page, R_COUPLE },
	{ M_POST, "/negotiations/{id}/items", negotiation_post_add_item, R_COUPLE },
	{ M_POST, "/negotiations/{id}/items/{item}/remove", negotiation_post_remove_item,
	  R_COUPLE },
	{ M_POST, "/negotiations/{id}/allocation", negotiation_post_allocate, R_COUPLE },
	{ M_POST, "/negotiations/{id}/accept", negotiation_post_accept, R_COUPLE },
	{ M_POST, "/negotiations/{id}/reopen", negotiation_post_reopen, R_COUPLE },
	{ M_GET, "/api/v1/negotiations", negotiation_api_list, R_COUPLE },
	{ M_POST, "/api/v1/negotiations", negotiation_api_create, R_COUPLE },
	{ M_GET, "/api/v1/negotiations/{id}", negotiation_api_get, R_COUPLE },
	{ M_POST, "/api/v1/negotiations/{id}/items", negotiation_api_add_item, R_COUPLE },
	{ M_DELETE, "/api/v1/negotiations/{id}/items/{item}", negotiation_api_remove_item,
	  R_COUPLE },
	{ M_PUT, "/api/v1/negotiations/{id}/allocation", negotiation_api_allocate, R_COUPLE },
	{ M_POST, "/api/v1/negotiations/{id}/accept", negotiation_api_accept, R_COUPLE },
	{ M_POST, "/api/v1/negotiations/{id}/reopen", negotiation_api_reopen, R_COUPLE },

	/* trust and closeness: check-ins (alone too), trends, reminders */
	{ M_GET, "/checkin", checkin_page, R_AUTH },
	{ M_POST, "/checkin", checkin_post, R_AUTH },
	{ M_POST, "/checkin/rhythm", checkin_post_rhythm, R_AUTH },
	{ M_GET, "/trends", trends_page, R_AUTH },
	{ M_GET, "/reminders", reminder_page, R_AUTH },
	{ M_POST, "/reminders", reminder_post, R_AUTH },
	{ M_PUT, "/api/v1/checkins/current", checkin_api_put, R_AUTH },
	{ M_GET, "/api/v1/checkins", checkin_api_list, R_AUTH },
	{ M_PUT, "/api/v1/checkins/rhythm", checkin_api_rhythm, R_AUTH },
	{ M_GET, "/api/v1/summary", trends_api_summary, R_AUTH },
	{ M_GET, "/api/v1/reminders", reminder_api_get, R_AUTH },
	{ M_PUT, "/api/v1/reminders", reminder_api_put, R_AUTH },

	/* counsellor: the couple's side (both partners) and the counsellor's */
	{ M_GET, "/counsellor", counsel_page, R_AUTH },
	{ M_POST, "/counsellor/invites", counsel_post_invite, R_COUPLE },
	{ M_POST, "/counsellor/invites/{id}/approve", counsel_post_approve, R_COUPLE },
	{ M_GET, "/counsellor/end", counsel_page_end, R_COUPLE },
	{ M_POST, "/counsellor/end", counsel_post_end, R_COUPLE },
	{ M_POST, "/counsellor/accept", counsellor_post_accept, R_AUTH },
	{ M_GET, "/counsellor/couples/{id}", counsellor_page_couple, R_AUTH },
	{ M_GET, "/counsellor/couples/{id}/{scope}", counsellor_page_scope, R_AUTH },
	{ M_GET, "/api/v1/counsellor", counsel_api_state, R_COUPLE },
	{ M_DELETE, "/api/v1/counsellor", counsel_api_end, R_COUPLE },
	{ M_POST, "/api/v1/counsellor/invites", counsel_api_invite, R_COUPLE },
	{ M_POST, "/api/v1/counsellor/invites/{id}/approve", counsel_api_approve, R_COUPLE },
	{ M_GET, "/api/v1/counsellor/log", counsel_api_log, R_COUPLE },
	{ M_POST, "/api/v1/counsellor/accept", counsellor_api_accept, R_AUTH },
	{ M_GET, "/api/v1/counsellor/couples", counsellor_api_couples, R_AUTH },
	{ M_GET, "/api/v1/counsellor/couples/{id}/{scope}", counsellor_api_scope, R_AUTH },

	/* resources and safety: open to everyone, signed in or not */
	{ M_GET, "/resources", safety_page_resources, 0 },
	{ M_GET, "/safety", safety_page_safety, 0 },
	{ M_GET, "/exit", safety_exit, 0 },
	{ M_GET, "/kitchen", safety_page_kitchen, 0 },
	{ M_GET, "/api/v1/safety", safety_api, 0 },

	/* not a mirror image: rating items and the difference map */
	{ M_GET, "/differences", difference_page, R_COUPLE | R_CACHE },
	{ M_GET, "/differences/map", difference_page_map, R_COUPLE | R_CACHE },
	{ M_GET, "/differences/rate/{category}", difference_page_rate, R_COUPLE },
	{ M_POST, "/differences/rate/{category}", difference_post_rate, R_COUPLE },
	{ M_POST, "/differences/items", difference_post_add, R_COUPLE },
	{ M_GET, "/api/v1/differences/items", difference_api_items, R_COUPLE },
	{ M_POST, "/api/v1/differences/items", difference_api_add, R_COUPLE },
	{ M_PUT, "/api/v1/differences/items/{id}/rating", difference_api_rate, R_COUPLE },
	{ M_GET, "/api/v1/differences/map", difference_api_map, R_COUPLE | R_CACHE },
	/* message coach, repair after a hurt, private journal */
	{ M_GET, "/coach", coach_page, R_AUTH },
	{ M_POST, "/coach", coach_post, R_AUTH },
	{ M_POST, "/api/v1/coach", coach_api_check, R_AUTH },
	{ M_GET, "/repairs", repair_page_list, R_COUPLE },
	{ M_POST, "/repairs", repair_post_create, R_COUPLE },
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
	{ M_POST, "/api/v1/repairs", repair_api_create, R_COUPLE },
	{ M_GET, "/api/v1/repairs", repair_api_list, R_COUPLE },
	{ M_GET, "/api/v1/repairs/{id}", repair_api_get, R_COUPLE },
	{ M_PUT, "/api/v1/repairs/{id}/reflection", repair_api_reflection, R_COUPLE },
	{ M_PUT, "/api/v1/repairs/{id}/apology", repair_api_apology, R_COUPLE },
	{ M_PUT, "/api/v1/repairs/{id}/response", repair_api_response, R_COUPLE },
	{ M_PUT, "/api/v1/repairs/{id}/plan", repair_api_plan, R_COUPLE },
	{ M_GET, "/journal", journal_page_list, R_AUTH },
	{ M_POST, "/journal", journal_post_create, R_AUTH },
	{ M_GET, "/journal/new", journal_page_new, R_AUTH },
	{ M_GET, "/journal/{id}", journal_page_entry, R_AUTH },
	{ M_POST, "/journal/{id}", journal_post_update, R_AUTH },
	{ M_GET, "/journal/{id}/delete", journal_page_delete, R_AUTH },
	{ M_POST, "/journal/{id}/delete", journal_post_delete, R_AUTH },
	{ M_GET, "/journal/{id}/apology", journal_page_apology, R_COUPLE },
	{ M_POST, "/api/v1/journal", journal_api_create, R_AUTH },
	{ M_GET, "/api/v1/journal", journal_api_list, R_AUTH },
	{ M_GET, "/api/v1/journal/{id}", journal_api_get, R_AUTH },
	{ M_PUT, "/api/v1/journal/{id}", journal_api_update, R_AUTH },
	{ M_DELETE, "/api/v1/journal/{id}", journal_api_delete, R_AUTH },
};

const size_t routes_count = sizeof routes / sizeof routes[0];
