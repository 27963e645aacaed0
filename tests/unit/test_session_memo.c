/* Unit tests for db_mark (store/db.h) and the session memo built on it
 * (http/session_memo.h): a mark stays the same while nothing is committed,
 * changes with any commit, from this connection or another one; a remembered
 * lookup comes back only with the same mark, id and before its expiry. */
#include "unit.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/session_memo.h"
#include "store/db.h"

static char dir[] = "/tmp/duet-mark-XXXXXX";
static char path[256];

static int setup(void **state)
{
	(void)state;
	struct err e = { 0 };
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/test.db", dir);
	return db_setup(path, &e);
}

static int teardown(void **state)
{
	(void)state;
	session_memo_thread_done();
	db_shutdown();
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void read_once(struct db *db)
{
	struct err e = { 0 };
	struct db_stmt *st = db_prep(db, "SELECT count(*) FROM users", &e);
	assert_non_null(st);
	assert_int_equal(db_step(st, &e), DB_ROW);
	db_idle();
}

static void *other_thread_mark(void *out)
{
	struct err e = { 0 };
	struct db *db = db_get(&e);
	if (db) {
		read_once(db);
		if (db_mark(db, out) < 0)
			memset(out, 0xff, sizeof(struct db_mark));
	}
	db_thread_done();
	return NULL;
}

static void mark_moves_only_with_commits(void **state)
{
	(void)state;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	assert_non_null(db);
	read_once(db);
	struct db_mark a, b;
	assert_int_equal(db_mark(db, &a), 0);
	read_once(db);
	assert_int_equal(db_mark(db, &b), 0);
	assert_memory_equal(&a, &b, sizeof a);

	/* Another thread's connection sees the same mark. */
	struct db_mark t;
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, other_thread_mark, &t), 0);
	pthread_join(th, NULL);
	assert_memory_equal(&a, &t, sizeof a);

	/* A commit through this connection moves it. */
	struct db_stmt *st = db_prep(db, "UPDATE cache_epoch SET v = v + 1 WHERE id = 1", &e);
	assert_non_null(st);
	assert_int_equal(db_exec_stmt(st, &e), 0);
	assert_int_equal(db_mark(db, &b), 0);
	assert_memory_not_equal(&a, &b, sizeof a);

	/* So does one through a connection duet knows nothing about. */
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "UPDATE cache_epoch SET v = v + 1 WHERE id = 1", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(db_mark(db, &a), 0);
	assert_memory_not_equal(&a, &b, sizeof a);

	/* A statement that changes nothing leaves it. */
	st = db_prep(db, "UPDATE cache_epoch SET v = v WHERE id = 0", &e);
	assert_non_null(st);
	assert_int_equal(db_exec_stmt(st, &e), 0);
	assert_int_equal(db_mark(db, &b), 0);
	assert_memory_equal(&a, &b, sizeof a);
}

static void memo_hits_only_while_nothing_changed(void **state)
{
	(void)state;
	struct arena ar;
	arena_init(&ar, 0);
	struct db_mark m1, m2;
	memset(&m1, 1, sizeof m1);
	memset(&m2, 2, sizeof m2);
	struct user u = { .id = 7, .login = "ana", .name = "Ana", .kind = "partner",
			  .couple_id = 3, .partner_id = 8, .partner_name = "Ben",
			  .couple_version = 12, .epoch = 4 };
	const char *sid = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	struct user got;
	const char *key = NULL;
	assert_int_equal(session_memo_get(sid, &m1, 100, &ar, &got, &key), 0);
	session_memo_put(sid, &m1, 200, &u, "wrapped-key");
	assert_int_equal(session_memo_get(sid, &m1, 100, &ar, &got, &key), 1);
	assert_int_equal(got.id, 7);
	assert_int_equal(got.couple_version, 12);
	assert_int_equal(got.epoch, 4);
	assert_string_equal(got.name, "Ana");
	assert_string_equal(got.partner_name, "Ben");
	assert_string_equal(key, "wrapped-key");
	assert_int_equal(session_memo_get(sid, &m2, 100, &ar, &got, &key), 0); /* committed */
	assert_int_equal(session_memo_get(sid, &m1, 200, &ar, &got, &key), 0); /* expired */
	const char *other = "1123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	assert_int_equal(session_memo_get(other, &m1, 100, &ar, &got, &key), 0);

	/* Alone: no partner's name comes back as NULL. */
	u.partner_id = 0;
	u.partner_name = NULL;
	session_memo_put(sid, &m2, 200, &u, "k");
	assert_int_equal(session_memo_get(sid, &m2, 100, &ar, &got, &key), 1);
	assert_null(got.partner_name);
	assert_int_equal(got.partner_id, 0);

	/* Strings that do not fit are not remembered. */
	static char longname[1000];
	memset(longname, 'x', sizeof longname - 1);
	u.name = longname;
	session_memo_put(other, &m2, 200, &u, "k");
	assert_int_equal(session_memo_get(other, &m2, 100, &ar, &got, &key), 0);
	arena_release(&ar);
}

/* Many sessions at once: a full set gives up its least recently used entry,
 * and the most recent ones stay. */
static void memo_keeps_many_sessions(void **state)
{
	(void)state;
	session_memo_thread_done();
	struct arena ar;
	arena_init(&ar, 0);
	struct db_mark m;
	memset(&m, 3, sizeof m);
	struct user u = { .id = 1, .login = "l", .name = "N", .kind = "partner" };
	char sid[200][65];
	for (int i = 0; i < 200; i++) {
		uint64_t x = (uint64_t)(i + 1) * 0x9E3779B97F4A7C15u;
		snprintf(sid[i], sizeof sid[i], "%016llx%016llx%016llx%016llx",
			 (unsigned long long)x, (unsigned long long)(x ^ 0xabcdef),
			 (unsigned long long)(x * 3), (unsigned long long)(x * 5));
		u.id = i;
		session_memo_put(sid[i], &m, 1000, &u, "k");
	}
	int kept = 0;
	struct user got;
	const char *key;
	for (int i = 0; i < 200; i++)
		if (session_memo_get(sid[i], &m, 10, &ar, &got, &key) == 1) {
			assert_int_equal(got.id, i);
			kept++;
		}
	printf("report: session memo kept %d of 200 sessions in %d entries\n", kept,
	       SESSION_MEMO_SLOTS);
	assert_true(kept >= 190);
	/* Looking one up again does not lose it. */
	assert_int_equal(session_memo_get(sid[0], &m, 10, &ar, &got, &key), 1);
	arena_release(&ar);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mark_moves_only_with_commits),
		cmocka_unit_test(memo_hits_only_while_nothing_changed),
		cmocka_unit_test(memo_keeps_many_sessions),
	};
	return cmocka_run_group_tests_name("session_memo", tests, setup, teardown);
}
