/* Unit tests for util/utf8: one-line text that cannot fool a terminal or a page. */
#include "unit.h"

#include <string.h>

#include "util/utf8.h"

static int ok(const char *s)
{
	return utf8_line_ok(s, strlen(s));
}

static void plain_names_pass(void **state)
{
	(void)state;
	assert_true(ok("Ana"));
	assert_true(ok("José María"));
	assert_true(ok("Zoë & 李 — ok"));
	assert_true(ok("مريم")); /* right-to-left text itself is fine */
	assert_true(ok(""));
}

static void controls_and_invisibles_refused(void **state)
{
	(void)state;
	assert_false(ok("Ana\x1b[2J"));          /* ESC */
	assert_false(ok("Ana\r\nBen"));          /* CR LF */
	assert_false(ok("Ana\x7f"));             /* DEL */
	assert_false(ok("Ana\xc2\x9b" "31m"));   /* C1 CSI */
	assert_false(ok("Ana\xe2\x80\xae" "neB")); /* U+202E right-to-left override */
	assert_false(ok("\xe2\x81\xa6" "x"));    /* U+2066 isolate */
	assert_false(ok("A\xe2\x80\x8b" "na"));  /* U+200B zero-width space */
	assert_false(ok("A\xe2\x80\x8d" "na"));  /* U+200D zero-width joiner */
	assert_false(ok("\xef\xbb\xbf" "Ana"));  /* U+FEFF */
	assert_false(ok("Ana\xe2\x80\xa8"));     /* U+2028 line separator */
	assert_false(ok("\xd8\x9c" "x"));        /* U+061C Arabic letter mark */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_names_pass),
		cmocka_unit_test(controls_and_invisibles_refused),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
