/* dreams_store.c: SQL for the dream table (see dreams_store.h). */
#include "dreams_store.h"

#include "store/export_rows.h"

static int oom(struct err *e)
{
	return err_set(e, 500, "no_memory", "out of memory");
}


int dreams_insert(struct db *db, int64_t couple_id, int64_t by, const char *kind, const char *title,
                  const char *text, int64_t now, int64_t *id, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "INSERT INTO dreams (couple_id, created_by, kind, title, text, "
	                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 e,
	                 DB_VALS(DB_INT(couple_id), DB_INT(by), DB_TEXT(kind), DB_TEXT(title),
	                         DB_TEXT(text), DB_INT(now), DB_INT(now)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

#define DREAM_COLS                                                                                 \
	"SELECT d.id, d.created_by, u.name, d.kind, d.title, d.text, d.status, d.status_by, "      \
	"s.name, d.status_at, d.created_at, d.updated_at, "                                        \
	"(SELECT count(*) FROM dream_replies x WHERE x.couple_id = d.couple_id "                   \
	"AND x.dream_id = d.id) FROM dreams d LEFT JOIN users u ON u.id = d.created_by "           \
	"LEFT JOIN users s ON s.id = d.status_by "

static int load_dream(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct dream *d = row;
	d->id = db_col_int(st, 0);
	d->created_by = db_col_int0(st, 1);
	d->by_name = db_col_dup(st, a, 2);
	d->kind = db_col_dup(st, a, 3);
	d->title = db_col_dup(st, a, 4);
	d->text = db_col_dup(st, a, 5);
	d->status = db_col_dup(st, a, 6);
	d->status_by = db_col_int0(st, 7);
	d->status_by_name = db_col_dup(st, a, 8);
	d->status_at = db_col_int0(st, 9);
	d->created_at = db_col_int(st, 10);
	d->updated_at = db_col_int(st, 11);
	d->replies = db_col_int(st, 12);
	if (!d->by_name || !d->kind || !d->title || !d->text || !d->status || !d->status_by_name)
		return oom(e);
	return 0;
}

int dreams_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id, struct dream *out,
               struct err *e)
{
	struct db_stmt *st = db_prep_with(db, DREAM_COLS "WHERE d.couple_id = ? AND d.id = ?", e,
	                                  DB_VALS(DB_INT(couple_id), DB_INT(id)));
	if (!st)
		return -1;
	return db_row(st, a, out, load_dream, e);
}

int dreams_list(struct db *db, struct arena *a, int64_t couple_id, size_t skip, size_t max,
                struct dream **out, size_t *n, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 DREAM_COLS "WHERE d.couple_id = ? ORDER BY CASE WHEN d.status = "
	                            "'set_aside' THEN 1 ELSE 0 END, d.updated_at DESC, "
	                            "d.id DESC LIMIT ? OFFSET ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT((int64_t)max), DB_INT((int64_t)skip)));
	if (!st)
		return -1;
	void *rows;
	if (db_rows(st, a, max, sizeof **out, load_dream, &rows, n, e) < 0)
		return -1;
	*out = rows;
	return 0;
}

int dreams_reply(struct db *db, int64_t couple_id, int64_t dream_id, int64_t by, const char *text,
                 int64_t now, int64_t *id, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "INSERT INTO dream_replies (couple_id, dream_id, user_id, text, "
	    "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
	    e,
	    DB_VALS(DB_INT(couple_id), DB_INT(dream_id), DB_INT(by), DB_TEXT(text), DB_INT(now)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	if (db_exec_stmt(st, e) < 0)
		return -1;
	return db_exec_with(db, "UPDATE dreams SET updated_at = ? WHERE couple_id = ? AND id = ?",
	                    e, DB_VALS(DB_INT(now), DB_INT(couple_id), DB_INT(dream_id)));
}

#define REPLY_COLS                                                                                 \
	"SELECT x.id, x.user_id, u.name, x.text, x.created_at FROM dream_replies x "               \
	"LEFT JOIN users u ON u.id = x.user_id "

static int load_reply(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct dream_reply *x = row;
	x->id = db_col_int(st, 0);
	x->user_id = db_col_int0(st, 1);
	x->name = db_col_dup(st, a, 2);
	x->text = db_col_dup(st, a, 3);
	x->created_at = db_col_int(st, 4);
	return x->name && x->text ? 0 : oom(e);
}

int dreams_replies(struct db *db, struct arena *a, int64_t couple_id, int64_t dream_id,
                   size_t skip, size_t max, struct dream_reply **out, size_t *n,
                   struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    REPLY_COLS "WHERE x.couple_id = ? AND x.dream_id = ? "
	               "ORDER BY x.id LIMIT ? OFFSET ?",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(dream_id), DB_INT((int64_t)max),
	               DB_INT((int64_t)skip)));
	if (!st)
		return -1;
	void *rows;
	if (db_rows(st, a, max, sizeof **out, load_reply, &rows, n, e) < 0)
		return -1;
	*out = rows;
	return 0;
}

int dreams_reply_get(struct db *db, struct arena *a, int64_t couple_id, int64_t reply_id,
                     struct dream_reply *out, struct err *e)
{
	struct db_stmt *st = db_prep_with(db, REPLY_COLS "WHERE x.couple_id = ? AND x.id = ?", e,
	                                  DB_VALS(DB_INT(couple_id), DB_INT(reply_id)));
	if (!st)
		return -1;
	return db_row(st, a, out, load_reply, e);
}

int dreams_set_status(struct db *db, int64_t couple_id, int64_t id, const char *status, int64_t by,
                      int64_t now, struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE dreams SET status = ?, status_by = ?, status_at = ?, "
	                    "updated_at = ? WHERE couple_id = ? AND id = ?",
	                    e,
	                    DB_VALS(DB_TEXT(status), DB_INT(by), DB_INT(now), DB_INT(now),
	                            DB_INT(couple_id), DB_INT(id)));
}

int dreams_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
                  struct err *e)
{
	if (export_list(out, "dreams", e) < 0)
		return -1;
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT id, kind, title, text, status, created_by, created_at, "
	                 "updated_at FROM dreams WHERE couple_id = ? ORDER BY id",
	                 e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	if (export_rows(st, "id:i,kind:s,title:s,text:s,status:s,by:w,created:t,updated:t", who,
	                out, e) < 0 ||
	    export_list(out, "dream_replies", e) < 0)
		return -1;
	st = db_prep_with(db,
	                  "SELECT dream_id, user_id, text, created_at FROM dream_replies "
	                  "WHERE couple_id = ? ORDER BY id",
	                  e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	return export_rows(st, "dream:i,by:w,text:s,created:t", who, out, e);
}

int dreams_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
{
	if (export_forget(db, "DELETE FROM dreams WHERE couple_id = ? AND created_by = ?",
	                  couple_id, user_id, e) < 0)
		return -1;
	return export_forget(db, "DELETE FROM dream_replies WHERE couple_id = ? AND user_id = ?",
	                     couple_id, user_id, e);
}

int dreams_delete(struct db *db, int64_t couple_id, int64_t id, int64_t by, struct err *e)
{
	if (db_exec_with(db, "DELETE FROM dreams WHERE couple_id = ? AND id = ? AND created_by = ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(id), DB_INT(by))) < 0)
		return -1;
	return db_changes(db) > 0;
}

int dreams_reply_delete(struct db *db, int64_t couple_id, int64_t dream_id, int64_t reply_id,
			int64_t by, struct err *e)
{
	if (db_exec_with(db,
	                 "DELETE FROM dream_replies WHERE couple_id = ? AND dream_id = ? AND "
	                 "id = ? AND user_id = ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(dream_id), DB_INT(reply_id),
	                            DB_INT(by))) < 0)
		return -1;
	return db_changes(db) > 0;
}
