/* ownership_store.h: the database work of account deletion that belongs to no
 * area: making sure the deleted text is gone from the file (SQLite). */
#ifndef DUET_OWNERSHIP_STORE_H
#define DUET_OWNERSHIP_STORE_H

#include "store/db.h"

/* After a deletion has committed: on SQLite (which runs with secure_delete=ON,
 * so freed cells and pages are zeroed) copies the write-ahead log into the
 * database file and truncates the log, so no old page with the deleted text is
 * left in duet.db-wal. Nothing to do on PostgreSQL (VACUUM is the operator's; see
 * docs/EXPORT.md). 0, or -1 with e set. */
int ownership_scrub(struct db *db, struct err *e) WARN_UNUSED_RESULT;

/* The bytes of text a couple keeps (every shared text column, and the sealed
 * journal entries of its members), or, for couple_id 0, of user_id's own
 * journal: for the storage quota (ownership/quota.h). 0 with *bytes, -1. */
int ownership_bytes(struct db *db, int64_t couple_id, int64_t user_id, int64_t *bytes,
		    struct err *e) WARN_UNUSED_RESULT;

#endif
