/* checkin_store.c: SQL for check-ins and rhythms (see checkin_store.h). */
#include "checkin_store.h"

#include "store/export_rows.h"

int checkin_rhythm_get(struct db *db, int64_t couple_id, int *weeks, struct err *e)
{
	*weeks = 1;
	if (!couple_id)
		return 0;
	struct db_stmt *st =
	    db_prep_with(db, "SELECT weeks FROM checkin_rhythms WHERE couple_id = ?", e,
	                 DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		*weeks = (int)db_col_int(st, 0);
	return rc < 0 ? -1 : 0;
}

int checkin_rhythm_set(struct db *db, int64_t couple_id, int weeks, int64_t by, struct err *e)
{
	return db_exec_with(
	    db,
	    "INSERT INTO checkin_rhythms (couple_id, weeks, set_by, set_at) "
	    "VALUES (?, ?, ?, ?) ON CONFLICT (couple_id) DO UPDATE SET "
	    "weeks = excluded.weeks, set_by = excluded.set_by, "
	    "set_at = excluded.set_at",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(weeks), DB_INT(by), DB_INT(db_now())));
}

#define CHECKIN_COLS                                                                               \
	"SELECT id, week, closeness, satisfaction, trust, safety, appreciation, updated_at "       \
	"FROM checkins "

static int load_row(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct checkin *c = row;
	c->id = db_col_int(st, 0);
	c->week = db_col_int(st, 1);
	for (int i = 0; i < TREND_MEASURES; i++)
		c->v[i] = db_col_is_null(st, 2 + i) ? CHECKIN_NONE : (int)db_col_int(st, 2 + i);
	c->appreciation = NULL;
	if (!db_col_is_null(st, 6) && !(c->appreciation = arena_strdup(a, db_col_text(st, 6))))
		return err_set(e, 500, "no_memory", "out of memory");
	c->updated_at = db_col_int(st, 7);
	return 0;
}

int checkin_mine_in(struct db *db, struct arena *a, int64_t user_id, int64_t couple_id,
                    int64_t from_week, int64_t to_week, struct checkin *out, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    CHECKIN_COLS "WHERE user_id = ? AND (couple_id = ? OR couple_id "
	                 "IS NULL) AND week >= ? AND week <= ? "
	                 "ORDER BY week DESC LIMIT 1",
	    e, DB_VALS(DB_INT(user_id), DB_INT(couple_id), DB_INT(from_week), DB_INT(to_week)));
	return st ? db_row(st, a, out, load_row, e) : -1;
}

static void bind_values(struct db_stmt *st, int first, const int v[TREND_MEASURES],
                        const char *appreciation)
{
	for (int i = 0; i < TREND_MEASURES; i++) {
		if (v[i] == CHECKIN_NONE)
			db_bind_null(st, first + i);
		else
			db_bind_int(st, first + i, v[i]);
	}
	db_bind_text(st, first + TREND_MEASURES,
	             appreciation && *appreciation ? appreciation : NULL);
}

static void bind_couple(struct db_stmt *st, int i, int64_t couple_id)
{
	if (couple_id)
		db_bind_int(st, i, couple_id);
	else
		db_bind_null(st, i);
}

int checkin_save(struct db *db, int64_t *id, int64_t user_id, int64_t couple_id, int64_t week,
                 const int v[TREND_MEASURES], const char *appreciation, struct err *e)
{
	int64_t now = db_now();
	struct db_stmt *st;
	if (*id) {
		st =
		    db_prep(db,
		            "UPDATE checkins SET closeness = ?, satisfaction = ?, trust = ?, "
		            "safety = ?, appreciation = ?, couple_id = ?, updated_at = ? "
		            "WHERE id = ? AND user_id = ? AND (couple_id = ? OR couple_id IS NULL)",
		            e);
		if (!st)
			return -1;
		bind_values(st, 1, v, appreciation);
		bind_couple(st, 6, couple_id);
		db_bind_int(st, 7, now);
		db_bind_int(st, 8, *id);
		db_bind_int(st, 9, user_id);
		db_bind_int(st, 10, couple_id);
		return db_exec_stmt(st, e);
	}
	st = db_prep(db,
	             "INSERT INTO checkins (closeness, satisfaction, trust, safety, appreciation, "
	             "couple_id, user_id, week, created_at, updated_at) "
	             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	             e);
	if (!st)
		return -1;
	bind_values(st, 1, v, appreciation);
	bind_couple(st, 6, couple_id);
	db_bind_int(st, 7, user_id);
	db_bind_int(st, 8, week);
	db_bind_int(st, 9, now);
	db_bind_int(st, 10, now);
	if (db_step(st, e) != DB_ROW)
		return -1;
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

int checkin_list(struct db *db, struct arena *a, int64_t user_id, int64_t couple_id, int own,
                 int64_t from_week, size_t max, struct checkin **out, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    own ? CHECKIN_COLS "WHERE user_id = ? AND (couple_id = ? OR couple_id IS NULL) "
	                       "AND week >= ? ORDER BY week DESC LIMIT ?"
	        : CHECKIN_COLS "WHERE user_id = ? AND couple_id = ? AND week >= ? "
	                       "ORDER BY week DESC LIMIT ?",
	    e,
	    DB_VALS(DB_INT(user_id), DB_INT(couple_id), DB_INT(from_week), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	void *rows = NULL;
	if (db_rows(st, a, max, sizeof **out, load_row, &rows, n, e) < 0)
		return -1;
	*out = rows;
	/* newest first from SQL (so LIMIT keeps the latest); callers want oldest first */
	for (size_t i = 0; i < *n / 2; i++) {
		struct checkin t = (*out)[i];
		(*out)[i] = (*out)[*n - 1 - i];
		(*out)[*n - 1 - i] = t;
	}
	return 0;
}

int checkin_exists_since(struct db *db, int64_t user_id, int64_t couple_id, int64_t from_week,
                         int *yes, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT count(*) FROM checkins WHERE couple_id = ? AND user_id = ? "
	                 "AND week >= ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(user_id), DB_INT(from_week)));
	if (!st)
		return -1;
	if (db_step(st, e) != DB_ROW)
		return -1;
	*yes = db_col_int(st, 0) > 0;
	return 0;
}

int checkin_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
                   struct err *e)
{
	if (export_list(out, "checkins", e) < 0)
		return -1;
	/* week 0 starts on Monday 5 January 1970 (trust/period.h). */
	struct db_stmt *st = db_prep_with(
	    db,
	    "SELECT week * 604800 + 345600, user_id, closeness, satisfaction, trust, safety, "
	    "appreciation, updated_at FROM checkins WHERE user_id = ? AND (couple_id = ? OR "
	    "couple_id IS NULL) ORDER BY week",
	    e, DB_VALS(DB_INT(who->me), DB_INT(couple_id)));
	const char *spec = "week_of:d,by:w,closeness:i,satisfaction:i,trust:i,safety:i,"
	                   "appreciation:s,updated:t";
	if (!st)
		return -1;
	if (export_rows(st, spec, who, out, e) < 0)
		return -1;
	if (!who->partner)
		return 0;
	st = db_prep_with(db,
	                  "SELECT week * 604800 + 345600, user_id, closeness, satisfaction, trust, "
	                  "safety FROM checkins WHERE couple_id = ? AND user_id = ? ORDER BY week",
	                  e, DB_VALS(DB_INT(couple_id), DB_INT(who->partner)));
	if (!st)
		return -1;
	return export_rows(st, "week_of:d,by:w,closeness:i,satisfaction:i,trust:i,safety:i", who,
	                   out, e);
}
