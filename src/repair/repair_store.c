/* repair_store.c: SQL for repairs and their entries (see repair_store.h). */
#include "repair_store.h"

#include "store/export_rows.h"

#include <string.h>

static int no_memory(struct err *e)
{
	return err_set(e, 500, "no_memory", "out of memory");
}

int repair_insert(struct db *db, int64_t couple_id, const char *title, int64_t happened_on,
                  int64_t started_by, int64_t *id, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "INSERT INTO repairs (couple_id, title, happened_on, started_by, "
	                 "created) VALUES (?, ?, ?, ?, ?) RETURNING id",
	                 e,
	                 DB_VALS(DB_INT(couple_id), DB_TEXT(title), DB_INT(happened_on),
	                         DB_INT(started_by), DB_INT(db_now())));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

#define REPAIR_COLS "SELECT id, title, happened_on, started_by, created, planned_at FROM repairs "

static int load_row(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct repair_row *out = row;
	out->id = db_col_int(st, 0);
	out->title = arena_strdup(a, db_col_text(st, 1));
	out->happened_on = db_col_int(st, 2);
	out->started_by = db_col_is_null(st, 3) ? 0 : db_col_int(st, 3);
	out->created = db_col_int(st, 4);
	out->planned_at = db_col_is_null(st, 5) ? 0 : db_col_int(st, 5);
	return out->title ? 0 : no_memory(e);
}

int repair_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
               struct repair_row *out, struct err *e)
{
	struct db_stmt *st = db_prep_with(db, REPAIR_COLS "WHERE couple_id = ? AND id = ?", e,
	                                  DB_VALS(DB_INT(couple_id), DB_INT(id)));
	if (!st)
		return -1;
	return db_row(st, a, out, load_row, e);
}

int repair_list(struct db *db, struct arena *a, int64_t couple_id, size_t max,
                struct repair_row **out, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db, REPAIR_COLS "WHERE couple_id = ? ORDER BY created DESC, id DESC LIMIT ?", e,
	    DB_VALS(DB_INT(couple_id), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	void *rows;
	if (db_rows(st, a, max, sizeof **out, load_row, &rows, n, e) < 0)
		return -1;
	*out = rows;
	return 0;
}

int repair_steps_written(struct db *db, int64_t couple_id,
                         void (*fn)(void *ctx, int64_t repair_id, int64_t user_id, int step),
                         void *ctx, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT repair_id, user_id, 0 FROM repair_reflections WHERE couple_id = ? "
	    "UNION ALL SELECT repair_id, user_id, 1 FROM repair_apologies WHERE couple_id = ? "
	    "UNION ALL SELECT repair_id, user_id, 2 FROM repair_responses WHERE couple_id = ? "
	    "UNION ALL SELECT repair_id, user_id, 3 FROM repair_plans WHERE couple_id = ?",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(couple_id), DB_INT(couple_id), DB_INT(couple_id)));
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		fn(ctx, db_col_int(st, 0), db_col_int(st, 1), (int)db_col_int(st, 2));
	return rc < 0 ? -1 : 0;
}

/* The trailing columns every entry query selects: written_at, updated_at, seen,
 * edited, version, starting at column i. */
static void load_meta(struct db_stmt *st, int i, struct repair_meta *m)
{
	m->written = 1;
	m->written_at = db_col_int(st, i);
	m->updated_at = db_col_int(st, i + 1);
	m->seen = (int)db_col_int(st, i + 2);
	m->edited = (int)db_col_int(st, i + 3);
	m->version = db_col_int(st, i + 4);
}

/* Prepares one of the entry queries for (couple, repair, user); NULL on error. */
static struct db_stmt *entry_query(struct db *db, const char *sql, int64_t couple_id,
                                   int64_t repair_id, int64_t user_id, struct err *e)
{
	return db_prep_with(db, sql, e,
	                    DB_VALS(DB_INT(couple_id), DB_INT(repair_id), DB_INT(user_id)));
}

#define ENTRY_WHERE " WHERE couple_id = ? AND repair_id = ? AND user_id = ?"

int repair_side_load(struct db *db, struct arena *a, int64_t couple_id, int64_t repair_id,
                     int64_t user_id, struct repair_side *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc;
	struct db_stmt *st =
	    entry_query(db,
	                "SELECT feelings, reality, triggers, my_part, written_at, "
	                "updated_at, seen, edited, version FROM repair_reflections" ENTRY_WHERE,
	                couple_id, repair_id, user_id, e);
	if (!st || (rc = db_step(st, e)) < 0)
		return -1;
	if (rc == DB_ROW) {
		struct repair_reflection *v = &out->reflection;
		v->feelings = arena_strdup(a, db_col_text(st, 0));
		v->reality = arena_strdup(a, db_col_text(st, 1));
		v->triggers = arena_strdup(a, db_col_text(st, 2));
		v->my_part = arena_strdup(a, db_col_text(st, 3));
		load_meta(st, 4, &v->m);
		if (!v->feelings || !v->reality || !v->triggers || !v->my_part)
			return no_memory(e);
	}
	st = entry_query(db,
	                 "SELECT text, coach, written_at, updated_at, seen, edited, version "
	                 "FROM repair_apologies" ENTRY_WHERE,
	                 couple_id, repair_id, user_id, e);
	if (!st || (rc = db_step(st, e)) < 0)
		return -1;
	if (rc == DB_ROW) {
		struct repair_apology *v = &out->apology;
		v->text = arena_strdup(a, db_col_text(st, 0));
		v->coach = arena_strdup(a, db_col_text(st, 1));
		load_meta(st, 2, &v->m);
		if (!v->text || !v->coach)
			return no_memory(e);
	}
	st = entry_query(db,
	                 "SELECT accepted, still_needed, written_at, updated_at, seen, edited, version "
	                 "FROM repair_responses" ENTRY_WHERE,
	                 couple_id, repair_id, user_id, e);
	if (!st || (rc = db_step(st, e)) < 0)
		return -1;
	if (rc == DB_ROW) {
		struct repair_response *v = &out->response;
		v->accepted = (int)db_col_int(st, 0);
		v->still_needed = arena_strdup(a, db_col_text(st, 1));
		load_meta(st, 2, &v->m);
		if (!v->still_needed)
			return no_memory(e);
	}
	st = entry_query(db,
	                 "SELECT mine, partners, written_at, updated_at, 0, 0, version "
	                 "FROM repair_plans" ENTRY_WHERE,
	                 couple_id, repair_id, user_id, e);
	if (!st || (rc = db_step(st, e)) < 0)
		return -1;
	if (rc == DB_ROW) {
		struct repair_plan *v = &out->plan;
		v->mine = arena_strdup(a, db_col_text(st, 0));
		v->partners = arena_strdup(a, db_col_text(st, 1));
		load_meta(st, 2, &v->m);
		if (!v->mine || !v->partners)
			return no_memory(e);
	}
	return 0;
}

/* The upserts' placeholders run: repair_id, couple_id, user_id, the fields,
 * written_at, updated_at (the same time), then `edited` last when the table has it. */

int repair_put_reflection(struct db *db, int64_t couple_id, int64_t repair_id, int64_t user_id,
                          const struct repair_reflection *v, int edited, struct err *e)
{
	int64_t now = db_now();
	return db_exec_with(
	    db,
	    "INSERT INTO repair_reflections (repair_id, couple_id, user_id, feelings, reality, "
	    "triggers, my_part, written_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (repair_id, user_id) DO UPDATE SET feelings = excluded.feelings, "
	    "reality = excluded.reality, triggers = excluded.triggers, "
	    "my_part = excluded.my_part, updated_at = excluded.updated_at, "
	    "version = repair_reflections.version + 1, edited = CASE WHEN ? = 1 THEN 1 ELSE repair_reflections.edited END",
	    e,
	    DB_VALS(DB_INT(repair_id), DB_INT(couple_id), DB_INT(user_id), DB_TEXT(v->feelings),
	            DB_TEXT(v->reality), DB_TEXT(v->triggers), DB_TEXT(v->my_part), DB_INT(now),
	            DB_INT(now), DB_INT(edited ? 1 : 0)));
}

int repair_put_apology(struct db *db, int64_t couple_id, int64_t repair_id, int64_t user_id,
                       const struct repair_apology *v, int edited, struct err *e)
{
	int64_t now = db_now();
	return db_exec_with(
	    db,
	    "INSERT INTO repair_apologies (repair_id, couple_id, user_id, text, coach, "
	    "written_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (repair_id, user_id) DO UPDATE SET text = excluded.text, "
	    "coach = excluded.coach, updated_at = excluded.updated_at, "
	    "version = repair_apologies.version + 1, edited = CASE WHEN ? = 1 THEN 1 ELSE repair_apologies.edited END",
	    e,
	    DB_VALS(DB_INT(repair_id), DB_INT(couple_id), DB_INT(user_id), DB_TEXT(v->text),
	            DB_TEXT(v->coach), DB_INT(now), DB_INT(now), DB_INT(edited ? 1 : 0)));
}

int repair_put_response(struct db *db, int64_t couple_id, int64_t repair_id, int64_t user_id,
                        const struct repair_response *v, int edited, struct err *e)
{
	int64_t now = db_now();
	return db_exec_with(
	    db,
	    "INSERT INTO repair_responses (repair_id, couple_id, user_id, accepted, "
	    "still_needed, written_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (repair_id, user_id) DO UPDATE SET accepted = excluded.accepted, "
	    "still_needed = excluded.still_needed, updated_at = excluded.updated_at, "
	    "version = repair_responses.version + 1, edited = CASE WHEN ? = 1 THEN 1 ELSE repair_responses.edited END",
	    e,
	    DB_VALS(DB_INT(repair_id), DB_INT(couple_id), DB_INT(user_id),
	            DB_INT(v->accepted ? 1 : 0), DB_TEXT(v->still_needed), DB_INT(now), DB_INT(now),
	            DB_INT(edited ? 1 : 0)));
}

int repair_put_plan(struct db *db, int64_t couple_id, int64_t repair_id, int64_t user_id,
                    const struct repair_plan *v, struct err *e)
{
	int64_t now = db_now();
	return db_exec_with(
	    db,
	    "INSERT INTO repair_plans (repair_id, couple_id, user_id, mine, partners, "
	    "written_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT (repair_id, user_id) DO UPDATE SET mine = excluded.mine, "
	    "partners = excluded.partners, updated_at = excluded.updated_at, "
	    "version = repair_plans.version + 1",
	    e,
	    DB_VALS(DB_INT(repair_id), DB_INT(couple_id), DB_INT(user_id), DB_TEXT(v->mine),
	            DB_TEXT(v->partners), DB_INT(now), DB_INT(now)));
}

int repair_plans_written(struct db *db, int64_t couple_id,
                         void (*fn)(void *ctx, int64_t repair_id, int64_t user_id, const char *mine,
                                    const char *partners),
                         void *ctx, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db, "SELECT repair_id, user_id, mine, partners FROM repair_plans WHERE couple_id = ?",
	    e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		fn(ctx, db_col_int(st, 0), db_col_int(st, 1), db_col_text(st, 2),
		   db_col_text(st, 3));
	return rc < 0 ? -1 : 0;
}

int repair_mark_seen(struct db *db, int64_t couple_id, int64_t repair_id, int64_t user_id,
                     enum repair_step step, struct err *e)
{
	/* SQL must be literals (statements are cached by address): one per table. */
	static const char *const sql[] = {
	    "UPDATE repair_reflections SET seen = 1" ENTRY_WHERE " AND seen = 0",
	    "UPDATE repair_apologies SET seen = 1" ENTRY_WHERE " AND seen = 0",
	    "UPDATE repair_responses SET seen = 1" ENTRY_WHERE " AND seen = 0",
	};
	if ((unsigned)step >= sizeof sql / sizeof sql[0])
		return 0; /* plans are only ever seen once final */
	struct db_stmt *st = entry_query(db, sql[step], couple_id, repair_id, user_id, e);
	return st ? db_exec_stmt(st, e) : -1;
}

int repair_claim_plan(struct db *db, int64_t couple_id, int64_t repair_id, int *claimed,
                      struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "UPDATE repairs SET planned_at = ? WHERE couple_id = ? AND id = ? "
	                 "AND planned_at IS NULL RETURNING id",
	                 e, DB_VALS(DB_INT(db_now()), DB_INT(couple_id), DB_INT(repair_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e); /* RETURNING, not a count of changes: every backend has it */
	if (rc < 0 || (rc == DB_ROW && db_exec_stmt(st, e) < 0))
		return -1;
	*claimed = rc == DB_ROW;
	return 0;
}

/* The list `key`: the person's rows of one repair table, then the partner's
 * where revealed. */
static int export_part(struct db *db, const char *key, const char *mine_sql,
                       const char *partner_sql, const char *spec, int mine_col,
                       int64_t couple_id, const struct export_who *who, struct export_out *out,
                       struct err *e)
{
	if (export_list(out, key, e) < 0)
		return -1;
	struct db_stmt *st =
	    db_prep_with(db, mine_sql, e, DB_VALS(DB_INT(couple_id), DB_INT(who->me)));
	if (!st)
		return -1;
	if (export_rows(st, spec, who, out, e) < 0)
		return -1;
	if (!who->partner || !partner_sql)
		return 0;
	st = db_prep_with(db, partner_sql, e,
	                  DB_VALS(DB_INT(who->me), DB_INT(couple_id), DB_INT(who->partner)));
	if (!st)
		return -1;
	return export_rows_revealed(st, spec, who, mine_col, out, e);
}

int repair_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
                  struct err *e)
{
	if (export_list(out, "repairs", e) < 0)
		return -1;
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT id, title, happened_on, started_by, created FROM repairs "
	                 "WHERE couple_id = ? ORDER BY id",
	                 e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	if (export_rows(st, "id:i,title:s,happened_on:d,by:w,created:t", who, out, e) < 0)
		return -1;
	if (export_part(db, "repair_reflections",
	                "SELECT repair_id, user_id, feelings, reality, triggers, my_part, updated_at "
	                "FROM repair_reflections WHERE couple_id = ? AND user_id = ? ORDER BY repair_id",
	                "SELECT p.repair_id, p.user_id, p.feelings, p.reality, p.triggers, p.my_part, "
	                "p.updated_at, (SELECT COUNT(*) FROM repair_reflections m WHERE m.couple_id = "
	                "p.couple_id AND m.repair_id = p.repair_id AND m.user_id = ?) FROM "
	                "repair_reflections p WHERE p.couple_id = ? AND p.user_id = ? "
	                "ORDER BY p.repair_id",
	                "repair:i,by:w,feelings:s,reality:s,triggers:s,my_part:s,updated:t", 7,
	                couple_id, who, out, e) < 0)
		return -1;
	if (export_part(db, "repair_apologies",
	                "SELECT repair_id, user_id, text, updated_at FROM repair_apologies "
	                "WHERE couple_id = ? AND user_id = ? ORDER BY repair_id",
	                "SELECT p.repair_id, p.user_id, p.text, p.updated_at, (SELECT COUNT(*) FROM "
	                "repair_apologies m WHERE m.couple_id = p.couple_id AND m.repair_id = "
	                "p.repair_id AND m.user_id = ?) FROM repair_apologies p WHERE p.couple_id = ? "
	                "AND p.user_id = ? ORDER BY p.repair_id",
	                "repair:i,by:w,text:s,updated:t", 4, couple_id, who, out, e) < 0)
		return -1;
	if (export_part(db, "repair_responses",
	                "SELECT repair_id, user_id, accepted, still_needed, updated_at FROM "
	                "repair_responses WHERE couple_id = ? AND user_id = ? ORDER BY repair_id",
	                "SELECT p.repair_id, p.user_id, p.accepted, p.still_needed, p.updated_at, "
	                "(SELECT COUNT(*) FROM repair_responses m WHERE m.couple_id = p.couple_id AND "
	                "m.repair_id = p.repair_id AND m.user_id = ?) FROM repair_responses p WHERE "
	                "p.couple_id = ? AND p.user_id = ? ORDER BY p.repair_id",
	                "repair:i,by:w,accepted:b,still_needed:s,updated:t", 5, couple_id, who, out,
	                e) < 0)
		return -1;
	return export_part(db, "repair_plans",
	                   "SELECT repair_id, user_id, mine, partners, updated_at FROM repair_plans "
	                   "WHERE couple_id = ? AND user_id = ? ORDER BY repair_id",
	                   NULL, "repair:i,by:w,mine:s,partners:s,updated:t", 0, couple_id, who,
	                   out, e);
}

int repair_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
{
	return export_forget(db, "DELETE FROM repairs WHERE couple_id = ? AND started_by = ?",
	                     couple_id, user_id, e);
}
