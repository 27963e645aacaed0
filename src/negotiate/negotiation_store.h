/* negotiation_store.h: SQL for negotiations, their items (issues or
 * options) and each partner's side: flags and private values. Every query
 * filters by couple_id. Reading a partner's values is the caller's decision,
 * made with lib/reveal.h; this layer only stores them.
 *
 * Sides are always asked for with the couple's two user ids in a fixed order
 * (uid[0], uid[1]); a side with no row yet has every flag 0 and no status quo.
 */
#ifndef DUET_NEGOTIATION_STORE_H
#define DUET_NEGOTIATION_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

struct neg_item {
	int64_t id;
	const char *name;
	int64_t added_by; /* 0 when that person is gone */
};

struct neg_side {
	int started, done, accepted;
	long long status_quo; /* -1 when not given */
};

struct negotiation {
	int64_t id;
	const char *topic;
	const char *kind;  /* split, choice */
	const char *state; /* open, allocating, proposed, accepted */
	int64_t created_by;
	int64_t created_at, updated_at, accepted_at; /* accepted_at 0 until accepted */
	size_t nitems;
	struct neg_item *items; /* negotiation_get only; NULL in lists */
	struct neg_side side[2]; /* for uid[0] and uid[1] */
};

/* Inserts a negotiation (state open); *id set. */
int negotiation_insert(struct db *db, int64_t couple_id, int64_t created_by, const char *topic,
		       const char *kind, int64_t *id, struct err *e) WARN_UNUSED_RESULT;

/* Adds an item at the end of the list. A name already in the list sets
 * e->code "conflict". */
int negotiation_item_add(struct db *db, int64_t couple_id, int64_t neg_id, const char *name,
			 int64_t added_by, struct err *e) WARN_UNUSED_RESULT;

/* Deletes a negotiation with its items, sides and values (agreements made
 * from it stay). */
int negotiation_delete(struct db *db, int64_t couple_id, int64_t id, struct err *e)
	WARN_UNUSED_RESULT;

/* Removes an item and every value given to it: 1 removed, 0 no such item, -1 error. */
int negotiation_item_remove(struct db *db, int64_t couple_id, int64_t neg_id, int64_t item_id,
			    struct err *e) WARN_UNUSED_RESULT;

/* Loads one negotiation with its items (in the order added) and both sides;
 * 1 found, 0 not (or another couple's), -1 error. Text from the arena. */
int negotiation_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
		    const int64_t uid[2], struct negotiation *out, struct err *e)
	WARN_UNUSED_RESULT;

/* The couple's negotiations, most recently changed first, with item counts and
 * sides but no items; at most `max`, *out from the arena. */
int negotiation_list(struct db *db, struct arena *a, int64_t couple_id, const int64_t uid[2],
		     size_t skip, size_t max, struct negotiation **out, size_t *n, struct err *e)
	WARN_UNUSED_RESULT;

/* The values user_id gave to items[0..n), into values[0..n); -1 (BARGAIN_NONE)
 * where none was given. */
int negotiation_values_get(struct db *db, int64_t couple_id, int64_t neg_id, int64_t user_id,
			   const struct neg_item *items, size_t n, long long *values,
			   struct err *e) WARN_UNUSED_RESULT;

/* Saves user_id's values (values[i] for items[i], -1 for none) and status quo
 * (-1 for none): the side is then started, done as given, not accepted.
 * Several statements: call inside a transaction. */
int negotiation_side_save(struct db *db, int64_t couple_id, int64_t neg_id, int64_t user_id,
			  const struct neg_item *items, size_t n, const long long *values,
			  long long status_quo, int done, struct err *e) WARN_UNUSED_RESULT;

/* Records that user_id accepted the proposal. */
int negotiation_side_accept(struct db *db, int64_t couple_id, int64_t neg_id, int64_t user_id,
			    struct err *e) WARN_UNUSED_RESULT;

/* Clears both sides' flags; their values stay (as drafts). After the items
 * changed (reopen 0): nobody is done or has accepted, "started" stays. When
 * reopening (reopen 1): every flag is cleared. */
int negotiation_sides_reset(struct db *db, int64_t couple_id, int64_t neg_id, int reopen,
			    struct err *e) WARN_UNUSED_RESULT;

/* Sets the state (and accepted_at when it is not 0) and the time of change. */
int negotiation_set_state(struct db *db, int64_t couple_id, int64_t id, const char *state,
			  int64_t accepted_at, struct err *e) WARN_UNUSED_RESULT;

/* How many of the couple's negotiations wait for user_id: values to give
 * (open or allocating, two items or more, user_id not done) or a proposal to
 * answer (proposed, not accepted by user_id). */
int negotiation_waiting_count(struct db *db, int64_t couple_id, int64_t user_id, int64_t *n,
			      struct err *e) WARN_UNUSED_RESULT;

/* Export (docs/EXPORT.md): the couple's negotiations and items with the
 * person's own values (never the partner's). negotiation_forget removes the
 * negotiations the person started and the items they added (deletion). */
struct export_who;
struct export_out;
int negotiation_export(struct db *db, int64_t couple_id, const struct export_who *who,
		       struct export_out *out, struct err *e) WARN_UNUSED_RESULT;
int negotiation_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
	WARN_UNUSED_RESULT;

#endif
