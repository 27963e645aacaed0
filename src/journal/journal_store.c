/* journal_store.c: SQL for the private journal (see journal_store.h). */
#include "journal_store.h"

/* Runs an UPDATE or DELETE … RETURNING id: 1 when it touched a row, 0 when none,
 * -1 on error. (RETURNING, not a count of changes, works on every backend.) */
static int touched(struct db_stmt *st, struct err *e)
{
	int rc = db_step(st, e);
	if (rc == DB_ROW && db_exec_stmt(st, e) < 0) /* to the end of the statement */
		return -1;
	return rc < 0 ? -1 : rc == DB_ROW;
}

int journal_store_insert(struct db *db, int64_t user_id, const char *sealed, int64_t *id,
                         struct err *e)
{
	int64_t now = db_now();
	struct db_stmt *st =
	    db_prep_with(db,
	                 "INSERT INTO journal_entries (user_id, sealed, created_at, "
	                 "updated_at) VALUES (?, ?, ?, ?) RETURNING id",
	                 e, DB_VALS(DB_INT(user_id), DB_TEXT(sealed), DB_INT(now), DB_INT(now)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

int journal_store_update(struct db *db, int64_t user_id, int64_t id, int64_t version,
                         const char *sealed, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "UPDATE journal_entries SET sealed = ?, updated_at = ?, version = version + 1 "
	    "WHERE user_id = ? AND id = ? AND (? = 0 OR version = ?) RETURNING id",
	    e,
	    DB_VALS(DB_TEXT(sealed), DB_INT(db_now()), DB_INT(user_id), DB_INT(id), DB_INT(version),
	            DB_INT(version)));
	if (!st)
		return -1;
	return touched(st, e);
}

#define JOURNAL_COLS "SELECT id, sealed, created_at, updated_at, version FROM journal_entries "

static int load_row(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct journal_row *out = row;
	out->id = db_col_int(st, 0);
	out->sealed = arena_strdup(a, db_col_text(st, 1));
	out->created_at = db_col_int(st, 2);
	out->updated_at = db_col_int(st, 3);
	out->version = db_col_int(st, 4);
	return out->sealed ? 0 : err_set(e, 500, "no_memory", "out of memory");
}

int journal_store_get(struct db *db, struct arena *a, int64_t user_id, int64_t id,
                      struct journal_row *out, struct err *e)
{
	struct db_stmt *st = db_prep_with(db, JOURNAL_COLS "WHERE user_id = ? AND id = ?", e,
	                                  DB_VALS(DB_INT(user_id), DB_INT(id)));
	if (!st)
		return -1;
	return db_row(st, a, out, load_row, e);
}

int journal_store_list(struct db *db, struct arena *a, int64_t user_id, size_t skip,
                       size_t max, struct journal_row **out, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    JOURNAL_COLS "WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", e,
	    DB_VALS(DB_INT(user_id), DB_INT((int64_t)max), DB_INT((int64_t)skip)));
	if (!st)
		return -1;
	void *rows;
	if (db_rows(st, a, max, sizeof **out, load_row, &rows, n, e) < 0)
		return -1;
	*out = rows;
	return 0;
}

int journal_store_delete(struct db *db, int64_t user_id, int64_t id, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db, "DELETE FROM journal_entries WHERE user_id = ? AND id = ? RETURNING id", e,
	    DB_VALS(DB_INT(user_id), DB_INT(id)));
	if (!st)
		return -1;
	return touched(st, e);
}
