/* routes.c: the one route table. Pages and their JSON API twins sit together
 * per product area. */
#include "account/account.h"
#include "agreements/agreement.h"
#include "coach/coach_http.h"
#include "couple/couple.h"
#include "journal/journal.h"
#include "repair/repair.h"
#include "router.h"
#include "web/home.h"

const struct route routes[] = {
	/* site */
	{ M_GET, "/", home_page, 0 },
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
