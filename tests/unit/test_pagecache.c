/* Unit tests for http/pagecache: a kept page comes back only for exactly the
 * same session, path and versions; replacement, the byte budget, clearing. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "http/pagecache.h"

static struct pagecache_key key(const char *session, const char *path, int64_t version)
{
	struct pagecache_key k;
	memset(&k, 0, sizeof k);
	snprintf(k.session, sizeof k.session, "%s", session);
	snprintf(k.path, sizeof k.path, "%s", path);
	k.couple_version = version;
	k.epoch = 7;
	k.minute = 29000000;
	return k;
}

/* 1 and the body in *got on a hit. */
static int get(const struct pagecache_key *k, char *got, size_t size)
{
	struct buf b = BUF_INIT(1 << 20);
	char ctype[PAGECACHE_CTYPE_MAX];
	int rc = pagecache_get(k, &b, ctype);
	snprintf(got, size, "%s", rc == 1 && b.data ? b.data : "");
	buf_release(&b);
	return rc;
}

static void hit_only_on_the_same_key(void **state)
{
	(void)state;
	assert_int_equal(pagecache_setup(1 << 20, 64), 0);
	struct pagecache_key k = key("aaaa", "/", 3);
	char got[64];
	assert_int_equal(get(&k, got, sizeof got), 0);
	pagecache_put(&k, "text/html; charset=utf-8", "<p>home</p>", 11);
	assert_int_equal(get(&k, got, sizeof got), 1);
	assert_string_equal(got, "<p>home</p>");

	struct pagecache_key other = k;
	other.couple_version = 4; /* the couple changed */
	assert_int_equal(get(&other, got, sizeof got), 0);
	other = k;
	other.epoch = 8; /* something anywhere changed */
	assert_int_equal(get(&other, got, sizeof got), 0);
	other = k;
	other.minute++; /* the clock moved on */
	assert_int_equal(get(&other, got, sizeof got), 0);
	other = key("aaab", "/", 3); /* another session */
	assert_int_equal(get(&other, got, sizeof got), 0);
	other = key("aaaa", "/know", 3); /* another page */
	assert_int_equal(get(&other, got, sizeof got), 0);

	struct pagecache_stats st;
	pagecache_stats(&st);
	assert_int_equal(st.hits, 1);
	assert_int_equal(st.entries, 1);
	assert_int_equal(st.bytes, 11);
	pagecache_free();
}

static void content_type_comes_back(void **state)
{
	(void)state;
	assert_int_equal(pagecache_setup(1 << 20, 0), 0);
	struct pagecache_key k = key("s", "/api/v1/prompts/current", 1);
	pagecache_put(&k, "application/json", "{}", 2);
	struct buf b = BUF_INIT(100);
	char ctype[PAGECACHE_CTYPE_MAX];
	assert_int_equal(pagecache_get(&k, &b, ctype), 1);
	assert_string_equal(ctype, "application/json");
	buf_release(&b);
	pagecache_free();
}

static void newer_page_replaces_older(void **state)
{
	(void)state;
	assert_int_equal(pagecache_setup(1 << 20, 4), 0); /* one set of four: all pages share it */
	char got[64];
	struct pagecache_key k[5];
	const char *sessions[5] = { "a", "b", "c", "d", "e" };
	for (int i = 0; i < 4; i++) {
		k[i] = key(sessions[i], "/", 1);
		pagecache_put(&k[i], "text/html", "A", 1);
	}
	for (int i = 0; i < 4; i++)
		assert_int_equal(get(&k[i], got, sizeof got), 1);
	/* A page made again (a newer version) takes its own old slot. */
	struct pagecache_key newer = key("b", "/", 2);
	pagecache_put(&newer, "text/html", "BB", 2);
	assert_int_equal(get(&k[1], got, sizeof got), 0);
	assert_int_equal(get(&newer, got, sizeof got), 1);
	assert_string_equal(got, "BB");
	assert_int_equal(get(&k[0], got, sizeof got), 1);
	/* A fifth page pushes out the one stored longest ago ("a"). */
	k[4] = key("e", "/", 1);
	pagecache_put(&k[4], "text/html", "E", 1);
	assert_int_equal(get(&k[0], got, sizeof got), 0);
	assert_int_equal(get(&k[2], got, sizeof got), 1);
	assert_int_equal(get(&k[4], got, sizeof got), 1);
	struct pagecache_stats st;
	pagecache_stats(&st);
	assert_int_equal(st.entries, 4);
	assert_int_equal(st.bytes, 5);
	pagecache_free();
}

static void budget_and_size_are_kept(void **state)
{
	(void)state;
	static char big[PAGECACHE_ENTRY_MAX + 1];
	memset(big, 'x', sizeof big);
	assert_int_equal(pagecache_setup(100, 64), 0);
	char got[8];
	struct pagecache_key k = key("s", "/", 1);
	pagecache_put(&k, "text/html", big, 101); /* over the budget */
	assert_int_equal(get(&k, got, sizeof got), 0);
	pagecache_free();

	assert_int_equal(pagecache_setup(4u << 20, 64), 0);
	pagecache_put(&k, "text/html", big, sizeof big); /* over the largest page */
	assert_int_equal(get(&k, got, sizeof got), 0);
	struct pagecache_stats st;
	pagecache_stats(&st);
	assert_int_equal(st.bytes, 0);
	pagecache_free();

	/* Many pages in many slots never pass the budget. */
	assert_int_equal(pagecache_setup(1000, 256), 0);
	for (int i = 0; i < 500; i++) {
		char s[16];
		snprintf(s, sizeof s, "s%d", i);
		struct pagecache_key ki = key(s, "/", 1);
		pagecache_put(&ki, "text/html", big, 30);
		pagecache_stats(&st);
		assert_true(st.bytes <= 1000);
	}
	pagecache_free();
}

static void clear_and_off(void **state)
{
	(void)state;
	char got[8];
	struct pagecache_key k = key("s", "/", 1);
	assert_int_equal(pagecache_setup(0, 0), 0);
	assert_false(pagecache_on());
	pagecache_put(&k, "text/html", "x", 1);
	assert_int_equal(get(&k, got, sizeof got), 0);

	assert_int_equal(pagecache_setup(1000, 0), 0);
	assert_true(pagecache_on());
	pagecache_put(&k, "text/html", "x", 1);
	pagecache_clear();
	assert_int_equal(get(&k, got, sizeof got), 0);
	struct pagecache_stats st;
	pagecache_stats(&st);
	assert_int_equal(st.entries, 0);
	assert_int_equal(pagecache_setup(1000, 3), -1); /* slots must be a power of two */
	pagecache_free();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hit_only_on_the_same_key),
		cmocka_unit_test(content_type_comes_back),
		cmocka_unit_test(newer_page_replaces_older),
		cmocka_unit_test(budget_and_size_are_kept),
		cmocka_unit_test(clear_and_off),
	};
	return cmocka_run_group_tests_name("pagecache", tests, NULL, NULL);
}
