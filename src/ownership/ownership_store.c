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

/* The couple's text, table by table; each filters by couple_id (bound once
 * per table) and the members' journals come last. */
#define T(table, cols) "(SELECT COALESCE(SUM(" cols "), 0) FROM " table " WHERE couple_id = ?)"
static const char couple_bytes_sql[] =
	"SELECT " T("dreams", "length(title) + length(text)") " + " T("dream_replies", "length(text)")
	" + " T("know_answers", "length(text)") " + " T("know_thread", "length(text)")
	" + " T("know_own", "length(text)") " + " T("together_prompts", "length(note)")
	" + " T("difference_items", "length(text)") " + " T("agreements", "length(text)")
	" + " T("repairs", "length(title)")
	" + " T("repair_reflections", "length(feelings) + length(reality) + length(triggers) + "
		"length(my_part)")
	" + " T("repair_apologies", "length(text)") " + " T("repair_responses", "length(still_needed)")
	" + " T("repair_plans", "length(mine) + length(partners)") " + " T("negotiations", "length(topic)")
	" + " T("negotiation_items", "length(name)") " + " T("checkins", "COALESCE(length(appreciation), 0)")
	" + (SELECT COALESCE(SUM(length(sealed)), 0) FROM journal_entries WHERE user_id IN "
	"(SELECT user_id FROM couple_members WHERE couple_id = ?))";
#undef T
#define COUPLE_BYTES_BINDS 17

int ownership_bytes(struct db *db, int64_t couple_id, int64_t user_id, int64_t *bytes,
		    struct err *e)
{
	struct db_stmt *st;
	if (couple_id) {
		st = db_prep(db, couple_bytes_sql, e);
		for (int i = 1; st && i <= COUPLE_BYTES_BINDS; i++)
			if (db_bind_int(st, i, couple_id) < 0)
				return err_set(e, 500, "database", "could not count the couple's text");
	} else {
		st = db_prep_with(db,
				  "SELECT COALESCE(SUM(length(sealed)), 0) FROM journal_entries "
				  "WHERE user_id = ?",
				  e, DB_VALS(DB_INT(user_id)));
	}
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*bytes = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}
