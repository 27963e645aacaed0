/* reminder_store.c: SQL for reminder settings (see reminder_store.h). */
#include "reminder_store.h"

int reminder_get(struct db *db, struct arena *a, int64_t user_id, struct reminder_pref *out,
                 struct err *e)
{
	out->email = NULL;
	out->email_on = 0;
	out->last_sent_at = 0;
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT email, email_on, last_sent_at FROM reminder_settings "
	                 "WHERE user_id = ?",
	                 e, DB_VALS(DB_INT(user_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc != DB_ROW)
		return rc;
	if (!db_col_is_null(st, 0) && !(out->email = arena_strdup(a, db_col_text(st, 0))))
		return err_set(e, 500, "no_memory", "out of memory");
	out->email_on = db_col_int(st, 1) != 0;
	out->last_sent_at = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
	return 0;
}

int reminder_set(struct db *db, int64_t user_id, const char *email, int email_on, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO reminder_settings (user_id, email, email_on) "
	                    "VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
	                    "email = excluded.email, email_on = excluded.email_on",
	                    e, DB_VALS(DB_INT(user_id), DB_TEXT(email), DB_INT(email_on ? 1 : 0)));
}

int reminder_mark_sent(struct db *db, int64_t user_id, int64_t at, struct err *e)
{
	return db_exec_with(db, "UPDATE reminder_settings SET last_sent_at = ? WHERE user_id = ?",
	                    e, DB_VALS(DB_INT(at), DB_INT(user_id)));
}

int reminder_targets(struct db *db, struct arena *a, int64_t after, size_t max,
                     struct reminder_target **out, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT r.user_id, m.couple_id, p.user_id, u.kind, r.email, r.last_sent_at "
	    "FROM reminder_settings r JOIN users u ON u.id = r.user_id "
	    "LEFT JOIN couple_members m ON m.user_id = r.user_id "
	    "LEFT JOIN couple_members p ON p.couple_id = m.couple_id AND p.user_id <> r.user_id "
	    "WHERE r.email_on = 1 AND r.email IS NOT NULL AND r.user_id > ? "
	    "ORDER BY r.user_id LIMIT ?",
	    e, DB_VALS(DB_INT(after), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	struct reminder_target *list = arena_calloc(a, max ? max : 1, sizeof *list);
	if (!list)
		return err_set(e, 500, "no_memory", "out of memory");
	size_t k = 0;
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW) {
		struct reminder_target *t = &list[k++];
		t->user_id = db_col_int(st, 0);
		t->couple_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
		t->partner_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
		t->kind = arena_strdup(a, db_col_text(st, 3));
		t->email = arena_strdup(a, db_col_text(st, 4));
		t->last_sent_at = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
		if (!t->kind || !t->email)
			return err_set(e, 500, "no_memory", "out of memory");
	}
	if (rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}
