/* Unit tests for util/log: what reaches a terminal is escaped. */
#include "unit.h"

#include <string.h>

#include "util/log.h"

static void non_printables_escaped(void **state)
{
	(void)state;
	char out[64];
	assert_string_equal(log_escape(out, sizeof out, "/a\nGET /forged 200"),
			    "/a\\x0aGET /forged 200");
	assert_string_equal(log_escape(out, sizeof out, "Ana\x1b[2J"), "Ana\\x1b[2J");
	assert_string_equal(log_escape(out, sizeof out, "x\xc2\x9by"), "x\\xc2\\x9by");
	assert_string_equal(log_escape(out, sizeof out, "Zoë"), "Zoë");
}

static void cut_short_never_overflows(void **state)
{
	(void)state;
	char out[6];
	assert_string_equal(log_escape(out, sizeof out, "abcdefgh"), "abcde");
	assert_string_equal(log_escape(out, sizeof out, "ab\n"), "ab");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(non_printables_escaped),
		cmocka_unit_test(cut_short_never_overflows),
	};
	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
