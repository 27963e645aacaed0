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
#include "util/log.h"

static const struct db_backend *backend;
static char *db_url;
static pthread_key_t conn_key;
static int key_made;
static int sync_deferred; /* db_sync_defer(): set before serving, read-only after */

/* One outage of the database, shared by every connection (db_down, db_up). */
static struct {
	pthread_mutex_t mu;
	int down;
	struct timespec since;
	uint64_t failed; /* calls that failed because of it */
} outage = { .mu = PTHREAD_MUTEX_INITIALIZER };

/* What the last failed write learned (enum db_health), until a write commits. */
static int write_fault;
/* This thread's total of changes when its transaction began. */
static _Thread_local int64_t tx_total = -1;
/* db_total_changes() as this thread's last db_commit succeeded (-1: none yet). */
static _Thread_local int64_t committed_total = -1;
/* db_setup succeeded: a failure to connect is an outage, not a start-up error. */
static int set_up;
/* When this thread may next try to open its connection, and the wait after
 * that, while the database cannot be reached (doubling up to 2 s). */
static _Thread_local int64_t next_open_ms;
static _Thread_local long open_wait_ms;

int64_t db_clock_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Opens this thread's connection, at most once per backoff interval while the
 * database cannot be reached; NULL and e set on failure. */
static struct db *open_conn(struct err *e)
{
	if (set_up && db_clock_ms() < next_open_ms) {
		db_down(NULL, e);
		return NULL;
	}
	struct db *db = backend->open(db_url, e);
	if (db) {
		open_wait_ms = 0;
		db_up();
		return db;
	}
	if (set_up && e && !strcmp(e->code, "database_down")) {
		char detail[sizeof e->msg];
		snprintf(detail, sizeof detail, "%s", e->msg);
		open_wait_ms = open_wait_ms ? (open_wait_ms * 2 > 2000 ? 2000 : open_wait_ms * 2) : 100;
		next_open_ms = db_clock_ms() + open_wait_ms;
		db_down(detail, e);
	}
	return NULL;
}

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
	set_up = 0;
	struct db *db = db_get(e);
	int rc = db ? migrate_run(db, backend, url, e) : -1;
	/* Starting on a full disk, or on a database that cannot be written
	 * (unless the URL asks for that: mode=ro), would only fail later, on the
	 * first write. */
	enum db_health h = rc == 0 ? backend->ping(db, 1000) : DB_HEALTH_OK;
	if (h == DB_HEALTH_FULL)
		rc = err_set(e, 1, "storage_full", "there is no room left for the database %s; "
			     "free some space, then start duet again", url);
	else if (h == DB_HEALTH_READ_ONLY && !strstr(url, "mode=ro"))
		rc = err_set(e, 1, "read_only", "the database %s can be read but not written; "
			     "let duet's user write it (or, on PostgreSQL, give the primary's "
			     "address), then start duet again", url);
	/* The calling thread does not serve requests: close its connection so it
	 * holds no read snapshot (which would stop WAL checkpoints for good). */
	db_thread_done();
	if (rc < 0 && backend->explain && e)
		backend->explain(url, e);
	set_up = rc == 0;
	return rc;
}

uint64_t db_sql_hash(const char *sql)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return h;
}

int db_is_postgres(const char *url)
{
	return !strncmp(url, "postgres://", 11) || !strncmp(url, "postgresql://", 13);
}

void db_shutdown(void)
{
	db_thread_done();
	if (backend && backend->finish && db_url)
		backend->finish(db_url);
	free(db_url);
	db_url = NULL;
}

int db_down(const char *detail, struct err *e)
{
	pthread_mutex_lock(&outage.mu);
	if (!outage.down) {
		outage.down = 1;
		outage.failed = 0;
		clock_gettime(CLOCK_MONOTONIC, &outage.since);
		log_msg("database down: %s; answering 503 and trying again until it is back",
			detail && *detail ? detail : "the connection was lost");
	}
	outage.failed++;
	pthread_mutex_unlock(&outage.mu);
	return err_set(e, 503, "database_down",
		       "duet can't reach its database right now. Nothing was changed; "
		       "please try again in a moment.");
}

void db_up(void)
{
	pthread_mutex_lock(&outage.mu);
	if (outage.down) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		double s = (double)(now.tv_sec - outage.since.tv_sec) +
			   (double)(now.tv_nsec - outage.since.tv_nsec) / 1e9;
		log_msg("database back after %.1f s; %llu calls failed meanwhile", s,
			(unsigned long long)outage.failed);
		outage.down = 0;
	}
	pthread_mutex_unlock(&outage.mu);
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
	db = open_conn(e);
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

void db_request_done(void)
{
	if (!key_made)
		return;
	struct db *db = pthread_getspecific(conn_key);
	if (db) {
		backend->idle(db);
		if (backend->request_done)
			backend->request_done(db);
	}
}

void db_idle(void)
{
	if (!key_made)
		return;
	struct db *db = pthread_getspecific(conn_key);
	if (db)
		backend->idle(db);
}

void db_reads_together(void)
{
	struct err e = { 0 };
	struct db *db = backend && backend->reads_together ? db_get(&e) : NULL;
	if (db)
		backend->reads_together(db);
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

/* Remembers what a failed write says about the database, for db_health. */
static void note_fault(const struct err *e)
{
	if (!e)
		return;
	if (e->status == 507)
		__atomic_store_n(&write_fault, DB_HEALTH_FULL, __ATOMIC_RELAXED);
	else if (!strcmp(e->code, "read_only"))
		__atomic_store_n(&write_fault, DB_HEALTH_READ_ONLY, __ATOMIC_RELAXED);
}

int db_step(struct db_stmt *st, struct err *e)
{
	int rc = backend->step(st, e);
	if (rc < 0)
		note_fault(e);
	return rc;
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
	int want = backend->nparams(st);
	if ((size_t)want != n) {
		log_msg("BUG: %zu values given for %d placeholders in: %.200s", n, want, sql);
		err_set(e, 500, "database", "duet could not run a database query (a bug: %zu values "
			"for %d placeholders). Nothing was changed.", n, want);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		int at = (int)i + 1;
		int rc = vals[i].is_text ? db_bind_text(st, at, vals[i].s)
					 : db_bind_int(st, at, vals[i].i);
		if (rc < 0) {
			log_msg("could not bind value %d of: %.200s", at, sql);
			err_set(e, 500, "database", "duet could not run a database query (a value "
				"could not be passed to it). Nothing was changed.");
			return NULL;
		}
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
	size_t cap = 0, k = 0;
	char *rows = arena_grow(a, NULL, 0, &cap, max, size);
	if (!rows)
		return err_set(e, 500, "no_memory", "out of memory");
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW) {
		if (!(rows = arena_grow(a, rows, k, &cap, max, size)))
			return err_set(e, 500, "no_memory", "out of memory");
		if (load(st, a, rows + size * k++, e) < 0)
			return -1;
	}
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
	if (backend->begin(db, e) < 0) {
		note_fault(e);
		return -1;
	}
	tx_total = backend->total_changes(db);
	return 0;
}

int db_commit(struct db *db, struct err *e)
{
	if (backend->exec(db, "COMMIT", e) < 0) {
		note_fault(e);
		db_rollback(db);
		return -1;
	}
	int64_t total = backend->total_changes(db);
	if (tx_total >= 0 && total != tx_total)
		__atomic_store_n(&write_fault, DB_HEALTH_OK, __ATOMIC_RELAXED);
	tx_total = -1;
	committed_total = total;
	return 0;
}

void db_rollback(struct db *db)
{
	struct err ignored;
	(void)backend->exec(db, "ROLLBACK", &ignored);
	tx_total = -1;
}

int db_in_transaction(void)
{
	return tx_total >= 0;
}

int64_t db_committed_changes(void)
{
	return committed_total;
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

int db_checkpoint_due(struct db *db, struct err *e)
{
	return sync_deferred && backend->checkpoint ? backend->checkpoint(db, e) : 0;
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

int db_best_effort(int rc, const char *what, struct err *e)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static int64_t logged_ms;
	static uint64_t skipped;
	if (rc >= 0 || !e)
		return rc;
	int64_t now = db_clock_ms();
	pthread_mutex_lock(&mu);
	if (!logged_ms || now - logged_ms >= 60000) {
		log_msg("could not save %s (%s); the page was served without it%s", what, e->msg,
			skipped ? " (and other such notes since the last line)" : "");
		logged_ms = now;
		skipped = 0;
	} else {
		skipped++;
	}
	pthread_mutex_unlock(&mu);
	err_clear(e);
	return 0;
}

enum db_health db_health(int timeout_ms)
{
	struct err e = { 0 };
	struct db *db = db_get(&e);
	if (!db)
		return DB_HEALTH_DOWN;
	enum db_health h = backend->ping(db, timeout_ms);
	if (h == DB_HEALTH_OK)
		h = (enum db_health)__atomic_load_n(&write_fault, __ATOMIC_RELAXED);
	return h;
}

const char *db_health_word(enum db_health h)
{
	switch (h) {
	case DB_HEALTH_OK:
		return "ok";
	case DB_HEALTH_FULL:
		return "storage_full";
	case DB_HEALTH_READ_ONLY:
		return "read_only";
	case DB_HEALTH_DOWN:
	default:
		return "database_down";
	}
}

const char *db_backend_name(void)
{
	return backend ? backend->name : "none";
}
