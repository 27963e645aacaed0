/* difference_store.c: SQL for own items and ratings (see difference_store.h). */
#include "difference_store.h"

#include "store/export_rows.h"

#include "differences/diffmap.h"

static int no_memory(struct err *e)
{
	return err_set(e, 500, "no_memory", "out of memory");
}

/* A nullable small integer column: DIFFMAP_NONE for NULL. */
static int col_small(struct db_stmt *st, int i)
{
	return db_col_is_null(st, i) ? DIFFMAP_NONE : (int)db_col_int(st, i);
}

static void bind_small(struct db_stmt *st, int i, int v)
{
	if (v == DIFFMAP_NONE)
		db_bind_null(st, i);
	else
		db_bind_int(st, i, v);
}

int difference_own_insert(struct db *db, int64_t couple_id, int64_t by, const char *category,
                          const char *text, int64_t *id, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "INSERT INTO difference_items (couple_id, category, text, "
	                 "created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
	                 e,
	                 DB_VALS(DB_INT(couple_id), DB_TEXT(category), DB_TEXT(text), DB_INT(by),
	                         DB_INT(db_now())));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

int difference_own_count(struct db *db, int64_t couple_id, const char *category, const char *text,
                         int64_t *n, int *same, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT count(*), sum(CASE WHEN lower(text) = lower(?) "
	                 "THEN 1 ELSE 0 END) FROM difference_items "
	                 "WHERE couple_id = ? AND category = ?",
	                 e, DB_VALS(DB_TEXT(text), DB_INT(couple_id), DB_TEXT(category)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*n = db_col_int(st, 0);
	*same = !db_col_is_null(st, 1) && db_col_int(st, 1) > 0;
	return db_exec_stmt(st, e);
}

static int load_own(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct difference_own *o = row;
	o->id = db_col_int(st, 0);
	o->category = arena_strdup(a, db_col_text(st, 1));
	o->text = arena_strdup(a, db_col_text(st, 2));
	o->created_by = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
	return o->category && o->text ? 0 : no_memory(e);
}

int difference_own_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
                       struct difference_own *out, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT id, category, text, created_by FROM difference_items "
	                 "WHERE couple_id = ? AND id = ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(id)));
	if (!st)
		return -1;
	return db_row(st, a, out, load_own, e);
}

int difference_own_list(struct db *db, struct arena *a, int64_t couple_id, const char *category,
                        size_t max, struct difference_own **out, size_t *n, struct err *e)
{
	struct db_stmt *st;
	if (category) {
		st = db_prep_with(
		    db,
		    "SELECT id, category, text, created_by FROM difference_items "
		    "WHERE couple_id = ? AND category = ? ORDER BY id LIMIT ?",
		    e, DB_VALS(DB_INT(couple_id), DB_TEXT(category), DB_INT((int64_t)max)));
		if (!st)
			return -1;
	} else {
		st = db_prep_with(db,
		                  "SELECT id, category, text, created_by FROM difference_items "
		                  "WHERE couple_id = ? ORDER BY id LIMIT ?",
		                  e, DB_VALS(DB_INT(couple_id), DB_INT((int64_t)max)));
		if (!st)
			return -1;
	}
	void *list = NULL;
	if (db_rows(st, a, max, sizeof **out, load_own, &list, n, e) < 0)
		return -1;
	*out = list;
	return 0;
}

/* One row of difference_ratings(). */
static int load_rating(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct difference_rating *x = row;
	if (!(x->item = arena_strdup(a, db_col_text(st, 0))))
		return no_memory(e);
	x->user_id = db_col_int(st, 1);
	x->rating = col_small(st, 2);
	x->important = db_col_int(st, 3) != 0;
	x->guess = col_small(st, 4);
	return 0;
}

int difference_ratings(struct db *db, struct arena *a, int64_t couple_id, int64_t me,
                       int64_t partner, size_t max, struct difference_rating **out, size_t *n,
                       struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT item, user_id, rating, important, guess "
	    "FROM difference_ratings WHERE couple_id = ? AND user_id IN (?, ?) "
	    "LIMIT ?",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(me), DB_INT(partner), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	void *list = NULL;
	if (db_rows(st, a, max, sizeof **out, load_rating, &list, n, e) < 0)
		return -1;
	*out = list;
	return 0;
}

int difference_item_ratings(struct db *db, struct arena *a, int64_t couple_id, int64_t me,
                            int64_t partner, const char *item, struct difference_rating **out,
                            size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT item, user_id, rating, important, guess "
	    "FROM difference_ratings WHERE couple_id = ? AND user_id IN (?, ?) AND item = ? "
	    "LIMIT 2",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(me), DB_INT(partner), DB_TEXT(item)));
	if (!st)
		return -1;
	void *list = NULL;
	if (db_rows(st, a, 2, sizeof **out, load_rating, &list, n, e) < 0)
		return -1;
	*out = list;
	return 0;
}

int difference_rating_put(struct db *db, int64_t couple_id, int64_t user_id, const char *item,
                          int64_t own_id, int rating, int important, int guess, struct err *e)
{
	struct db_stmt *st = db_prep(db,
	                             "INSERT INTO difference_ratings (couple_id, user_id, item, "
	                             "own_id, rating, important, guess, updated_at) "
	                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
	                             "ON CONFLICT (couple_id, user_id, item) DO UPDATE SET "
	                             "rating = excluded.rating, important = excluded.important, "
	                             "guess = excluded.guess, updated_at = excluded.updated_at",
	                             e);
	if (!st)
		return -1;
	db_bind_int(st, 1, couple_id);
	db_bind_int(st, 2, user_id);
	db_bind_text(st, 3, item);
	if (own_id)
		db_bind_int(st, 4, own_id);
	else
		db_bind_null(st, 4);
	bind_small(st, 5, rating);
	db_bind_int(st, 6, important ? 1 : 0);
	bind_small(st, 7, guess);
	db_bind_int(st, 8, db_now());
	return db_exec_stmt(st, e);
}

/* One row of difference_pairs(). */
static int load_pair(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct difference_pair *p = row;
	if (!(p->item = arena_strdup(a, db_col_text(st, 0))))
		return no_memory(e);
	p->own_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
	if (!db_col_is_null(st, 2) && (!(p->own_category = arena_strdup(a, db_col_text(st, 2))) ||
	                               !(p->own_text = arena_strdup(a, db_col_text(st, 3)))))
		return no_memory(e);
	p->a = col_small(st, 4);
	p->important_a = db_col_int(st, 5) != 0;
	p->guess_a = col_small(st, 6);
	p->b = col_small(st, 7);
	p->important_b = db_col_int(st, 8) != 0;
	p->guess_b = col_small(st, 9);
	return 0;
}

int difference_pairs(struct db *db, struct arena *a, int64_t couple_id, int64_t me, int64_t partner,
                     size_t max, struct difference_pair **out, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT x.item, x.own_id, o.category, o.text, x.rating, x.important, x.guess, "
	    "y.rating, y.important, y.guess FROM difference_ratings x "
	    "JOIN difference_ratings y ON y.couple_id = x.couple_id AND y.user_id = ? "
	    "AND y.item = x.item "
	    "LEFT JOIN difference_items o ON o.couple_id = x.couple_id AND o.id = x.own_id "
	    "WHERE x.couple_id = ? AND x.user_id = ? "
	    "AND x.rating IS NOT NULL AND y.rating IS NOT NULL LIMIT ?",
	    e, DB_VALS(DB_INT(partner), DB_INT(couple_id), DB_INT(me), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	void *list = NULL;
	if (db_rows(st, a, max, sizeof **out, load_pair, &list, n, e) < 0)
		return -1;
	*out = list;
	return 0;
}

int difference_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
                      struct err *e)
{
	if (export_list(out, "ratings", e) < 0)
		return -1;
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT r.item, i.text, r.user_id, r.rating, r.important, r.guess, "
	                 "r.updated_at FROM difference_ratings r LEFT JOIN difference_items i "
	                 "ON i.id = r.own_id WHERE r.couple_id = ? AND r.user_id = ? "
	                 "ORDER BY r.item",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(who->me)));
	if (!st)
		return -1;
	if (export_rows(st, "item:s,own_text:s,by:w,rating:i,important:b,guess:i,updated:t", who,
	                out, e) < 0)
		return -1;
	if (who->partner) {
		st = db_prep_with(
		    db,
		    "SELECT p.item, i.text, p.user_id, p.rating, p.important, p.updated_at, "
		    "(SELECT COUNT(*) FROM difference_ratings m WHERE m.couple_id = p.couple_id "
		    "AND m.item = p.item AND m.user_id = ? AND m.rating IS NOT NULL) FROM "
		    "difference_ratings p LEFT JOIN difference_items i ON i.id = p.own_id "
		    "WHERE p.couple_id = ? AND p.user_id = ? AND p.rating IS NOT NULL "
		    "ORDER BY p.item",
		    e, DB_VALS(DB_INT(who->me), DB_INT(couple_id), DB_INT(who->partner)));
		if (!st)
			return -1;
		if (export_rows_revealed(st,
		                         "item:s,own_text:s,by:w,rating:i,important:b,updated:t",
		                         who, 6, out, e) < 0)
			return -1;
	}
	if (export_list(out, "difference_items", e) < 0)
		return -1;
	st = db_prep_with(db,
	                  "SELECT id, category, text, created_by, created_at FROM difference_items "
	                  "WHERE couple_id = ? ORDER BY id",
	                  e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	return export_rows(st, "id:i,category:s,text:s,by:w,created:t", who, out, e);
}

int difference_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
{
	return export_forget(db,
	                     "DELETE FROM difference_items WHERE couple_id = ? AND created_by = ?",
	                     couple_id, user_id, e);
}

int difference_own_delete(struct db *db, int64_t couple_id, int64_t id, struct err *e)
{
	return db_exec_with(db, "DELETE FROM difference_items WHERE couple_id = ? AND id = ?", e,
	                    DB_VALS(DB_INT(couple_id), DB_INT(id)));
}
