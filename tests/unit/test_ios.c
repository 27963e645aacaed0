/* Unit tests for trust/ios: the closeness picture's overlap areas, distances
 * and SVG. */
#include "unit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "trust/ios.h"
#include "lib/venn.h"
#include "xml_check.h"

static void areas_match_the_shares(void **state)
{
	(void)state;
	const double want[IOS_STEPS] = {0.0, 0.10, 0.20, 0.30, 0.55, 0.65, 0.85};
	const double radii[] = {1.0, 24.0, 37.5};
	double worst = 0.0;
	for (size_t k = 0; k < sizeof radii / sizeof radii[0]; k++) {
		double r = radii[k];
		for (int s = 1; s <= IOS_STEPS; s++) {
			assert_true(fabs(ios_share(s) - want[s - 1]) < 1e-12);
			double d = ios_distance(s, r);
			double share = venn_lens_area(d, r) / (M_PI * r * r);
			double off = fabs(share - want[s - 1]);
			if (off > 1e-6)
				fail_msg("step %d r %g: share %.9f, want %.2f", s, r, share,
				         want[s - 1]);
			worst = off > worst ? off : worst;
		}
	}
	printf("report: ios: largest overlap error %.1e of a circle's area\n", worst);
}

static void distances_fall_with_each_step(void **state)
{
	(void)state;
	assert_true(ios_distance(1, 10.0) == 20.0); /* just touching */
	double prev = ios_distance(1, 10.0);
	for (int s = 2; s <= IOS_STEPS; s++) {
		double d = ios_distance(s, 10.0);
		assert_true(d > 0.0);
		assert_true(d < prev);
		prev = d;
	}
	/* Distances scale with the radius. */
	assert_true(fabs(ios_distance(5, 3.0) * 2.0 - ios_distance(5, 6.0)) < 1e-9);
}

static void bad_steps_and_radii(void **state)
{
	(void)state;
	assert_true(ios_distance(0, 1.0) < 0.0);
	assert_true(ios_distance(8, 1.0) < 0.0);
	assert_true(ios_distance(3, 0.0) < 0.0);
	assert_true(ios_distance(3, -1.0) < 0.0);
	assert_true(ios_distance(3, NAN) < 0.0);
	assert_true(ios_share(0) < 0.0);
	assert_null(ios_words(0));
	assert_null(ios_words(8));
	assert_string_equal(ios_words(1), "just touching");
}

static void svg_is_accessible_and_escaped(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1 << 16);
	for (int s = 1; s <= IOS_STEPS; s++) {
		buf_reset(&b);
		assert_int_equal(ios_svg(&b, s, 24.0, "Me", "Ana & <Sam>"), 0);
		assert_true(xml_balanced(b.data));
		assert_non_null(strstr(b.data, "role=\"img\""));
		assert_int_equal(count_of(b.data, "<title>"), 1);
		assert_int_equal(count_of(b.data, "<circle"), 2);
		assert_non_null(strstr(b.data, ios_words(s)));
		assert_non_null(strstr(b.data, "Ana &amp; &lt;Sam&gt;"));
		assert_null(strstr(b.data, "<Sam>"));
		assert_null(strstr(b.data, "style="));
		/* Every step has the same viewBox, so a row of seven lines up. */
		assert_non_null(strstr(b.data, "viewBox=\"0 0 108 84.96\""));
	}
	buf_reset(&b);
	assert_int_equal(ios_svg(&b, 4, 24.0, NULL, ""), 0);
	assert_non_null(strstr(b.data, "<title>Closeness 4 of 7: you and your partner as two "
	                               "circles, overlapping by almost a third</title>"));
	assert_int_equal(count_of(b.data, "<text"), 0);
	assert_true(xml_balanced(b.data));
	buf_release(&b);
}

static void svg_circle_positions(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(4096);
	/* r = 24: viewBox 108 wide, circles touching at the middle (54). */
	assert_int_equal(ios_svg(&b, 1, 24.0, "Me", "Ana"), 0);
	assert_non_null(strstr(b.data, "<circle cx=\"30\" cy=\"30\" r=\"24\" class=\"ios-self\""));
	assert_non_null(strstr(b.data, "<circle cx=\"78\" cy=\"30\" r=\"24\" class=\"ios-other\""));
	assert_int_equal(count_of(b.data, "stroke-dasharray"), 1); /* the partner's circle */
	buf_release(&b);
}

static void svg_rejects_bad_input(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(4096);
	assert_int_equal(ios_svg(&b, 0, 24.0, "Me", "Ana"), -1);
	assert_int_equal(ios_svg(&b, 8, 24.0, "Me", "Ana"), -1);
	assert_int_equal(ios_svg(&b, 3, 0.0, "Me", "Ana"), -1);
	assert_int_equal(ios_svg(&b, 3, IOS_MAX_R * 2, "Me", "Ana"), -1);
	assert_int_equal(b.len, 0);
	struct buf tiny = BUF_INIT(64);
	assert_int_equal(ios_svg(&tiny, 3, 24.0, "Me", "Ana"), -1);
	assert_false(buf_ok(&tiny));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(areas_match_the_shares),
	    cmocka_unit_test(distances_fall_with_each_step),
	    cmocka_unit_test(bad_steps_and_radii),
	    cmocka_unit_test(svg_is_accessible_and_escaped),
	    cmocka_unit_test(svg_circle_positions),
	    cmocka_unit_test(svg_rejects_bad_input),
	};
	return cmocka_run_group_tests_name("ios", tests, NULL, NULL);
}
