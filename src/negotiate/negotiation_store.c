/* negotiation_store.c: SQL for negotiations (see negotiation_store.h). */
#include "negotiation_store.h"

#include "store/export_rows.h"

#include <string.h>

#define NO_VALUE (-1)

/* Runs `sql` (a literal) with couple_id, neg_id and, when it is not 0, one
 * more id bound to its placeholders in that order. */
static int exec_ids(struct db *db, const char *sql, int64_t couple_id, int64_t neg_id, int64_t id,
		    struct err *e)
{
	struct db_stmt *st = db_prep(db, sql, e);
	if (!st)
		return -1;
	db_bind_int(st, 1, couple_id);
	db_bind_int(st, 2, neg_id);
	if (id)
		db_bind_int(st, 3, id);
	return db_exec_stmt(st, e);
}

int negotiation_insert(struct db *db, int64_t couple_id, int64_t created_by, const char *topic,
		       const char *kind, int64_t *id, struct err *e)
{
	int64_t now = db_now();
	struct db_stmt *st =
	    db_prep_with(db,
	                 "INSERT INTO negotiations (couple_id, topic, kind, state, "
	                 "created_by, created_at, updated_at) "
	                 "VALUES (?, ?, ?, 'open', ?, ?, ?) RETURNING id",
	                 e,
	                 DB_VALS(DB_INT(couple_id), DB_TEXT(topic), DB_TEXT(kind),
	                         DB_INT(created_by), DB_INT(now), DB_INT(now)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

int negotiation_item_add(struct db *db, int64_t couple_id, int64_t neg_id, const char *name,
			 int64_t added_by, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO negotiation_items (couple_id, negotiation_id, "
	                    "name, added_by, added_at) VALUES (?, ?, ?, ?, ?)",
	                    e,
	                    DB_VALS(DB_INT(couple_id), DB_INT(neg_id), DB_TEXT(name),
	                            DB_INT(added_by), DB_INT(db_now())));
}

int negotiation_item_remove(struct db *db, int64_t couple_id, int64_t neg_id, int64_t item_id,
			    struct err *e)
{
	if (exec_ids(db,
		     "DELETE FROM negotiation_values WHERE couple_id = ? AND negotiation_id = ? "
		     "AND item_id = ?",
		     couple_id, neg_id, item_id, e) < 0 ||
	    exec_ids(db,
		     "DELETE FROM negotiation_items WHERE couple_id = ? AND negotiation_id = ? "
		     "AND id = ?",
		     couple_id, neg_id, item_id, e) < 0)
		return -1;
	return db_changes(db) > 0 ? 1 : 0;
}

/* The columns of a negotiation with its two sides, for get and list. The four
 * placeholders are uid[0] and uid[1], then couple_id (and the id for get). */
#define NEGOTIATION_COLS                                                                         \
	"SELECT n.id, n.topic, n.kind, n.state, n.created_by, n.created_at, n.updated_at, "     \
	"n.accepted_at, (SELECT count(*) FROM negotiation_items i WHERE i.couple_id = "          \
	"n.couple_id AND i.negotiation_id = n.id), "                                             \
	"s0.started, s0.done, s0.accepted, s0.status_quo, "                                      \
	"s1.started, s1.done, s1.accepted, s1.status_quo FROM negotiations n "                   \
	"LEFT JOIN negotiation_sides s0 ON s0.couple_id = n.couple_id AND "                      \
	"s0.negotiation_id = n.id AND s0.user_id = ? "                                           \
	"LEFT JOIN negotiation_sides s1 ON s1.couple_id = n.couple_id AND "                      \
	"s1.negotiation_id = n.id AND s1.user_id = ? "

static int64_t int_or(struct db_stmt *st, int i, int64_t none)
{
	return db_col_is_null(st, i) ? none : db_col_int(st, i);
}

static int load_row(struct db_stmt *st, struct arena *a, struct negotiation *g, struct err *e)
{
	memset(g, 0, sizeof *g);
	g->id = db_col_int(st, 0);
	g->topic = arena_strdup(a, db_col_text(st, 1));
	g->kind = arena_strdup(a, db_col_text(st, 2));
	g->state = arena_strdup(a, db_col_text(st, 3));
	g->created_by = int_or(st, 4, 0);
	g->created_at = db_col_int(st, 5);
	g->updated_at = db_col_int(st, 6);
	g->accepted_at = int_or(st, 7, 0);
	g->nitems = (size_t)db_col_int(st, 8);
	for (int k = 0; k < 2; k++) {
		int c = 9 + 4 * k;
		g->side[k].started = (int)int_or(st, c, 0);
		g->side[k].done = (int)int_or(st, c + 1, 0);
		g->side[k].accepted = (int)int_or(st, c + 2, 0);
		g->side[k].status_quo = int_or(st, c + 3, NO_VALUE);
	}
	if (!g->topic || !g->kind || !g->state)
		return err_set(e, 500, "no_memory", "out of memory");
	return 0;
}

static int load_items(struct db *db, struct arena *a, int64_t couple_id, struct negotiation *g,
		      struct err *e)
{
	struct db_stmt *st = db_prep_with(db,
	                                  "SELECT id, name, added_by FROM negotiation_items WHERE "
	                                  "couple_id = ? AND negotiation_id = ? ORDER BY id",
	                                  e, DB_VALS(DB_INT(couple_id), DB_INT(g->id)));
	if (!st)
		return -1;
	size_t max = g->nitems;
	g->items = arena_calloc(a, max ? max : 1, sizeof *g->items);
	if (!g->items)
		return err_set(e, 500, "no_memory", "out of memory");
	size_t k = 0;
	int rc;
	while (k < max && (rc = db_step(st, e)) == DB_ROW) {
		struct neg_item *it = &g->items[k++];
		it->id = db_col_int(st, 0);
		it->name = arena_strdup(a, db_col_text(st, 1));
		it->added_by = int_or(st, 2, 0);
		if (!it->name)
			return err_set(e, 500, "no_memory", "out of memory");
	}
	if (k < max && rc < 0)
		return -1;
	g->nitems = k;
	return 0;
}

int negotiation_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
		    const int64_t uid[2], struct negotiation *out, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, NEGOTIATION_COLS "WHERE n.couple_id = ? AND n.id = ?", e,
	                 DB_VALS(DB_INT(uid[0]), DB_INT(uid[1]), DB_INT(couple_id), DB_INT(id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc <= 0)
		return rc;
	if (load_row(st, a, out, e) < 0 || load_items(db, a, couple_id, out, e) < 0)
		return -1;
	return 1;
}

int negotiation_list(struct db *db, struct arena *a, int64_t couple_id, const int64_t uid[2],
		     size_t skip, size_t max, struct negotiation **out, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    NEGOTIATION_COLS "WHERE n.couple_id = ? ORDER BY "
	                     "n.updated_at DESC, n.id DESC LIMIT ? OFFSET ?",
	    e, DB_VALS(DB_INT(uid[0]), DB_INT(uid[1]), DB_INT(couple_id), DB_INT((int64_t)max),
	               DB_INT((int64_t)skip)));
	if (!st)
		return -1;
	struct negotiation *list = arena_calloc(a, max ? max : 1, sizeof *list);
	if (!list)
		return err_set(e, 500, "no_memory", "out of memory");
	size_t k = 0;
	int rc;
	while (k < max && (rc = db_step(st, e)) == DB_ROW)
		if (load_row(st, a, &list[k++], e) < 0)
			return -1;
	if (k < max && rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}

int negotiation_values_get(struct db *db, int64_t couple_id, int64_t neg_id, int64_t user_id,
			   const struct neg_item *items, size_t n, long long *values,
			   struct err *e)
{
	for (size_t i = 0; i < n; i++)
		values[i] = NO_VALUE;
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT item_id, value FROM negotiation_values WHERE "
	                 "couple_id = ? AND negotiation_id = ? AND user_id = ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(neg_id), DB_INT(user_id)));
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t item = db_col_int(st, 0);
		for (size_t i = 0; i < n; i++)
			if (items[i].id == item)
				values[i] = db_col_int(st, 1);
	}
	return rc < 0 ? -1 : 0;
}

int negotiation_side_save(struct db *db, int64_t couple_id, int64_t neg_id, int64_t user_id,
			  const struct neg_item *items, size_t n, const long long *values,
			  long long status_quo, int done, struct err *e)
{
	struct db_stmt *st = db_prep(
		db,
		"INSERT INTO negotiation_sides (couple_id, negotiation_id, user_id, started, done, "
		"accepted, status_quo, updated_at) VALUES (?, ?, ?, 1, ?, 0, ?, ?) "
		"ON CONFLICT (negotiation_id, user_id) DO UPDATE SET started = 1, "
		"done = excluded.done, accepted = 0, status_quo = excluded.status_quo, "
		"updated_at = excluded.updated_at",
		e);
	if (!st)
		return -1;
	db_bind_int(st, 1, couple_id);
	db_bind_int(st, 2, neg_id);
	db_bind_int(st, 3, user_id);
	db_bind_int(st, 4, done ? 1 : 0);
	if (status_quo >= 0)
		db_bind_int(st, 5, status_quo);
	else
		db_bind_null(st, 5);
	db_bind_int(st, 6, db_now());
	if (db_exec_stmt(st, e) < 0)
		return -1;
	if (exec_ids(db,
		     "DELETE FROM negotiation_values WHERE couple_id = ? AND negotiation_id = ? "
		     "AND user_id = ?",
		     couple_id, neg_id, user_id, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (values[i] < 0)
			continue;
		if (db_exec_with(
		        db,
		        "INSERT INTO negotiation_values (couple_id, negotiation_id, item_id, "
		        "user_id, value) VALUES (?, ?, ?, ?, ?)",
		        e,
		        DB_VALS(DB_INT(couple_id), DB_INT(neg_id), DB_INT(items[i].id),
		                DB_INT(user_id), DB_INT(values[i]))) < 0)
			return -1;
	}
	return 0;
}

int negotiation_side_accept(struct db *db, int64_t couple_id, int64_t neg_id, int64_t user_id,
			    struct err *e)
{
	return exec_ids(db,
			"UPDATE negotiation_sides SET accepted = 1 WHERE couple_id = ? AND "
			"negotiation_id = ? AND user_id = ?",
			couple_id, neg_id, user_id, e);
}

int negotiation_sides_reset(struct db *db, int64_t couple_id, int64_t neg_id, int reopen,
			    struct err *e)
{
	if (reopen)
		return exec_ids(db,
				"UPDATE negotiation_sides SET started = 0, done = 0, accepted = 0 "
				"WHERE couple_id = ? AND negotiation_id = ?",
				couple_id, neg_id, 0, e);
	return exec_ids(db,
			"UPDATE negotiation_sides SET done = 0, accepted = 0 "
			"WHERE couple_id = ? AND negotiation_id = ?",
			couple_id, neg_id, 0, e);
}

int negotiation_set_state(struct db *db, int64_t couple_id, int64_t id, const char *state,
			  int64_t accepted_at, struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE negotiations SET state = ?, updated_at = ?, "
	                    "accepted_at = CASE WHEN ? > 0 THEN ? ELSE accepted_at END "
	                    "WHERE couple_id = ? AND id = ?",
	                    e,
	                    DB_VALS(DB_TEXT(state), DB_INT(db_now()), DB_INT(accepted_at),
	                            DB_INT(accepted_at), DB_INT(couple_id), DB_INT(id)));
}

int negotiation_waiting_count(struct db *db, int64_t couple_id, int64_t user_id, int64_t *n,
			      struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT count(*) FROM negotiations n LEFT JOIN negotiation_sides s ON "
	    "s.couple_id = n.couple_id AND s.negotiation_id = n.id AND s.user_id = ? "
	    "WHERE n.couple_id = ? AND ((n.state = 'proposed' AND COALESCE(s.accepted, 0) = 0) "
	    "OR (n.state IN ('open', 'allocating') AND COALESCE(s.done, 0) = 0 AND "
	    "(SELECT count(*) FROM negotiation_items i WHERE i.couple_id = n.couple_id AND "
	    "i.negotiation_id = n.id) >= 2))",
	    e, DB_VALS(DB_INT(user_id), DB_INT(couple_id)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*n = db_col_int(st, 0);
	return 0;
}

int negotiation_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
                       struct err *e)
{
	if (export_list(out, "negotiations", e) < 0)
		return -1;
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT id, topic, kind, state, created_by, created_at, "
	                 "updated_at FROM negotiations WHERE couple_id = ? ORDER BY id",
	                 e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	if (export_rows(st, "id:i,topic:s,kind:s,state:s,by:w,created:t,updated:t", who, out, e) <
	        0 ||
	    export_list(out, "negotiation_items", e) < 0)
		return -1;
	st = db_prep_with(
	    db,
	    "SELECT i.negotiation_id, i.name, i.added_by, v.value FROM negotiation_items i "
	    "LEFT JOIN negotiation_values v ON v.item_id = i.id AND v.user_id = ? "
	    "WHERE i.couple_id = ? ORDER BY i.negotiation_id, i.id",
	    e, DB_VALS(DB_INT(who->me), DB_INT(couple_id)));
	if (!st)
		return -1;
	return export_rows(st, "negotiation:i,name:s,by:w,my_value:i", who, out, e);
}

int negotiation_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
{
	if (export_forget(db, "DELETE FROM negotiations WHERE couple_id = ? AND created_by = ?",
	                  couple_id, user_id, e) < 0)
		return -1;
	return export_forget(db,
	                     "DELETE FROM negotiation_items WHERE couple_id = ? AND added_by = ?",
	                     couple_id, user_id, e);
}

int negotiation_delete(struct db *db, int64_t couple_id, int64_t id, struct err *e)
{
	return db_exec_with(db, "DELETE FROM negotiations WHERE couple_id = ? AND id = ?", e,
	                    DB_VALS(DB_INT(couple_id), DB_INT(id)));
}
