/* db_sqlite.c: the embedded SQLite backend of the database interface.
 * WAL mode, foreign keys on, synchronous=FULL, a bounded busy wait, and a
 * per-connection cache of prepared statements keyed by the SQL text (a hash
 * to find the slot, the text itself compared), with a first look by the
 * text's address, since the store modules pass the same string constants
 * every time (the text is still compared, so a string built per call is
 * safe). On a clean stop the WAL is
 * checkpointed into the database file (sq_finish); a database that cannot be
 * opened is explained by its cause and fix (sq_explain). */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "backend.h"
#include "http/metrics.h"
#include "util/log.h"

#define STMT_CACHE 512 /* power of two */
#define BUSY_WAIT_MS 10000

struct db_stmt {
	sqlite3_stmt *st;
	struct db *db;
	int bad; /* a bind failed since the statement was last handed out */
};

#define ACTIVE_MAX 64

struct db {
	sqlite3 *h;
	int wal;                        /* the journal mode is WAL */
	const volatile unsigned char *shm; /* the wal-index, mapped by SQLite */
	struct db_stmt *active[ACTIVE_MAX]; /* statements left on a row */
	size_t nactive;
	/* Reads together (db_reads_together): until the next db_idle, this
	 * thread's reads share one read transaction, `reading` while it is open
	 * (begun with the prepared BEGIN, ended with the prepared COMMIT). */
	int together, reading;
	sqlite3_stmt *read_begin, *read_end;
	struct {
		char *sql; /* a copy of the statement's text; NULL for a free slot */
		uint64_t hash;
		struct db_stmt s;
	} cache[STMT_CACHE];
	/* The slot a text at this address had last time (a hint: the text is
	 * compared before use). Hashing a long statement's text on every
	 * call was 2 % of a page made afresh. */
	struct {
		const char *sql;
		size_t slot;
	} by_addr[STMT_CACHE];
};

/* Turns a SQLite result code into an error a person can act on. */
static int sq_err(struct db *db, int rc, struct err *e)
{
	int prim = rc & 0xff;
	const char *detail = db ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
	if (prim != SQLITE_CONSTRAINT)
		metrics_inc(METRIC_DB_ERRORS);
	switch (prim) {
	case SQLITE_FULL:
		return err_set(e, 507, "storage_full",
			       "The server ran out of disk space, so nothing was saved. "
			       "Please tell whoever runs this duet server.");
	case SQLITE_READONLY:
		return err_set(e, 503, "read_only",
			       "The server can't save right now (its database is read-only). "
			       "Nothing was changed. Please tell whoever runs this duet server.");
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, 503, "busy",
			       "duet is very busy right now and nothing was saved. "
			       "Please try again in a moment.");
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return err_set(e, 409, "conflict", "That already exists.");
		return err_set(e, 400, "constraint", "That change doesn't fit with what is saved (%s).",
			       detail);
	default:
		return err_set(e, 500, "database", "The database reported a problem (%s). "
			       "Nothing was changed.", detail);
	}
}

/* DUET_SQL_TRACE=FILE: every statement run is appended to FILE, one line each
 * (its SQL with placeholders), for the test that checks that the hot paths'
 * queries are served by indexes, and for counting queries per request. */
static int trace_fd = -1;

static int sq_trace(unsigned type, void *ctx, void *p, void *x)
{
	(void)type;
	(void)ctx;
	(void)x;
	const char *sql = sqlite3_sql(p);
	if (!sql || trace_fd < 0)
		return 0;
	char line[4096];
	int n = snprintf(line, sizeof line, "%s\n", sql);
	for (char *c = line; c < line + n - 1; c++)
		if (*c == '\n')
			*c = ' ';
	if (n > 0 && (size_t)n < sizeof line)
		(void)!write(trace_fd, line, (size_t)n);
	return 0;
}

static void sq_trace_setup(sqlite3 *h)
{
	const char *path = getenv("DUET_SQL_TRACE");
	if (!path || !*path)
		return;
	if (trace_fd < 0)
		trace_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (trace_fd >= 0)
		sqlite3_trace_v2(h, SQLITE_TRACE_STMT, sq_trace, NULL);
}

static void sq_configure_once(void)
{
	/* SQLITE_MISUSE when SQLite was already initialised: then it stays as is. */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Process-wide settings, before SQLite's first use: no memory statistics
 * (Debian's SQLite has no lookaside allocator, so every small allocation goes
 * through malloc, and with statistics on each one also takes a global mutex
 * that all worker threads contend for). Connections are never shared between
 * threads, so per-connection mutexes are off too (SQLITE_OPEN_NOMUTEX). */
static void sq_configure(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sq_configure_once);
}

/* The wait for a lock another connection holds. SQLite's own busy timeout
 * sleeps 1, 2, 5, 10 ms and more between tries; a write here holds the lock
 * for well under a millisecond (group commit flushes after it), so a worker
 * thread that met a writer slept far longer than the writer needed, and every
 * connection on that thread waited with it. Tries every 50 µs for the first
 * 10 ms, then every 2 ms, and gives up after BUSY_WAIT_MS in all. */
#define BUSY_QUICK_TRIES 200
#define BUSY_QUICK_US 50
#define BUSY_SLOW_US 2000

static int sq_busy(void *ctx, int tries)
{
	(void)ctx;
	long waited_us = tries < BUSY_QUICK_TRIES
				 ? (long)tries * BUSY_QUICK_US
				 : (long)BUSY_QUICK_TRIES * BUSY_QUICK_US +
					   (long)(tries - BUSY_QUICK_TRIES) * BUSY_SLOW_US;
	if (waited_us >= (long)BUSY_WAIT_MS * 1000)
		return 0;
	usleep(tries < BUSY_QUICK_TRIES ? BUSY_QUICK_US : BUSY_SLOW_US);
	return 1;
}

static struct db *sq_open(const char *url, struct err *e)
{
	sq_configure();
	struct db *db = calloc(1, sizeof *db);
	if (!db) {
		err_set(e, 500, "no_memory", "out of memory");
		return NULL;
	}
	int rc = sqlite3_open_v2(url, &db->h,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
					 SQLITE_OPEN_URI,
				 NULL);
	if (rc != SQLITE_OK) {
		err_set(e, 500, "database", "could not open the database %s: %s", url,
			db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	sqlite3_busy_handler(db->h, sq_busy, NULL);
	sqlite3_extended_result_codes(db->h, 1);
	sq_trace_setup(db->h);
	char *msg = NULL;
	rc = sqlite3_exec(db->h,
			  "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			  "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;",
			  NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		err_set(e, 500, "database", "could not set up the database %s: %s", url,
			msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sqlite3_close(db->h);
		free(db);
		return NULL;
	}
	sqlite3_stmt *jm = NULL;
	if (sqlite3_prepare_v2(db->h, "PRAGMA journal_mode", -1, &jm, NULL) == SQLITE_OK &&
	    sqlite3_step(jm) == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(jm, 0);
		db->wal = mode && !strcmp(mode, "wal");
	}
	sqlite3_finalize(jm);
	/* An operator's cap on the database's size (DUET_DB_MAX_MB): past it, writes
	 * fail as they would on a full disk. */
	const char *cap = getenv("DUET_DB_MAX_MB");
	if (cap && atoi(cap) > 0) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA max_page_count=%d", atoi(cap) * 256);
		sqlite3_exec(db->h, pragma, NULL, NULL, NULL);
	}
	return db;
}

static void sq_close(struct db *db)
{
	if (!db)
		return;
	sqlite3_finalize(db->read_begin);
	sqlite3_finalize(db->read_end);
	for (size_t i = 0; i < STMT_CACHE; i++)
		if (db->cache[i].sql) {
			sqlite3_finalize(db->cache[i].s.st);
			free(db->cache[i].sql);
		}
	sqlite3_close(db->h);
	free(db);
}

/* A cached statement, reset and with no values bound, ready to be used again. */
static struct db_stmt *sq_reuse(struct db *db, size_t i)
{
	struct db_stmt *s = &db->cache[i].s;
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	s->bad = 0;
	return s;
}

static struct db_stmt *sq_prep(struct db *db, const char *sql, struct err *e)
{
	size_t a = (size_t)(((uintptr_t)sql >> 3) * 0x9e3779b97f4a7c15u >> 32) & (STMT_CACHE - 1);
	if (db->by_addr[a].sql == sql) {
		size_t i = db->by_addr[a].slot;
		if (db->cache[i].sql && !strcmp(db->cache[i].sql, sql))
			return sq_reuse(db, i);
	}
	uint64_t h = db_sql_hash(sql);
	for (size_t k = 0; k < STMT_CACHE; k++) {
		size_t i = (h + k) & (STMT_CACHE - 1);
		if (db->cache[i].sql && db->cache[i].hash == h && !strcmp(db->cache[i].sql, sql)) {
			db->by_addr[a].sql = sql;
			db->by_addr[a].slot = i;
			return sq_reuse(db, i);
		}
		if (!db->cache[i].sql) {
			char *copy = strdup(sql);
			if (!copy) {
				err_set(e, 500, "no_memory", "out of memory");
				return NULL;
			}
			sqlite3_stmt *st;
			int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
						    NULL);
			if (rc != SQLITE_OK) {
				free(copy);
				sq_err(db, rc, e);
				return NULL;
			}
			db->cache[i].sql = copy;
			db->cache[i].hash = h;
			db->cache[i].s.st = st;
			db->cache[i].s.db = db;
			db->cache[i].s.bad = 0;
			db->by_addr[a].sql = sql;
			db->by_addr[a].slot = i;
			return &db->cache[i].s;
		}
	}
	err_set(e, 500, "database", "too many distinct SQL statements");
	return NULL;
}

/* A bind's result: a failure marks the statement so that it will not run. */
static int sq_bound(struct db_stmt *s, int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	s->bad = 1;
	return -1;
}

static int sq_bind_int(struct db_stmt *s, int i, int64_t v)
{
	return sq_bound(s, sqlite3_bind_int64(s->st, i, v));
}

static int sq_bind_textn(struct db_stmt *s, int i, const char *p, size_t n)
{
	if (!p)
		return sq_bound(s, sqlite3_bind_null(s->st, i));
	return sq_bound(s, sqlite3_bind_text64(s->st, i, p, n, SQLITE_TRANSIENT, SQLITE_UTF8));
}

static int sq_bind_null(struct db_stmt *s, int i)
{
	return sq_bound(s, sqlite3_bind_null(s->st, i));
}

static int sq_nparams(struct db_stmt *s)
{
	return sqlite3_bind_parameter_count(s->st);
}

/* Ends the read transaction that reads together share, if one is open.
 * COMMIT runs even while statements are left on a row; they keep their read
 * as an implicit transaction would, until they are reset. */
static void sq_end_read(struct db *db)
{
	if (!db->reading)
		return;
	db->reading = 0;
	sqlite3_step(db->read_end);
	sqlite3_reset(db->read_end);
	if (!sqlite3_get_autocommit(db->h)) /* not expected: never leave it open */
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

/* Before a statement runs: a read shares the open read transaction (one is
 * begun when there is none), and anything that may write ends it first, so
 * that a write is committed by itself, as it would be without reads
 * together. */
static void sq_before(struct db *db, sqlite3_stmt *st)
{
	if (!sqlite3_stmt_readonly(st)) {
		sq_end_read(db);
		return;
	}
	if (db->reading || !sqlite3_get_autocommit(db->h))
		return;
	if (!db->read_begin &&
	    (sqlite3_prepare_v3(db->h, "BEGIN", -1, SQLITE_PREPARE_PERSISTENT, &db->read_begin,
				NULL) != SQLITE_OK ||
	     sqlite3_prepare_v3(db->h, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT, &db->read_end,
				NULL) != SQLITE_OK)) {
		sqlite3_finalize(db->read_begin);
		db->read_begin = NULL;
		db->together = 0; /* reads go on one by one */
		return;
	}
	int rc = sqlite3_step(db->read_begin);
	sqlite3_reset(db->read_begin);
	db->reading = rc == SQLITE_DONE;
}

/* Resets every statement left on a row and ends a shared read, so that this
 * connection holds no read snapshot (between requests, before a write). */
static void sq_idle(struct db *db)
{
	for (size_t i = 0; i < db->nactive; i++)
		sqlite3_reset(db->active[i]->st);
	db->nactive = 0;
	sq_end_read(db);
}

/* The backend's idle: as sq_idle, and reads stop sharing a transaction. */
static void sq_idle_all(struct db *db)
{
	sq_idle(db);
	db->together = 0;
}

static void sq_reads_together(struct db *db)
{
	db->together = 1;
}

static int sq_step(struct db_stmt *s, struct err *e)
{
	if (s->bad) {
		log_msg("BUG: a value could not be bound, so this was not run: %.200s",
			sqlite3_sql(s->st));
		return err_set(e, 500, "database", "duet could not run a database query (a value "
			       "could not be passed to it). Nothing was changed.");
	}
	if (s->db->together)
		sq_before(s->db, s->st);
	int rc = sqlite3_step(s->st);
	if ((rc & 0xff) == SQLITE_BUSY && s->db->nactive && sqlite3_get_autocommit(s->db->h)) {
		/* A write outside a transaction while this connection still holds a
		 * read (statements left on a row earlier in the request) fails at
		 * once, without the busy wait (SQLite will not wait for a lock while
		 * holding a read, or the read's snapshot is stale): end those reads
		 * and try once more, now with the bounded busy wait. */
		sq_idle(s->db);
		sqlite3_reset(s->st);
		rc = sqlite3_step(s->st);
	}
	if (rc == SQLITE_ROW) {
		struct db *db = s->db;
		size_t i = 0;
		while (i < db->nactive && db->active[i] != s)
			i++;
		if (i == db->nactive) {
			if (db->nactive == ACTIVE_MAX)
				sq_idle(db);
			db->active[db->nactive++] = s;
		}
		return DB_ROW;
	}
	if (rc == SQLITE_DONE)
		return DB_DONE;
	sq_err(s->db, rc, e);
	sqlite3_reset(s->st);
	return -1;
}

static int64_t sq_col_int(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(s->st, i);
}

static const char *sq_col_text(struct db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s->st, i);
}

static int sq_col_is_null(struct db_stmt *s, int i)
{
	return sqlite3_column_type(s->st, i) == SQLITE_NULL;
}

static int sq_exec(struct db *db, const char *sql, struct err *e)
{
	sq_end_read(db); /* what runs here may write: not inside a shared read */
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : sq_err(db, rc, e);
}

static int sq_begin(struct db *db, struct err *e)
{
	/* A read left open from earlier in the request would pin an old snapshot,
	 * and taking the write lock on it fails as busy once anyone else wrote. */
	sq_idle(db);
	return sq_exec(db, "BEGIN IMMEDIATE", e);
}

static int64_t sq_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}

static int64_t sq_total_changes(struct db *db)
{
	return sqlite3_total_changes64(db->h);
}

/* The first region of the wal-index as this connection's VFS mapped it (the
 * public xShmMap method; the mapping lasts as long as the connection). NULL
 * until the region exists. */
static const volatile unsigned char *sq_shm(struct db *db)
{
	if (db->shm || !db->wal)
		return db->shm;
	sqlite3_file *f = NULL;
	if (sqlite3_file_control(db->h, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f ||
	    !f->pMethods || f->pMethods->iVersion < 2 || !f->pMethods->xShmMap)
		return NULL;
	volatile void *p = NULL;
	if (f->pMethods->xShmMap(f, 0, 32768, 0, &p) == SQLITE_OK && p)
		db->shm = p;
	return db->shm;
}

static int sq_mark(struct db *db, struct db_mark *m)
{
	const volatile unsigned char *shm = sq_shm(db);
	if (!shm)
		return -1;
	/* Like SQLite's own readers: copy 1, a barrier, copy 2 (a writer writes
	 * them in the other order); if they differ a commit is under way. */
	unsigned char second[sizeof m->hdr];
	for (size_t i = 0; i < sizeof m->hdr; i++)
		m->hdr[i] = shm[i];
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (size_t i = 0; i < sizeof second; i++)
		second[i] = shm[sizeof m->hdr + i];
	if (memcmp(m->hdr, second, sizeof second) != 0 || m->hdr[12] != 1 /* isInit */)
		return -1;
	return 0;
}

/* The WAL's length in frames after this process's last commit, noted by
 * sq_wal_note on connections that defer (the checkpoint is then the flusher's,
 * sq_checkpoint). Should no flush come for a long time (writes made outside
 * requests only, which nobody waits for), the connection that takes the WAL
 * past WAL_BACKSTOP_FRAMES checkpoints itself, as SQLite would have. */
#define WAL_CHECKPOINT_FRAMES 1000 /* SQLite's own default for checkpointing */
#define WAL_BACKSTOP_FRAMES (8 * WAL_CHECKPOINT_FRAMES)
static int wal_frames;

static int sq_wal_note(void *ctx, sqlite3 *h, const char *name, int frames)
{
	(void)ctx;
	__atomic_store_n(&wal_frames, frames, __ATOMIC_RELAXED);
	if (frames >= WAL_BACKSTOP_FRAMES)
		(void)sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

/* Group commit (db.h, db_sync_defer): commits write the WAL and return; the
 * fsync that synchronous=FULL would do under the write lock is left to
 * sq_sync, which one thread calls for many commits at once. Nor does a
 * commit fold the WAL back into the database file when it has grown (SQLite's
 * automatic checkpoint, two fsyncs, ran on the thread of whichever request
 * committed, and every connection on that thread waited): the wal hook only
 * notes the WAL's length, and sq_checkpoint does the folding off the request
 * path. */
static int sq_defer(struct db *db, struct err *e)
{
	if (!db->wal)
		return 0; /* commits stay durable by themselves (synchronous=FULL) */
	if (sq_exec(db, "PRAGMA synchronous=NORMAL", e) < 0)
		return -1;
	sqlite3_wal_hook(db->h, sq_wal_note, NULL);
	return 0;
}

/* A passive checkpoint (as SQLite's automatic one) when the WAL has grown
 * past WAL_CHECKPOINT_FRAMES: 1 when one ran, 0 when none was due. */
static int sq_checkpoint(struct db *db, struct err *e)
{
	if (__atomic_load_n(&wal_frames, __ATOMIC_RELAXED) < WAL_CHECKPOINT_FRAMES)
		return 0;
	sq_idle(db);
	int rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	if (rc != SQLITE_OK && rc != SQLITE_BUSY)
		return sq_err(db, rc, e);
	__atomic_store_n(&wal_frames, 0, __ATOMIC_RELAXED); /* the next commit says again */
	return 1;
}

/* Flushes the WAL file as SQLite does after a commit with synchronous=FULL
 * (its xSync with SQLITE_SYNC_NORMAL, through this connection's own handle of
 * the file; any handle flushes what every connection wrote). Commits by other
 * connections of this process that returned before this call are durable when
 * it returns 0. */
static int sq_sync(struct db *db, struct err *e)
{
	sqlite3_file *f = NULL;
	if (sqlite3_file_control(db->h, "main", SQLITE_FCNTL_JOURNAL_POINTER, &f) != SQLITE_OK ||
	    !f || !f->pMethods) {
		/* The WAL is opened with the first read of this connection. */
		struct db_stmt *st = sq_prep(db, "SELECT 1 FROM sqlite_master LIMIT 1", e);
		if (!st)
			return -1;
		(void)sqlite3_step(st->st);
		sqlite3_reset(st->st);
		f = NULL;
		if (sqlite3_file_control(db->h, "main", SQLITE_FCNTL_JOURNAL_POINTER, &f) != SQLITE_OK ||
		    !f || !f->pMethods)
			return err_set(e, 500, "database", "could not find the write-ahead log to flush");
	}
	int rc = f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
	return rc == SQLITE_OK ? 0 : sq_err(db, rc, e);
}

static int sq_backup(const char *url, const char *dest, struct err *e)
{
	sqlite3 *src = NULL, *dst = NULL;
	int rc = sqlite3_open_v2(url, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, 500, "database", "could not open %s: %s", url, sqlite3_errstr(rc));
		goto out;
	}
	sqlite3_busy_timeout(src, BUSY_WAIT_MS);
	rc = sqlite3_open_v2(dest, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, 500, "io", "could not create %s: %s", dest, sqlite3_errstr(rc));
		goto out;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		err_set(e, 500, "database", "could not start the backup: %s", sqlite3_errmsg(dst));
		rc = SQLITE_ERROR;
		goto out;
	}
	/* Copy in steps so a serving process is never locked out for long. */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		err_set(e, 500, "database", "the backup failed: %s", sqlite3_errstr(rc));
		goto out;
	}
	rc = SQLITE_OK;
out:
	sqlite3_close(src);
	sqlite3_close(dst);
	return rc == SQLITE_OK ? 0 : -1;
}

static int sq_check(const char *path, struct err *e)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close(h);
		return err_set(e, 500, "io", "could not open %s: %s", path, sqlite3_errstr(rc));
	}
	sqlite3_stmt *st = NULL;
	rc = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL);
	int ok = 0;
	char first[200] = "";
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		snprintf(first, sizeof first, "%s", v ? v : "");
		ok = !strcmp(first, "ok");
	} else {
		snprintf(first, sizeof first, "%s", sqlite3_errmsg(h));
	}
	sqlite3_finalize(st);
	if (ok) {
		rc = sqlite3_prepare_v2(h, "SELECT max(version) FROM schema_version", -1, &st, NULL);
		ok = rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW;
		if (!ok)
			snprintf(first, sizeof first, "it is not a duet database");
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return ok ? 0 : err_set(e, 500, "corrupt", "%s failed its integrity check: %s", path, first);
}

#define ROOM_MIN (64 << 10) /* less room than this, in bytes, is a full disk */

/* A pragma's integer value on this connection; -1 when it cannot be read. */
static int64_t sq_pragma_int(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Bytes the database may still grow by: the smaller of the free space on its
 * disk and what is left under the operator's cap (DUET_DB_MAX_MB), counting
 * free pages inside the file. */
static int64_t sq_room(struct db *db)
{
	int64_t page = sq_pragma_int(db, "PRAGMA page_size");
	int64_t count = sq_pragma_int(db, "PRAGMA page_count");
	int64_t max = sq_pragma_int(db, "PRAGMA max_page_count");
	int64_t freelist = sq_pragma_int(db, "PRAGMA freelist_count");
	int64_t room = INT64_MAX;
	if (page > 0 && count >= 0 && max > 0 && freelist >= 0 && max < INT64_MAX / page)
		room = (max - count + freelist) * page;
	const char *file = sqlite3_db_filename(db->h, "main");
	struct statvfs vfs;
	if (file && *file && statvfs(file, &vfs) == 0) {
		int64_t disk = (int64_t)vfs.f_bavail * (int64_t)vfs.f_frsize;
		if (page > 0 && freelist > 0)
			disk += freelist * page;
		if (disk < room)
			room = disk;
	}
	return room;
}

static enum db_health sq_ping(struct db *db, int timeout_ms)
{
	(void)timeout_ms; /* a local file answers at once; a read never waits for a lock */
	sqlite3_stmt *st = NULL;
	int ok = sqlite3_prepare_v2(db->h, "SELECT count(*) FROM schema_version", -1, &st, NULL) ==
			 SQLITE_OK &&
		 sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (!ok)
		return DB_HEALTH_DOWN;
	if (sqlite3_db_readonly(db->h, "main") == 1)
		return DB_HEALTH_READ_ONLY;
	return sq_room(db) < ROOM_MIN ? DB_HEALTH_FULL : DB_HEALTH_OK;
}

/* After the last connection closed (a clean stop): one more connection folds
 * the WAL into the database file and truncates it; closing that connection,
 * now the only one, removes the -wal and -shm files. */
static void sq_finish(const char *url)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(url, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(h, 2000);
		rc = sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	}
	if (rc != SQLITE_OK && rc != SQLITE_READONLY && rc != SQLITE_CANTOPEN)
		log_msg("could not fold the write-ahead log into %s when stopping (%s); it stays "
			"beside it and is read again on the next start",
			url, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
	sqlite3_close(h);
}

/* Replaces e with the cause and the fix when the database at url cannot be
 * used: a missing folder, a read-only filesystem, file or folder, a full disk
 * or a reached size cap. URIs (file:…) are left as SQLite described them. */
static void sq_explain(const char *url, struct err *e)
{
	if (!strncmp(url, "file:", 5) || !*url || !strcmp(url, ":memory:"))
		return;
	char dir[1024];
	const char *slash = strrchr(url, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == url)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - url), url);
	struct stat st;
	struct statvfs vfs;
	if (stat(dir, &st) != 0 && errno == ENOENT) {
		err_set(e, 1, "no_folder",
			"the folder %s does not exist. Create it (mkdir -p %s) or give "
			"another path with --db.", dir, dir);
		return;
	}
	if (statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY)) {
		err_set(e, 1, "read_only",
			"%s is on a read-only filesystem, so duet cannot save anything. Mount it "
			"read-write, or give a path on a writable disk with --db.", url);
		return;
	}
	if (stat(url, &st) == 0 && access(url, W_OK) != 0) {
		err_set(e, 1, "read_only",
			"the database file %s is read-only for the user duet runs as. Let that "
			"user write it (chown or chmod u+w), then start duet again.", url);
		return;
	}
	if (access(dir, W_OK) != 0) {
		err_set(e, 1, "read_only",
			"duet cannot write in the folder %s. SQLite keeps two files beside the "
			"database (-wal and -shm), so the folder must be writable too: let duet's "
			"user write there (chown or chmod u+w), or move the database.", dir);
		return;
	}
	if (statvfs(dir, &vfs) == 0 && (int64_t)vfs.f_bavail * (int64_t)vfs.f_frsize < ROOM_MIN) {
		err_set(e, 1, "storage_full",
			"the disk holding %s is full (%llu KiB free). Free some space, then start "
			"duet again.", url,
			(unsigned long long)vfs.f_bavail * vfs.f_frsize / 1024);
		return;
	}
	const char *cap = getenv("DUET_DB_MAX_MB");
	if (!strcmp(e->code, "storage_full") && cap && atoi(cap) > 0)
		err_set(e, 1, "storage_full",
			"the database %s has reached its size limit (DUET_DB_MAX_MB=%s). Raise the "
			"limit, then start duet again.", url, cap);
}

static int sq_exists(const char *url)
{
	struct stat st;
	return stat(url, &st) == 0 && st.st_size > 0;
}

const struct db_backend db_sqlite_backend = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.prep = sq_prep,
	.bind_int = sq_bind_int,
	.bind_textn = sq_bind_textn,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_is_null = sq_col_is_null,
	.exec = sq_exec,
	.begin = sq_begin,
	.changes = sq_changes,
	.total_changes = sq_total_changes,
	.mark = sq_mark,
	.backup = sq_backup,
	.check = sq_check,
	.id_type = "INTEGER PRIMARY KEY",
	.exists = sq_exists,
	.idle = sq_idle_all,
	.reads_together = sq_reads_together,
	.defer = sq_defer,
	.sync = sq_sync,
	.checkpoint = sq_checkpoint,
	.nparams = sq_nparams,
	.ping = sq_ping,
	.finish = sq_finish,
	.explain = sq_explain,
};
