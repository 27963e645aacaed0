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

#endif
