/* conversation_store.c: SQL for structured conversations (see conversation_store.h). */
#include "conversation_store.h"

#include "store/export_rows.h"

static const char *dup_text(struct arena *a, struct db_stmt *st, int i)
{
	const char *s = db_col_text(st, i);
	return arena_strdup(a, s ? s : "");
}

int conversation_insert(struct db *db, int64_t couple_id, int64_t by, const char *kind,
                        const char *topic, int shared, int64_t holder, int64_t now, int64_t *id,
                        struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "INSERT INTO conversations (couple_id, kind, topic, shared, holder_id, started_by, "
	    "started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    e,
	    DB_VALS(DB_INT(couple_id), DB_TEXT(kind), DB_TEXT(topic), DB_INT(shared),
	            DB_INT(holder), DB_INT(by), DB_INT(now), DB_INT(now)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

#define CONVERSATION_COLS                                                                          \
	"SELECT id, kind, topic, shared, step, holder_id, passes, break_by, break_until, seq, "    \
	"started_by, started_at, updated_at, ended_at, outcome, outcome_id FROM conversations "

static int load(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct conversation *c = row;
	c->id = db_col_int(st, 0);
	c->kind = dup_text(a, st, 1);
	c->topic = dup_text(a, st, 2);
	c->shared = (int)db_col_int(st, 3);
	c->step = (int)db_col_int(st, 4);
	c->holder_id = db_col_int0(st, 5);
	c->passes = (int)db_col_int(st, 6);
	c->break_by = db_col_int0(st, 7);
	c->break_until = db_col_int(st, 8);
	c->seq = db_col_int(st, 9);
	c->started_by = db_col_int0(st, 10);
	c->started_at = db_col_int(st, 11);
	c->updated_at = db_col_int(st, 12);
	c->ended_at = db_col_int0(st, 13);
	c->outcome = dup_text(a, st, 14);
	c->outcome_id = db_col_int0(st, 15);
	if (!c->kind || !c->topic || !c->outcome)
		return err_set(e, 500, "no_memory", "out of memory");
	return 0;
}

int conversation_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
                     struct conversation *out, struct err *e)
{
	struct db_stmt *st = db_prep_with(db, CONVERSATION_COLS "WHERE couple_id = ? AND id = ?", e,
	                                  DB_VALS(DB_INT(couple_id), DB_INT(id)));
	return st ? db_row(st, a, out, load, e) : -1;
}

int conversation_open(struct db *db, struct arena *a, int64_t couple_id, struct conversation *out,
                      struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 CONVERSATION_COLS "WHERE couple_id = ? AND ended_at IS NULL "
	                                   "ORDER BY id DESC LIMIT 1",
	                 e, DB_VALS(DB_INT(couple_id)));
	return st ? db_row(st, a, out, load, e) : -1;
}

int conversation_list(struct db *db, struct arena *a, int64_t couple_id, struct conversation **out,
                      size_t *n, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, CONVERSATION_COLS "WHERE couple_id = ? ORDER BY id DESC LIMIT ?", e,
	                 DB_VALS(DB_INT(couple_id), DB_INT(CONVERSATIONS_MAX)));
	if (!st)
		return -1;
	void *rows;
	if (db_rows(st, a, CONVERSATIONS_MAX, sizeof **out, load, &rows, n, e) < 0)
		return -1;
	*out = rows;
	return 0;
}

int conversation_save(struct db *db, int64_t couple_id, const struct conversation *c, int64_t now,
                      struct err *e)
{
	/* NULLIF: the people and the ending are NULL rather than 0 when there are none */
	if (db_exec_with(
	        db,
	        "UPDATE conversations SET step = ?, holder_id = NULLIF(CAST(? AS BIGINT), 0), "
	        "passes = ?, break_by = NULLIF(CAST(? AS BIGINT), 0), break_until = ?, "
	        "ended_at = NULLIF(CAST(? AS BIGINT), 0), outcome = ?, "
	        "outcome_id = NULLIF(CAST(? AS BIGINT), 0), updated_at = ?, seq = seq + 1 "
	        "WHERE couple_id = ? AND id = ? AND seq = ?",
	        e,
	        DB_VALS(DB_INT(c->step), DB_INT(c->holder_id), DB_INT(c->passes),
	                DB_INT(c->break_by), DB_INT(c->break_until), DB_INT(c->ended_at),
	                DB_TEXT(*c->outcome ? c->outcome : NULL), DB_INT(c->outcome_id),
	                DB_INT(now), DB_INT(couple_id), DB_INT(c->id), DB_INT(c->seq))) < 0)
		return -1;
	return db_changes(db) == 1;
}

int conversation_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
                        struct err *e)
{
	if (export_list(out, "conversations", e) < 0)
		return -1;
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT id, kind, topic, shared, started_by, started_at, ended_at, outcome, outcome_id "
	    "FROM conversations WHERE couple_id = ? ORDER BY id",
	    e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	return export_rows(st,
	                   "id:i,kind:s,topic:s,shared_screen:b,by:w,started:t,ended:t,outcome:s,"
	                   "outcome_id:i",
	                   who, out, e);
}

int conversation_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
{
	return export_forget(db, "DELETE FROM conversations WHERE couple_id = ? AND started_by = ?",
	                     couple_id, user_id, e);
}
