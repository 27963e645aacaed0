/* agreement_store.c: SQL for agreements (see agreement_store.h). */
#include "agreement_store.h"

#include "store/export_rows.h"

#include <string.h>

int agreement_insert(struct db *db, int64_t couple_id, int64_t created_by, const char *text,
		     int64_t doer_id, int both_do, int64_t review_on, const char *source,
		     int64_t source_id, int64_t *id, struct err *e)
{
	struct db_stmt *st = db_prep(db,
				     "INSERT INTO agreements (couple_id, text, doer_id, both_do, "
				     "review_on, source, source_id, created_by, created_at) "
				     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
				     e);
	if (!st)
		return -1;
	db_bind_int(st, 1, couple_id);
	db_bind_text(st, 2, text);
	if (doer_id)
		db_bind_int(st, 3, doer_id);
	else
		db_bind_null(st, 3);
	db_bind_int(st, 4, both_do ? 1 : 0);
	db_bind_int(st, 5, review_on);
	db_bind_text(st, 6, source);
	if (source_id)
		db_bind_int(st, 7, source_id);
	else
		db_bind_null(st, 7);
	db_bind_int(st, 8, created_by);
	db_bind_int(st, 9, db_now());
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

#define AGREEMENT_COLS                                                                        \
	"SELECT a.id, a.text, a.doer_id, a.both_do, a.review_on, a.status, a.status_by, u.name, " \
	"a.status_at, a.source, a.source_id, a.created_by, a.created_at FROM agreements a "       \
	"LEFT JOIN users u ON u.id = a.status_by "

static int load_row(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct agreement *g = row;
	g->id = db_col_int(st, 0);
	g->text = arena_strdup(a, db_col_text(st, 1));
	g->doer_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
	g->both_do = (int)db_col_int(st, 3);
	g->review_on = db_col_int(st, 4);
	g->status = arena_strdup(a, db_col_text(st, 5));
	g->status_by = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
	g->status_by_name = arena_strdup(a, db_col_is_null(st, 7) ? "" : db_col_text(st, 7));
	g->status_at = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
	g->source = arena_strdup(a, db_col_text(st, 9));
	g->source_id = db_col_is_null(st, 10) ? 0 : db_col_int(st, 10);
	g->created_by = db_col_is_null(st, 11) ? 0 : db_col_int(st, 11);
	g->created_at = db_col_int(st, 12);
	if (!g->text || !g->status || !g->status_by_name || !g->source)
		return err_set(e, 500, "no_memory", "out of memory");
	return 0;
}

/* Steps through at most max rows of st into an array from the arena. */
static int load_rows(struct db_stmt *st, struct arena *a, size_t max, struct agreement **out,
		     size_t *n, struct err *e)
{
	void *rows;
	if (db_rows(st, a, max, sizeof **out, load_row, &rows, n, e) < 0)
		return -1;
	*out = rows;
	return 0;
}

int agreement_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
		  struct agreement *out, struct err *e)
{
	struct db_stmt *st = db_prep_with(db, AGREEMENT_COLS "WHERE a.couple_id = ? AND a.id = ?",
	                                  e, DB_VALS(DB_INT(couple_id), DB_INT(id)));
	if (!st)
		return -1;
	return db_row(st, a, out, load_row, e);
}

int agreement_list(struct db *db, struct arena *a, int64_t couple_id, size_t skip, size_t max,
		   struct agreement **out, size_t *n, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 AGREEMENT_COLS "WHERE a.couple_id = ? ORDER BY "
	                                "CASE WHEN a.status = 'active' THEN 0 ELSE 1 END, "
	                                "CASE WHEN a.status = 'active' THEN a.review_on "
	                                "ELSE -a.created_at END, a.id LIMIT ? OFFSET ?",
	                 e,
	                 DB_VALS(DB_INT(couple_id), DB_INT((int64_t)max), DB_INT((int64_t)skip)));
	if (!st)
		return -1;
	return load_rows(st, a, max, out, n, e);
}

int agreement_list_from(struct db *db, struct arena *a, int64_t couple_id, const char *source,
			int64_t source_id, size_t max, struct agreement **out, size_t *n,
			struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    AGREEMENT_COLS "WHERE a.couple_id = ? AND a.source = ? AND "
	                   "a.source_id = ? ORDER BY a.id LIMIT ?",
	    e,
	    DB_VALS(DB_INT(couple_id), DB_TEXT(source), DB_INT(source_id), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	return load_rows(st, a, max, out, n, e);
}

int agreement_mark(struct db *db, int64_t couple_id, int64_t id, const char *status, int64_t by,
		   int64_t review_on, struct err *e)
{
	int64_t now = db_now();
	if (db_exec_with(db,
	                 "UPDATE agreements SET status = ?, status_by = ?, status_at = ?, "
	                 "review_on = CASE WHEN ? > 0 THEN ? ELSE review_on END "
	                 "WHERE couple_id = ? AND id = ?",
	                 e,
	                 DB_VALS(DB_TEXT(status), DB_INT(by), DB_INT(now), DB_INT(review_on),
	                         DB_INT(review_on), DB_INT(couple_id), DB_INT(id))) < 0)
		return -1;
	return db_exec_with(
	    db,
	    "INSERT INTO agreement_marks (couple_id, agreement_id, status, marked_by, "
	    "marked_at) VALUES (?, ?, ?, ?, ?)",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(id), DB_TEXT(status), DB_INT(by), DB_INT(now)));
}

int agreement_due_count(struct db *db, int64_t couple_id, int64_t day, int64_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(db,
	                                  "SELECT count(*) FROM agreements WHERE couple_id = ? "
	                                  "AND status = 'active' AND review_on <= ?",
	                                  e, DB_VALS(DB_INT(couple_id), DB_INT(day)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*n = db_col_int(st, 0);
	return 0;
}

int agreement_marks_since(struct db *db, int64_t couple_id, int64_t since,
			  void (*fn)(void *ctx, int64_t marked_at, const char *status), void *ctx,
			  struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT marked_at, status FROM agreement_marks WHERE couple_id = ? "
	                 "AND marked_at >= ? AND status IN ('kept', 'missed') "
	                 "ORDER BY marked_at",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(since)));
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		fn(ctx, db_col_int(st, 0), db_col_text(st, 1));
	return rc < 0 ? -1 : 0;
}

int agreement_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
                     struct err *e)
{
	if (export_list(out, "agreements", e) < 0)
		return -1;
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT id, text, doer_id, both_do, review_on, status, source, "
	                 "created_by, created_at FROM agreements WHERE couple_id = ? "
	                 "ORDER BY id",
	                 e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	return export_rows(st,
	                   "id:i,text:s,doer:u,both_do:b,review_on:d,status:s,source:s,by:w,"
	                   "created:t",
	                   who, out, e);
}

int agreement_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
{
	return export_forget(db, "DELETE FROM agreements WHERE couple_id = ? AND created_by = ?",
	                     couple_id, user_id, e);
}
