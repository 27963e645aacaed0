/* Unit tests for negotiate/pairbars: the paired-bars picture of a proposal. */
#include "unit.h"

#include <string.h>

#include "negotiate/pairbars.h"
#include "xml_check.h"

static const struct pairbar_row split_rows[] = {
	{ "Retirement", "shared", { 50, 40 }, { 50.0 * 5 / 6, 40.0 / 6 }, { "50", "40" }, 0 },
	{ "Home <&>", "Ben", { 20, 30 }, { 0, 30 }, { "20", "30" }, 0 },
	{ "In total", "56.67 each", { 100, 100 }, { 56.67, 56.67 }, { "56.67", "56.67" }, 1 },
};

static struct pairbars split_picture(void)
{
	return (struct pairbars){
		.title = "How the issues are shared",
		.desc = "Retirement: Ana gave 50 points & gets 5/6.",
		.names = { "Ana", "Ben" },
		.max = 100,
		.fill_label = "the part each gets",
		.outline_label = "the points each gave",
		.marker = { -1, -1 },
		.n = 3,
		.rows = split_rows,
	};
}

static void draws_a_split(void **state)
{
	(void)state;
	struct pairbars p = split_picture();
	struct buf b = BUF_INIT(1 << 16);
	assert_int_equal(pairbars_svg(&b, &p), 0);
	assert_true(xml_balanced(b.data));
	assert_non_null(strstr(b.data, "role=\"img\" class=\"pairbars\" width=\"100%\""));
	assert_non_null(strstr(b.data, "<title>How the issues are shared</title>"));
	assert_non_null(
		strstr(b.data, "<desc>Retirement: Ana gave 50 points &amp; gets 5/6.</desc>"));
	assert_non_null(strstr(b.data, ">Home &lt;&amp;&gt;</text>"));
	assert_null(strstr(b.data, "style="));
	/* a full bar is 196 wide: 50 points of 100 draw 98, of which 5/6 is filled */
	assert_non_null(strstr(b.data, "x=\"58\" y=\"65\" width=\"81.67\" height=\"12\" "
				       "class=\"pair-a\""));
	/* outlines for the points given, in both partners' colours */
	assert_int_equal(count_of(b.data, "class=\"pair-a\" fill=\"none\""), 1 + 3);
	assert_int_equal(count_of(b.data, "class=\"pair-b\" fill=\"none\""), 1 + 3);
	/* Ana gets nothing of Home: no filled bar of width 0 */
	assert_null(strstr(b.data, "width=\"0\""));
	assert_int_equal(count_of(b.data, "pair-strong"), 2); /* the totals row */
	assert_int_equal(count_of(b.data, ">Ana</text>"), 3);
	buf_release(&b);
}

static void draws_a_choice_with_ticks(void **state)
{
	(void)state;
	const struct pairbar_row rows[] = {
		{ "Lisbon", NULL, { 8, 2 }, { 8, 2 }, { "8", "2" }, 0 },
		{ "Porto", "proposed", { 5, 5 }, { 5, 5 }, { "5", "5" }, 1 },
	};
	struct pairbars p = {
		.title = "Ratings", .desc = "…", .names = { "Ana", "Ben" }, .max = 10,
		.fill_label = "rating", .marker = { 2, 0 }, .marker_label = "no agreement",
		.n = 2, .rows = rows,
	};
	struct buf b = BUF_INIT(1 << 16);
	assert_int_equal(pairbars_svg(&b, &p), 0);
	assert_true(xml_balanced(b.data));
	assert_null(strstr(b.data, "fill=\"none\"")); /* no outlines without an outline legend */
	assert_int_equal(count_of(b.data, "<line"), 1 + 2 * 2); /* legend + a tick per bar */
	assert_non_null(strstr(b.data, ">no agreement</text>"));
	buf_release(&b);
}

static void refuses_what_it_cannot_draw(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1 << 16);
	struct pairbars p = split_picture();
	struct pairbar_row bad[1] = { split_rows[0] };
	p.rows = bad;
	p.n = 1;
	bad[0].fill[0] = 60; /* more than the bar */
	assert_int_equal(pairbars_svg(&b, &p), -1);
	bad[0] = split_rows[0];
	bad[0].value[1] = 101;
	assert_int_equal(pairbars_svg(&b, &p), -1);
	bad[0].value[1] = -1;
	assert_int_equal(pairbars_svg(&b, &p), -1);
	bad[0] = split_rows[0];
	p.marker[0] = 200;
	assert_int_equal(pairbars_svg(&b, &p), -1);
	p.marker[0] = -1;
	p.n = 0;
	assert_int_equal(pairbars_svg(&b, &p), -1);
	p.n = 1;
	p.max = 0;
	assert_int_equal(pairbars_svg(&b, &p), -1);
	p.max = 100;
	assert_int_equal(pairbars_svg(&b, &p), 0);
	buf_release(&b);

	struct buf tiny = BUF_INIT(64); /* the buffer fails: -1, never a crash */
	p = split_picture();
	assert_int_equal(pairbars_svg(&tiny, &p), -1);
	buf_release(&tiny);
}

static void long_names_are_shortened(void **state)
{
	(void)state;
	char s[64];
	assert_string_equal(pairbars_clip(s, sizeof s, "Ana", 7), "Ana");
	assert_string_equal(pairbars_clip(s, sizeof s, "Alexandra", 7), "Alexan\xE2\x80\xA6");
	assert_string_equal(pairbars_clip(s, sizeof s, "1234567", 7), "1234567");
	assert_string_equal(pairbars_clip(s, sizeof s, "12345678", 7), "123456\xE2\x80\xA6");
	/* cut between characters, never inside one */
	assert_string_equal(pairbars_clip(s, sizeof s, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3),
			    "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
	assert_string_equal(pairbars_clip(s, sizeof s, "", 3), "");
	assert_string_equal(pairbars_clip(s, sizeof s, NULL, 3), "");

	struct pairbars p = split_picture();
	p.names[1] = "Bartholomew-Alexander";
	struct buf b = BUF_INIT(1 << 16);
	assert_int_equal(pairbars_svg(&b, &p), 0);
	assert_non_null(strstr(b.data, ">Bartho\xE2\x80\xA6</text>"));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(draws_a_split),
		cmocka_unit_test(draws_a_choice_with_ticks),
		cmocka_unit_test(refuses_what_it_cannot_draw),
		cmocka_unit_test(long_names_are_shortened),
	};
	return cmocka_run_group_tests_name("pairbars", tests, NULL, NULL);
}
