/* db_pg.c: the PostgreSQL backend of the database interface (libpq).
 *
 * Selected by a postgres:// or postgresql:// URL (libpq's multi-host URLs too:
 * postgres://h1:5432,h2:5432/duet?target_session_attrs=read-write). Statements
 * are prepared per connection with `?` placeholders rewritten to $1, $2, …;
 * parameters are sent as text. A write transaction takes one transaction-scoped
 * advisory lock, so writers queue for each other exactly as they do under
 * SQLite's BEGIN IMMEDIATE, whatever number of duet processes share the database.
 *
 * A lost connection (the server restarted, or a standby was promoted) is
 * noticed on the next call, reset with backoff (PQreset, which tries every host
 * of the URL again), and the statements are prepared again on it. The call is
 * retried once when that cannot write twice: a read, a BEGIN, or a statement
 * the server said it terminated before running, all outside a transaction.
 * A transaction cut off by the loss fails with 503 until it is rolled back. */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "backend.h"
#include "http/metrics.h"
#include "util/log.h"

#define PG_STMT_CACHE 512 /* power of two */
#define PG_MAX_PARAMS 32
#define PG_ACTIVE_MAX 64
#define PG_WRITE_LOCK "SELECT pg_advisory_xact_lock(7175120)"
#define PG_WAIT_MAX_MS 2000 /* longest pause between two reconnection attempts */

struct db_stmt {
	struct db *db;
	char *text;   /* the SQL with $1, $2, …; owned */
	char name[16];
	unsigned gen; /* the connection (db->gen) it was prepared on; 0: none */
	int nparams;
	int readonly; /* a SELECT: safe to run again on a new connection */
	int bad;      /* a bind failed since the statement was handed out */
	uint64_t bound; /* bit i: parameter i+1 has a value */
	char *params[PG_MAX_PARAMS];
	char ints[PG_MAX_PARAMS][24]; /* text of integer parameters */
	int owned[PG_MAX_PARAMS];     /* params[i] was malloc'd */
	PGresult *res;
	int row;                      /* next row to return; -1 before executing */
};

struct db {
	PGconn *conn;
	unsigned gen;   /* counts (re)connections; statements compare their own */
	int nprepared;
	int lost;       /* the connection broke: reset it before the next call */
	int in_tx;      /* between BEGIN and COMMIT or ROLLBACK */
	int tx_lost;    /* the connection broke inside a transaction: refuse until ROLLBACK */
	int64_t next_try_ms; /* no reconnection attempt before this (monotonic) */
	int64_t wait_ms;     /* the pause after the next failed attempt */
	struct {
		char *sql; /* a copy of the text as given; NULL for a free slot */
		uint64_t hash;
		struct db_stmt *s;
	} cache[PG_STMT_CACHE];
	struct db_stmt *active[PG_ACTIVE_MAX];
	size_t nactive;
	int64_t changes; /* rows changed by the last statement */
	int64_t total;   /* rows changed by writes since the connection opened */
};

/* The first line of libpq's last message for this connection. */
static void conn_detail(PGconn *conn, char *out, size_t size)
{
	snprintf(out, size, "%s", conn ? PQerrorMessage(conn) : "out of memory");
	char *nl = strchr(out, '\n');
	if (nl)
		*nl = '\0';
}

/* 1 when res (or the connection's state) says the connection is gone. */
static int pg_is_lost(struct db *db, PGresult *res)
{
	if (PQstatus(db->conn) != CONNECTION_OK)
		return 1;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	return state && (!strncmp(state, "08", 2) || !strcmp(state, "57P01") ||
			 !strcmp(state, "57P02") || !strcmp(state, "57P03"));
}

/* 1 when the server said it ended the session (shutdown, restart, promotion)
 * rather than the line dropping: then the statement did not commit. */
static int pg_server_ended(PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	return state && (!strcmp(state, "57P01") || !strcmp(state, "57P02") ||
			 !strcmp(state, "57P03"));
}

/* Marks the connection broken; a transaction under way is lost with it. */
static void pg_lose(struct db *db)
{
	db->lost = 1;
	if (db->in_tx)
		db->tx_lost = 1;
	db->in_tx = 0;
}

/* Maps a failed result to an error a person can act on. */
static int pg_err(struct db *db, PGresult *res, struct err *e)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(db->conn);
	char detail[200];
	snprintf(detail, sizeof detail, "%s", msg ? msg : "unknown");
	char *nl = strchr(detail, '\n');
	if (nl)
		*nl = '\0';
	if (!state || strncmp(state, "23", 2))
		metrics_inc(METRIC_DB_ERRORS);
	if (pg_is_lost(db, res)) {
		pg_lose(db);
		return db_down(detail, e);
	}
	if (state && !strcmp(state, "23505"))
		return err_set(e, 409, "conflict", "That already exists.");
	if (state && (!strncmp(state, "23", 2)))
		return err_set(e, 400, "constraint", "That change doesn't fit with what is saved (%s).",
			       detail);
	if (state && (!strcmp(state, "53100")))
		return err_set(e, 507, "storage_full",
			       "The server ran out of disk space, so nothing was saved. "
			       "Please tell whoever runs this duet server.");
	if (state && (!strcmp(state, "25006")))
		return err_set(e, 503, "read_only",
			       "The server can't save right now (its database is read-only). "
			       "Nothing was changed. Please tell whoever runs this duet server.");
	if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
		      !strcmp(state, "55P03")))
		return err_set(e, 503, "busy",
			       "duet is very busy right now and nothing was saved. "
			       "Please try again in a moment.");
	return err_set(e, 500, "database", "The database reported a problem (%s). "
		       "Nothing was changed.", detail);
}

/* Settings every new connection gets. */
static void pg_session_setup(struct db *db)
{
	PGresult *res = PQexec(db->conn, "SET client_min_messages = warning");
	PQclear(res);
}

/* Connects to url, waiting at most 2 s per host unless the URL says otherwise
 * (connect_timeout comes before the URL's own settings, which win). */
static PGconn *pg_connect(const char *url)
{
	const char *const keys[] = { "connect_timeout", "dbname", NULL };
	const char *const vals[] = { "2", url, NULL };
	return PQconnectdbParams(keys, vals, 1);
}

/* Makes the connection usable: resets a broken one (not more often than the
 * backoff allows). 0, or -1 with e set to 503 database_down. */
static int pg_ready(struct db *db, struct err *e)
{
	if (!db->lost && PQstatus(db->conn) == CONNECTION_OK)
		return 0;
	if (db_clock_ms() < db->next_try_ms)
		return db_down(NULL, e);
	PQreset(db->conn);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		db->wait_ms = db->wait_ms ? db->wait_ms * 2 : 100;
		if (db->wait_ms > PG_WAIT_MAX_MS)
			db->wait_ms = PG_WAIT_MAX_MS;
		db->next_try_ms = db_clock_ms() + db->wait_ms;
		char detail[256];
		conn_detail(db->conn, detail, sizeof detail);
		return db_down(detail, e);
	}
	db->lost = 0;
	db->wait_ms = 0;
	db->gen++;
	pg_session_setup(db);
	db_up();
	return 0;
}

static struct db *pg_open(const char *url, struct err *e)
{
	struct db *db = calloc(1, sizeof *db);
	if (!db) {
		err_set(e, 500, "no_memory", "out of memory");
		return NULL;
	}
	db->conn = pg_connect(url);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		char detail[256];
		conn_detail(db->conn, detail, sizeof detail);
		err_set(e, 503, "database_down", "could not connect to PostgreSQL: %s", detail);
		PQfinish(db->conn);
		free(db);
		return NULL;
	}
	db->gen = 1;
	pg_session_setup(db);
	return db;
}

static void stmt_clear_params(struct db_stmt *s)
{
	for (int i = 0; i < PG_MAX_PARAMS; i++) {
		if (s->owned[i])
			free(s->params[i]);
		s->params[i] = NULL;
		s->owned[i] = 0;
	}
}

static void stmt_reset(struct db_stmt *s)
{
	if (s->res)
		PQclear(s->res);
	s->res = NULL;
	s->row = -1;
}

static void pg_idle(struct db *db)
{
	for (size_t i = 0; i < db->nactive; i++)
		stmt_reset(db->active[i]);
	db->nactive = 0;
}

static int pg_exec(struct db *db, const char *sql, struct err *e);

static void pg_request_done(struct db *db)
{
	if (db->tx_lost) {
		db->tx_lost = 0; /* the server rolled it back when the connection broke */
		db->in_tx = 0;
	}
	if (db->in_tx) {
		log_msg("BUG: a request ended inside a transaction; rolled back");
		struct err e = { 0 };
		(void)pg_exec(db, "ROLLBACK", &e);
		db->in_tx = 0;
	}
}

static void pg_close(struct db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < PG_STMT_CACHE; i++) {
		struct db_stmt *s = db->cache[i].s;
		if (!s)
			continue;
		stmt_reset(s);
		stmt_clear_params(s);
		free(s->text);
		free(s);
		free(db->cache[i].sql);
	}
	PQfinish(db->conn);
	free(db);
}

/* Rewrites `?` placeholders (outside quotes) as $1, $2, …; counts them. */
static char *rewrite(const char *sql, int *nparams)
{
	size_t n = strlen(sql);
	char *out = malloc(n * 3 + 1);
	if (!out)
		return NULL;
	size_t k = 0;
	int count = 0;
	char quote = 0;
	for (size_t i = 0; i < n; i++) {
		char c = sql[i];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '\'' || c == '"') {
			quote = c;
		} else if (c == '?') {
			k += (size_t)sprintf(out + k, "$%d", ++count);
			continue;
		}
		out[k++] = c;
	}
	out[k] = '\0';
	*nparams = count;
	return out;
}

/* A new cached statement for sql (prepared on the server when first run). */
static struct db_stmt *stmt_new(struct db *db, const char *sql, struct err *e)
{
	struct db_stmt *s = calloc(1, sizeof *s);
	int np = 0;
	char *text = rewrite(sql, &np);
	if (!s || !text || np > PG_MAX_PARAMS) {
		free(s);
		free(text);
		err_set(e, 500, "database", "could not prepare a statement");
		return NULL;
	}
	const char *p = sql + strspn(sql, " \t\n");
	s->db = db;
	s->text = text;
	s->nparams = np;
	s->readonly = !strncasecmp(p, "SELECT", 6) && strcmp(sql, PG_WRITE_LOCK) != 0;
	s->row = -1;
	snprintf(s->name, sizeof s->name, "s%d", db->nprepared++);
	return s;
}

static struct db_stmt *pg_prep(struct db *db, const char *sql, struct err *e)
{
	uint64_t h = db_sql_hash(sql);
	for (size_t k = 0; k < PG_STMT_CACHE; k++) {
		size_t i = (h + k) & (PG_STMT_CACHE - 1);
		if (db->cache[i].sql && db->cache[i].hash == h && !strcmp(db->cache[i].sql, sql)) {
			struct db_stmt *s = db->cache[i].s;
			stmt_reset(s);
			stmt_clear_params(s);
			s->bound = 0;
			s->bad = 0;
			return s;
		}
		if (db->cache[i].sql)
			continue;
		char *copy = strdup(sql);
		struct db_stmt *s = copy ? stmt_new(db, sql, e) : NULL;
		if (!s) {
			if (!copy)
				err_set(e, 500, "no_memory", "out of memory");
			free(copy);
			return NULL;
		}
		db->cache[i].sql = copy;
		db->cache[i].hash = h;
		db->cache[i].s = s;
		return s;
	}
	err_set(e, 500, "database", "too many distinct SQL statements");
	return NULL;
}

/* Takes the slot of parameter i (1-based) for a new value; -1 (and the
 * statement marked so that it will not run) when there is no such slot. */
static int param_slot(struct db_stmt *s, int i)
{
	if (i < 1 || i > s->nparams) {
		s->bad = 1;
		return -1;
	}
	if (s->owned[i - 1])
		free(s->params[i - 1]);
	s->owned[i - 1] = 0;
	s->params[i - 1] = NULL;
	s->bound &= ~((uint64_t)1 << (i - 1));
	return 0;
}

static int pg_bind_int(struct db_stmt *s, int i, int64_t v)
{
	if (param_slot(s, i) < 0)
		return -1;
	snprintf(s->ints[i - 1], sizeof s->ints[i - 1], "%lld", (long long)v);
	s->params[i - 1] = s->ints[i - 1];
	s->bound |= (uint64_t)1 << (i - 1);
	return 0;
}

static int pg_bind_textn(struct db_stmt *s, int i, const char *p, size_t n)
{
	if (param_slot(s, i) < 0)
		return -1;
	if (p) {
		char *copy = malloc(n + 1);
		if (!copy) {
			s->bad = 1; /* never run with this value missing (it would read as NULL) */
			return -1;
		}
		memcpy(copy, p, n);
		copy[n] = '\0';
		s->params[i - 1] = copy;
		s->owned[i - 1] = 1;
	}
	s->bound |= (uint64_t)1 << (i - 1);
	return 0;
}

static int pg_bind_null(struct db_stmt *s, int i)
{
	return pg_bind_textn(s, i, NULL, 0);
}

static int pg_nparams(struct db_stmt *s)
{
	return s->nparams;
}

/* Runs s once on the connection, preparing it first when the connection is
 * new to it. The result, which the caller clears. */
static PGresult *pg_run(struct db_stmt *s)
{
	struct db *db = s->db;
	if (s->gen != db->gen) {
		PGresult *res = PQprepare(db->conn, s->name, s->text, 0, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			return res;
		PQclear(res);
		s->gen = db->gen;
	}
	return PQexecPrepared(db->conn, s->name, s->nparams, (const char *const *)s->params, NULL,
			      NULL, 0);
}

static int pg_step(struct db_stmt *s, struct err *e)
{
	struct db *db = s->db;
	if (s->row < 0) {
		uint64_t all = s->nparams ? (((uint64_t)1 << s->nparams) - 1) : 0;
		if (s->bad || s->bound != all) {
			log_msg("BUG: a value is missing, so this was not run: %.200s", s->text);
			return err_set(e, 500, "database", "duet could not run a database query (a "
				       "value could not be passed to it). Nothing was changed.");
		}
		if (db->tx_lost)
			return db_down(NULL, e);
		/* Listed before it runs, so that making room (which resets the
		 * listed statements) never drops its own new result. */
		size_t i = 0;
		while (i < db->nactive && db->active[i] != s)
			i++;
		if (i == db->nactive) {
			if (db->nactive == PG_ACTIVE_MAX)
				pg_idle(db);
			db->active[db->nactive++] = s;
		}
		for (int attempt = 0;; attempt++) {
			if (pg_ready(db, e) < 0)
				return -1;
			int outside = !db->in_tx;
			s->res = pg_run(s);
			ExecStatusType st = PQresultStatus(s->res);
			if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
				break;
			if (attempt == 0 && outside && pg_is_lost(db, s->res) &&
			    (s->readonly || pg_server_ended(s->res))) {
				pg_lose(db);
				stmt_reset(s);
				continue;
			}
			pg_err(db, s->res, e);
			stmt_reset(s);
			return -1;
		}
		s->row = 0;
		const char *n = PQcmdTuples(s->res);
		db->changes = n && *n ? strtoll(n, NULL, 10) : 0;
		const char *cmd = PQcmdStatus(s->res);
		if (cmd && (!strncmp(cmd, "INSERT", 6) || !strncmp(cmd, "UPDATE", 6) ||
			    !strncmp(cmd, "DELETE", 6)))
			db->total += db->changes;
	}
	if (PQresultStatus(s->res) == PGRES_TUPLES_OK && s->row < PQntuples(s->res)) {
		s->row++;
		return DB_ROW;
	}
	return DB_DONE;
}

static int64_t pg_col_int(struct db_stmt *s, int i)
{
	if (!s->res || s->row < 1 || PQgetisnull(s->res, s->row - 1, i))
		return 0;
	const char *v = PQgetvalue(s->res, s->row - 1, i);
	if (!strcmp(v, "t"))
		return 1;
	if (!strcmp(v, "f"))
		return 0;
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(struct db_stmt *s, int i)
{
	if (!s->res || s->row < 1 || PQgetisnull(s->res, s->row - 1, i))
		return NULL;
	return PQgetvalue(s->res, s->row - 1, i);
}

static int pg_col_is_null(struct db_stmt *s, int i)
{
	return !s->res || s->row < 1 || PQgetisnull(s->res, s->row - 1, i);
}

static int pg_exec(struct db *db, const char *sql, struct err *e)
{
	int begin = !strcmp(sql, "BEGIN");
	int ends = !strcmp(sql, "COMMIT") || !strcmp(sql, "ROLLBACK");
	if (db->tx_lost) {
		/* The server rolled the transaction back when the connection broke;
		 * until the caller rolls back too (or begins anew), nothing runs. */
		if (!strcmp(sql, "ROLLBACK")) {
			db->tx_lost = 0;
			return 0;
		}
		if (!begin)
			return db_down(NULL, e);
		db->tx_lost = 0;
	}
	for (int attempt = 0;; attempt++) {
		if (pg_ready(db, e) < 0)
			return -1;
		int outside = !db->in_tx;
		PGresult *res = PQexec(db->conn, sql);
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
			PQclear(res);
			if (begin)
				db->in_tx = 1;
			else if (ends)
				db->in_tx = 0;
			return 0;
		}
		if (attempt == 0 && outside && (begin || pg_server_ended(res)) &&
		    pg_is_lost(db, res)) {
			PQclear(res);
			pg_lose(db);
			continue;
		}
		int rc = pg_err(db, res, e);
		PQclear(res);
		if (ends)
			db->in_tx = 0;
		return rc;
	}
}

static int pg_begin(struct db *db, struct err *e)
{
	if (pg_exec(db, "BEGIN", e) < 0)
		return -1;
	if (pg_exec(db, PG_WRITE_LOCK, e) < 0) {
		struct err ignored;
		(void)pg_exec(db, "ROLLBACK", &ignored);
		return -1;
	}
	return 0;
}

static int64_t pg_changes(struct db *db)
{
	return db->changes;
}

static int64_t pg_total_changes(struct db *db)
{
	return db->total;
}

static int pg_backup(const char *url, const char *dest, struct err *e)
{
	(void)url;
	(void)dest;
	return err_usage(e, "for a PostgreSQL database, back up with pg_dump (for example "
		       "pg_dump -Fc -f duet.dump DATABASE_URL)");
}

static int pg_check(const char *path, struct err *e)
{
	(void)path;
	return err_usage(e, "for PostgreSQL, restore with pg_restore");
}

static int pg_exists(const char *url)
{
	struct err e;
	struct db *db = pg_open(url, &e);
	if (!db)
		return 0;
	PGresult *res = PQexec(db->conn, "SELECT to_regclass('schema_version') IS NOT NULL");
	int exists = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
		     !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	pg_close(db);
	return exists;
}

static int pg_listen(struct db *db, const char *channel, struct err *e)
{
	char *name = PQescapeIdentifier(db->conn, channel, strlen(channel));
	char sql[160];
	if (!name)
		return pg_err(db, NULL, e);
	snprintf(sql, sizeof sql, "LISTEN %s", name);
	PQfreemem(name);
	if (pg_exec(db, sql, e) < 0)
		return -1;
	return PQsocket(db->conn);
}

static int pg_notified(struct db *db)
{
	if (!PQconsumeInput(db->conn) || PQstatus(db->conn) != CONNECTION_OK)
		return -1;
	int n = 0;
	PGnotify *note;
	while ((note = PQnotifies(db->conn))) {
		PQfreemem(note);
		n = 1;
	}
	return n;
}

/* Asks "SELECT pg_is_in_recovery()" and waits at most timeout_ms for the
 * answer: 0 (and *standby set), -1 when the connection failed, -2 when there
 * was no answer in time. */
static int pg_ask(struct db *db, int timeout_ms, int *standby)
{
	if (!PQsendQuery(db->conn, "SELECT pg_is_in_recovery()"))
		return -1;
	int64_t deadline = db_clock_ms() + timeout_ms;
	while (PQisBusy(db->conn)) {
		int64_t left = deadline - db_clock_ms();
		if (left <= 0)
			return -2;
		struct pollfd pfd = { .fd = PQsocket(db->conn), .events = POLLIN };
		if (poll(&pfd, 1, (int)left) < 0 && errno != EINTR)
			return -1;
		if (!PQconsumeInput(db->conn))
			return -1;
	}
	int ok = 0;
	PGresult *res;
	while ((res = PQgetResult(db->conn))) {
		if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
			ok = 1;
			*standby = !strcmp(PQgetvalue(res, 0, 0), "t");
		}
		PQclear(res);
	}
	return ok ? 0 : -1;
}

static enum db_health pg_ping(struct db *db, int timeout_ms)
{
	if (db->in_tx || db->tx_lost)
		return DB_HEALTH_OK; /* busy with a transaction, so it answered just now */
	for (int attempt = 0; attempt < 2; attempt++) {
		struct err e = { 0 };
		if (pg_ready(db, &e) < 0)
			return DB_HEALTH_DOWN;
		int standby = 0;
		int rc = pg_ask(db, timeout_ms, &standby);
		if (rc == 0)
			return standby ? DB_HEALTH_READ_ONLY : DB_HEALTH_OK;
		/* The connection broke, or gave no answer in time: reset it before
		 * its next use (a late answer must not be taken for another query's). */
		pg_lose(db);
		if (rc == -2)
			break;
	}
	return DB_HEALTH_DOWN;
}

const struct db_backend db_pg_backend = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.prep = pg_prep,
	.bind_int = pg_bind_int,
	.bind_textn = pg_bind_textn,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_is_null = pg_col_is_null,
	.exec = pg_exec,
	.begin = pg_begin,
	.changes = pg_changes,
	.total_changes = pg_total_changes,
	.backup = pg_backup,
	.check = pg_check,
	.id_type = "BIGSERIAL PRIMARY KEY",
	.exists = pg_exists,
	.idle = pg_idle,
	.request_done = pg_request_done,
	.listen = pg_listen,
	.notified = pg_notified,
	.nparams = pg_nparams,
	.ping = pg_ping,
};
