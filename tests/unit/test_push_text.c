/* Unit tests for src/push/push_text.c: discreet notifications say nothing but
 * "Something new in duet"; with discreet off the kind and the partner's name,
 * never more; quiet hours hold a notification until they end. */
#include "unit.h"

#include <string.h>

#include "push/push_text.h"
#include "util/i18n.h"

static void discreet_says_nothing(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1024);
	assert_int_equal(push_text(&b, "prompt", "Ben", 1, LANG_EN), 0);
	assert_string_equal(b.data, "{\"title\":\"duet\",\"body\":\"Something new in duet\",\"url\":\"/\"}");
	buf_release(&b);
	assert_int_equal(push_text(&b, "repair", "Ben", 1, LANG_EN), 0);
	assert_null(strstr(b.data, "Ben"));
	assert_null(strstr(b.data, "repair"));
	buf_release(&b);
}

static void open_says_the_kind(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1024);
	assert_int_equal(push_text(&b, "prompt", "Ben", 0, LANG_EN), 0);
	assert_string_equal(b.data,
	                    "{\"title\":\"duet\",\"body\":\"Ben answered a question\",\"url\":\"/know\"}");
	buf_release(&b);
	assert_int_equal(push_text(&b, "couple", "Ana \"A\"", 0, LANG_EN), 0); /* not in the table */
	assert_string_equal(
	    b.data, "{\"title\":\"duet\",\"body\":\"Ana \\\"A\\\" did something new in duet\",\"url\":\"/\"}");
	buf_release(&b);
	assert_int_equal(push_text(&b, "reminder", NULL, 0, LANG_EN), 0);
	assert_non_null(strstr(b.data, "Something is waiting for you in duet"));
	buf_release(&b);
	assert_int_equal(push_kind_index("checkin"), 8);
	assert_int_equal(push_kind_index(NULL), push_kinds_count - 1);
	assert_int_equal(push_kinds_all(), (1 << push_kinds_count) - 1);
}

/* A notification speaks the language of the person it goes to. */
static void in_the_persons_language(void **state)
{
	(void)state;
	struct err e = { 0 };
	assert_int_equal(i18n_load("po", &e), 0);
	struct buf b = BUF_INIT(1024);
	assert_int_equal(push_text(&b, "prompt", "Ben", 0, LANG_DE), 0);
	assert_string_equal(
	    b.data, "{\"title\":\"duet\",\"body\":\"Ben hat eine Frage beantwortet\",\"url\":\"/know\"}");
	buf_release(&b);
	assert_int_equal(push_text(&b, "prompt", "Ben", 1, LANG_ES), 0);
	assert_string_equal(b.data, "{\"title\":\"duet\",\"body\":\"Algo nuevo en duet\",\"url\":\"/\"}");
	buf_release(&b);
	assert_int_equal(push_text(&b, "prompt", NULL, 0, LANG_ES), 0);
	assert_non_null(strstr(b.data, "Tu pareja respondió una pregunta"));
	buf_release(&b);
	i18n_unload();
}

static void quiet_hours(void **state)
{
	(void)state;
	const int64_t day = 1700006400; /* a UTC midnight (2023-11-15) */
	/* 22:00-07:00 UTC: 23:30 waits until 07:00 next day; 12:00 goes now */
	assert_int_equal(push_due_at(day + 23 * 3600 + 1800, 1, 22 * 60, 7 * 60, 0),
	                 day + 86400 + 7 * 3600);
	assert_int_equal(push_due_at(day + 3 * 3600 + 17, 1, 22 * 60, 7 * 60, 0), day + 7 * 3600);
	assert_int_equal(push_due_at(day + 12 * 3600, 1, 22 * 60, 7 * 60, 0), day + 12 * 3600);
	assert_int_equal(push_due_at(day + 7 * 3600, 1, 22 * 60, 7 * 60, 0), day + 7 * 3600);
	/* the same hours for someone at UTC+2: 21:00 UTC is 23:00 there */
	assert_int_equal(push_due_at(day + 21 * 3600, 1, 22 * 60, 7 * 60, 120), day + 86400 + 5 * 3600);
	/* within a day (13:00-14:00), off, and from == to */
	assert_int_equal(push_due_at(day + 13 * 3600 + 60, 1, 13 * 60, 14 * 60, 0), day + 14 * 3600);
	assert_int_equal(push_due_at(day + 13 * 3600, 0, 13 * 60, 14 * 60, 0), day + 13 * 3600);
	assert_int_equal(push_due_at(day + 13 * 3600, 1, 600, 600, 0), day + 13 * 3600);
}

static void times(void **state)
{
	(void)state;
	int m = -1;
	char t[6];
	assert_int_equal(push_parse_hhmm("22:30", &m), 0);
	assert_int_equal(m, 22 * 60 + 30);
	assert_int_equal(push_parse_hhmm("00:00", &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(push_parse_hhmm("24:00", &m), -1);
	assert_int_equal(push_parse_hhmm("7:00", &m), -1);
	assert_int_equal(push_parse_hhmm("07:60", &m), -1);
	assert_int_equal(push_parse_hhmm("07-00", &m), -1);
	assert_int_equal(push_parse_hhmm(NULL, &m), -1);
	push_hhmm(7 * 60 + 5, t);
	assert_string_equal(t, "07:05");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(discreet_says_nothing),
		cmocka_unit_test(open_says_the_kind),
		cmocka_unit_test(in_the_persons_language),
		cmocka_unit_test(quiet_hours),
		cmocka_unit_test(times),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
