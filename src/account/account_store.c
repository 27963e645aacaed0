/* account_store.c: SQL for people, sessions and throttling (see account_store.h). */
#include "account_store.h"

#include "ownership/export_rows.h"

#include <stdio.h>
#include <string.h>

/* Copies column i as arena text ("" for NULL). */
static const char *col_dup(struct db_stmt *st, struct arena *a, int i)
{
	const char *s = db_col_text(st, i);
	return arena_strdup(a, s ? s : "");
}

int acct_create(struct db *db, const char *login, const char *name, const char *kind,
		const char *pw_rec, const char *key_pass, const char *key_recovery, int64_t *id,
		struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "INSERT INTO users (login, name, kind, pw_rec, key_pass, "
	                 "key_recovery, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 e,
	                 DB_VALS(DB_TEXT(login), DB_TEXT(name), DB_TEXT(kind), DB_TEXT(pw_rec),
	                         DB_TEXT(key_pass), DB_TEXT(key_recovery), DB_INT(db_now())));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0) {
		if (e && !strcmp(e->code, "conflict"))
			err_set(e, 409, "login_taken",
				"The login name '%s' is already taken. Please choose another.", login);
		return -1;
	}
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

static int acct_load(struct db_stmt *st, struct arena *a, struct account *out, struct err *e)
{
	int rc = db_step(st, e);
	if (rc <= 0)
		return rc;
	out->id = db_col_int(st, 0);
	out->login = col_dup(st, a, 1);
	out->name = col_dup(st, a, 2);
	out->kind = col_dup(st, a, 3);
	out->pw_rec = col_dup(st, a, 4);
	out->key_pass = col_dup(st, a, 5);
	out->key_recovery = col_dup(st, a, 6);
	if (!out->login || !out->name || !out->kind || !out->pw_rec || !out->key_pass ||
	    !out->key_recovery)
		return err_set(e, 500, "no_memory", "out of memory");
	return 1;
}

int acct_by_login(struct db *db, struct arena *a, const char *login, struct account *out,
		  struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT id, login, name, kind, pw_rec, key_pass, key_recovery "
	                 "FROM users WHERE login = ?",
	                 e, DB_VALS(DB_TEXT(login)));
	if (!st)
		return -1;
	return acct_load(st, a, out, e);
}

int acct_by_id(struct db *db, struct arena *a, int64_t id, struct account *out, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT id, login, name, kind, pw_rec, key_pass, key_recovery "
	                 "FROM users WHERE id = ?",
	                 e, DB_VALS(DB_INT(id)));
	if (!st)
		return -1;
	return acct_load(st, a, out, e);
}

int acct_set_passphrase(struct db *db, int64_t id, const char *pw_rec, const char *key_pass,
			struct err *e)
{
	return db_exec_with(db, "UPDATE users SET pw_rec = ?, key_pass = ? WHERE id = ?", e,
	                    DB_VALS(DB_TEXT(pw_rec), DB_TEXT(key_pass), DB_INT(id)));
}

int acct_set_profile(struct db *db, int64_t id, const char *name, const char *time_zone,
		     struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE users SET name = COALESCE(?, name), "
	                    "time_zone = COALESCE(?, time_zone) WHERE id = ?",
	                    e, DB_VALS(DB_TEXT(name), DB_TEXT(time_zone), DB_INT(id)));
}

int acct_set_recovery(struct db *db, int64_t id, const char *key_recovery, struct err *e)
{
	return db_exec_with(db, "UPDATE users SET key_recovery = ? WHERE id = ?", e,
	                    DB_VALS(DB_TEXT(key_recovery), DB_INT(id)));
}

int acct_each(struct db *db, void (*fn)(void *ctx, int64_t id, const char *login,
					const char *name, const char *kind, int64_t created_at,
					int64_t couple_id),
	      void *ctx, struct err *e)
{
	struct db_stmt *st = db_prep(db,
				     "SELECT u.id, u.login, u.name, u.kind, u.created_at, m.couple_id "
				     "FROM users u LEFT JOIN couple_members m ON m.user_id = u.id "
				     "ORDER BY u.id",
				     e);
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		fn(ctx, db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2),
		   db_col_text(st, 3), db_col_int(st, 4), db_col_int(st, 5));
	return rc < 0 ? -1 : 0;
}

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
	    "c.version, (SELECT v FROM cache_epoch WHERE id = 1), s.expires_at, u.time_zone "
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
	u->login = col_dup(st, a, 1);
	u->name = col_dup(st, a, 2);
	u->kind = col_dup(st, a, 3);
	*key_session = col_dup(st, a, 4);
	u->couple_id = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
	u->partner_id = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
	u->partner_name = db_col_is_null(st, 7) ? NULL : col_dup(st, a, 7);
	u->couple_version = db_col_int(st, 8);
	u->epoch = db_col_int(st, 9);
	*expires_at = db_col_int(st, 10);
	const char *zone = db_col_text(st, 11);
	snprintf(u->time_zone, sizeof u->time_zone, "%s", zone ? zone : "");
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

int throttle_get(struct db *db, const char *key, int64_t *failures, int64_t *last_at,
		 struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db, "SELECT failures, last_at FROM throttle WHERE key = ?", e, DB_VALS(DB_TEXT(key)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	*failures = rc == DB_ROW ? db_col_int(st, 0) : 0;
	*last_at = rc == DB_ROW ? db_col_int(st, 1) : 0;
	return 0;
}

int throttle_fail(struct db *db, const char *key, int64_t now, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO throttle (key, failures, last_at) VALUES (?, 1, ?) "
	                    "ON CONFLICT (key) DO UPDATE SET failures = throttle.failures + 1, "
	                    "last_at = excluded.last_at",
	                    e, DB_VALS(DB_TEXT(key), DB_INT(now)));
}

int throttle_clear(struct db *db, const char *key, struct err *e)
{
	return db_exec_with(db, "DELETE FROM throttle WHERE key = ?", e, DB_VALS(DB_TEXT(key)));
}

int acct_export(struct db *db, const struct export_who *who, json_t *doc, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, "SELECT login, name, kind, created_at FROM users WHERE id = ?", e,
	                 DB_VALS(DB_INT(who->me)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	json_t *o = export_row(st, "login:s,name:s,kind:s,created:t", who);
	if (db_exec_stmt(st, e) < 0) {
		json_decref(o);
		return -1;
	}
	return export_put(doc, "account", o, e);
}

int acct_forget(struct db *db, int64_t id, const char *login, struct err *e)
{
	char key[160];
	snprintf(key, sizeof key, "login:%s", login);
	if (db_exec_with(db, "DELETE FROM throttle WHERE key = ?", e, DB_VALS(DB_TEXT(key))) < 0)
		return -1;
	return db_exec_with(db, "DELETE FROM users WHERE id = ?", e, DB_VALS(DB_INT(id)));
}
