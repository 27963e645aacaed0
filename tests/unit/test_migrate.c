/* Unit tests for schema migrations: a new database, idempotence, a forward
 * migration that keeps rows and copies the old file aside, and a failing
 * migration that changes nothing, and a database of the first schema version
 * with rows in every table brought to the latest with the real list. */
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

/* Every column of every row a query gives, as one text ("a|b|\n…"). */
static void dump(const struct db_backend *b, struct db *db, const char *sql, char *out,
		 size_t cap, int cols)
{
	struct err e = { 0 };
	struct db_stmt *st = b->prep(db, sql, &e);
	assert_non_null(st);
	size_t n = 0;
	out[0] = '\0';
	int rc;
	while ((rc = b->step(st, &e)) == DB_ROW) {
		for (int i = 0; i < cols; i++) {
			const char *t = b->col_is_null(st, i) ? "NULL" : b->col_text(st, i);
			n += (size_t)snprintf(out + n, cap - n, "%s|", t);
			assert_true(n < cap);
		}
		n += (size_t)snprintf(out + n, cap - n, "\n");
	}
	assert_int_equal(rc, DB_DONE);
	b->idle(db);
}

/* The tables of the first schema and a query for each that shows every column. */
static const struct {
	const char *sql;
	int cols;
	int rows;
} first_tables[] = {
	{ "SELECT id, login, name, kind, pw_rec, key_pass, key_recovery, created_at FROM users "
	  "ORDER BY id", 8, 3 },
	{ "SELECT id, user_id, created_at, expires_at, key_session FROM sessions ORDER BY id", 5, 3 },
	{ "SELECT id, created_at FROM couples ORDER BY id", 2, 2 },
	{ "SELECT user_id, couple_id, joined_at FROM couple_members ORDER BY user_id", 3, 3 },
	{ "SELECT id, couple_id, code_hash, created_by, created_at, expires_at, used_at, "
	  "revoked_at FROM invites ORDER BY id", 8, 3 },
};

#define THROTTLE_ROWS "SELECT key, failures, last_at FROM throttle ORDER BY key"

/* A database made by the first schema version, with rows in every table, is
 * brought to the latest version with the real list: every row is still there,
 * unchanged, and the file passes its checks. The one exception is the sign-in
 * throttle: its old rows held what people typed as a login (a passphrase, by
 * mistake) in plain text, and migration 11 deletes them. */
static void first_schema_rows_survive_every_migration(void **state)
{
	(void)state;
	char p[300];
	snprintf(p, sizeof p, "%s/first.db", dir);
	struct err e = { 0 };
	const struct db_backend *b = &db_sqlite_backend;
	struct db *db = b->open(p, &e);
	assert_non_null(db);
	assert_int_equal(schema_migrations[0].version, 1);
	assert_int_equal(migrate_apply(db, b, p, schema_migrations, 1, &e), 0);
	assert_int_equal(
	    b->exec(db,
		    "INSERT INTO users (login, name, kind, pw_rec, key_pass, key_recovery, created_at) "
		    "VALUES ('ana', 'Ana', 'partner', 'pw1', 'kp1', 'kr1', 1700000000),"
		    " ('ben', 'Bén ✓', 'partner', 'pw2', 'kp2', 'kr2', 1700000100),"
		    " ('cora', 'Cora O''Neil', 'counsellor', 'pw3', 'kp3', 'kr3', 1700000200);"
		    "INSERT INTO sessions (id, user_id, created_at, expires_at, key_session) VALUES"
		    " ('s1', 1, 1700000001, 1800000000, 'ks1'), ('s2', 2, 1700000101, 1800000000, 'ks2'),"
		    " ('s3', 3, 1700000201, 1800000000, 'ks3');"
		    "INSERT INTO couples (created_at) VALUES (1700000002), (1700000300);"
		    "INSERT INTO couple_members (user_id, couple_id, joined_at) VALUES"
		    " (1, 1, 1700000002), (2, 1, 1700000102), (3, 2, 1700000300);"
		    "INSERT INTO invites (couple_id, code_hash, created_by, created_at, expires_at, "
		    "used_at, revoked_at) VALUES (1, 'h1', 1, 1700000003, 1700600003, 1700000102, NULL),"
		    " (1, 'h0', 1, 1700000002, 1700600002, NULL, 1700000003),"
		    " (2, 'h2', 3, 1700000301, 1700600301, NULL, NULL);"
		    "INSERT INTO throttle (key, failures, last_at) VALUES ('login:ana', 2, 1700000050),"
		    " ('addr:127.0.0.1', 1, 1700000051);",
		    &e),
	    0);
	enum { N = sizeof first_tables / sizeof first_tables[0], CAP = 4096 };
	static char before[N][CAP], after[N][CAP];
	for (size_t i = 0; i < N; i++)
		dump(b, db, first_tables[i].sql, before[i], CAP, first_tables[i].cols);
	char throttle[256];
	dump(b, db, THROTTLE_ROWS, throttle, sizeof throttle, 3);
	assert_non_null(strstr(throttle, "login:ana"));
	assert_int_equal(migrate_apply(db, b, p, schema_migrations, schema_count, &e), 0);
	dump(b, db, THROTTLE_ROWS, throttle, sizeof throttle, 3);
	assert_string_equal(throttle, "");
	int v;
	assert_int_equal(migrate_version(db, b, &v, &e), 0);
	assert_int_equal(v, migrate_latest());
	for (size_t i = 0; i < N; i++) {
		dump(b, db, first_tables[i].sql, after[i], CAP, first_tables[i].cols);
		assert_string_equal(before[i], after[i]);
		int lines = 0;
		for (const char *c = after[i]; *c; c++)
			lines += *c == '\n';
		assert_int_equal(lines, first_tables[i].rows);
	}
	char check[64];
	dump(b, db, "PRAGMA integrity_check", check, sizeof check, 1);
	assert_string_equal(check, "ok|\n");
	dump(b, db, "PRAGMA foreign_key_check", check, sizeof check, 1);
	assert_string_equal(check, "");
	b->close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(new_database_reaches_latest),
		cmocka_unit_test(forward_migration_keeps_rows_and_copies_file),
		cmocka_unit_test(failing_migration_changes_nothing),
		cmocka_unit_test(newer_database_is_refused),
		cmocka_unit_test(first_schema_rows_survive_every_migration),
	};
	return cmocka_run_group_tests_name("migrate", tests, setup, teardown);
}
