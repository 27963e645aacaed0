/* reminder_store.c: SQL for reminder settings (see reminder_store.h). */
#include "reminder_store.h"
#include "lib/lang.h"

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
	/* push_subscriptions belongs to src/push/: read here only to know who has
	 * a device to remind. */
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT u.id, m.couple_id, p.user_id, u.kind, "
	    "CASE WHEN r.email_on = 1 THEN r.email END, r.last_sent_at, "
	    "CASE WHEN EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.user_id = u.id) "
	    "THEN 1 ELSE 0 END, u.language "
	    "FROM users u LEFT JOIN reminder_settings r ON r.user_id = u.id "
	    "LEFT JOIN couple_members m ON m.user_id = u.id "
	    "LEFT JOIN couple_members p ON p.couple_id = m.couple_id AND p.user_id <> u.id "
	    "WHERE u.id > ? AND ((r.email_on = 1 AND r.email IS NOT NULL) OR "
	    "EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.user_id = u.id)) "
	    "AND NOT EXISTS (SELECT 1 FROM reminder_pauses z WHERE z.couple_id = m.couple_id) "
	    "ORDER BY u.id LIMIT ?",
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
		t->email = db_col_is_null(st, 4) ? NULL : arena_strdup(a, db_col_text(st, 4));
		t->last_sent_at = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
		t->has_push = db_col_int(st, 6) != 0;
		int lang = lang_of(db_col_text(st, 7));
		t->lang = lang < 0 ? LANG_EN : lang;
		if (!t->kind || (!db_col_is_null(st, 4) && !t->email))
			return err_set(e, 500, "no_memory", "out of memory");
	}
	if (rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}

int reminder_claim(struct db *db, int64_t user_id, int64_t at, int64_t since, int *won,
                   struct err *e)
{
	if (db_exec_with(db,
	                 "INSERT INTO reminder_settings (user_id, email_on) VALUES (?, 0) "
	                 "ON CONFLICT (user_id) DO NOTHING",
	                 e, DB_VALS(DB_INT(user_id))) < 0 ||
	    db_exec_with(db,
	                 "UPDATE reminder_settings SET last_sent_at = ? WHERE user_id = ? AND "
	                 "(last_sent_at IS NULL OR last_sent_at < ?)",
	                 e, DB_VALS(DB_INT(at), DB_INT(user_id), DB_INT(since))) < 0)
		return -1;
	*won = db_changes(db) == 1;
	return 0;
}

int reminder_unclaim(struct db *db, int64_t user_id, int64_t at, int64_t before, struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE reminder_settings SET last_sent_at = ? WHERE user_id = ? AND "
	                    "last_sent_at = ?",
	                    e,
	                    DB_VALS(before ? DB_INT(before) : DB_TEXT(NULL), DB_INT(user_id),
	                            DB_INT(at)));
}

int reminder_pause_get(struct db *db, struct arena *a, int64_t couple_id, const char **by_name,
                       int64_t *at, struct err *e)
{
	struct db_stmt *st = db_prep_with(db,
	                                  "SELECT u.name, z.paused_at FROM reminder_pauses z "
	                                  "LEFT JOIN users u ON u.id = z.paused_by "
	                                  "WHERE z.couple_id = ?",
	                                  e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc != DB_ROW)
		return rc;
	*by_name = NULL;
	if (!db_col_is_null(st, 0) && !(*by_name = arena_strdup(a, db_col_text(st, 0))))
		return err_set(e, 500, "no_memory", "out of memory");
	*at = db_col_int(st, 1);
	return 1;
}

int reminder_pause_set(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO reminder_pauses (couple_id, paused_by, paused_at) "
	                    "VALUES (?, ?, ?) ON CONFLICT (couple_id) DO NOTHING",
	                    e, DB_VALS(DB_INT(couple_id), DB_INT(user_id), DB_INT(db_now())));
}

int reminder_pause_clear(struct db *db, int64_t couple_id, struct err *e)
{
	return db_exec_with(db, "DELETE FROM reminder_pauses WHERE couple_id = ?", e,
	                    DB_VALS(DB_INT(couple_id)));
}
