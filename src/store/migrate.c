/* migrate.c: applying schema migrations (see migrate.h and schema.c). */
#include "migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "util/buf.h"

int migrate_latest(void)
{
	return schema_migrations[schema_count - 1].version;
}

int migrate_version(struct db *db, const struct db_backend *b, int *out, struct err *e)
{
	if (b->exec(db, "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)", e) < 0)
		return -1;
	struct db_stmt *st = db_prep(db, "SELECT max(version) FROM schema_version", e);
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	*out = (rc == DB_ROW && !db_col_is_null(st, 0)) ? (int)db_col_int(st, 0) : 0;
	/* Run to the end, so that no statement stays on a row: SQLite will not
	 * drop an index (migration 18) while one is. */
	return rc == DB_ROW ? db_exec_stmt(st, e) : 0;
}

/* Replaces "@ID@" with the backend's primary key type. */
static int expand(struct buf *out, const char *sql, const char *id_type)
{
	const char *p = sql, *q;
	while ((q = strstr(p, "@ID@"))) {
		if (buf_append(out, p, (size_t)(q - p)) < 0 || buf_puts(out, id_type) < 0)
			return -1;
		p = q + 4;
	}
	return buf_puts(out, p);
}

int migrate_run(struct db *db, const struct db_backend *b, const char *url, struct err *e)
{
	return migrate_apply(db, b, url, schema_migrations, schema_count, e);
}

int migrate_apply(struct db *db, const struct db_backend *b, const char *url,
		  const struct migration *list, int count, struct err *e)
{
	int existed = b->exists(url);
	int version;
	int latest = list[count - 1].version;
	if (migrate_version(db, b, &version, e) < 0)
		return -1;
	if (version > latest)
		return err_set(e, 500, "schema",
			       "the database has schema version %d, newer than this duet knows (%d); "
			       "run a newer duet", version, latest);
	if (version == latest)
		return 0;
	if (existed && version > 0 && !db_is_postgres(url)) {
		char dest[4096];
		snprintf(dest, sizeof dest, "%s.v%d.bak", url, version);
		if (db_backup(url, dest, e) < 0)
			return -1;
		fprintf(stderr, "duet: copied the database to %s before migrating\n", dest);
	}
	if (b->begin(db, e) < 0)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	if (migrate_version(db, b, &version, e) < 0) {
		db_rollback(db);
		return -1;
	}
	for (int i = 0; i < count; i++) {
		const struct migration *m = &list[i];
		if (m->version <= version)
			continue;
		struct buf sql = BUF_INIT(1 << 20);
		if (expand(&sql, m->sql, b->id_type) < 0) {
			buf_release(&sql);
			db_rollback(db);
			return err_set(e, 500, "no_memory", "out of memory");
		}
		int rc = b->exec(db, sql.data, e);
		buf_release(&sql);
		if (rc < 0) {
			char why[sizeof e->msg];
			snprintf(why, sizeof why, "%s", e->msg);
			db_rollback(db);
			return err_set(e, 500, "schema", "migration %d (%s) failed: %s", m->version,
				       m->what, why);
		}
		struct db_stmt *st = db_prep(db, "INSERT INTO schema_version (version) VALUES (?)", e);
		if (!st || db_bind_int(st, 1, m->version) < 0 || db_exec_stmt(st, e) < 0) {
			db_rollback(db);
			return -1;
		}
	}
	return db_commit(db, e);
}
