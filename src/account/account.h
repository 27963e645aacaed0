/* account.h: signing up, signing in and out, the passphrase, recovery, and
 * `GET /api/v1/me`. Handlers for both the pages and the JSON API. */
#ifndef DUET_ACCOUNT_H
#define DUET_ACCOUNT_H

#include "http/request.h"
#include "store/db.h"

int account_api_create(struct req *r);
int account_api_signin(struct req *r);
int account_api_signout(struct req *r);
int account_api_me(struct req *r);
int account_api_passphrase(struct req *r);
int account_api_recover(struct req *r);

int account_page_signup(struct req *r);
int account_post_signup(struct req *r);
int account_page_signin(struct req *r);
int account_post_signin(struct req *r);
int account_post_signout(struct req *r);
int account_page(struct req *r);
int account_post_passphrase(struct req *r);
int account_page_recover(struct req *r);
int account_post_recover(struct req *r);

/* PATCH /api/v1/me's "language": "en", "de", "es", or null (follow the
 * browser). Stores it and switches this request to it. 0, or -1 with r->err
 * (400 for anything else). */
int account_patch_language(struct req *r, struct db *db, json_t *value);
int account_api_patch_me(struct req *r);
int account_post_language(struct req *r);

#endif
