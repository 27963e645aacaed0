/* db_pg.c: the PostgreSQL backend of the database interface (libpq).
 *
 * Selected by a postgres:// or postgresql:// URL. Statements are prepared once
 * per connection with `?` placeholders rewritten to $1, $2, …; parameters are
 * sent as text. A write transaction takes one transaction-scoped advisory lock,
 * so writers queue for each other exactly as they do under SQLite's
 * BEGIN IMMEDIATE, whatever number of duet processes share the database. */
#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "http/metrics.h"

#define PG_STMT_CACHE 512 /* power of two */
#define PG_MAX_PARAMS 32
#define PG_ACTIVE_MAX 64
#define PG_WRITE_LOCK "SELECT pg_advisory_xact_lock(7175120)"

struct db_stmt {
	struct db *db;
	char name[16];
	int nparams;
	char *params[PG_MAX_PARAMS];
	char ints[PG_MAX_PARAMS][24]; /* text of integer parameters */
	int owned[PG_MAX_PARAMS];     /* params[i] was malloc'd */
	PGresult *res;
	int row;                      /* next row to return; -1 before executing */
};

struct db {
	PGconn *conn;
	int nprepared;
	struct {
		const char *sql;
		struct db_stmt *s;
	} cache[PG_STMT_CACHE];
	struct db_stmt *active[PG_ACTIVE_MAX];
	size_t nactive;
	int64_t changes; /* rows changed by the last statement */
	int64_t total;   /* rows changed by writes since the connection opened */
};

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
	if (PQstatus(db->conn) != CONNECTION_OK)
		return err_set(e, 503, "database_down",
			       "duet can't reach its database right now. Nothing was changed; "
			       "please try again in a moment.");
	return err_set(e, 500, "database", "The database reported a problem (%s). "
		       "Nothing was changed.", detail);
}

static struct db *pg_open(const char *url, struct err *e)
{
	struct db *db = calloc(1, sizeof *db);
	if (!db) {
		err_set(e, 500, "no_memory", "out of memory");
		return NULL;
	}
	db->conn = PQconnectdb(url);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		char detail[256];
		snprintf(detail, sizeof detail, "%s", PQerrorMessage(db->conn));
		char *nl = strchr(detail, '\n');
		if (nl)
			*nl = '\0';
		err_set(e, 500, "database", "could not connect to PostgreSQL: %s", detail);
		PQfinish(db->conn);
		free(db);
		return NULL;
	}
	PGresult *res = PQexec(db->conn, "SET client_min_messages = warning");
	PQclear(res);
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
		free(s);
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

static struct db_stmt *pg_prep(struct db *db, const char *sql, struct err *e)
{
	size_t h = ((uintptr_t)sql >> 3) * 2654435761u;
	for (size_t k = 0; k < PG_STMT_CACHE; k++) {
		size_t i = (h + k) & (PG_STMT_CACHE - 1);
		if (db->cache[i].sql == sql) {
			struct db_stmt *s = db->cache[i].s;
			stmt_reset(s);
			stmt_clear_params(s);
			return s;
		}
		if (db->cache[i].sql)
			continue;
		struct db_stmt *s = calloc(1, sizeof *s);
		int np = 0;
		char *text = rewrite(sql, &np);
		if (!s || !text || np > PG_MAX_PARAMS) {
			free(s);
			free(text);
			err_set(e, 500, "database", "could not prepare a statement");
			return NULL;
		}
		snprintf(s->name, sizeof s->name, "s%d", db->nprepared++);
		PGresult *res = PQprepare(db->conn, s->name, text, 0, NULL);
		free(text);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			pg_err(db, res, e);
			PQclear(res);
			free(s);
			return NULL;
		}
		PQclear(res);
		s->db = db;
		s->nparams = np;
		s->row = -1;
		db->cache[i].sql = sql;
		db->cache[i].s = s;
		return s;
	}
	err_set(e, 500, "database", "too many distinct SQL statements");
	return NULL;
}

static int pg_bind_int(struct db_stmt *s, int i, int64_t v)
{
	if (i < 1 || i > s->nparams)
		return -1;
	if (s->owned[i - 1])
		free(s->params[i - 1]);
	s->owned[i - 1] = 0;
	snprintf(s->ints[i - 1], sizeof s->ints[i - 1], "%lld", (long long)v);
	s->params[i - 1] = s->ints[i - 1];
	return 0;
}

static int pg_bind_textn(struct db_stmt *s, int i, const char *p, size_t n)
{
	if (i < 1 || i > s->nparams)
		return -1;
	if (s->owned[i - 1])
		free(s->params[i - 1]);
	s->owned[i - 1] = 0;
	s->params[i - 1] = NULL;
	if (!p)
		return 0;
	char *copy = malloc(n + 1);
	if (!copy)
		return -1;
	memcpy(copy, p, n);
	copy[n] = '\0';
	s->params[i - 1] = copy;
	s->owned[i - 1] = 1;
	return 0;
}

static int pg_bind_null(struct db_stmt *s, int i)
{
	return pg_bind_textn(s, i, NULL, 0);
}

static int pg_step(struct db_stmt *s, struct err *e)
{
	struct db *db = s->db;
	if (s->row < 0) {
		s->res = PQexecPrepared(db->conn, s->name, s->nparams,
					(const char *const *)s->params, NULL, NULL, 0);
		ExecStatusType st = PQresultStatus(s->res);
		if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
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
		if (db->nactive == PG_ACTIVE_MAX)
			pg_idle(db);
		db->active[db->nactive++] = s;
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
	PGresult *res = PQexec(db->conn, sql);
	ExecStatusType st = PQresultStatus(res);
	int rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? 0 : pg_err(db, res, e);
	PQclear(res);
	return rc;
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
	.listen = pg_listen,
	.notified = pg_notified,
};
