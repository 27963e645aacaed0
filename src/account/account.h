/* account.h: signing up, signing in and out, the passphrase, recovery, and
 * `GET /api/v1/me`. Handlers for both the pages and the JSON API. */
#ifndef DUET_ACCOUNT_H
#define DUET_ACCOUNT_H

#include "http/request.h"

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

#endif
