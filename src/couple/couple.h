/* couple.h: making a couple space, inviting the partner, joining, leaving.
 * Pages and JSON API. A person is in at most one couple of at most two;
 * invites are single-use, 128-bit random, and expire after 7 days. */
#ifndef DUET_COUPLE_H
#define DUET_COUPLE_H

#include "http/request.h"

/* GET /api/v1/couple: {"couple": null} or {"couple": {"id", "partner", "invite"}},
 * the invite (null or {"code", "expires_at"}) only for the partner who made it,
 * while it still works. */
int couple_api_get(struct req *r);
int couple_api_create(struct req *r);
int couple_api_invite(struct req *r);
int couple_api_join(struct req *r);
int couple_api_leave(struct req *r);

int couple_page(struct req *r);
int couple_post_create(struct req *r);
int couple_post_invite(struct req *r);
int couple_page_join(struct req *r);
int couple_post_join(struct req *r);
int couple_page_leave(struct req *r);
int couple_post_leave(struct req *r);

/* Home: "Welcome" on the person's very first look (which it records), later
 * "Welcome back"; NULL with r->err set on failure. */
const char *couple_home_welcome(struct req *r);

/* Home: a new couple's first steps (couple/firstweek.h), or nothing. */
int couple_home_first_week(struct req *r) WARN_UNUSED_RESULT;

/* POST /first-week/hide: the first steps are not shown again. */
int couple_post_first_week_hide(struct req *r);

#endif
