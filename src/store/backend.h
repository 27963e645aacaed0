/* backend.h: the struct of function pointers a database backend provides.
 * db.c owns the per-thread connections and calls through this table. */
#ifndef DUET_BACKEND_H
#define DUET_BACKEND_H

#include "db.h"

struct db_backend {
	const char *name;
	/* Opens a connection; NULL and e set on failure. */
	struct db *(*open)(const char *url, struct err *e);
	void (*close)(struct db *db);
	struct db_stmt *(*prep)(struct db *db, const char *sql, struct err *e);
	int (*bind_int)(struct db_stmt *st, int i, int64_t v);
	int (*bind_textn)(struct db_stmt *st, int i, const char *s, size_t n);
	int (*bind_null)(struct db_stmt *st, int i);
	int (*step)(struct db_stmt *st, struct err *e);
	int64_t (*col_int)(struct db_stmt *st, int i);
	const char *(*col_text)(struct db_stmt *st, int i);
	int (*col_is_null)(struct db_stmt *st, int i);
	/* Runs one or more statements of SQL text without results. */
	int (*exec)(struct db *db, const char *sql, struct err *e);
	/* Begins a transaction that holds the write lock. */
	int (*begin)(struct db *db, struct err *e);
	int64_t (*changes)(struct db *db);
	int64_t (*total_changes)(struct db *db);
	int (*mark)(struct db *db, struct db_mark *m); /* NULL: cannot tell */
	int (*backup)(const char *url, const char *dest, struct err *e);
	/* Checks that a database file is intact and is a duet database. */
	int (*check)(const char *path, struct err *e);
	/* What an integer primary key is called in CREATE TABLE. */
	const char *id_type;
	/* 1 when the database at url already exists and holds data. */
	int (*exists)(const char *url);
	/* Resets statements still holding a row (ends implicit read transactions). */
	void (*idle)(struct db *db);
	/* Until the next idle, reads share one read transaction (db_reads_together);
	 * NULL: each read is on its own. */
	void (*reads_together)(struct db *db);
	/* After a request: no transaction may outlive it. A handler that left
	 * one open (an error path without ROLLBACK), or one lost with its
	 * connection, is rolled back and forgotten here. NULL: nothing to do. */
	void (*request_done)(struct db *db);
	/* Notifications (db_listen, db_notified); NULL when the backend has none. */
	int (*listen)(struct db *db, const char *channel, struct err *e);
	int (*notified)(struct db *db);
	/* Group commit (db_sync_defer): makes this connection's commits return
	 * without waiting for the disk; NULL when commits are always durable. */
	int (*defer)(struct db *db, struct err *e);
	/* Waits until every commit made so far (by any connection of this
	 * process) is on disk; NULL: nothing to wait for. */
	int (*sync)(struct db *db, struct err *e);
	/* With group commit: folds a grown WAL back into the database file (1),
	 * or finds nothing due (0); -1 with e set. NULL: nothing to fold. */
	int (*checkpoint)(struct db *db, struct err *e);
	/* The number of placeholders of a prepared statement. */
	int (*nparams)(struct db_stmt *st);
	/* A trivial query answered within timeout_ms, and whether writes can work. */
	enum db_health (*ping)(struct db *db, int timeout_ms);
	/* After the last connection of this process closed (clean stop); may be NULL. */
	void (*finish)(const char *url);
	/* Replaces e, when it can, with the cause of a failure to open or set up
	 * the database at url and what to do about it; may be NULL. */
	void (*explain)(const char *url, struct err *e);
};

/* The hash of a statement's text, for the backends' statement caches (which
 * also compare the text itself, so a collision only costs a probe). */
uint64_t db_sql_hash(const char *sql);

/* Milliseconds on the monotonic clock, for backoff and timeouts. */
int64_t db_clock_ms(void);

/* For backends, kept in db.c so that every connection shares one outage. */

/* The database cannot be reached: logs "database down" once per outage (with
 * detail), counts each call, then sets e to 503 "database_down" and returns -1. */
int db_down(const char *detail, struct err *e);

/* The database answered again: when it had been down, logs for how long and
 * how many calls failed meanwhile. */
void db_up(void);

extern const struct db_backend db_sqlite_backend;
extern const struct db_backend db_pg_backend;

#endif
