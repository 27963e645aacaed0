/* db.c: the database interface (see db.h): backend choice, per-thread
 * connections, and thin calls through the backend's function table. */
#include "db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"
#include "migrate.h"

static const struct db_backend *backend;
static char *db_url;
static pthread_key_t conn_key;
static int key_made;
static int sync_deferred; /* db_sync_defer(): set before serving, read-only after */

static void conn_destroy(void *p)
{
	if (p && backend)
		backend->close(p);
}

int db_setup(const char *url, struct err *e)
{
	backend = db_is_postgres(url) ? &db_pg_backend : &db_sqlite_backend;
	free(db_url);
	db_url = strdup(url);
	if (!db_url)
		return err_set(e, 500, "no_memory", "out of memory");
	if (!key_made) {
		if (pthread_key_create(&conn_key, conn_destroy) != 0)
			return err_set(e, 500, "thread", "could not create a thread key");
		key_made = 1;
	}
	struct db *db = db_get(e);
	if (!db)
		return -1;
	int rc = migrate_run(db, backend, url, e);
	/* The calling thread does not serve requests: close its connection so it
	 * holds no read snapshot (which would stop WAL checkpoints for good). */
	db_thread_done();
	return rc;
}

int db_is_postgres(const char *url)
{
	return !strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13);
}

void db_shutdown(void)
{
	db_thread_done();
	free(db_url);
	db_url = NULL;
}

struct db *db_get(struct err *e)
{
	if (!backend || !key_made) {
		err_set(e, 500, "database", "the database is not set up");
		return NULL;
	}
	struct db *db = pthread_getspecific(conn_key);
	if (db)
		return db;
	db = backend->open(db_url, e);
	if (db && sync_deferred && backend->defer(db, e) < 0) {
		backend->close(db);
		return NULL;
	}
	if (db && pthread_setspecific(conn_key, db) != 0) {
		backend->close(db);
		err_set(e, 500, "thread", "could not keep the database connection");
		return NULL;
	}
	return db;
}

void db_idle(void)
{
	if (!key_made)
		return;
	struct db *db = pthread_getspecific(conn_key);
	if (db)
		backend->idle(db);
}

void db_thread_done(void)
{
	if (!key_made)
		return;
	struct db *db = pthread_getspecific(conn_key);
	if (db) {
		backend->close(db);
		pthread_setspecific(conn_key, NULL);
	}
}

struct db_stmt *db_prep(struct db *db, const char *sql, struct err *e)
{
	return backend->prep(db, sql, e);
}

int db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	return backend->bind_int(st, i, v);
}

int db_bind_text(struct db_stmt *st, int i, const char *s)
{
	return s ? backend->bind_textn(st, i, s, strlen(s)) : backend->bind_null(st, i);
}

int db_bind_textn(struct db_stmt *st, int i, const char *s, size_t n)
{
	return backend->bind_textn(st, i, s, n);
}

int db_bind_null(struct db_stmt *st, int i)
{
	return backend->bind_null(st, i);
}

int db_step(struct db_stmt *st, struct err *e)
{
	return backend->step(st, e);
}

int64_t db_col_int(struct db_stmt *st, int i)
{
	return backend->col_int(st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	return backend->col_text(st, i);
}

char *db_col_dup(struct db_stmt *st, struct arena *a, int i)
{
	const char *s = backend->col_text(st, i);
	return arena_strdup(a, s ? s : "");
}

int64_t db_col_int0(struct db_stmt *st, int i)
{
	return backend->col_is_null(st, i) ? 0 : backend->col_int(st, i);
}

int db_col_is_null(struct db_stmt *st, int i)
{
	return backend->col_is_null(st, i);
}

struct db_stmt *db_prep_with(struct db *db, const char *sql, struct err *e,
			     const struct db_val *vals, size_t n)
{
	struct db_stmt *st = backend->prep(db, sql, e);
	if (!st)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int at = (int)i + 1;
		if (vals[i].is_text)
			db_bind_text(st, at, vals[i].s);
		else
			db_bind_int(st, at, vals[i].i);
	}
	return st;
}

int db_exec_with(struct db *db, const char *sql, struct err *e, const struct db_val *vals,
		 size_t n)
{
	struct db_stmt *st = db_prep_with(db, sql, e, vals, n);
	return st ? db_exec_stmt(st, e) : -1;
}

int db_exec_stmt(struct db_stmt *st, struct err *e)
{
	int rc;
	while ((rc = backend->step(st, e)) == DB_ROW)
		;
	return rc < 0 ? -1 : 0;
}

int db_rows(struct db_stmt *st, struct arena *a, size_t max, size_t size,
	    int (*load)(struct db_stmt *st, struct arena *a, void *row, struct err *e), void **out,
	    size_t *n, struct err *e)
{
	char *rows = arena_calloc(a, max ? max : 1, size);
	if (!rows)
		return err_set(e, 500, "no_memory", "out of memory");
	size_t k = 0;
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW)
		if (load(st, a, rows + size * k++, e) < 0)
			return -1;
	if (rc < 0)
		return -1;
	*out = rows;
	*n = k;
	return 0;
}

int db_row(struct db_stmt *st, struct arena *a, void *row,
	   int (*load)(struct db_stmt *st, struct arena *a, void *row, struct err *e),
	   struct err *e)
{
	int rc = db_step(st, e);
	if (rc <= 0)
		return rc;
	return load(st, a, row, e) < 0 ? -1 : 1;
}

int db_begin(struct db *db, struct err *e)
{
	/* A statement left on a row (say, the session lookup) keeps an older read
	 * snapshot open; SQLite cannot turn that into a write once another connection
	 * has written, and answers busy at once instead of waiting. End those reads. */
	backend->idle(db);
	return backend->begin(db, e);
}

int db_commit(struct db *db, struct err *e)
{
	if (backend->exec(db, "COMMIT", e) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

void db_rollback(struct db *db)
{
	struct err ignored;
	(void)backend->exec(db, "ROLLBACK", &ignored);
}

int64_t db_changes(struct db *db)
{
	return backend->changes(db);
}

int64_t db_total_changes(struct db *db)
{
	return backend->total_changes(db);
}

int db_mark(struct db *db, struct db_mark *m)
{
	return backend->mark ? backend->mark(db, m) : -1;
}

/* Tests move the clock forward without waiting: DUET_TEST_CLOCK names a file
 * holding a number of seconds to add to the real time, read on every call so a
 * test can change it while the server runs. Unset in production. */
static int64_t test_clock_skew(void)
{
	const char *path = getenv("DUET_TEST_CLOCK");
	if (!path || !*path)
		return 0;
	FILE *f = fopen(path, "r");
	long long skew = 0;
	if (f) {
		if (fscanf(f, "%lld", &skew) != 1)
			skew = 0;
		fclose(f);
	}
	return (int64_t)skew;
}

int db_listen(struct db *db, const char *channel, struct err *e)
{
	if (!backend->listen)
		return err_set(e, 500, "unsupported", "%s has no notifications", backend->name);
	return backend->listen(db, channel, e);
}

int db_notified(struct db *db)
{
	return backend->notified ? backend->notified(db) : 0;
}

int db_sync_defer(void)
{
	sync_deferred = backend && backend->defer && backend->sync;
	return sync_deferred;
}

int db_sync_deferred(void)
{
	return sync_deferred;
}

int db_sync(struct db *db, struct err *e)
{
	return sync_deferred ? backend->sync(db, e) : 0;
}

int64_t db_now(void)
{
	return (int64_t)time(NULL) + test_clock_skew();
}

int db_backup(const char *url, const char *dest, struct err *e)
{
	const struct db_backend *b = db_is_postgres(url) ? &db_pg_backend : &db_sqlite_backend;
	return b->backup(url, dest, e);
}

int db_check_file(const char *path, struct err *e)
{
	return db_sqlite_backend.check(path, e);
}

const char *db_backend_name(void)
{
	return backend ? backend->name : "none";
}
