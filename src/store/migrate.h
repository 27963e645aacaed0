/* migrate.h: numbered schema migrations, applied forward at start. */
#ifndef DUET_MIGRATE_H
#define DUET_MIGRATE_H

#include "backend.h"
#include "db.h"
#include "schema.h"

/* The newest schema version this build knows. */
int migrate_latest(void);

/* Reads the database's schema version (0 for a new database). */
int migrate_version(struct db *db, const struct db_backend *b, int *out, struct err *e)
	WARN_UNUSED_RESULT;

/* Brings the database to the newest version: copies the old file aside first
 * (url + ".v<N>.bak") when a migration will run on existing data, then applies
 * every missing migration in one transaction. Nothing changes on failure. */
int migrate_run(struct db *db, const struct db_backend *b, const char *url, struct err *e)
	WARN_UNUSED_RESULT;

/* migrate_run with another list of migrations (for tests). */
int migrate_apply(struct db *db, const struct db_backend *b, const char *url,
		  const struct migration *list, int count, struct err *e) WARN_UNUSED_RESULT;

#endif
