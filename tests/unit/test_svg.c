/* Unit tests for lib/svg: number formatting and escaped text. */
#include "unit.h"

#include <string.h>

#include "lib/svg.h"

static void numbers_are_short(void **state)
{
	(void)state;
	const struct {
		double v;
		const char *want;
	} cases[] = {
	    {0.0, "0"},       {-0.0, "0"},       {-0.001, "0"},       {12.0, "12"},
	    {12.5, "12.5"},   {12.345, "12.35"}, {-3.14159, "-3.14"}, {54.333333, "54.33"},
	    {1e6, "1000000"}, {0.004, "0"},
	};
	struct buf b = BUF_INIT(64);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&b);
		assert_int_equal(svg_num(&b, cases[i].v), 0);
		assert_string_equal(b.data, cases[i].want);
	}
	buf_reset(&b);
	assert_int_equal(svg_num(&b, 1e300), -1); /* not a coordinate */
	buf_release(&b);
}

static void text_and_open(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(512);
	assert_int_equal(svg_text(&b, 1.5, 2, "end", "x", 11, "A & <B>"), 0);
	assert_string_equal(b.data,
	                    "<text x=\"1.5\" y=\"2\" text-anchor=\"end\" class=\"x\" "
	                    "font-size=\"11\" fill=\"currentColor\">A &amp; &lt;B&gt;</text>");
	buf_reset(&b);
	assert_int_equal(svg_open(&b, 320, 200, "chart", " width=\"100%\""), 0);
	assert_string_equal(b.data, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 "
	                            "200\" role=\"img\" class=\"chart\" width=\"100%\">");
	buf_reset(&b);
	assert_int_equal(svg_elem(&b, "title", "\"Hi\""), 0);
	assert_string_equal(b.data, "<title>&quot;Hi&quot;</title>");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(numbers_are_short),
	    cmocka_unit_test(text_and_open),
	};
	return cmocka_run_group_tests_name("svg", tests, NULL, NULL);
}
