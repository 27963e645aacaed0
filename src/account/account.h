/* account.h: signing up, signing in and out, the passphrase, recovery, and
 * `GET /api/v1/me`. Handlers for both the pages and the JSON API. */
#ifndef DUET_ACCOUNT_H
#define DUET_ACCOUNT_H

#include "account_store.h"
#include "crypto/keys.h"
#include "http/request.h"
#include "store/db.h"

/* Checks the signed-in person's passphrase inside a session (changing it,
 * deleting the account): throttled per person, so that a stolen session cannot
 * guess the passphrase, which outlives it (429 with Retry-After). 0 with *a
 * loaded (strings from the request's arena) and kek filled (the caller wipes
 * it); -1 with r->err set, 401 with the message `wrong` when it does not match. */
int account_verify(struct req *r, const char *pass, const char *wrong, struct account *a,
		   unsigned char kek[KEY_BYTES]) WARN_UNUSED_RESULT;

/* Counts one event under `key` (a throttle key) in the current hour, when
 * fewer than `limit` happened in it: 0. When the hour is full: 1, with
 * r->retry_after set to the seconds left (the caller words the 429). -1 with
 * r->err set on a database error. */
int account_hourly(struct req *r, struct db *db, const char *key, long limit)
	WARN_UNUSED_RESULT;

int account_api_create(struct req *r);
int account_api_signin(struct req *r);
int account_api_signout(struct req *r);
int account_api_me(struct req *r);
int account_api_passphrase(struct req *r);
int account_api_recover(struct req *r);
/* POST /api/v1/me/recovery-code {"passphrase"} → 201 {"recovery_code"}. */
int account_api_recovery_code(struct req *r);
/* PATCH /api/v1/me {"name"?, "time_zone"?} → 200, the same shape as GET. */
int account_api_update(struct req *r);

int account_page_signup(struct req *r);
int account_post_signup(struct req *r);
int account_page_signin(struct req *r);
int account_post_signin(struct req *r);
int account_post_signout(struct req *r);
int account_page(struct req *r);
int account_post_passphrase(struct req *r);
int account_page_recover(struct req *r);
int account_post_recover(struct req *r);
int account_post_recovery_code(struct req *r);
int account_post_profile(struct req *r);

/* PATCH /api/v1/me's "language": "en", "de", "es", or null (follow the
 * browser). Stores it and switches this request to it. 0, or -1 with r->err
 * (400 for anything else). */
int account_patch_language(struct req *r, struct db *db, json_t *value);
int account_post_language(struct req *r);

#endif
