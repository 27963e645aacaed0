/* session_store.c: SQL for sessions (see session_store.h). */
#include "session_store.h"

#include <stdio.h>

#include "lib/lang.h"

int sess_create(struct db *db, const char *id_hex, int64_t user_id, int64_t expires_at,
		const char *key_session, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO sessions (id, user_id, created_at, expires_at, "
	                    "key_session) VALUES (?, ?, ?, ?, ?)",
	                    e,
	                    DB_VALS(DB_TEXT(id_hex), DB_INT(user_id), DB_INT(db_now()),
	                            DB_INT(expires_at), DB_TEXT(key_session)));
}

int sess_user(struct db *db, struct arena *a, const char *id_hex, struct user *u,
	      const char **key_session, int64_t *expires_at, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT u.id, u.login, u.name, u.kind, s.key_session, m.couple_id, p.id, p.name, "
	    "c.version, (SELECT v FROM cache_epoch WHERE id = 1), s.expires_at, u.time_zone, "
	    "u.language "
	    "FROM sessions s JOIN users u ON u.id = s.user_id "
	    "LEFT JOIN couple_members m ON m.user_id = u.id "
	    "LEFT JOIN couples c ON c.id = m.couple_id "
	    "LEFT JOIN couple_members pm ON pm.couple_id = m.couple_id AND pm.user_id <> u.id "
	    "LEFT JOIN users p ON p.id = pm.user_id "
	    "WHERE s.id = ? AND s.expires_at > ?",
	    e, DB_VALS(DB_TEXT(id_hex), DB_INT(db_now())));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc <= 0)
		return rc;
	u->id = db_col_int(st, 0);
	u->login = db_col_dup(st, a, 1);
	u->name = db_col_dup(st, a, 2);
	u->kind = db_col_dup(st, a, 3);
	*key_session = db_col_dup(st, a, 4);
	u->couple_id = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
	u->partner_id = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
	u->partner_name = db_col_is_null(st, 7) ? NULL : db_col_dup(st, a, 7);
	u->couple_version = db_col_int(st, 8);
	u->epoch = db_col_int(st, 9);
	*expires_at = db_col_int(st, 10);
	const char *zone = db_col_text(st, 11);
	snprintf(u->time_zone, sizeof u->time_zone, "%s", zone ? zone : "");
	u->lang = db_col_is_null(st, 12) ? -1 : lang_of(db_col_text(st, 12));
	if (!u->login || !u->name || !u->kind || !*key_session)
		return err_set(e, 500, "no_memory", "out of memory");
	return 1;
}

int sess_delete(struct db *db, const char *id_hex, struct err *e)
{
	return db_exec_with(db, "DELETE FROM sessions WHERE id = ?", e, DB_VALS(DB_TEXT(id_hex)));
}

int sess_delete_user(struct db *db, int64_t user_id, const char *keep_id_hex, struct err *e)
{
	return db_exec_with(db, "DELETE FROM sessions WHERE user_id = ? AND id <> ?", e,
	                    DB_VALS(DB_INT(user_id), DB_TEXT(keep_id_hex ? keep_id_hex : "")));
}
