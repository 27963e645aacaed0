/* events_store.h: SQL for the live event log (events.h): per couple, what kind
 * of thing changed, where to look, who did it and when. Never what anyone
 * wrote: a row holds a kind, an id, a URL, an actor and a time.
 *
 * Each couple's events are numbered 1, 2, 3, … by couples.event_seq, which the
 * writing transaction moves on under the couple's row lock, so one couple's
 * ids commit in order under both backends. Only a window is kept: the last
 * EVENTS_KEEP events of a couple, none older than EVENTS_KEEP_SECONDS.
 * `seq` is a global row number, used only by the SQLite stream thread to find
 * rows that any process added since it last looked (SQLite commits one writer
 * at a time, so seq order is commit order there). */
#ifndef DUET_EVENTS_STORE_H
#define DUET_EVENTS_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

#define EVENTS_KEEP 200
#define EVENTS_KEEP_SECONDS (7 * 24 * 3600)
#define EVENT_KIND_MAX 24
#define EVENT_URL_MAX 200

/* One event as read back; fixed-size so the stream thread needs no arena. */
struct event_row {
	int64_t seq;
	int64_t couple_id;
	int64_t id;
	char kind[EVENT_KIND_MAX];
	char url[EVENT_URL_MAX];
	int64_t at;
	int64_t actor_id;                /* who caused it; 0 for the CLI or someone gone */
};

/* Records an event for the couple, moving its event_seq (and its page-cache
 * version, so that a page fetched because of the event is never a kept copy
 * from before it) on; *id set to the event's number. On PostgreSQL it also
 * sends NOTIFY duet_events with the couple's id, delivered at commit. Old
 * events beyond the window are pruned now and then. All of it in one commit:
 * its own transaction, or the caller's when one is open. */
int events_store_add(struct db *db, int64_t couple_id, const char *kind, const char *ref,
		     const char *url, int64_t actor_id, int64_t now, int64_t *id,
		     struct err *e) WARN_UNUSED_RESULT;

/* The couple's latest event number (0 before the first). */
int events_store_last(struct db *db, int64_t couple_id, int64_t *id,
		      struct err *e) WARN_UNUSED_RESULT;

/* The couple's events with after < id <= upto, seq > after_seq and at >=
 * since, not by `not_by` (a user id; 0 for anyone), oldest first, at most
 * max; *n set. */
int events_store_of_couple(struct db *db, int64_t couple_id, int64_t after, int64_t upto,
			   int64_t after_seq, int64_t since, int64_t not_by,
			   struct event_row *out, size_t max, size_t *n,
			   struct err *e) WARN_UNUSED_RESULT;

/* Every couple's events with seq > after_seq, in seq order, at most max; *n
 * set. For the SQLite stream thread only (see above). */
int events_store_after_seq(struct db *db, int64_t after_seq, struct event_row *out, size_t max,
			   size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* The highest seq there is (0 when there are no events). */
int events_store_max_seq(struct db *db, int64_t *seq, struct err *e) WARN_UNUSED_RESULT;

#endif
