/* together_store.c: SQL for together mode (see together_store.h). */
#include "together_store.h"

int together_start(struct db *db, int64_t couple_id, int64_t first_user, int64_t by, int64_t now,
                   int64_t *id, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "UPDATE together_sessions SET ended_at = ? WHERE couple_id = ? "
	                 "AND ended_at IS NULL",
	                 e, DB_VALS(DB_INT(now), DB_INT(couple_id)));
	if (!st)
		return -1;
	if (db_exec_stmt(st, e) < 0)
		return -1;
	st = db_prep_with(
	    db,
	    "INSERT INTO together_sessions (couple_id, first_user, started_by, started_at, "
	    "set_started_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
	    e,
	    DB_VALS(DB_INT(couple_id), DB_INT(first_user), DB_INT(by), DB_INT(now), DB_INT(now)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

#define SESSION_COLS                                                                               \
	"SELECT id, first_user, started_by, started_at, set_started_at, step, ended_at FROM "      \
	"together_sessions "

static void load_session(struct db_stmt *st, struct together_session *s)
{
	s->id = db_col_int(st, 0);
	s->first_user = db_col_int0(st, 1);
	s->started_by = db_col_int0(st, 2);
	s->started_at = db_col_int(st, 3);
	s->set_started_at = db_col_int(st, 4);
	s->step = db_col_int(st, 5);
	s->ended_at = db_col_int0(st, 6);
}

int together_get(struct db *db, int64_t couple_id, int64_t id, struct together_session *out,
                 struct err *e)
{
	struct db_stmt *st = db_prep_with(db, SESSION_COLS "WHERE couple_id = ? AND id = ?", e,
	                                  DB_VALS(DB_INT(couple_id), DB_INT(id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		load_session(st, out);
	return rc;
}

int together_open(struct db *db, int64_t couple_id, int64_t since, struct together_session *out,
                  struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 SESSION_COLS "WHERE couple_id = ? AND ended_at IS NULL AND "
	                              "started_at >= ? ORDER BY id DESC LIMIT 1",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(since)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		load_session(st, out);
	return rc;
}

int together_talked(struct db *db, int64_t couple_id, int64_t session_id, int64_t step,
                    const char *prompt_id, int64_t first_user, int64_t by, const char *note,
                    int new_set, int64_t now, struct err *e)
{
	struct db_stmt *st =
	    db_prep(db,
	            "INSERT INTO together_prompts (couple_id, session_id, prompt_id, "
	            "step, first_user, note, talked_at, note_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	            e);
	if (!st)
		return -1;
	db_bind_int(st, 1, couple_id);
	db_bind_int(st, 2, session_id);
	db_bind_text(st, 3, prompt_id);
	db_bind_int(st, 4, step);
	if (first_user)
		db_bind_int(st, 5, first_user);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, note);
	db_bind_int(st, 7, now);
	db_bind_int(st, 8, by);
	if (db_exec_stmt(st, e) < 0)
		return -1;
	return db_exec_with(
	    db,
	    "UPDATE together_sessions SET step = step + 1, set_started_at = CASE WHEN ? = 1 "
	    "THEN ? ELSE set_started_at END WHERE couple_id = ? AND id = ?",
	    e,
	    DB_VALS(DB_INT(new_set ? 1 : 0), DB_INT(now), DB_INT(couple_id), DB_INT(session_id)));
}

int together_end(struct db *db, int64_t couple_id, int64_t session_id, int64_t now, struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE together_sessions SET ended_at = ? WHERE couple_id = ? "
	                    "AND id = ? AND ended_at IS NULL",
	                    e, DB_VALS(DB_INT(now), DB_INT(couple_id), DB_INT(session_id)));
}

#define TALK_COLS                                                                        \
	"SELECT session_id, prompt_id, step, first_user, note, talked_at, note_by, "     \
	"CASE WHEN note_by IS NOT NULL AND confirmed_by IS NULL THEN 1 ELSE 0 END "

static int load_talks(struct db_stmt *st, struct arena *a, size_t max, struct together_talk **out,
                      size_t *n, struct err *e)
{
	struct together_talk *list = arena_calloc(a, max, sizeof *list);
	if (!list)
		return err_set(e, 500, "no_memory", "out of memory");
	size_t k = 0;
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW) {
		struct together_talk *t = &list[k++];
		t->session_id = db_col_int(st, 0);
		t->prompt_id = arena_strdup(a, db_col_text(st, 1));
		t->step = db_col_int(st, 2);
		t->first_user = db_col_int0(st, 3);
		t->note = arena_strdup(a, db_col_text(st, 4));
		t->talked_at = db_col_int(st, 5);
		t->by = db_col_int0(st, 6);
		t->pending = db_col_int(st, 7) != 0;
		if (!t->prompt_id || !t->note)
			return err_set(e, 500, "no_memory", "out of memory");
	}
	if (rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}

int together_talks_of_session(struct db *db, struct arena *a, int64_t couple_id, int64_t session_id,
                              struct together_talk **out, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    TALK_COLS "FROM together_prompts WHERE couple_id = ? AND session_id = ? "
	    "ORDER BY step LIMIT ?",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(session_id), DB_INT(TOGETHER_STEPS_MAX)));
	if (!st)
		return -1;
	return load_talks(st, a, TOGETHER_STEPS_MAX, out, n, e);
}

int together_talks_of_prompt(struct db *db, struct arena *a, int64_t couple_id,
                             const char *prompt_id, struct together_talk **out, size_t *n,
                             struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 TALK_COLS "FROM together_prompts WHERE couple_id = ? AND prompt_id = ? "
	                 "ORDER BY id LIMIT 50",
	                 e, DB_VALS(DB_INT(couple_id), DB_TEXT(prompt_id)));
	if (!st)
		return -1;
	return load_talks(st, a, 50, out, n, e);
}

int together_confirm(struct db *db, int64_t couple_id, int64_t session_id, int64_t me,
                     struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE together_prompts SET confirmed_by = ? WHERE couple_id = ? AND "
	                    "session_id = ? AND note_by IS NOT NULL AND note_by <> ? AND "
	                    "confirmed_by IS NULL",
	                    e, DB_VALS(DB_INT(me), DB_INT(couple_id), DB_INT(session_id), DB_INT(me)));
}

int together_pending_for(struct db *db, int64_t couple_id, int64_t me, int64_t *session_id,
                         struct err *e)
{
	struct db_stmt *st = db_prep_with(db,
	                                  "SELECT max(session_id) FROM together_prompts WHERE "
	                                  "couple_id = ? AND note_by IS NOT NULL AND note_by <> ? "
	                                  "AND confirmed_by IS NULL",
	                                  e, DB_VALS(DB_INT(couple_id), DB_INT(me)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	int found = rc == DB_ROW && !db_col_is_null(st, 0);
	if (found)
		*session_id = db_col_int(st, 0);
	return db_exec_stmt(st, e) < 0 ? -1 : found;
}
