/* Unit tests for schema migrations: a new database, idempotence, a forward
 * migration that keeps rows and copies the old file aside, and a failing
 * migration that changes nothing. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/backend.h"
#include "store/db.h"
#include "store/migrate.h"

static char dir[] = "/tmp/duet-migrate-XXXXXX";
static char path[256];

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/test.db", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int64_t count_rows(struct db *db, const char *sql)
{
	struct err e = { 0 };
	struct db_stmt *st = db_prep(db, sql, &e);
	assert_non_null(st);
	assert_int_equal(db_step(st, &e), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_idle();
	return n;
}

static void new_database_reaches_latest(void **state)
{
	(void)state;
	struct err e = { 0 };
	assert_int_equal(db_setup(path, &e), 0);
	struct db *db = db_get(&e);
	int v = -1;
	assert_int_equal(migrate_version(db, &db_sqlite_backend, &v, &e), 0);
	assert_int_equal(v, migrate_latest());
	assert_int_equal(count_rows(db, "SELECT count(*) FROM users"), 0);
	/* running again changes nothing and takes no copy */
	assert_int_equal(migrate_run(db, &db_sqlite_backend, path, &e), 0);
	char bak[300];
	snprintf(bak, sizeof bak, "%s.v%d.bak", path, v);
	assert_int_not_equal(access(bak, F_OK), 0);
	db_shutdown();
}

static const struct migration v1[] = {
	{ 1, "notes", "CREATE TABLE notes (id @ID@, body TEXT NOT NULL);" },
};
static const struct migration v2[] = {
	{ 1, "notes", "CREATE TABLE notes (id @ID@, body TEXT NOT NULL);" },
	{ 2, "tags", "ALTER TABLE notes ADD COLUMN tag TEXT; CREATE TABLE tags (name TEXT);" },
};
static const struct migration v3_broken[] = {
	{ 1, "notes", "CREATE TABLE notes (id @ID@, body TEXT NOT NULL);" },
	{ 2, "tags", "ALTER TABLE notes ADD COLUMN tag TEXT; CREATE TABLE tags (name TEXT);" },
	{ 3, "broken", "CREATE TABLE fine (x INTEGER); THIS IS NOT SQL;" },
};

static void forward_migration_keeps_rows_and_copies_file(void **state)
{
	(void)state;
	char p[300];
	snprintf(p, sizeof p, "%s/fwd.db", dir);
	struct err e = { 0 };
	const struct db_backend *b = &db_sqlite_backend;
	struct db *db = b->open(p, &e);
	assert_non_null(db);
	assert_int_equal(migrate_apply(db, b, p, v1, 1, &e), 0);
	assert_int_equal(b->exec(db, "INSERT INTO notes (body) VALUES ('one'), ('two')", &e), 0);
	assert_int_equal(migrate_apply(db, b, p, v2, 2, &e), 0);
	int v;
	assert_int_equal(migrate_version(db, b, &v, &e), 0);
	assert_int_equal(v, 2);
	assert_int_equal(b->exec(db, "UPDATE notes SET tag = 'x'", &e), 0);
	b->close(db);
	/* the copy taken before migrating holds the old rows at version 1 */
	char bak[320];
	snprintf(bak, sizeof bak, "%s.v1.bak", p);
	struct db *old = b->open(bak, &e);
	assert_non_null(old);
	assert_int_equal(migrate_version(old, b, &v, &e), 0);
	assert_int_equal(v, 1);
	b->close(old);
}

static void failing_migration_changes_nothing(void **state)
{
	(void)state;
	char p[300];
	snprintf(p, sizeof p, "%s/fail.db", dir);
	struct err e = { 0 };
	const struct db_backend *b = &db_sqlite_backend;
	struct db *db = b->open(p, &e);
	assert_non_null(db);
	assert_int_equal(migrate_apply(db, b, p, v2, 2, &e), 0);
	assert_int_equal(b->exec(db, "INSERT INTO notes (body, tag) VALUES ('kept', 't')", &e), 0);
	assert_int_equal(migrate_apply(db, b, p, v3_broken, 3, &e), -1);
	assert_non_null(strstr(e.msg, "migration 3"));
	int v;
	assert_int_equal(migrate_version(db, b, &v, &e), 0);
	assert_int_equal(v, 2);
	/* the half of migration 3 that worked was rolled back too */
	assert_int_not_equal(b->exec(db, "SELECT * FROM fine", &e), 0);
	assert_int_equal(b->exec(db, "SELECT body FROM notes WHERE body = 'kept'", &e), 0);
	b->close(db);
}

static void newer_database_is_refused(void **state)
{
	(void)state;
	char p[300];
	snprintf(p, sizeof p, "%s/newer.db", dir);
	struct err e = { 0 };
	const struct db_backend *b = &db_sqlite_backend;
	struct db *db = b->open(p, &e);
	assert_int_equal(migrate_apply(db, b, p, v2, 2, &e), 0);
	assert_int_equal(migrate_apply(db, b, p, v1, 1, &e), -1);
	assert_non_null(strstr(e.msg, "newer"));
	b->close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_database_reaches_latest),
		cmocka_unit_test(forward_migration_keeps_rows_and_copies_file),
		cmocka_unit_test(failing_migration_changes_nothing),
		cmocka_unit_test(newer_database_is_refused),
	};
	return cmocka_run_group_tests_name("migrate", tests, setup, teardown);
}
