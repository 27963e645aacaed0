/* ownership_store.c: SQL for account deletion's clean-up (see ownership_store.h). */
#include "ownership_store.h"

#include <string.h>

int ownership_scrub(struct db *db, struct err *e)
{
	if (strcmp(db_backend_name(), "sqlite") != 0)
		return 0;
	db_idle(); /* a statement of ours still on a row would hold a read snapshot */
	struct db_stmt *st = db_prep(db, "PRAGMA wal_checkpoint(TRUNCATE)", e);
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	int busy = (int)db_col_int(st, 0);
	if (db_exec_stmt(st, e) < 0)
		return -1;
	return busy ? err_set(e, 503, "busy", "the log could not be emptied yet") : 0;
}
