/* events_store.c: SQL for the live event log (see events_store.h). */
#include "events_store.h"

#include <stdio.h>
#include <string.h>

/* The event's number, its row and (every 16th) the pruning of old ones. */
static int add(struct db *db, int64_t couple_id, const char *kind, const char *ref,
	       const char *url, int64_t actor_id, int64_t now, int64_t *id, struct err *e)
{
	struct db_stmt *st = db_prep_with(db,
					  "UPDATE couples SET event_seq = event_seq + 1, "
					  "version = version + 1 WHERE id = ? RETURNING event_seq",
					  e, DB_VALS(DB_INT(couple_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc != DB_ROW)
		return rc < 0 ? -1 : err_set(e, 404, "not_found", "That couple is gone.");
	*id = db_col_int(st, 0);
	if (db_exec_stmt(st, e) < 0)
		return -1;
	st = db_prep_with(db,
			  "INSERT INTO events (couple_id, id, kind, ref, url, actor_id, at) "
			  "VALUES (?, ?, ?, ?, ?, ?, ?)",
			  e,
			  DB_VALS(DB_INT(couple_id), DB_INT(*id), DB_TEXT(kind), DB_TEXT(ref),
				  DB_TEXT(url), DB_INT(actor_id), DB_INT(now)));
	if (!st || db_exec_stmt(st, e) < 0)
		return -1;
	if (!strcmp(db_backend_name(), "postgresql")) {
		char payload[24];
		snprintf(payload, sizeof payload, "%lld", (long long)couple_id);
		if (db_exec_with(db, "SELECT pg_notify('duet_events', ?)", e,
				 DB_VALS(DB_TEXT(payload))) < 0)
			return -1;
	}
	if (*id % 16 != 0)
		return 0;
	return db_exec_with(db, "DELETE FROM events WHERE couple_id = ? AND (id <= ? OR at < ?)", e,
			    DB_VALS(DB_INT(couple_id), DB_INT(*id - EVENTS_KEEP),
				    DB_INT(now - EVENTS_KEEP_SECONDS)));
}

int events_store_add(struct db *db, int64_t couple_id, const char *kind, const char *ref,
		     const char *url, int64_t actor_id, int64_t now, int64_t *id, struct err *e)
{
	/* One commit for all of it, unless the caller's transaction holds it:
	 * each commit makes the other connections read their pages again. */
	int own = !db_in_transaction();
	if (own && db_begin(db, e) < 0)
		return -1;
	if (add(db, couple_id, kind, ref, url, actor_id, now, id, e) < 0) {
		if (own)
			db_rollback(db);
		return -1;
	}
	return own ? db_commit(db, e) : 0;
}

/* The first column of st's one row, or 0 when there is none. */
static int one_int(struct db_stmt *st, int64_t *out, struct err *e)
{
	int rc = st ? db_step(st, e) : -1;
	if (rc < 0)
		return -1;
	*out = rc == DB_ROW ? db_col_int(st, 0) : 0;
	return db_exec_stmt(st, e);
}

int events_store_last(struct db *db, int64_t couple_id, int64_t *id, struct err *e)
{
	return one_int(db_prep_with(db, "SELECT event_seq FROM couples WHERE id = ?", e,
				    DB_VALS(DB_INT(couple_id))),
		       id, e);
}

/* Reads rows of (seq, couple_id, id, kind, url, at, actor_id). */
static int load_rows(struct db_stmt *st, struct event_row *out, size_t max, size_t *n,
		     struct err *e)
{
	size_t k = 0;
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW) {
		struct event_row *ev = &out[k++];
		ev->seq = db_col_int(st, 0);
		ev->couple_id = db_col_int(st, 1);
		ev->id = db_col_int(st, 2);
		snprintf(ev->kind, sizeof ev->kind, "%s", db_col_text(st, 3));
		snprintf(ev->url, sizeof ev->url, "%s", db_col_text(st, 4));
		ev->at = db_col_int(st, 5);
		ev->actor_id = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
	}
	if (rc < 0)
		return -1;
	*n = k;
	return 0; /* a statement left on a row is reset by db_idle() */
}

int events_store_of_couple(struct db *db, int64_t couple_id, int64_t after, int64_t upto,
			   int64_t after_seq, int64_t since, int64_t not_by,
			   struct event_row *out, size_t max, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
		db,
		"SELECT seq, couple_id, id, kind, url, at, actor_id FROM events WHERE couple_id = ? "
		"AND id > ? AND id <= ? AND seq > ? AND at >= ? "
		"AND (actor_id IS NULL OR actor_id <> ?) ORDER BY id LIMIT ?",
		e,
		DB_VALS(DB_INT(couple_id), DB_INT(after), DB_INT(upto), DB_INT(after_seq),
			DB_INT(since), DB_INT(not_by), DB_INT((int64_t)max)));
	return st ? load_rows(st, out, max, n, e) : -1;
}

int events_store_after_seq(struct db *db, int64_t after_seq, struct event_row *out, size_t max,
			   size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(db,
					  "SELECT seq, couple_id, id, kind, url, at, actor_id FROM events "
					  "WHERE seq > ? ORDER BY seq LIMIT ?",
					  e, DB_VALS(DB_INT(after_seq), DB_INT((int64_t)max)));
	return st ? load_rows(st, out, max, n, e) : -1;
}

int events_store_max_seq(struct db *db, int64_t *seq, struct err *e)
{
	return one_int(db_prep(db, "SELECT COALESCE(MAX(seq), 0) FROM events", e), seq, e);
}
