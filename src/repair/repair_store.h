/* repair_store.h: SQL for repairs after a hurt and each partner's entries for
 * their steps (reflection, apology, response, plan). Every query filters by
 * couple_id. Text comes back owned by the arena passed in. */
#ifndef DUET_REPAIR_STORE_H
#define DUET_REPAIR_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "repair/repair_stage.h"
#include "store/db.h"
#include "util/arena.h"

struct repair_row {
	int64_t id;
	const char *title;
	int64_t happened_on; /* 00:00 UTC of the day */
	int64_t started_by;  /* 0 when that person has gone */
	int64_t created;
	int64_t planned_at; /* when the plans became agreements; 0 before */
};

/* What every entry has, whatever its step. */
struct repair_meta {
	int written; /* 0: nothing written yet (the rest is empty) */
	int64_t written_at, updated_at;
	int seen;   /* the partner has seen it in full */
	int edited; /* changed after the partner had seen it */
	int64_t version; /* 1 when written, one more with each change; 0 not written */
};

struct repair_reflection {
	struct repair_meta m;
	const char *feelings; /* one feeling a line */
	const char *reality, *triggers, *my_part;
};

struct repair_apology {
	struct repair_meta m;
	const char *text;
	const char *coach; /* the coach's JSON object, computed when saved */
};

struct repair_response { /* to the partner's apology */
	struct repair_meta m;
	int accepted;
	const char *still_needed;
};

struct repair_plan {
	struct repair_meta m;
	const char *mine;     /* one thing I will do */
	const char *partners; /* one thing I ask of my partner; "" for nothing */
};

/* One partner's entries for one repair. */
struct repair_side {
	struct repair_reflection reflection;
	struct repair_apology apology;
	struct repair_response response;
	struct repair_plan plan;
};

/* Starts a repair; *id set. */
int repair_insert(struct db *db, int64_t couple_id, const char *title, int64_t happened_on,
                  int64_t started_by, int64_t *id, struct err *e) WARN_UNUSED_RESULT;

/* One repair of the couple: 1 found, 0 not (or another couple's), -1 error. */
int repair_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
               struct repair_row *out, struct err *e) WARN_UNUSED_RESULT;

/* The couple's repairs, newest first, at most max; *out from the arena. */
int repair_list(struct db *db, struct arena *a, int64_t couple_id, size_t max,
                struct repair_row **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Calls fn for every step written in the couple's repairs (repair, author, step),
 * in no particular order. */
int repair_steps_written(struct db *db, int64_t couple_id,
                         void (*fn)(void *ctx, int64_t repair_id, int64_t user_id, int step),
                         void *ctx, struct err *e) WARN_UNUSED_RESULT;

/* Loads user_id's entries for a repair (entries not written have m.written 0). */
int repair_side_load(struct db *db, struct arena *a, int64_t couple_id, int64_t repair_id,
                     int64_t user_id, struct repair_side *out, struct err *e) WARN_UNUSED_RESULT;

/* Writes (or replaces) user_id's entry for a step. `edited` marks the change as
 * made after the partner saw the entry; it never clears an earlier mark. */
int repair_put_reflection(struct db *db, int64_t couple_id, int64_t repair_id, int64_t user_id,
                          const struct repair_reflection *v, int edited,
                          struct err *e) WARN_UNUSED_RESULT;
int repair_put_apology(struct db *db, int64_t couple_id, int64_t repair_id, int64_t user_id,
                       const struct repair_apology *v, int edited,
                       struct err *e) WARN_UNUSED_RESULT;
int repair_put_response(struct db *db, int64_t couple_id, int64_t repair_id, int64_t user_id,
                        const struct repair_response *v, int edited,
                        struct err *e) WARN_UNUSED_RESULT;
int repair_put_plan(struct db *db, int64_t couple_id, int64_t repair_id, int64_t user_id,
                    const struct repair_plan *v, struct err *e) WARN_UNUSED_RESULT;

/* Calls fn for every plan written in the couple's repairs, in no order. */
int repair_plans_written(struct db *db, int64_t couple_id,
                         void (*fn)(void *ctx, int64_t repair_id, int64_t user_id, const char *mine,
                                    const char *partners),
                         void *ctx, struct err *e) WARN_UNUSED_RESULT;

/* Records that the partner has now seen user_id's entry for `step` in full. */
int repair_mark_seen(struct db *db, int64_t couple_id, int64_t repair_id, int64_t user_id,
                     enum repair_step step, struct err *e) WARN_UNUSED_RESULT;

/* Sets the repair's planned_at if it is not set yet: *claimed is 1 for the one
 * caller that set it (who then makes the agreements), 0 when it was set before. */
int repair_claim_plan(struct db *db, int64_t couple_id, int64_t repair_id, int *claimed,
                      struct err *e) WARN_UNUSED_RESULT;

/* Export (docs/EXPORT.md): the couple's repairs, the person's reflections,
 * apologies, responses and plans, and the partner's reflections, apologies and
 * responses where the reveal rule shows them (the person wrote theirs of the same
 * kind). repair_forget removes the repairs the person started (deletion). */
struct export_who;
struct export_out;
int repair_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
                  struct err *e) WARN_UNUSED_RESULT;
int repair_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
	WARN_UNUSED_RESULT;

#endif
