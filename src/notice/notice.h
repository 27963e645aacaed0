/* notice.h: "noticing each other". The home page shows what the partner did
 * since the person last looked: answered a question, asked "tell me more",
 * added to an answer, asked to open a level early, put something on the dream
 * table, replied, or moved a dream; reacted to an answer; wrote a reflection or
 * an apology in a repair; ended sharing with the counsellor; left an
 * appreciation in a check-in. The navigation shows the counts of news about
 * questions and about dreams.
 *
 * An item counts as seen once the person opens it (a prompt's page, a dream's
 * page, the levels page, the trends page), or when they mark everything as
 * seen. Some news ends by itself: a request to open a level early once the
 * level is open, however it opened; an appreciation after a week. The
 * partner's words never appear here: only that the partner wrote something.
 */
#ifndef DUET_NOTICE_H
#define DUET_NOTICE_H

#include "http/request.h"
#include "store/db.h"

/* Records that the signed-in person has seen this prompt's news. */
int notice_mark_prompt(struct req *r, struct db *db, const char *prompt_id) WARN_UNUSED_RESULT;

/* Records that the signed-in person has seen this dream's news. */
int notice_mark_dream(struct req *r, struct db *db, int64_t dream_id) WARN_UNUSED_RESULT;

/* Records that the signed-in person has seen this repair's news (the partner's
 * reflection or apology). */
int notice_mark_repair(struct req *r, struct db *db, int64_t repair_id) WARN_UNUSED_RESULT;

/* Records that the signed-in person has seen the partner's appreciations in
 * check-ins (the trends page shows them all). */
int notice_mark_appreciations(struct req *r, struct db *db) WARN_UNUSED_RESULT;

/* Records that the signed-in person has seen the requests to open a level early. */
int notice_mark_levels(struct req *r, struct db *db) WARN_UNUSED_RESULT;

/* Counts for the navigation badges: news about questions, and about dreams.
 * 0 when there is none or anything fails (a badge never breaks a page). */
int notice_badge_know(struct req *r);
int notice_badge_dreams(struct req *r);

/* The items the signed-in person has news about ("p:<prompt id>",
 * "d:<dream id>", "l:<level>"), in request memory. -1 on failure, with
 * r->err left as it was. */
int notice_news_keys(struct req *r, const char ***keys, size_t *n) WARN_UNUSED_RESULT;

/* 1 when keys[0..n) holds "<kind>:<id>". */
int notice_news_has(const char *const *keys, size_t n, char kind, const char *id);

/* The home page's card "Since you last looked" (for a couple of two). */
int notice_home(struct req *r) WARN_UNUSED_RESULT;

int notice_api_list(struct req *r);
int notice_api_seen(struct req *r);
int notice_post_seen(struct req *r);

#endif
