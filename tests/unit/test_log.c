/* Unit tests for util/log: what a client sends cannot forge or split a log line. */
#include "unit.h"

#include <string.h>

#include "util/log.h"

static void escapes_control_bytes_and_backslashes(void **state)
{
	(void)state;
	char out[128];
	log_escape(out, sizeof out, "/know/x\nGET /forged 200");
	assert_string_equal(out, "/know/x\\x0aGET /forged 200");
	log_escape(out, sizeof out, "a\rb\tc\x1b[31md\x7f");
	assert_string_equal(out, "a\\x0db\\x09c\\x1b[31md\\x7f");
	log_escape(out, sizeof out, "a\\x0a");
	assert_string_equal(out, "a\\\\x0a");
}

static void keeps_utf8_and_escapes_broken_bytes(void **state)
{
	(void)state;
	char out[128];
	log_escape(out, sizeof out, "/dreams/caf\xc3\xa9");
	assert_string_equal(out, "/dreams/caf\xc3\xa9");
	log_escape(out, sizeof out, "x\xc2\x9by Zo\xc3\xab");
	assert_string_equal(out, "x\\xc2\\x9by Zo\xc3\xab"); /* a C1 control (CSI) */
	log_escape(out, sizeof out, "/x\xff\xc3");
	assert_string_equal(out, "/x\\xff\\xc3");
}

static void cuts_at_a_whole_escape_or_character(void **state)
{
	(void)state;
	char out[8];
	assert_int_equal(log_escape(out, sizeof out, "abcde\nf"), 5);
	assert_string_equal(out, "abcde");
	assert_int_equal(log_escape(out, sizeof out, "abcde\xc3\xa9\xc3\xa9"), 7);
	assert_string_equal(out, "abcde\xc3\xa9");
	assert_int_equal(log_escape(out, sizeof out, "abcdef\xc3\xa9"), 6);
	assert_string_equal(out, "abcdef");
	char one[1];
	assert_int_equal(log_escape(one, sizeof one, "abc"), 0);
	assert_string_equal(one, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes_control_bytes_and_backslashes),
		cmocka_unit_test(keeps_utf8_and_escapes_broken_bytes),
		cmocka_unit_test(cuts_at_a_whole_escape_or_character),
	};
	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
