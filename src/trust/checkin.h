/* checkin.h: the private check-in (closeness as the seven-step picture;
 * satisfaction, trust and feeling safe to share on 0..6; one appreciation),
 * its page, its API and the couple's rhythm. A check-in can be changed during
 * its period; it works for one partner alone. See docs/internals/checkins.md. */
#ifndef DUET_CHECKIN_H
#define DUET_CHECKIN_H

#include "checkin_store.h"
#include "http/request.h"

#define APPRECIATION_MAX 500

/* The JSON of a check-in; the appreciation only when `with_words` is set (a
 * counsellor sees numbers, never the partners' words). */
json_t *checkin_json(struct req *r, const struct checkin *c, int rhythm, int64_t current_week,
                     int with_words);

/* 1 when the signed-in person has a counsellor account (which does not check in). */
int checkin_is_counsellor(const struct req *r);

int checkin_api_put(struct req *r);
int checkin_api_list(struct req *r);
int checkin_api_rhythm(struct req *r);
int checkin_page(struct req *r);
int checkin_post(struct req *r);
int checkin_post_rhythm(struct req *r);

#endif
