/* Unit tests for util/html: escaping. */
#include "unit.h"

#include <string.h>

#include "util/html.h"

static void escapes_the_five(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(256);
	assert_int_equal(html_escape(&b, "<a href=\"x\">Ana & Sam's</a>"), 0);
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;Ana &amp; Sam&#39;s&lt;/a&gt;");
	buf_reset(&b);
	assert_int_equal(html_escape(&b, "Zoë — plain"), 0);
	assert_int_equal(html_escape(&b, ""), 0);
	assert_string_equal(b.data, "Zoë — plain");
	buf_reset(&b);
	assert_int_equal(html_escape_n(&b, "a<b>c", 2), 0);
	assert_string_equal(b.data, "a&lt;");
	buf_release(&b);
}

static void cap_fails_and_sticks(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(8);
	assert_int_equal(html_escape(&b, "a&b"), 0);
	assert_int_equal(html_escape(&b, "<"), -1);
	assert_false(buf_ok(&b));
	assert_int_equal(html_escape(&b, ""), -1);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(escapes_the_five),
	    cmocka_unit_test(cap_fails_and_sticks),
	};
	return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
