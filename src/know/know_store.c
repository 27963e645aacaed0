/* know_store.c: SQL for "Know each other" (see know_store.h). */
#include "know_store.h"

#include "store/export_rows.h"

#include <string.h>

static int oom(struct err *e)
{
	return err_set(e, 500, "no_memory", "out of memory");
}


/* The couple's row; 1 found, 0 none, -1 error. */
static int couple_row(struct db *db, struct arena *a, int64_t couple_id, struct know_couple *out,
                      struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, "SELECT seed, current_prompt FROM know_couples WHERE couple_id = ?", e,
	                 DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc != DB_ROW)
		return rc;
	out->seed = (uint64_t)db_col_int(st, 0);
	out->current = NULL;
	if (!db_col_is_null(st, 1) && !(out->current = db_col_dup(st, a, 1)))
		return oom(e);
	return 1;
}

int know_couple_get(struct db *db, struct arena *a, int64_t couple_id, uint64_t new_seed,
                    struct know_couple *out, struct err *e)
{
	int rc = couple_row(db, a, couple_id, out, e);
	if (rc != 0)
		return rc < 0 ? -1 : 0;
	/* the seed is halved so that it fits a signed BIGINT */
	if (db_exec_with(db,
	                 "INSERT INTO know_couples (couple_id, seed) VALUES (?, ?) "
	                 "ON CONFLICT (couple_id) DO NOTHING",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT((int64_t)(new_seed >> 1)))) < 0)
		return -1;
	return couple_row(db, a, couple_id, out, e) == 1 ? 0 : -1;
}

int know_couple_set_current(struct db *db, int64_t couple_id, const char *prompt_id, struct err *e)
{
	return db_exec_with(
	    db, "UPDATE know_couples SET current_prompt = ?, current_at = ? WHERE couple_id = ?", e,
	    DB_VALS(DB_TEXT(prompt_id), DB_INT(db_now()), DB_INT(couple_id)));
}

int know_progress_list(struct db *db, struct arena *a, int64_t couple_id, size_t max,
                       struct know_progress **out, size_t *n, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT prompt_id, round, round_done, done_at FROM know_progress "
	                 "WHERE couple_id = ? ORDER BY prompt_id LIMIT ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	size_t cap = 0, k = 0;
	struct know_progress *list = arena_grow(a, NULL, 0, &cap, max, sizeof *list);
	if (!list)
		return oom(e);
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW) {
		if (!(list = arena_grow(a, list, k, &cap, max, sizeof *list)))
			return oom(e);
		struct know_progress *p = &list[k++];
		if (!(p->prompt_id = db_col_dup(st, a, 0)))
			return oom(e);
		p->round = db_col_int(st, 1);
		p->round_done = db_col_int(st, 2) != 0;
		p->done_at = db_col_int(st, 3);
	}
	if (rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}

int know_progress_ensure(struct db *db, int64_t couple_id, const char *prompt_id, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO know_progress (couple_id, prompt_id) VALUES (?, ?) "
	                    "ON CONFLICT (couple_id, prompt_id) DO NOTHING",
	                    e, DB_VALS(DB_INT(couple_id), DB_TEXT(prompt_id)));
}

int know_progress_new_round(struct db *db, int64_t couple_id, const char *prompt_id, struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE know_progress SET round = round + 1, round_done = 0 "
	                    "WHERE couple_id = ? AND prompt_id = ? AND round_done = 1",
	                    e, DB_VALS(DB_INT(couple_id), DB_TEXT(prompt_id)));
}

int know_progress_done(struct db *db, int64_t couple_id, const char *prompt_id, int64_t now,
                       struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO know_progress (couple_id, prompt_id, round_done, "
	                    "done_at) VALUES (?, ?, 1, ?) ON CONFLICT (couple_id, prompt_id) "
	                    "DO UPDATE SET round_done = 1, done_at = excluded.done_at",
	                    e, DB_VALS(DB_INT(couple_id), DB_TEXT(prompt_id), DB_INT(now)));
}

#define ANSWER_COLS                                                                                \
	"SELECT a.id, a.prompt_id, a.round, a.user_id, a.text, a.answered_at, a.edited_at, "       \
	"a.seen_at, a.version, a.reaction FROM know_answers a "

/* Reads answer rows (ANSWER_COLS) into arena memory, at most max. */
static int load_answers(struct db_stmt *st, struct arena *a, size_t max, struct know_answer **out,
                        size_t *n, struct err *e)
{
	size_t cap = 0, k = 0;
	struct know_answer *list = arena_grow(a, NULL, 0, &cap, max, sizeof *list);
	if (!list)
		return oom(e);
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW) {
		if (!(list = arena_grow(a, list, k, &cap, max, sizeof *list)))
			return oom(e);
		struct know_answer *x = &list[k++];
		x->id = db_col_int(st, 0);
		x->prompt_id = db_col_dup(st, a, 1);
		x->round = db_col_int(st, 2);
		x->user_id = db_col_int(st, 3);
		x->text = db_col_dup(st, a, 4);
		x->answered_at = db_col_int(st, 5);
		x->edited_at = db_col_int0(st, 6);
		x->seen_at = db_col_int0(st, 7);
		x->version = db_col_int(st, 8);
		x->reaction = db_col_dup(st, a, 9);
		if (!x->prompt_id || !x->text || !x->reaction)
			return oom(e);
	}
	if (rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}

int know_answers_of(struct db *db, struct arena *a, int64_t couple_id, const char *prompt_id,
                    struct know_answer **out, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(db,
	                                  ANSWER_COLS "WHERE a.couple_id = ? AND a.prompt_id = ? "
	                                              "ORDER BY a.round, a.id LIMIT 200",
	                                  e, DB_VALS(DB_INT(couple_id), DB_TEXT(prompt_id)));
	if (!st)
		return -1;
	return load_answers(st, a, 200, out, n, e);
}

/* ANSWER_COLS without the text (an empty string stands for it). */
#define ANSWER_COLS_BARE                                                                           \
	"SELECT a.id, a.prompt_id, a.round, a.user_id, '', a.answered_at, a.edited_at, "           \
	"a.seen_at, a.version, a.reaction FROM know_answers a "

int know_answers_open_rounds(struct db *db, struct arena *a, int64_t couple_id, size_t max,
                             struct know_answer **out, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    ANSWER_COLS_BARE "JOIN know_progress p ON p.couple_id = a.couple_id "
	                     "AND p.prompt_id = a.prompt_id AND p.round = a.round "
	                     "WHERE a.couple_id = ? ORDER BY a.answered_at DESC, a.id LIMIT ?",
	    e, DB_VALS(DB_INT(couple_id), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	return load_answers(st, a, max, out, n, e);
}

int know_answer_text(struct db *db, struct arena *a, int64_t couple_id, int64_t answer_id,
                     const char **text, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, "SELECT text FROM know_answers WHERE couple_id = ? AND id = ?", e,
	                 DB_VALS(DB_INT(couple_id), DB_INT(answer_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	*text = rc == DB_ROW ? db_col_dup(st, a, 0) : "";
	if (!*text)
		return oom(e);
	return db_exec_stmt(st, e);
}

int know_answer_insert(struct db *db, int64_t couple_id, const char *prompt_id, int64_t round,
                       int64_t user_id, const char *text, int64_t now, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO know_answers (couple_id, prompt_id, round, user_id, "
	                    "text, answered_at) VALUES (?, ?, ?, ?, ?, ?)",
	                    e,
	                    DB_VALS(DB_INT(couple_id), DB_TEXT(prompt_id), DB_INT(round),
	                            DB_INT(user_id), DB_TEXT(text), DB_INT(now)));
}

int know_answer_update(struct db *db, int64_t couple_id, int64_t answer_id, const char *text,
                       int edited, int64_t now, struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE know_answers SET text = ?, version = version + 1, "
	                    "edited_at = CASE WHEN ? = 1 "
	                    "THEN ? ELSE edited_at END WHERE couple_id = ? AND id = ?",
	                    e,
	                    DB_VALS(DB_TEXT(text), DB_INT(edited ? 1 : 0), DB_INT(now),
	                            DB_INT(couple_id), DB_INT(answer_id)));
}

int know_answer_react(struct db *db, int64_t couple_id, int64_t answer_id, const char *reaction,
                      struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE know_answers SET reaction = ?, reacted_at = ? "
	                    "WHERE couple_id = ? AND id = ?",
	                    e, DB_VALS(DB_TEXT(reaction), DB_INT(db_now()), DB_INT(couple_id),
	                               DB_INT(answer_id)));
}

int know_answer_seen(struct db *db, int64_t couple_id, int64_t answer_id, int64_t now,
                     struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE know_answers SET seen_at = ? WHERE couple_id = ? "
	                    "AND id = ? AND seen_at IS NULL",
	                    e, DB_VALS(DB_INT(now), DB_INT(couple_id), DB_INT(answer_id)));
}

int know_thread_of(struct db *db, struct arena *a, int64_t couple_id, const char *prompt_id,
                   size_t max, struct know_post **out, size_t *n, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT id, round, user_id, kind, text, created_at FROM "
	                 "know_thread WHERE couple_id = ? AND prompt_id = ? "
	                 "ORDER BY id LIMIT ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_TEXT(prompt_id), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	size_t cap = 0, k = 0;
	struct know_post *list = arena_grow(a, NULL, 0, &cap, max, sizeof *list);
	if (!list)
		return oom(e);
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW) {
		if (!(list = arena_grow(a, list, k, &cap, max, sizeof *list)))
			return oom(e);
		struct know_post *p = &list[k++];
		p->id = db_col_int(st, 0);
		p->round = db_col_int(st, 1);
		p->user_id = db_col_int(st, 2);
		p->kind = db_col_dup(st, a, 3);
		p->text = db_col_dup(st, a, 4);
		p->created_at = db_col_int(st, 5);
		if (!p->kind || !p->text)
			return oom(e);
	}
	if (rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}

int know_thread_add(struct db *db, int64_t couple_id, const char *prompt_id, int64_t round,
                    int64_t user_id, const char *kind, const char *text, int64_t now, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO know_thread (couple_id, prompt_id, round, user_id, "
	                    "kind, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	                    e,
	                    DB_VALS(DB_INT(couple_id), DB_TEXT(prompt_id), DB_INT(round),
	                            DB_INT(user_id), DB_TEXT(kind), DB_TEXT(text), DB_INT(now)));
}

int know_own_list(struct db *db, struct arena *a, int64_t couple_id, struct know_own_prompt **out,
                  size_t *n, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT id, level, topic, text, created_by, created_at FROM "
	                 "know_own WHERE couple_id = ? ORDER BY id LIMIT ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(KNOW_OWN_MAX)));
	if (!st)
		return -1;
	struct know_own_prompt *list = arena_calloc(a, KNOW_OWN_MAX, sizeof *list);
	if (!list)
		return oom(e);
	size_t k = 0;
	int rc = DB_DONE;
	while (k < KNOW_OWN_MAX && (rc = db_step(st, e)) == DB_ROW) {
		struct know_own_prompt *o = &list[k++];
		o->id = db_col_int(st, 0);
		o->key = arena_printf(a, "own-%lld", (long long)o->id);
		o->level = (int)db_col_int(st, 1);
		o->topic = db_col_dup(st, a, 2);
		o->text = db_col_dup(st, a, 3);
		o->created_by = db_col_int0(st, 4);
		o->created_at = db_col_int(st, 5);
		if (!o->key || !o->topic || !o->text)
			return oom(e);
	}
	if (rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}

int know_own_insert(struct db *db, int64_t couple_id, int level, const char *topic,
                    const char *text, int64_t by, int64_t now, int64_t *id, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "INSERT INTO know_own (couple_id, level, topic, text, created_by, "
	                 "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	                 e,
	                 DB_VALS(DB_INT(couple_id), DB_INT(level), DB_TEXT(topic), DB_TEXT(text),
	                         DB_INT(by), DB_INT(now)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

int know_early_masks(struct db *db, int64_t couple_id, const int64_t users[2], unsigned out[2],
                     struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, "SELECT user_id, level FROM know_early WHERE couple_id = ?", e,
	                 DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	out[0] = out[1] = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t user = db_col_int(st, 0), level = db_col_int(st, 1);
		if (level < 1 || level > 31)
			continue;
		for (int i = 0; i < 2; i++)
			if (users[i] == user)
				out[i] |= 1u << level;
	}
	return rc < 0 ? -1 : 0;
}

int know_early_set(struct db *db, int64_t couple_id, int64_t user_id, int level, int on,
                   int64_t now, struct err *e)
{
	struct db_stmt *st;
	if (on) {
		st = db_prep(
		    db,
		    "INSERT INTO know_early (couple_id, user_id, level, asked_at) "
		    "VALUES (?, ?, ?, ?) ON CONFLICT (couple_id, user_id, level) DO NOTHING",
		    e);
		if (!st)
			return -1;
		db_bind_int(st, 4, now);
	} else {
		st = db_prep(
		    db, "DELETE FROM know_early WHERE couple_id = ? AND user_id = ? AND level = ?",
		    e);
		if (!st)
			return -1;
	}
	db_bind_int(st, 1, couple_id);
	db_bind_int(st, 2, user_id);
	db_bind_int(st, 3, level);
	return db_exec_stmt(st, e);
}

int know_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
                struct err *e)
{
	if (export_list(out, "answers", e) < 0)
		return -1;
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT prompt_id, round, user_id, text, answered_at, edited_at "
	                 "FROM know_answers WHERE couple_id = ? AND user_id = ? "
	                 "ORDER BY answered_at, id",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(who->me)));
	const char *spec = "prompt:s,round:i,by:w,text:s,answered:t,edited:t";
	if (!st)
		return -1;
	if (export_rows(st, spec, who, out, e) < 0)
		return -1;
	if (who->partner) {
		st = db_prep_with(
		    db,
		    "SELECT p.prompt_id, p.round, p.user_id, p.text, p.answered_at, "
		    "p.edited_at, (SELECT COUNT(*) FROM know_answers m WHERE m.couple_id = "
		    "p.couple_id AND m.prompt_id = p.prompt_id AND m.round = p.round AND "
		    "m.user_id = ?) FROM know_answers p WHERE p.couple_id = ? AND p.user_id = ? "
		    "ORDER BY p.answered_at, p.id",
		    e, DB_VALS(DB_INT(who->me), DB_INT(couple_id), DB_INT(who->partner)));
		if (!st)
			return -1;
		if (export_rows_revealed(st, spec, who, 6, out, e) < 0)
			return -1;
	}
	const char *tspec = "prompt:s,round:i,by:w,kind:s,text:s,created:t";
	if (export_list(out, "answer_thread", e) < 0)
		return -1;
	st = db_prep_with(
	    db,
	    "SELECT prompt_id, round, user_id, kind, text, created_at FROM know_thread "
	    "WHERE couple_id = ? AND user_id = ? ORDER BY created_at, id",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(who->me)));
	if (!st)
		return -1;
	if (export_rows(st, tspec, who, out, e) < 0)
		return -1;
	if (who->partner) {
		st = db_prep_with(
		    db,
		    "SELECT t.prompt_id, t.round, t.user_id, t.kind, t.text, t.created_at, "
		    "(SELECT COUNT(*) FROM know_answers m WHERE m.couple_id = t.couple_id AND "
		    "m.prompt_id = t.prompt_id AND m.round = t.round AND m.user_id = ?) FROM "
		    "know_thread t WHERE t.couple_id = ? AND t.user_id = ? "
		    "ORDER BY t.created_at, t.id",
		    e, DB_VALS(DB_INT(who->me), DB_INT(couple_id), DB_INT(who->partner)));
		if (!st)
			return -1;
		if (export_rows_revealed(st, tspec, who, 6, out, e) < 0)
			return -1;
	}
	if (export_list(out, "own_prompts", e) < 0)
		return -1;
	st = db_prep_with(db,
	                  "SELECT level, topic, text, created_by, created_at FROM know_own "
	                  "WHERE couple_id = ? ORDER BY id",
	                  e, DB_VALS(DB_INT(couple_id)));
	if (!st || export_rows(st, "level:i,topic:s,text:s,by:w,created:t", who, out, e) < 0 ||
	    export_list(out, "together_notes", e) < 0)
		return -1;
	st = db_prep_with(db,
	                  "SELECT prompt_id, note, note_by, talked_at FROM together_prompts "
	                  "WHERE couple_id = ? AND note_by = ? AND note <> '' ORDER BY id",
	                  e, DB_VALS(DB_INT(couple_id), DB_INT(who->me)));
	if (!st || export_rows(st, "prompt:s,note:s,by:w,talked:t", who, out, e) < 0)
		return -1;
	return 0;
}

int know_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
{
	/* Together mode's record of what was talked about stays the partner's;
	 * the words the person wrote there go. */
	if (export_forget(db, "UPDATE together_prompts SET note = '' WHERE couple_id = ? AND "
	                      "note_by = ?",
	                  couple_id, user_id, e) < 0)
		return -1;
	return export_forget(db, "DELETE FROM know_own WHERE couple_id = ? AND created_by = ?",
	                     couple_id, user_id, e);
}
