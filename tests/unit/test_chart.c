/* Unit tests for lib/chart: point geometry, gaps breaking lines, text
 * alternatives, escaping, and the bar chart and sparkline. */
#include "unit.h"

#include <math.h>
#include <string.h>

#include "lib/chart.h"
#include "xml_check.h"

#define G CHART_GAP

static void close_to(double got, double want)
{
	if (fabs(got - want) > 1e-9)
		fail_msg("got %.6f, want %.6f", got, want);
}

static void frame_places_known_points(void **state)
{
	(void)state;
	struct chart_frame f;
	chart_frame_line(&f, 5, 0, 6);
	/* The plot area of the line chart runs from x 40 to 302 and y 34 to 156. */
	close_to(chart_x(&f, 0), 40.0);
	close_to(chart_x(&f, 4), 302.0);
	close_to(chart_x(&f, 2), 171.0);
	close_to(chart_y(&f, 6), 34.0);
	close_to(chart_y(&f, 0), 156.0);
	close_to(chart_y(&f, 3), 95.0);
	chart_frame_line(&f, 7, 1, 7);
	close_to(chart_y(&f, 1), 156.0);
	close_to(chart_y(&f, 7), 34.0);
	/* A single point sits in the middle. */
	chart_frame_line(&f, 1, 0, 6);
	close_to(chart_x(&f, 0), 171.0);
}

static void gaps_break_the_path(void **state)
{
	(void)state;
	struct chart_frame f;
	struct buf b = BUF_INIT(1024);
	chart_frame_box(&f, 0, 0, 100, 60, 5, 0, 6);
	const int v[] = {5, 6, G, 4, 4};
	assert_int_equal(chart_path(&b, &f, v, 5), 0);
	assert_string_equal(b.data, "M0 10 L25 0 M75 20 L100 20");

	buf_reset(&b);
	const int lone[] = {3, G, 4, G, G};
	assert_int_equal(chart_path(&b, &f, lone, 5), 0);
	assert_int_equal(b.len, 0); /* single points are left to the markers */

	buf_reset(&b);
	const int all[] = {1, 2, 3, 4, 5};
	assert_int_equal(chart_path(&b, &f, all, 5), 0);
	assert_string_equal(b.data, "M0 50 L25 40 L50 30 L75 20 L100 10");
	buf_release(&b);
}

static void line_chart_reads_without_seeing_it(void **state)
{
	(void)state;
	const int a[] = {5, 6, G, 4};
	const int s[] = {4, G, 5, 5};
	const char *const labels[] = {"3 Mar", "10 Mar", "17 Mar", "24 Mar"};
	struct chart_line c = {
	    .title = "Trust over time: Ana & Sam",
	    .low_label = "not at all",
	    .high_label = "completely",
	    .x_caption = "Week",
	    .x_labels = labels,
	    .ymin = 0,
	    .ymax = 6,
	    .n = 4,
	    .nseries = 2,
	    .series = {{"Ana", a}, {"Sam <3", s}},
	};
	struct buf b = BUF_INIT(1 << 16);
	assert_int_equal(chart_line_svg(&b, &c), 0);
	assert_true(xml_balanced(b.data));
	assert_non_null(strstr(b.data, "role=\"img\""));
	assert_non_null(strstr(b.data, "width=\"100%\""));
	assert_non_null(strstr(b.data, "viewBox=\"0 0 320 200\""));
	assert_non_null(strstr(b.data, "<title>Trust over time: Ana &amp; Sam</title>"));
	assert_non_null(strstr(b.data, "<desc>From 3 Mar to 24 Mar. Ana: 5, 6, gap, 4. "
	                               "Sam &lt;3: 4, gap, 5, 5. Scale from 0 (not at all) to 6 "
	                               "(completely). A gap is a week without a check-in.</desc>"));
	assert_null(strstr(b.data, "Sam <3"));
	assert_null(strstr(b.data, "style="));
	/* Ana: filled circles, solid line; Sam: hollow squares, dashed line. */
	assert_int_equal(count_of(b.data, "chart-dot chart-a"), 3 + 1); /* + legend */
	assert_int_equal(count_of(b.data, "chart-dot chart-b"), 3 + 1);
	assert_int_equal(count_of(b.data, "stroke-dasharray"), 2); /* Sam's line, legend */
	assert_int_equal(count_of(b.data, "<path"), 2);
	/* Ana's first point: x 40, y 156 - 122 * 5 / 6. */
	assert_non_null(strstr(b.data, "<path d=\"M40 54.33 L127.33 34\""));
	assert_non_null(strstr(b.data, "<path d=\"M214.67 54.33 L302 54.33\""));
	/* Seven y labels 0..6, four x labels and a caption. */
	assert_int_equal(count_of(b.data, "text-anchor=\"end\""), 7);
	assert_non_null(strstr(b.data, ">17 Mar</text>"));
	assert_non_null(strstr(b.data, ">Week</text>"));
	buf_release(&b);
}

static void one_partner_and_sparse_points(void **state)
{
	(void)state;
	int v[20];
	for (int i = 0; i < 20; i++)
		v[i] = i % 2 ? G : 1 + i % 7; /* every other week a gap */
	struct chart_line c = {.title = "Closeness",
	                       .ymin = 1,
	                       .ymax = 7,
	                       .n = 20,
	                       .nseries = 1,
	                       .series = {{"Zoë", v}}};
	struct buf b = BUF_INIT(1 << 16);
	assert_int_equal(chart_line_svg(&b, &c), 0);
	assert_true(xml_balanced(b.data));
	assert_int_equal(count_of(b.data, "<path"), 0); /* no two neighbours */
	assert_int_equal(count_of(b.data, "chart-dot chart-a"), 10 + 1);
	assert_int_equal(count_of(b.data, "chart-b"), 0);
	/* At most seven x labels however many weeks: 1, 4, 7, … 19. */
	assert_int_equal(count_of(b.data, "text-anchor=\"middle\""), 7);
	assert_non_null(strstr(b.data, ">19</text>"));
	assert_non_null(strstr(b.data, "Zoë: 1, gap, 3, gap,"));
	assert_non_null(strstr(b.data, "Scale from 1 to 7."));
	buf_release(&b);
}

static void line_chart_rejects_bad_input(void **state)
{
	(void)state;
	const int v[] = {5, 7};
	struct chart_line c = {
	    .title = "Trust", .ymin = 0, .ymax = 6, .n = 2, .nseries = 1, .series = {{"Ana", v}}};
	struct buf b = BUF_INIT(1 << 16);
	assert_int_equal(chart_line_svg(&b, &c), -1); /* 7 is above 6 */
	c.ymax = 7;
	assert_int_equal(chart_line_svg(&b, &c), 0);
	c.n = 0;
	assert_int_equal(chart_line_svg(&b, &c), -1);
	c.n = 2;
	c.nseries = 2; /* the second series has no values */
	assert_int_equal(chart_line_svg(&b, &c), -1);
	c.nseries = 0;
	assert_int_equal(chart_line_svg(&b, &c), -1);
	c.nseries = 1;
	c.ymin = 7;
	assert_int_equal(chart_line_svg(&b, &c), -1);
	c.ymin = 0;
	struct buf tiny = BUF_INIT(200);
	assert_int_equal(chart_line_svg(&tiny, &c), -1);
	buf_release(&b);
}

static void bars_of_kept_and_missed(void **state)
{
	(void)state;
	const struct chart_month m[] = {{"January", 3, 1}, {"Feb & Mar", 0, 4}};
	struct buf b = BUF_INIT(1 << 16);
	assert_int_equal(chart_bars_svg(&b, "Agreements kept and missed", m, 2), 0);
	assert_true(xml_balanced(b.data));
	assert_non_null(strstr(b.data, "<desc>January: 3 kept, 1 missed. Feb &amp; Mar: 0 kept, "
	                               "4 missed.</desc>"));
	assert_int_equal(count_of(b.data, "class=\"chart-kept\""), 2 + 1); /* + legend */
	assert_int_equal(count_of(b.data, "class=\"chart-missed\""), 2 + 1);
	/* The tallest bar (4) reaches the top at y 44; the baseline is y 166. */
	assert_non_null(
	    strstr(b.data, "y=\"44\" width=\"28\" height=\"122\" class=\"chart-missed\""));
	/* Kept 3 of 4: height 91.5. */
	assert_non_null(strstr(b.data, "height=\"91.5\" class=\"chart-kept\""));

	buf_reset(&b);
	assert_int_equal(chart_bars_svg(&b, "Agreements", NULL, 0), 0);
	assert_non_null(strstr(b.data, "No agreements to show yet."));
	assert_true(xml_balanced(b.data));
	const struct chart_month bad[] = {{"May", -1, 0}};
	assert_int_equal(chart_bars_svg(&b, "Agreements", bad, 1), -1);
	buf_release(&b);
}

static void sparkline(void **state)
{
	(void)state;
	const int v[] = {2, 3, G, 5, G};
	struct buf b = BUF_INIT(4096);
	assert_int_equal(chart_sparkline_svg(&b, "Trust, Ana & Sam", v, 5, 0, 6), 0);
	assert_true(xml_balanced(b.data));
	assert_non_null(strstr(b.data, "width=\"100\" height=\"24\""));
	assert_non_null(strstr(b.data, "<title>Trust, Ana &amp; Sam</title>"));
	assert_non_null(strstr(b.data, "<desc>2, 3, gap, 5, gap. Scale from 0 to 6.</desc>"));
	assert_int_equal(count_of(b.data, "<path"), 1);
	assert_int_equal(count_of(b.data, "<circle"), 1);               /* the latest value */
	assert_non_null(strstr(b.data, "cx=\"73.5\""));                 /* 3 + 94 * 3 / 4 */
	assert_int_equal(chart_sparkline_svg(&b, "x", v, 5, 0, 4), -1); /* 5 above 4 */
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(frame_places_known_points),
	    cmocka_unit_test(gaps_break_the_path),
	    cmocka_unit_test(line_chart_reads_without_seeing_it),
	    cmocka_unit_test(one_partner_and_sparse_points),
	    cmocka_unit_test(line_chart_rejects_bad_input),
	    cmocka_unit_test(bars_of_kept_and_missed),
	    cmocka_unit_test(sparkline),
	};
	return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}
