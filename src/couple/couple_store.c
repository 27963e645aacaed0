/* couple_store.c: SQL for couples and invites (see couple_store.h). */
#include "couple_store.h"

#include <sodium.h>

#include "couple/firstweek.h"
#include "store/export_rows.h"

int couple_create(struct db *db, int64_t user_id, int64_t *couple_id, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, "INSERT INTO couples (created_at) VALUES (?) RETURNING id", e,
	                 DB_VALS(DB_INT(db_now())));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*couple_id = db_col_int(st, 0);
	if (db_exec_stmt(st, e) < 0)
		return -1;
	return couple_add(db, *couple_id, user_id, e);
}

int invite_create(struct db *db, int64_t couple_id, const char *code_hash,
		  const char *code_sealed, int64_t by, int64_t expires_at, struct err *e)
{
	if (db_exec_with(db,
	                 "UPDATE invites SET revoked_at = ? WHERE couple_id = ? "
	                 "AND used_at IS NULL AND revoked_at IS NULL",
	                 e, DB_VALS(DB_INT(db_now()), DB_INT(couple_id))) < 0)
		return -1;
	return db_exec_with(
	    db,
	    "INSERT INTO invites (couple_id, code_hash, code_sealed, created_by, created_at, "
	    "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
	    e,
	    DB_VALS(DB_INT(couple_id), DB_TEXT(code_hash), DB_TEXT(code_sealed), DB_INT(by),
	            DB_INT(db_now()), DB_INT(expires_at)));
}

int invite_pending(struct db *db, struct arena *a, int64_t couple_id, int64_t by,
		   const char **code_sealed, int64_t *expires_at, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT code_sealed, expires_at FROM invites WHERE couple_id = ? AND created_by = ? "
	    "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ? "
	    "AND code_sealed IS NOT NULL ORDER BY id DESC LIMIT 1",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(by), DB_INT(db_now())));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc <= 0)
		return rc;
	*code_sealed = arena_strdup(a, db_col_text(st, 0));
	*expires_at = db_col_int(st, 1);
	if (db_exec_stmt(st, e) < 0)
		return -1;
	if (!*code_sealed)
		return err_set(e, 500, "no_memory", "out of memory");
	return 1;
}

int invite_find(struct db *db, struct arena *a, const char *code_hash, struct invite *out,
		struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT i.id, i.couple_id, i.expires_at, i.used_at, i.revoked_at, "
	                 "u.name FROM invites i LEFT JOIN users u ON u.id = i.created_by "
	                 "WHERE i.code_hash = ?",
	                 e, DB_VALS(DB_TEXT(code_hash)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc <= 0)
		return rc;
	out->id = db_col_int(st, 0);
	out->couple_id = db_col_int(st, 1);
	out->expires_at = db_col_int(st, 2);
	out->used_at = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
	out->revoked_at = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
	const char *name = db_col_text(st, 5);
	out->inviter = arena_strdup(a, name ? name : "");
	if (!out->inviter)
		return err_set(e, 500, "no_memory", "out of memory");
	return 1;
}

int invite_use(struct db *db, int64_t invite_id, struct err *e)
{
	return db_exec_with(db, "UPDATE invites SET used_at = ? WHERE id = ?", e,
			    DB_VALS(DB_INT(db_now()), DB_INT(invite_id)));
}

int couple_members(struct db *db, int64_t couple_id, int64_t *count, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, "SELECT count(*) FROM couple_members WHERE couple_id = ?", e,
	                 DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*count = db_col_int(st, 0);
	return 0;
}

int couple_of(struct db *db, int64_t user_id, int64_t *couple_id, struct err *e)
{
	struct db_stmt *st = db_prep_with(db, "SELECT couple_id FROM couple_members WHERE user_id = ?",
					  e, DB_VALS(DB_INT(user_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	*couple_id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	return 0;
}

int couple_add(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
{
	return db_exec_with(
	    db, "INSERT INTO couple_members (user_id, couple_id, joined_at) VALUES (?, ?, ?)", e,
	    DB_VALS(DB_INT(user_id), DB_INT(couple_id), DB_INT(db_now())));
}

int couple_delete(struct db *db, int64_t couple_id, struct err *e)
{
	return db_exec_with(db, "DELETE FROM couples WHERE id = ?", e, DB_VALS(DB_INT(couple_id)));
}

int couple_partner(struct db *db, struct arena *a, int64_t couple_id, int64_t user_id,
		   int64_t *id, const char **name, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT u.id, u.name FROM couple_members m JOIN users u "
	                 "ON u.id = m.user_id WHERE m.couple_id = ? AND m.user_id <> ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(user_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	*name = arena_strdup(a, rc == DB_ROW ? db_col_text(st, 1) : "");
	if (!*name)
		return err_set(e, 500, "no_memory", "out of memory");
	return 0;
}

int couple_close(struct db *db, int64_t couple_id, struct err *e)
{
	if (db_exec_with(db,
	                 "INSERT INTO couple_ends (couple_id, ended_at) VALUES (?, ?) "
	                 "ON CONFLICT (couple_id) DO NOTHING",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(db_now()))) < 0)
		return -1;
	/* Invites not yet used stop working. */
	return db_exec_with(db, "DELETE FROM invites WHERE couple_id = ? AND used_at IS NULL", e,
	                    DB_VALS(DB_INT(couple_id)));
}

int couple_is_closed(struct db *db, int64_t couple_id, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, "SELECT COUNT(*) FROM couple_ends WHERE couple_id = ?", e,
	                 DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	int closed = db_col_int(st, 0) > 0;
	return db_exec_stmt(st, e) < 0 ? -1 : closed;
}

int couple_export(struct db *db, int64_t couple_id, const struct export_who *who,
                  const char *partner_name, struct export_out *out, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT c.created_at, m.joined_at, (SELECT COUNT(*) FROM couple_ends x WHERE "
	    "x.couple_id = c.id) FROM couples c JOIN couple_members m ON m.couple_id = c.id "
	    "WHERE c.id = ? AND m.user_id = ?",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(who->me)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	if (rc == DB_DONE)
		return 0;
	json_t *o = export_row(st, "created:t,joined:t,partner_left:b", who);
	if (o && partner_name &&
	    json_object_set_new(o, "partner_name", json_string(partner_name)) < 0) {
		json_decref(o);
		o = NULL;
	}
	if (db_exec_stmt(st, e) < 0) {
		json_decref(o);
		return -1;
	}
	return export_put(out, "couple", o, e);
}

int couple_first_week(struct db *db, int64_t couple_id, int64_t user_id, struct first_week *out,
                      struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT (SELECT CASE WHEN count(*) = 2 THEN max(joined_at) ELSE 0 END"
	    "  FROM couple_members WHERE couple_id = ?),"
	    " u.first_week_hidden_at, u.welcomed_at,"
	    " CASE WHEN EXISTS (SELECT 1 FROM know_answers WHERE couple_id = ? AND user_id = ?)"
	    "  THEN 1 ELSE 0 END,"
	    " CASE WHEN EXISTS (SELECT 1 FROM checkins WHERE user_id = ?) THEN 1 ELSE 0 END,"
	    " CASE WHEN EXISTS (SELECT 1 FROM difference_ratings WHERE couple_id = ?"
	    "  AND user_id = ?) THEN 1 ELSE 0 END,"
	    " CASE WHEN EXISTS (SELECT 1 FROM dreams WHERE couple_id = ?) THEN 1 ELSE 0 END"
	    " FROM users u WHERE u.id = ?",
	    e,
	    DB_VALS(DB_INT(couple_id), DB_INT(couple_id), DB_INT(user_id), DB_INT(user_id),
	            DB_INT(couple_id), DB_INT(user_id), DB_INT(couple_id), DB_INT(user_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	*out = (struct first_week){ 0 };
	if (rc != DB_ROW)
		return 0;
	out->together_since = db_col_is_null(st, 0) ? 0 : db_col_int(st, 0);
	out->hidden_at = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
	out->welcomed_at = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
	for (int s = 0; s < FIRST_STEP_COUNT; s++)
		out->done[s] = db_col_int(st, 3 + s) != 0;
	return db_exec_stmt(st, e);
}

int couple_welcomed(struct db *db, int64_t user_id, struct err *e)
{
	return db_exec_with(db, "UPDATE users SET welcomed_at = ? WHERE id = ? AND welcomed_at IS NULL",
	                    e, DB_VALS(DB_INT(db_now()), DB_INT(user_id)));
}

int couple_first_week_hide(struct db *db, int64_t user_id, struct err *e)
{
	return db_exec_with(db, "UPDATE users SET first_week_hidden_at = ? WHERE id = ?", e,
	                    DB_VALS(DB_INT(db_now()), DB_INT(user_id)));
}
