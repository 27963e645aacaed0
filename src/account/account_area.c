/* account_area.c: the account area's descriptor (web/area.h): accounts, sign-in and sessions, the passphrase and recovery code. */
#include "web/area.h"

#include "account/account.h"
#include "account/account_store.h"
#include "util/i18n.h"

static const struct route routes[] = {
	{ M_GET, "/signup", account_page_signup, 0 },
	{ M_POST, "/signup", account_post_signup, R_HASH },
	{ M_GET, "/signin", account_page_signin, 0 },
	{ M_POST, "/signin", account_post_signin, R_HASH },
	{ M_POST, "/signout", account_post_signout, 0 },
	{ M_GET, "/recover", account_page_recover, 0 },
	{ M_POST, "/recover", account_post_recover, R_HASH },
	{ M_GET, "/account", account_page, R_AUTH },
	{ M_POST, "/account/passphrase", account_post_passphrase, R_AUTH | R_HASH },
	{ M_POST, "/api/v1/accounts", account_api_create, R_HASH },
	{ M_POST, "/api/v1/accounts/recover", account_api_recover, R_HASH },
	{ M_POST, "/api/v1/sessions", account_api_signin, R_HASH },
	{ M_DELETE, "/api/v1/sessions/current", account_api_signout, R_AUTH },
	{ M_GET, "/api/v1/me", account_api_me, R_AUTH },
	{ M_PUT, "/api/v1/me/passphrase", account_api_passphrase, R_AUTH | R_HASH },
	{ M_POST, "/api/v1/me/recovery-code", account_api_recovery_code, R_AUTH | R_HASH },
	{ M_POST, "/account/recovery-code", account_post_recovery_code, R_AUTH | R_HASH },
	/* name, time_zone and language, all optional, checked before any is written */
	{ M_PATCH, "/api/v1/me", account_api_update, R_AUTH },
	{ M_POST, "/account/profile", account_post_profile, R_AUTH },
	{ M_POST, "/account/language", account_post_language, R_AUTH },
};

static const struct area_menu menu[] = {
	{ "account", "/account", N_("Account"), AREA_ANYONE, 120, NULL, NULL, 0 },
};

static int export_account(struct req *r, struct db *db, int64_t couple_id,
			 const struct export_who *who, struct export_out *out)
{
	(void)couple_id;
	return acct_export(db, who, out, &r->err);
}

const struct area account_area = {
	.name = "account",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.export = export_account,
};
