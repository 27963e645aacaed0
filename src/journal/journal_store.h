/* journal_store.h: SQL for the private journal. An entry is stored only sealed
 * (crypto/seal.h) under its author's data key; the store never sees its text.
 * Entries belong to one person, not to a couple: every query filters by user_id. */
#ifndef DUET_JOURNAL_STORE_H
#define DUET_JOURNAL_STORE_H

#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

struct journal_row {
	int64_t id;
	const char *sealed; /* owned by the arena */
	int64_t created_at, updated_at;
	int64_t version; /* 1 when written, one more with each change */
};

/* Adds an entry; *id set. */
int journal_store_insert(struct db *db, int64_t user_id, const char *sealed, int64_t *id,
                         struct err *e) WARN_UNUSED_RESULT;

/* Replaces an entry's sealed text and moves its version on, if its version is
 * still `version` (0: whatever it is): 1 done, 0 no such entry of user_id's or
 * not at that version, -1 error. */
int journal_store_update(struct db *db, int64_t user_id, int64_t id, int64_t version,
                         const char *sealed, struct err *e) WARN_UNUSED_RESULT;

/* One of user_id's entries: 1 found, 0 not (or someone else's), -1 error. */
int journal_store_get(struct db *db, struct arena *a, int64_t user_id, int64_t id,
                      struct journal_row *out, struct err *e) WARN_UNUSED_RESULT;

/* user_id's entries, newest first, at most max; *out from the arena. */
int journal_store_list(struct db *db, struct arena *a, int64_t user_id, size_t skip,
		       size_t max, struct journal_row **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Deletes an entry: 1 done, 0 no such entry of user_id's, -1 error. */
int journal_store_delete(struct db *db, int64_t user_id, int64_t id,
                         struct err *e) WARN_UNUSED_RESULT;

#endif
