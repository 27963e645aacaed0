/* Unit tests for differences/overlap: the difference map's circles (their overlap
 * follows the similarity) and bars, as SVG. */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "differences/overlap.h"
#include "lib/venn.h"
#include "xml_check.h"

static void distance_gives_the_overlap(void **state)
{
	(void)state;
	const double r = OVERLAP_R;
	assert_true(fabs(overlap_distance(0) - 2.0 * r) < 1e-9); /* just touching */
	assert_true(fabs(overlap_distance(100)) < 1e-9);         /* one on the other */
	assert_true(fabs(overlap_distance(50) / r - 0.8079) < 1e-4);
	double prev = overlap_distance(0);
	for (int p = 1; p <= 100; p++) {
		double d = overlap_distance(p);
		double share = venn_lens_area(d, r) / (M_PI * r * r);
		if (fabs(share - p / 100.0) > 1e-6)
			fail_msg("%d%%: the circles share %.6f of their area", p, share);
		assert_true(d < prev);
		prev = d;
	}
	assert_true(overlap_distance(-1) == -1.0);
	assert_true(overlap_distance(101) == -1.0);
}

/* The value of attribute `name` in the n-th element `tag` of s, or NaN. */
static double attr_of(const char *s, const char *tag, int n, const char *name)
{
	char open[16], key[16];
	snprintf(open, sizeof open, "<%s", tag);
	snprintf(key, sizeof key, " %s=\"", name);
	const char *p = s;
	for (int i = 0; i <= n; i++) {
		p = strstr(p, open);
		if (!p)
			return NAN;
		p += strlen(open);
	}
	const char *end = strchr(p, '>');
	const char *a = strstr(p, key);
	return a && a < end ? strtod(a + strlen(key), NULL) : NAN;
}

static void circles_are_placed_by_the_similarity(void **state)
{
	(void)state;
	const int cases[] = {0, 1, 35, 50, 99, 100};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b = BUF_INIT(8192);
		assert_int_equal(overlap_svg(&b, cases[i], "Ana", "Ben"), 0);
		assert_true(xml_balanced(b.data));
		double xa = attr_of(b.data, "circle", 0, "cx"),
		       xb = attr_of(b.data, "circle", 1, "cx");
		double want = overlap_distance(cases[i]);
		if (fabs((xb - xa) - want) > 0.011) /* coordinates keep two decimals */
			fail_msg("%d%%: centres %.2f apart, want %.4f", cases[i], xb - xa, want);
		/* centred in the picture, whatever the overlap */
		assert_true(fabs((xa + xb) / 2.0 - (2.0 * OVERLAP_R + OVERLAP_PAD)) < 0.011);
		assert_true(attr_of(b.data, "circle", 0, "r") == OVERLAP_R);
		buf_release(&b);
	}
}

static void svg_is_accessible_and_escaped(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(8192);
	assert_int_equal(overlap_svg(&b, 65, "Ana & <Jo>", "\"Ben\""), 0);
	assert_true(xml_balanced(b.data));
	assert_non_null(strstr(b.data, "role=\"img\""));
	assert_non_null(strstr(b.data, "<title>Ana &amp; &lt;Jo&gt; and &quot;Ben&quot; as two "
	                               "circles that share 65% of their area</title>"));
	assert_null(strstr(b.data, "<Jo>"));
	assert_null(strstr(b.data, "style="));
	/* the viewer's circle solid, the partner's dashed: readable without colour */
	const char *a = strstr(b.data, "class=\"overlap-a\""),
	           *p = strstr(b.data, "class=\"overlap-b\"");
	assert_non_null(a);
	assert_non_null(p);
	const char *dash = strstr(b.data, "stroke-dasharray");
	assert_true(dash > p && dash < strchr(p, '>')); /* only in the partner's circle */
	assert_true(a < p);
	/* labels: the viewer's starts at its circle's left edge, the partner's ends at
	 * its circle's right edge, a row lower */
	assert_non_null(strstr(b.data, "text-anchor=\"start\" class=\"overlap-label\""));
	assert_non_null(strstr(b.data, "text-anchor=\"end\" class=\"overlap-label\""));
	assert_true(attr_of(b.data, "text", 1, "y") > attr_of(b.data, "text", 0, "y"));
	buf_release(&b);
}

static void svg_rejects_bad_input(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(8192);
	assert_int_equal(overlap_svg(&b, -1, "Ana", "Ben"), -1);
	assert_int_equal(overlap_svg(&b, 101, "Ana", "Ben"), -1);
	assert_int_equal(overlap_svg(&b, 50, NULL, "Ben"), -1);
	assert_int_equal(overlap_svg(&b, 50, "Ana", NULL), -1);
	assert_int_equal(b.len, 0);
	struct buf tiny = BUF_INIT(64);
	assert_int_equal(overlap_svg(&tiny, 50, "Ana", "Ben"), -1);
	assert_false(buf_ok(&tiny));
	buf_release(&b);
}

static void bars(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(4096);
	assert_int_equal(overlap_bar_svg(&b, 65), 0);
	assert_true(xml_balanced(b.data));
	assert_non_null(strstr(b.data, "aria-hidden=\"true\""));
	assert_true(attr_of(b.data, "rect", 0, "width") == 100.0);
	assert_true(attr_of(b.data, "rect", 1, "width") == 65.0);
	assert_non_null(strstr(b.data, "class=\"overlap-bar-fill\""));
	buf_reset(&b);
	assert_int_equal(overlap_bar_svg(&b, 100), 0);
	assert_true(attr_of(b.data, "rect", 1, "width") == 100.0);
	/* nothing to fill: 0 and "not rated by both" (-1) draw the track alone */
	for (int p = -1; p <= 0; p++) {
		buf_reset(&b);
		assert_int_equal(overlap_bar_svg(&b, p), 0);
		assert_true(xml_balanced(b.data));
		assert_null(strstr(b.data, "overlap-bar-fill"));
		assert_non_null(strstr(b.data, "overlap-bar-track"));
	}
	buf_reset(&b);
	assert_int_equal(overlap_bar_svg(&b, -2), -1);
	assert_int_equal(overlap_bar_svg(&b, 101), -1);
	assert_int_equal(b.len, 0);
	struct buf tiny = BUF_INIT(32);
	assert_int_equal(overlap_bar_svg(&tiny, 50), -1);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(distance_gives_the_overlap),
	    cmocka_unit_test(circles_are_placed_by_the_similarity),
	    cmocka_unit_test(svg_is_accessible_and_escaped),
	    cmocka_unit_test(svg_rejects_bad_input),
	    cmocka_unit_test(bars),
	};
	return cmocka_run_group_tests_name("overlap", tests, NULL, NULL);
}
