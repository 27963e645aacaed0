/* db.h: the small database interface every store module uses.
 *
 * One backend (SQLite now; PostgreSQL can sit beside it) is chosen at start by
 * db_setup(). Each thread gets its own connection, opened on first use; prepared
 * statements are cached per connection, keyed by the SQL text itself (two statements with different
 * text never share a cache entry, even when their text sits at one address).
 * SQL should still be a string literal: the cache has room for a fixed number
 * of distinct statements. Placeholders are `?`; the values bound must match
 * them in number (db_prep_with checks), and a failed bind makes the statement
 * refuse to run rather than run with a missing value.
 *
 * PostgreSQL: a lost connection is reset with backoff; a read, or the start of
 * a transaction, is retried once on the new connection; anything else fails
 * with 503 "database_down" (the server adds Retry-After). The log says once
 * that the database is down and, when it is back, how many calls failed.
 * SQL text lives only in store modules (files named *_store.c and src/store/).
 *
 * Portable SQL rules: timestamps are integers (unix seconds) computed in C; ids
 * come back with `INSERT … RETURNING id`; booleans are 0/1 integers; binary data
 * is stored as base64 text.
 */
#ifndef DUET_DB_H
#define DUET_DB_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/common.h"
#include "util/err.h"

struct db;
struct db_stmt;

enum { DB_DONE = 0, DB_ROW = 1 };

/* Chooses the backend from `url` (a file path for SQLite), opens it once to run
 * migrations (taking a copy of the old file first when one will run), and keeps
 * the settings for per-thread connections. Sets e and returns -1 on failure. */
int db_setup(const char *url, struct err *e) WARN_UNUSED_RESULT;

/* 1 when url names a PostgreSQL database (postgres:// or postgresql://). */
int db_is_postgres(const char *url);

/* Closes this thread's connection (if any) and forgets the settings. Called
 * once every worker thread has ended: on SQLite it then checkpoints the WAL
 * into the database file (wal_checkpoint(TRUNCATE)) so that a stopped database
 * is one complete file, with no -wal or -shm beside it. */
void db_shutdown(void);

/* This thread's connection, opened on first use; NULL (and e set) on failure. */
struct db *db_get(struct err *e);

/* Ends this thread's open reads (statements left on a row); called after each
 * request so that no connection keeps an old snapshot. */
void db_idle(void);

/* From now until the next db_idle (or db_request_done), this thread's reads
 * share one read transaction and so see one snapshot, instead of each taking
 * and dropping the database's shared locks (a page made afresh runs about 18
 * statements). Anything that may write ends the shared read first, so writes
 * commit as before. A no-op when the backend has nothing to share. */
void db_reads_together(void);

/* After each request (the server calls it): ends open reads as db_idle does,
 * and makes sure no transaction outlives the request (one a handler left open
 * on an error path, or one lost with its connection, is rolled back). */
void db_request_done(void);

/* Closes the calling thread's connection; called when a worker thread ends. */
void db_thread_done(void);

/* A cached prepared statement for `sql` (a string literal), reset and with
 * bindings cleared; NULL (and e set) on failure. Borrowed from the connection. */
struct db_stmt *db_prep(struct db *db, const char *sql, struct err *e);

/* Binding, 1-based like SQL placeholders. Text is copied. -1 when the value
 * could not be bound (no such placeholder, out of memory); the statement then
 * refuses to run (db_step fails with 500) until it is prepared again. */
int db_bind_int(struct db_stmt *st, int i, int64_t v);
int db_bind_text(struct db_stmt *st, int i, const char *s); /* NULL binds NULL */
int db_bind_textn(struct db_stmt *st, int i, const char *s, size_t n);
int db_bind_null(struct db_stmt *st, int i);

/* Values to bind in one go, type-checked by the compiler (no casts inside, so a
 * pointer passed to DB_INT or a number to DB_TEXT does not compile):
 *
 *     struct db_stmt *st = db_prep_with(db, "SELECT … WHERE a = ? AND b = ?", e,
 *                                       DB_VALS(DB_INT(couple_id), DB_TEXT(key)));
 *     return db_exec_with(db, "DELETE FROM t WHERE id = ?", e, DB_VALS(DB_INT(id)));
 *
 * DB_TEXT(NULL) binds NULL, as db_bind_text does. */
struct db_val {
	int is_text;
	int64_t i;
	const char *s;
};
#define DB_INT(v) ((struct db_val){ .is_text = 0, .i = (v) })
#define DB_TEXT(v) ((struct db_val){ .is_text = 1, .s = (v) })
#define DB_VALS(...)                                                                               \
	(const struct db_val[]){ __VA_ARGS__ },                                                    \
		sizeof((const struct db_val[]){ __VA_ARGS__ }) / sizeof(struct db_val)

/* db_prep, then binds vals[0..n) to the placeholders in order. NULL (and e
 * set, and a log line) when n differs from the statement's number of
 * placeholders or a bind fails: a programmer's mistake, caught loudly. */
struct db_stmt *db_prep_with(struct db *db, const char *sql, struct err *e,
			     const struct db_val *vals, size_t n);

/* db_prep_with, then runs the statement as db_exec_stmt does. */
int db_exec_with(struct db *db, const char *sql, struct err *e, const struct db_val *vals,
		 size_t n) WARN_UNUSED_RESULT;

/* Steps: DB_ROW, DB_DONE, or -1 with e set (busy after the bounded wait, disk
 * full, read-only, constraint…). A UNIQUE violation sets e->code "conflict". */
int db_step(struct db_stmt *st, struct err *e) WARN_UNUSED_RESULT;

/* Columns of the current row, 0-based. Text is borrowed until the next step or
 * reset; NULL for SQL NULL. */
int64_t db_col_int(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i);
int db_col_is_null(struct db_stmt *st, int i);

/* Column i as a copy in arena a ("" for SQL NULL); NULL when out of memory. */
char *db_col_dup(struct db_stmt *st, struct arena *a, int i);

/* Column i as an integer, 0 for SQL NULL. */
int64_t db_col_int0(struct db_stmt *st, int i);

/* Reads up to `max` rows of st into an array of elements of `size` bytes from the
 * arena, calling load(st, a, element, e) for each; *out and *n set. For list
 * queries (with their own LIMIT). */
int db_rows(struct db_stmt *st, struct arena *a, size_t max, size_t size,
	    int (*load)(struct db_stmt *st, struct arena *a, void *row, struct err *e), void **out,
	    size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Steps st once and loads the row with load(st, a, row, e): 1 found, 0 no row,
 * -1 with e set. For single-row gets. */
int db_row(struct db_stmt *st, struct arena *a, void *row,
	   int (*load)(struct db_stmt *st, struct arena *a, void *row, struct err *e),
	   struct err *e) WARN_UNUSED_RESULT;

/* Runs a statement expected to return no row (or ignores rows). */
int db_exec_stmt(struct db_stmt *st, struct err *e) WARN_UNUSED_RESULT;

/* Transactions. db_begin takes the write lock at once (so two writers wait for
 * each other instead of failing); db_rollback is safe to call after an error. */
int db_begin(struct db *db, struct err *e) WARN_UNUSED_RESULT;
int db_commit(struct db *db, struct err *e) WARN_UNUSED_RESULT;
void db_rollback(struct db *db);

/* 1 while this thread is between db_begin and db_commit/db_rollback. */
int db_in_transaction(void);

/* db_total_changes() of this thread's connection as its last db_commit
 * succeeded; -1 before any. Equal to db_total_changes() now: nothing has been
 * written since that commit (nor rolled back, which still counts). */
int64_t db_committed_changes(void);

/* Rows changed by the last statement. */
int64_t db_changes(struct db *db);

/* Rows inserted, updated or deleted through this connection since it opened
 * (reads never count). The server compares it before and after a request to
 * learn whether the request wrote anything. */
int64_t db_total_changes(struct db *db);

/* A mark of the database's state. Two equal marks taken at different times
 * mean that nothing at all was committed in between, by this process or any
 * other. db_mark fills m and returns 0, or -1 when the backend cannot tell
 * (PostgreSQL; SQLite when the database is not in WAL mode). SQLite: the
 * wal-index header (sqlite.org/walformat.html, 2.1), which every commit and
 * every WAL reset rewrites, read from the connection's own shared-memory map
 * without taking a lock (two copies, as SQLite's readers check them). Used to
 * remember session lookups while the database stands still (session_memo.h). */
struct db_mark {
	unsigned char hdr[48];
};
int db_mark(struct db *db, struct db_mark *m);

/* Notifications between processes (PostgreSQL LISTEN/NOTIFY). db_listen
 * makes this connection listen on `channel` (a fixed name of ours) and
 * returns the socket to poll for readability; -1 (e set) on failure, or -1
 * with e->code "unsupported" when the backend has no notifications (SQLite:
 * use db_mark). db_notified reads what has arrived without waiting: 1 when
 * at least one notification came, 0 none, -1 when the connection failed
 * (listen again on a new one). Queries may share the connection; what
 * arrives meanwhile waits for db_notified. */
int db_listen(struct db *db, const char *channel, struct err *e) WARN_UNUSED_RESULT;
int db_notified(struct db *db);

/* Group commit. By default every commit waits for the disk (SQLite:
 * synchronous=FULL, an fsync of the WAL per commit, under the write lock).
 * After db_sync_defer(), connections opened from then on commit without that
 * wait (SQLite: synchronous=NORMAL; the commit is written to the WAL, safe from
 * a crash of the process but not yet from a power cut), and the caller must
 * call db_sync() before telling anyone their write was saved. One db_sync()
 * makes every commit made before it durable, whichever connection made it, so
 * one thread can flush for many requests at once (http/durable.h). Commits
 * become visible to readers before they are durable.
 * db_sync_defer: call before any connection serves; returns 1 when the
 * backend defers (SQLite), 0 when its commits are always durable (PostgreSQL
 * waits for its own WAL flush), so db_sync is never needed. */
int db_sync_defer(void);

/* 1 after db_sync_defer() returned 1. */
int db_sync_deferred(void);

/* Waits until every commit made so far is on disk (SQLite: the WAL file's
 * fsync, as SQLite itself does it with synchronous=FULL). 0, or -1 with e set
 * (then nothing committed since the last good db_sync may be assumed durable). */
int db_sync(struct db *db, struct err *e) WARN_UNUSED_RESULT;

/* With group commit, a commit no longer folds a grown WAL back into the
 * database file itself (SQLite's automatic checkpoint, on whichever request's
 * thread committed): the flusher calls this after answering a batch. 1 when a
 * checkpoint ran, 0 when none was due (or the backend has none), -1 (e set). */
int db_checkpoint_due(struct db *db, struct err *e) WARN_UNUSED_RESULT;

/* The current time in unix seconds (one place, so tests can reason about it;
 * a test may move it forward with DUET_TEST_CLOCK, see db.c). */
int64_t db_now(void);

/* Online backup of the database to the file `dest` (safe while serving). */
int db_backup(const char *url, const char *dest, struct err *e) WARN_UNUSED_RESULT;

/* Checks a backup file: intact, and a duet database. 0, or -1 with e set. */
int db_check_file(const char *path, struct err *e) WARN_UNUSED_RESULT;

/* For bookkeeping that a page does while it is read (seen marks, the current
 * prompt's rotation): when rc < 0, logs what could not be saved (at most once
 * a minute, with how many were skipped meanwhile) and clears e, so that the
 * page is still served; the bookkeeping is tried again on a later request.
 * Returns 0. Writes a person asked for never go through this. */
int db_best_effort(int rc, const char *what, struct err *e);

/* What the database can do right now, for the health check. */
enum db_health {
	DB_HEALTH_OK = 0,
	DB_HEALTH_DOWN,      /* no answer to a trivial query in time */
	DB_HEALTH_FULL,      /* out of space: the last write failed so, or no room left */
	DB_HEALTH_READ_ONLY, /* answers but cannot write (read-only file, standby) */
};

/* Asks this thread's connection a trivial question, waiting at most
 * timeout_ms for the answer (PostgreSQL; SQLite answers at once), and adds
 * what recent writes learned (a full disk, a read-only database). */
enum db_health db_health(int timeout_ms);

/* The word for a health state: "ok", "database_down", "storage_full", "read_only". */
const char *db_health_word(enum db_health h);

/* Name of the backend in use ("sqlite"). */
const char *db_backend_name(void);

#endif
