/* notice_store.h: SQL for "noticing each other": the partner's doings read from
 * the tables of the areas it tells about, and each person's markers of what they have seen
 * (one per item, and one for "everything until then"). Every query filters by
 * couple_id. */
#ifndef DUET_NOTICE_STORE_H
#define DUET_NOTICE_STORE_H

#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

struct notice_event {
	const char *kind;   /* answered, more, addition, early, dream, reply, status,
	                     * reaction, reflection, apology, sharing_ended, appreciation */
	const char *key;    /* the item: "p:<prompt id>", "d:<dream id>", "l:<level>",
	                     * "r:<repair id>", "c:<link id>", "a:checkins" */
	const char *ref;    /* prompt id, dream or repair title, level number,
	                     * counsellor's name, or check-in week */
	const char *detail; /* dream status for "status"; "" otherwise */
	int64_t at;
};

/* What `partner` did that `viewer` has not seen: news at or after the viewer's
 * "everything seen" marker and the item's own marker. Newest first, at most
 * `max`; *since set to the "everything seen" marker (0 when never). */
int notice_events(struct db *db, struct arena *a, int64_t couple_id, int64_t viewer,
                  int64_t partner, size_t max, struct notice_event **out, size_t *n, int64_t *since,
                  struct err *e) WARN_UNUSED_RESULT;

/* When `partner` last did anything about item `key` (NULL: about anything);
 * 0 when never. */
int notice_latest(struct db *db, int64_t couple_id, int64_t partner, const char *key, int64_t *at,
                  struct err *e) WARN_UNUSED_RESULT;

/* When the person last marked item `key` seen (*at 0 when never). */
int notice_seen_get(struct db *db, int64_t user, const char *key, int64_t *at, struct err *e)
    WARN_UNUSED_RESULT;

/* Records that `user` has seen the news about item `key` before `seen_at`. */
int notice_seen_item(struct db *db, int64_t couple_id, int64_t user, const char *key,
                     int64_t seen_at, struct err *e) WARN_UNUSED_RESULT;

/* Records that `user` has seen all news before `seen_at`. */
int notice_seen_all(struct db *db, int64_t couple_id, int64_t user, int64_t seen_at,
                    struct err *e) WARN_UNUSED_RESULT;

#endif
