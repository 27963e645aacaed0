/* Unit tests for the database interface's own guarantees (SQLite; the HTTP
 * suite runs the PostgreSQL backend): the statement cache never confuses two
 * statements, values are checked against placeholders and a failed bind stops
 * the statement, the health check, and a clean stop that leaves one file. */
#include "unit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/db.h"

static char dir[] = "/tmp/duet-db-XXXXXX";
static char path[256];

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/test.db", dir);
	struct err e = { 0 };
	return db_setup(path, &e);
}

static int teardown(void **state)
{
	(void)state;
	db_shutdown();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int64_t one_int(struct db *db, const char *sql)
{
	struct err e = { 0 };
	struct db_stmt *st = db_prep(db, sql, &e);
	assert_non_null(st);
	assert_int_equal(db_step(st, &e), DB_ROW);
	int64_t v = db_col_int(st, 0);
	db_idle();
	return v;
}

/* SQL built in one buffer: the same address holds two different statements,
 * and each must run as written (the cache was keyed by the address). */
static void cache_tells_statements_apart_by_text(void **state)
{
	(void)state;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	assert_non_null(db);
	char sql[64];
	snprintf(sql, sizeof sql, "SELECT 1");
	assert_int_equal(one_int(db, sql), 1);
	snprintf(sql, sizeof sql, "SELECT 2");
	assert_int_equal(one_int(db, sql), 2);
	/* the same text at another address finds the same statement */
	char again[64];
	snprintf(again, sizeof again, "SELECT 2");
	assert_ptr_equal(db_prep(db, sql, &e), db_prep(db, again, &e));
	db_idle();
}

static void too_few_or_too_many_values_fail_loudly(void **state)
{
	(void)state;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	assert_null(db_prep_with(db, "SELECT ? + ?", &e, DB_VALS(DB_INT(1))));
	assert_int_equal(e.status, 500);
	assert_string_equal(e.code, "database");
	err_clear(&e);
	assert_int_equal(db_exec_with(db, "SELECT ?", &e, DB_VALS(DB_INT(1), DB_INT(2))), -1);
	assert_int_equal(e.status, 500);
	err_clear(&e);
	struct db_stmt *st = db_prep_with(db, "SELECT ? + ?", &e, DB_VALS(DB_INT(1), DB_INT(2)));
	assert_non_null(st);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 3);
	db_idle();
}

static void a_failed_bind_stops_the_statement(void **state)
{
	(void)state;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	struct db_stmt *st = db_prep(db, "SELECT count(*) FROM users WHERE id = ?", &e);
	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 1, 1), 0);
	assert_int_equal(db_bind_int(st, 2, 1), -1); /* no second placeholder */
	assert_int_equal(db_step(st, &e), -1);
	assert_int_equal(e.status, 500);
	/* prepared afresh, it runs again */
	err_clear(&e);
	st = db_prep(db, "SELECT count(*) FROM users WHERE id = ?", &e);
	assert_int_equal(db_bind_int(st, 1, 1), 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	db_idle();
}

static void health_is_ok_on_a_writable_database(void **state)
{
	(void)state;
	assert_int_equal(db_health(1000), DB_HEALTH_OK);
	assert_string_equal(db_health_word(DB_HEALTH_OK), "ok");
	assert_string_equal(db_health_word(DB_HEALTH_DOWN), "database_down");
	assert_string_equal(db_health_word(DB_HEALTH_FULL), "storage_full");
	assert_string_equal(db_health_word(DB_HEALTH_READ_ONLY), "read_only");
	db_idle();
}

static int exists(const char *suffix)
{
	char p[300];
	snprintf(p, sizeof p, "%s%s", path, suffix);
	struct stat st;
	return stat(p, &st) == 0;
}

/* Another thread (so another connection) holds the write lock for a while;
 * a write here waits for it (sq_busy's short tries) instead of failing as
 * busy, and both writes are kept. */
static volatile int holder_has_lock;

static void *hold_write_lock(void *arg)
{
	(void)arg;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	if (!db || db_begin(db, &e) < 0)
		return (void *)1;
	if (db_exec_with(db, "INSERT INTO waits VALUES (?)", &e, DB_VALS(DB_INT(1))) < 0)
		return (void *)2;
	__atomic_store_n(&holder_has_lock, 1, __ATOMIC_SEQ_CST);
	struct timespec pause = { 0, 30 * 1000 * 1000 };
	nanosleep(&pause, NULL);
	if (db_commit(db, &e) < 0)
		return (void *)3;
	db_thread_done();
	return NULL;
}

static void a_write_waits_for_another_writer(void **state)
{
	(void)state;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	assert_int_equal(db_exec_with(db, "CREATE TABLE waits (x INTEGER)", &e, NULL, 0), 0);
	holder_has_lock = 0;
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, hold_write_lock, NULL), 0);
	while (!__atomic_load_n(&holder_has_lock, __ATOMIC_SEQ_CST))
		usleep(100);
	assert_int_equal(db_exec_with(db, "INSERT INTO waits VALUES (?)", &e, DB_VALS(DB_INT(2))), 0);
	assert_int_equal(e.status, 0);
	void *res = (void *)9;
	pthread_join(th, &res);
	assert_null(res);
	assert_int_equal(one_int(db, "SELECT count(*) FROM waits"), 2);
	assert_int_equal(one_int(db, "SELECT sum(x) FROM waits"), 3);
}

/* What the server relies on to skip moving a couple's version a second time
 * (server.c, after_request): db_committed_changes() equals db_total_changes()
 * only while everything written has been committed; a rolled-back write
 * leaves them apart. */
static void committed_changes_say_what_was_committed(void **state)
{
	(void)state;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	assert_int_equal(db_exec_with(db, "CREATE TABLE kept (x INTEGER)", &e, NULL, 0), 0);
	assert_int_equal(db_begin(db, &e), 0);
	assert_true(db_in_transaction());
	assert_int_equal(db_exec_with(db, "INSERT INTO kept VALUES (?)", &e, DB_VALS(DB_INT(1))), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_false(db_in_transaction());
	int64_t at = db_committed_changes();
	assert_int_equal(at, db_total_changes(db));
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(db_exec_with(db, "INSERT INTO kept VALUES (?)", &e, DB_VALS(DB_INT(2))), 0);
	db_rollback(db);
	assert_int_equal(db_committed_changes(), at);
	assert_true(db_total_changes(db) > at);
	assert_int_equal(one_int(db, "SELECT count(*) FROM kept"), 1);
}

/* With group commit (db_sync_defer) commits leave the checkpoint to the
 * flusher; when no flush comes (writes made outside requests), the WAL must
 * still stay bounded: past 8,000 pages a commit checkpoints on its own. */
static void *write_without_flushes(void *arg)
{
	(void)arg;
	struct err e = { 0 };
	struct db *db = db_get(&e); /* opened after db_sync_defer: no automatic checkpoint */
	if (!db || db_exec_with(db, "CREATE TABLE many (x INTEGER)", &e, NULL, 0) < 0)
		return (void *)1;
	for (int i = 0; i < 12000; i++)
		if (db_exec_with(db, "INSERT INTO many VALUES (?)", &e, DB_VALS(DB_INT(i))) < 0)
			return (void *)2;
	db_thread_done();
	return NULL;
}

static void the_wal_stays_bounded_without_flushes(void **state)
{
	(void)state;
	assert_int_equal(db_sync_defer(), 1);
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, write_without_flushes, NULL), 0);
	void *res = (void *)9;
	pthread_join(th, &res);
	assert_null(res);
	char wal[300];
	snprintf(wal, sizeof wal, "%s-wal", path);
	struct stat st;
	assert_int_equal(stat(wal, &st), 0);
	/* 12,000 commits of a page or more each: without a checkpoint the WAL
	 * would hold 12,000 frames (4 KiB pages and a header each). */
	assert_true(st.st_size < (off_t)9000 * 4120);
}

/* Two threads' worth of connections closed, then the clean stop: the WAL is
 * folded into the file, and no -wal or -shm file is left beside it. */
static void clean_stop_leaves_one_file(void **state)
{
	(void)state;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	assert_int_equal(db_exec_with(db, "CREATE TABLE t (x INTEGER)", &e, NULL, 0), 0);
	assert_int_equal(db_exec_with(db, "INSERT INTO t VALUES (?)", &e, DB_VALS(DB_INT(42))), 0);
	assert_true(exists("-wal"));
	db_shutdown();
	assert_false(exists("-wal"));
	assert_false(exists("-shm"));
	char cmd[400];
	snprintf(cmd, sizeof cmd, "test \"$(sqlite3 %s 'SELECT x FROM t')\" = 42", path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(db_setup(path, &e), 0); /* for teardown */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cache_tells_statements_apart_by_text),
		cmocka_unit_test(too_few_or_too_many_values_fail_loudly),
		cmocka_unit_test(a_failed_bind_stops_the_statement),
		cmocka_unit_test(health_is_ok_on_a_writable_database),
		cmocka_unit_test(a_write_waits_for_another_writer),
		cmocka_unit_test(committed_changes_say_what_was_committed),
		cmocka_unit_test(the_wal_stays_bounded_without_flushes),
		cmocka_unit_test(clean_stop_leaves_one_file),
	};
	return cmocka_run_group_tests_name("db", tests, setup, teardown);
}
