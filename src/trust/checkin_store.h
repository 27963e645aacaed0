/* checkin_store.h: SQL for check-ins and the couple's check-in rhythm.
 *
 * A check-in belongs to a person (user_id) and, when the person is in a couple,
 * to that couple (couple_id; NULL for someone who has no couple space yet).
 * Every query filters by couple_id: a person's own check-ins are those of their
 * couple plus their own from before they had one (couple_id NULL); a partner's
 * are only those of the shared couple. Check-ins are stored under the first
 * week of their period (trust/period.h), at most one per person and week.
 */
#ifndef DUET_CHECKIN_STORE_H
#define DUET_CHECKIN_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "trust/trend.h"
#include "store/db.h"
#include "util/arena.h"

#define CHECKIN_NONE (-1) /* an item left unanswered (the same as TREND_GAP) */

struct checkin {
	int64_t id;
	int64_t week;             /* the first week of its period (trust/period.h) */
	int v[TREND_MEASURES];    /* closeness 1..7, the rest 0..6, or CHECKIN_NONE */
	const char *appreciation; /* NULL when none */
	int64_t updated_at;
};

/* The couple's rhythm in weeks (1 when the couple never chose one, or
 * couple_id is 0). */
int checkin_rhythm_get(struct db *db, int64_t couple_id, int *weeks,
                       struct err *e) WARN_UNUSED_RESULT;

/* Sets the couple's rhythm (1, 2 or 4 weeks). */
int checkin_rhythm_set(struct db *db, int64_t couple_id, int weeks, int64_t by,
                       struct err *e) WARN_UNUSED_RESULT;

/* The person's own latest check-in with from_week <= week <= to_week (in their
 * couple, or made before they had one; couple_id 0 when they have none).
 * 1 found (out filled, text from arena a), 0 none, -1 error. */
int checkin_mine_in(struct db *db, struct arena *a, int64_t user_id, int64_t couple_id,
                    int64_t from_week, int64_t to_week, struct checkin *out,
                    struct err *e) WARN_UNUSED_RESULT;

/* Inserts a check-in (id 0) or replaces the values of check-in `id` of the
 * person, which then also moves into couple_id (0 for none). *id set. */
int checkin_save(struct db *db, int64_t *id, int64_t user_id, int64_t couple_id, int64_t week,
                 const int v[TREND_MEASURES], const char *appreciation,
                 struct err *e) WARN_UNUSED_RESULT;

/* A person's check-ins from from_week on, oldest first, at most max; *out from
 * arena a. With `own` set: the person's own (couple_id's and those without a
 * couple); otherwise only those in couple_id (a partner's, or what a counsellor
 * may see). */
int checkin_list(struct db *db, struct arena *a, int64_t user_id, int64_t couple_id, int own,
                 int64_t from_week, size_t max, struct checkin **out, size_t *n,
                 struct err *e) WARN_UNUSED_RESULT;

/* Whether the person has a check-in in couple_id with week >= from_week. */
int checkin_exists_since(struct db *db, int64_t user_id, int64_t couple_id, int64_t from_week,
                         int *yes, struct err *e) WARN_UNUSED_RESULT;

/* Export (docs/EXPORT.md): the person's own check-ins (with appreciation) and
 * the partner's numbers in the couple, as the trends page shows them. */
struct export_who;
struct export_out;
int checkin_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
		   struct err *e) WARN_UNUSED_RESULT;

#endif
