/* agreement_store.h: SQL for agreements (from repairs, negotiations, or made
 * directly) and the history of how they were marked. Every query filters by
 * couple_id. */
#ifndef DUET_AGREEMENT_STORE_H
#define DUET_AGREEMENT_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

struct agreement {
	int64_t id;
	const char *text;
	int64_t doer_id;      /* who does it; 0 with both_do for both, 0 alone if the doer left */
	int both_do;
	int64_t review_on;    /* unix seconds, 00:00 UTC of the review day */
	const char *status;   /* active, kept, missed, renegotiate */
	int64_t status_by;    /* 0 when never marked */
	const char *status_by_name;
	int64_t status_at;
	const char *source;   /* own, repair, negotiation */
	int64_t source_id;
	int64_t created_by;
	int64_t created_at;
};

/* Inserts an agreement (status active); *id set. doer_id 0 with both_do = 1 for
 * "both of us". Runs inside the caller's transaction if there is one. */
int agreement_insert(struct db *db, int64_t couple_id, int64_t created_by, const char *text,
		     int64_t doer_id, int both_do, int64_t review_on, const char *source,
		     int64_t source_id, int64_t *id, struct err *e) WARN_UNUSED_RESULT;

/* Loads one agreement of the couple; 1 found, 0 not (or another couple's), -1 error. */
int agreement_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
		  struct agreement *out, struct err *e) WARN_UNUSED_RESULT;

/* The couple's agreements, active ones first by review day, then the rest,
 * newest first: at most `max` after skipping `skip`; *out from the arena. */
int agreement_list(struct db *db, struct arena *a, int64_t couple_id, size_t skip, size_t max,
		   struct agreement **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* The couple's agreements that came from one source (a negotiation, a
 * repair), oldest first; at most `max`, *out from the arena. */
int agreement_list_from(struct db *db, struct arena *a, int64_t couple_id, const char *source,
			int64_t source_id, size_t max, struct agreement **out, size_t *n,
			struct err *e) WARN_UNUSED_RESULT;

/* Marks an agreement (kept, missed, renegotiate, active) and records the mark;
 * a new review day when review_on is not 0. */
int agreement_mark(struct db *db, int64_t couple_id, int64_t id, const char *status, int64_t by,
		   int64_t review_on, struct err *e) WARN_UNUSED_RESULT;

/* Number of the couple's active agreements due on or before `day`. */
int agreement_due_count(struct db *db, int64_t couple_id, int64_t day, int64_t *n,
			struct err *e) WARN_UNUSED_RESULT;

/* Calls fn for every kept or missed mark since `since`, oldest first (the
 * trust chart groups them by month). */
int agreement_marks_since(struct db *db, int64_t couple_id, int64_t since,
			  void (*fn)(void *ctx, int64_t marked_at, const char *status), void *ctx,
			  struct err *e) WARN_UNUSED_RESULT;

/* Export (docs/EXPORT.md): the couple's agreements. agreement_forget removes
 * the agreements the person wrote (deletion). */
struct export_who;
struct export_out;
int agreement_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
		     struct err *e) WARN_UNUSED_RESULT;
int agreement_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
	WARN_UNUSED_RESULT;

#endif
