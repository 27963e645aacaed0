/* account_store.c: SQL for people and throttling (see account_store.h). */
#include "account_store.h"

#include "store/export_rows.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "crypto/derive.h"

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
	out->login = db_col_dup(st, a, 1);
	out->name = db_col_dup(st, a, 2);
	out->kind = db_col_dup(st, a, 3);
	out->pw_rec = db_col_dup(st, a, 4);
	out->key_pass = db_col_dup(st, a, 5);
	out->key_recovery = db_col_dup(st, a, 6);
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

int acct_set_language(struct db *db, int64_t id, const char *code, struct err *e)
{
	return db_exec_with(db, "UPDATE users SET language = ? WHERE id = ?", e,
	                    DB_VALS(DB_TEXT(code), DB_INT(id)));
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

int throttle_count(struct db *db, const char *key, int64_t now, int64_t window, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO throttle (key, failures, last_at) VALUES (?, 1, ?) "
	                    "ON CONFLICT (key) DO UPDATE SET "
	                    "failures = CASE WHEN throttle.last_at <= ? THEN 1 "
	                    "ELSE throttle.failures + 1 END, "
	                    "last_at = CASE WHEN throttle.last_at <= ? THEN excluded.last_at "
	                    "ELSE throttle.last_at END",
	                    e, DB_VALS(DB_TEXT(key), DB_INT(now), DB_INT(now - window),
	                               DB_INT(now - window)));
}

int throttle_purge(struct db *db, int64_t before, struct err *e)
{
	return db_exec_with(db, "DELETE FROM throttle WHERE last_at < ?", e,
	                    DB_VALS(DB_INT(before)));
}

int secret_get(struct db *db, const char *name, unsigned char *out, size_t len, struct err *e)
{
	unsigned char fresh[64];
	char b64[CRYPTO_B64_LEN(64) + 1];
	if (len > sizeof fresh)
		return err_set(e, 500, "secret", "a secret of %zu bytes is too long", len);
	randombytes_buf(fresh, len);
	derive_b64(b64, fresh, len);
	sodium_memzero(fresh, sizeof fresh);
	if (db_exec_with(db,
	                 "INSERT INTO server_secrets (name, value) VALUES (?, ?) "
	                 "ON CONFLICT (name) DO NOTHING",
	                 e, DB_VALS(DB_TEXT(name), DB_TEXT(b64))) < 0)
		return -1;
	sodium_memzero(b64, sizeof b64);
	struct db_stmt *st = db_prep_with(db, "SELECT value FROM server_secrets WHERE name = ?", e,
	                                  DB_VALS(DB_TEXT(name)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return err_set(e, 500, "secret", "the server secret '%s' could not be read", name);
	const char *v = db_col_text(st, 0);
	int rc = v ? derive_unb64(out, len, v, strlen(v)) : -1;
	if (db_exec_stmt(st, e) < 0)
		return -1;
	return rc < 0 ? err_set(e, 500, "secret", "the server secret '%s' is damaged", name) : 0;
}

int acct_export(struct db *db, const struct export_who *who, struct export_out *out, struct err *e)
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
	return export_put(out, "account", o, e);
}

int acct_forget(struct db *db, int64_t id, struct err *e)
{
	return db_exec_with(db, "DELETE FROM users WHERE id = ?", e, DB_VALS(DB_INT(id)));
}
