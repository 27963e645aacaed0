/* counsel_store.c: SQL for counsellor links, approvals and the log (see
 * counsel_store.h). */
#include "counsel_store.h"

#define LINK_COLS                                                                                  \
	"SELECT l.id, l.couple_id, l.created_by, cu.name, l.created_at, l.expires_at, "            \
	"l.counsellor_id, co.name, l.joined_at, l.active_at, l.ended_at FROM counsellor_links l "  \
	"LEFT JOIN users cu ON cu.id = l.created_by LEFT JOIN users co ON co.id = "                \
	"l.counsellor_id "

static int64_t int_or_0(struct db_stmt *st, int i)
{
	return db_col_is_null(st, i) ? 0 : db_col_int(st, i);
}

static int load_link(struct db_stmt *st, struct arena *a, struct counsel_link *l, struct err *e)
{
	l->id = db_col_int(st, 0);
	l->couple_id = db_col_int(st, 1);
	l->created_by = int_or_0(st, 2);
	l->created_by_name = arena_strdup(a, db_col_is_null(st, 3) ? "" : db_col_text(st, 3));
	l->created_at = db_col_int(st, 4);
	l->expires_at = db_col_int(st, 5);
	l->counsellor_id = int_or_0(st, 6);
	l->counsellor_name = arena_strdup(a, db_col_is_null(st, 7) ? "" : db_col_text(st, 7));
	l->joined_at = int_or_0(st, 8);
	l->active_at = int_or_0(st, 9);
	l->ended_at = int_or_0(st, 10);
	if (!l->created_by_name || !l->counsellor_name)
		return err_set(e, 500, "no_memory", "out of memory");
	return 0;
}

static int one_link(struct db_stmt *st, struct arena *a, struct counsel_link *out, struct err *e)
{
	int rc = db_step(st, e);
	if (rc <= 0)
		return rc;
	return load_link(st, a, out, e) < 0 ? -1 : 1;
}

int counsel_link_create(struct db *db, int64_t couple_id, const char *code_hash, int64_t by,
                        int64_t expires_at, int64_t *id, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "INSERT INTO counsellor_links (couple_id, code_hash, created_by, "
	                 "created_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
	                 e,
	                 DB_VALS(DB_INT(couple_id), DB_TEXT(code_hash), DB_INT(by),
	                         DB_INT(db_now()), DB_INT(expires_at)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

int counsel_link_current(struct db *db, struct arena *a, int64_t couple_id,
                         struct counsel_link *out, struct err *e)
{
	struct db_stmt *st = db_prep_with(db,
	                                  LINK_COLS "WHERE l.couple_id = ? AND l.ended_at IS NULL "
	                                            "ORDER BY l.id DESC LIMIT 1",
	                                  e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	return one_link(st, a, out, e);
}

int counsel_link_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
                     struct counsel_link *out, struct err *e)
{
	struct db_stmt *st = db_prep_with(db, LINK_COLS "WHERE l.couple_id = ? AND l.id = ?", e,
	                                  DB_VALS(DB_INT(couple_id), DB_INT(id)));
	if (!st)
		return -1;
	return one_link(st, a, out, e);
}

int counsel_link_by_code(struct db *db, struct arena *a, const char *code_hash,
                         struct counsel_link *out, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, LINK_COLS "WHERE l.code_hash = ?", e, DB_VALS(DB_TEXT(code_hash)));
	if (!st)
		return -1;
	return one_link(st, a, out, e);
}

int counsel_link_of(struct db *db, struct arena *a, int64_t couple_id, int64_t counsellor_id,
                    struct counsel_link *out, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 LINK_COLS "WHERE l.couple_id = ? AND l.counsellor_id = ? "
	                           "AND l.ended_at IS NULL ORDER BY l.id DESC LIMIT 1",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(counsellor_id)));
	if (!st)
		return -1;
	return one_link(st, a, out, e);
}

int counsel_links_of_counsellor(struct db *db, struct arena *a, int64_t counsellor_id, size_t max,
                                struct counsel_link **out, size_t *n, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 LINK_COLS "WHERE l.counsellor_id = ? AND l.ended_at IS NULL "
	                           "ORDER BY l.id DESC LIMIT ?",
	                 e, DB_VALS(DB_INT(counsellor_id), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	struct counsel_link *list = arena_calloc(a, max ? max : 1, sizeof *list);
	if (!list)
		return err_set(e, 500, "no_memory", "out of memory");
	size_t k = 0;
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW)
		if (load_link(st, a, &list[k++], e) < 0)
			return -1;
	if (rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}

int counsel_link_join(struct db *db, int64_t couple_id, int64_t id, int64_t counsellor_id,
                      struct err *e)
{
	return db_exec_with(
	    db,
	    "UPDATE counsellor_links SET counsellor_id = ?, joined_at = ? "
	    "WHERE couple_id = ? AND id = ? AND counsellor_id IS NULL",
	    e, DB_VALS(DB_INT(counsellor_id), DB_INT(db_now()), DB_INT(couple_id), DB_INT(id)));
}

int counsel_link_activate(struct db *db, int64_t couple_id, int64_t id, struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE counsellor_links SET active_at = ? WHERE couple_id = ? "
	                    "AND id = ? AND active_at IS NULL",
	                    e, DB_VALS(DB_INT(db_now()), DB_INT(couple_id), DB_INT(id)));
}

int counsel_link_end(struct db *db, int64_t couple_id, int64_t id, int64_t by, struct err *e)
{
	return db_exec_with(
	    db,
	    "UPDATE counsellor_links SET ended_at = ?, ended_by = ? "
	    "WHERE couple_id = ? AND (id = ? OR ? = 0) AND ended_at IS NULL",
	    e, DB_VALS(DB_INT(db_now()), DB_INT(by), DB_INT(couple_id), DB_INT(id), DB_INT(id)));
}

int counsel_approve(struct db *db, int64_t couple_id, int64_t link_id, int64_t user_id,
                    unsigned scopes, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO counsellor_approvals (link_id, couple_id, user_id, "
	                    "scopes, approved_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
	                    "(link_id, user_id) DO UPDATE SET scopes = excluded.scopes, "
	                    "approved_at = excluded.approved_at",
	                    e,
	                    DB_VALS(DB_INT(link_id), DB_INT(couple_id), DB_INT(user_id),
	                            DB_INT((int64_t)scopes), DB_INT(db_now())));
}

int counsel_approvals(struct db *db, int64_t couple_id, int64_t link_id,
                      struct counsel_approval out[2], size_t *n, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT user_id, scopes, approved_at FROM counsellor_approvals "
	                 "WHERE couple_id = ? AND link_id = ? ORDER BY user_id LIMIT 2",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(link_id)));
	if (!st)
		return -1;
	size_t k = 0;
	int rc = DB_DONE;
	while (k < 2 && (rc = db_step(st, e)) == DB_ROW) {
		out[k].user_id = db_col_int(st, 0);
		out[k].scopes = (unsigned)db_col_int(st, 1);
		out[k].approved_at = db_col_int(st, 2);
		k++;
	}
	if (k < 2 && rc < 0)
		return -1;
	*n = k;
	return 0;
}

int counsel_members(struct db *db, struct arena *a, int64_t couple_id, int64_t ids[2],
                    const char *names[2], size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(db,
	                                  "SELECT u.id, u.name FROM couple_members m JOIN users u "
	                                  "ON u.id = m.user_id WHERE m.couple_id = ? "
	                                  "ORDER BY m.joined_at, u.id LIMIT 2",
	                                  e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	size_t k = 0;
	int rc = DB_DONE;
	while (k < 2 && (rc = db_step(st, e)) == DB_ROW) {
		ids[k] = db_col_int(st, 0);
		if (!(names[k] = arena_strdup(a, db_col_text(st, 1))))
			return err_set(e, 500, "no_memory", "out of memory");
		k++;
	}
	if (k < 2 && rc < 0)
		return -1;
	*n = k;
	return 0;
}

int counsel_log_add(struct db *db, int64_t couple_id, int64_t link_id, int64_t counsellor_id,
                    const char *counsellor_name, const char *scope, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO counsellor_log (couple_id, link_id, counsellor_id, "
	                    "counsellor_name, scope, opened_at) VALUES (?, ?, ?, ?, ?, ?)",
	                    e,
	                    DB_VALS(DB_INT(couple_id), DB_INT(link_id), DB_INT(counsellor_id),
	                            DB_TEXT(counsellor_name), DB_TEXT(scope), DB_INT(db_now())));
}

int counsel_log_list(struct db *db, struct arena *a, int64_t couple_id, size_t max,
                     struct counsel_log_entry **out, size_t *n, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT counsellor_name, scope, opened_at FROM counsellor_log "
	                 "WHERE couple_id = ? ORDER BY opened_at DESC, id DESC LIMIT ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	struct counsel_log_entry *list = arena_calloc(a, max ? max : 1, sizeof *list);
	if (!list)
		return err_set(e, 500, "no_memory", "out of memory");
	size_t k = 0;
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW) {
		list[k].counsellor_name = arena_strdup(a, db_col_text(st, 0));
		list[k].scope = arena_strdup(a, db_col_text(st, 1));
		list[k].opened_at = db_col_int(st, 2);
		if (!list[k].counsellor_name || !list[k].scope)
			return err_set(e, 500, "no_memory", "out of memory");
		k++;
	}
	if (rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}
