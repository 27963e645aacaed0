/* Unit tests for negotiate/bargain: states, what each state allows, checking an
 * allocation, and the words of agreements and explanations. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "negotiate/bargain.h"

static void states_follow_the_sides(void **state)
{
	(void)state;
	const struct {
		struct bargain_side s[2];
		enum bargain_state want;
	} cases[] = {
		{ { { 0, 0, 0 }, { 0, 0, 0 } }, BARGAIN_OPEN },
		{ { { 1, 0, 0 }, { 0, 0, 0 } }, BARGAIN_OPEN },
		{ { { 1, 1, 0 }, { 0, 0, 0 } }, BARGAIN_OPEN }, /* one done, one not started */
		{ { { 1, 1, 0 }, { 1, 0, 0 } }, BARGAIN_ALLOCATING }, /* both started */
		{ { { 1, 0, 0 }, { 1, 0, 0 } }, BARGAIN_ALLOCATING },
		{ { { 1, 1, 0 }, { 1, 1, 0 } }, BARGAIN_PROPOSED },
		{ { { 1, 1, 1 }, { 1, 1, 0 } }, BARGAIN_PROPOSED },   /* one accepted */
		{ { { 1, 1, 1 }, { 1, 1, 1 } }, BARGAIN_ACCEPTED },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(bargain_state(cases[i].s), cases[i].want);
	assert_string_equal(bargain_state_name(BARGAIN_OPEN), "open");
	assert_string_equal(bargain_state_name(BARGAIN_ALLOCATING), "allocating");
	assert_string_equal(bargain_state_name(BARGAIN_PROPOSED), "proposed");
	assert_string_equal(bargain_state_name(BARGAIN_ACCEPTED), "accepted");
}

static void kinds(void **state)
{
	(void)state;
	enum bargain_kind k;
	struct err e = { 0 };
	assert_int_equal(bargain_kind_parse("split", &k, &e), 0);
	assert_int_equal(k, BARGAIN_SPLIT);
	assert_int_equal(bargain_kind_parse("choice", &k, &e), 0);
	assert_int_equal(k, BARGAIN_CHOICE);
	assert_int_equal(bargain_kind_parse("Split", &k, &e), -1);
	assert_int_equal(e.status, 400);
	assert_int_equal(bargain_kind_parse(NULL, &k, NULL), -1);
	assert_int_equal(bargain_max_items(BARGAIN_SPLIT), AW_MAX_ITEMS);
	assert_int_equal(bargain_max_items(BARGAIN_CHOICE), NASH_MAX_OPTIONS);
	assert_string_equal(bargain_noun(BARGAIN_CHOICE), "option");
}

static void what_each_state_allows(void **state)
{
	(void)state;
	struct err e = { 0 };
	assert_int_equal(bargain_can_change_items(BARGAIN_SPLIT, BARGAIN_OPEN, &e), 0);
	for (int st = BARGAIN_ALLOCATING; st <= BARGAIN_ACCEPTED; st++) {
		err_clear(&e);
		assert_int_equal(bargain_can_change_items(BARGAIN_SPLIT, st, &e), -1);
		assert_int_equal(e.status, 409);
	}
	assert_int_equal(bargain_can_change_items(BARGAIN_CHOICE, BARGAIN_ALLOCATING, &e), -1);
	assert_non_null(strstr(e.msg, "started giving ratings, so the options are fixed"));

	assert_int_equal(bargain_can_allocate(BARGAIN_SPLIT, BARGAIN_OPEN, 2, &e), 0);
	assert_int_equal(bargain_can_allocate(BARGAIN_SPLIT, BARGAIN_ALLOCATING, 2, &e), 0);
	assert_int_equal(bargain_can_allocate(BARGAIN_SPLIT, BARGAIN_OPEN, 1, &e), -1);
	assert_string_equal(e.msg, "Add at least two issues first; there is 1 so far.");
	assert_int_equal(bargain_can_allocate(BARGAIN_SPLIT, BARGAIN_PROPOSED, 5, &e), -1);
	assert_string_equal(e.code, "proposed");
	assert_int_equal(bargain_can_allocate(BARGAIN_SPLIT, BARGAIN_ACCEPTED, 5, &e), -1);

	assert_int_equal(bargain_can_accept(BARGAIN_OPEN, &e), -1);
	assert_int_equal(bargain_can_accept(BARGAIN_ALLOCATING, &e), -1);
	assert_int_equal(bargain_can_accept(BARGAIN_PROPOSED, &e), 0);
	assert_int_equal(bargain_can_accept(BARGAIN_ACCEPTED, &e), 0); /* again: nothing changes */

	assert_int_equal(bargain_can_reopen(BARGAIN_OPEN, &e), -1);
	assert_int_equal(bargain_can_reopen(BARGAIN_ALLOCATING, &e), 0);
	assert_int_equal(bargain_can_reopen(BARGAIN_PROPOSED, &e), 0);
	assert_int_equal(bargain_can_reopen(BARGAIN_ACCEPTED, &e), -1);
	assert_string_equal(e.code, "settled");
}

static void item_names(void **state)
{
	(void)state;
	struct err e = { 0 };
	const char *names[] = { "Cooking", "Dishes" };
	assert_int_equal(bargain_check_item(BARGAIN_SPLIT, "Laundry", names, 2, &e), 0);
	assert_int_equal(bargain_check_item(BARGAIN_SPLIT, "Dishes", names, 2, &e), -1);
	assert_string_equal(e.code, "duplicate_item");
	assert_int_equal(bargain_check_item(BARGAIN_SPLIT, "   ", names, 2, &e), -1);
	assert_int_equal(bargain_check_item(BARGAIN_SPLIT, "a\tb", names, 2, &e), -1);
	assert_int_equal(bargain_check_item(BARGAIN_SPLIT, "\xff", names, 2, &e), -1);
	char s[256];
	memset(s, 'x', BARGAIN_ITEM_MAX);
	s[BARGAIN_ITEM_MAX] = '\0';
	assert_int_equal(bargain_check_item(BARGAIN_SPLIT, s, names, 2, &e), 0);
	s[BARGAIN_ITEM_MAX] = 'x';
	s[BARGAIN_ITEM_MAX + 1] = '\0';
	assert_int_equal(bargain_check_item(BARGAIN_SPLIT, s, names, 2, &e), -1);
	/* 50 four-byte characters are 200 bytes: still within negotiate/fair's limit */
	s[0] = '\0';
	for (int i = 0; i < BARGAIN_ITEM_MAX; i++)
		strcat(s, "\xF0\x9F\x8C\xB1");
	assert_int_equal(bargain_check_item(BARGAIN_SPLIT, s, names, 2, &e), 0);

	const char *many[NASH_MAX_OPTIONS];
	char buf[NASH_MAX_OPTIONS][16];
	for (int i = 0; i < NASH_MAX_OPTIONS; i++) {
		snprintf(buf[i], sizeof buf[i], "o%d", i);
		many[i] = buf[i];
	}
	assert_int_equal(bargain_check_item(BARGAIN_CHOICE, "new", many, NASH_MAX_OPTIONS, &e), -1);
	assert_int_equal(e.status, 409);
	assert_int_equal(bargain_check_item(BARGAIN_SPLIT, "new", many, NASH_MAX_OPTIONS, &e), 0);
}

static void points_and_ratings(void **state)
{
	(void)state;
	struct err e = { 0 };
	const char *names[] = { "Home", "Car", "Books" };
	long long ok[] = { 50, 30, 20 };
	long long short_[] = { 50, 30, BARGAIN_NONE };
	long long over[] = { 80, 30, 20 };
	long long big[] = { 101, 0, 0 };
	assert_int_equal(bargain_check_values(BARGAIN_SPLIT, names, 3, ok, BARGAIN_NONE, 1, &e), 0);
	assert_int_equal(bargain_check_values(BARGAIN_SPLIT, names, 3, short_, -1, 1, &e), -1);
	assert_string_equal(e.msg, "Your points add up to 80. They need to come to exactly 100: "
				   "20 more to give.");
	assert_int_equal(bargain_check_values(BARGAIN_SPLIT, names, 3, over, -1, 1, &e), -1);
	assert_string_equal(e.msg, "Your points add up to 130. They need to come to exactly 100: "
				   "take 30 away.");
	assert_int_equal(bargain_check_values(BARGAIN_SPLIT, names, 3, over, -1, 0, &e), 0);
	assert_int_equal(bargain_check_values(BARGAIN_SPLIT, names, 3, big, -1, 0, &e), -1);
	assert_string_equal(e.msg, "The points for \"Home\" must be a whole number from 0 to 100, "
				   "not 101.");

	long long r[] = { 8, 11, 3 };
	assert_int_equal(bargain_check_values(BARGAIN_CHOICE, names, 3, r, 2, 0, &e), -1);
	assert_string_equal(e.msg,
			    "The rating for \"Car\" must be a whole number from 0 to 10, not 11.");
	long long partial[] = { 8, BARGAIN_NONE, 3 };
	assert_int_equal(bargain_check_values(BARGAIN_CHOICE, names, 3, partial, 2, 0, &e), 0);
	assert_int_equal(bargain_check_values(BARGAIN_CHOICE, names, 3, partial, 2, 1, &e), -1);
	assert_string_equal(e.msg, "Please rate \"Car\" too, from 0 to 10.");
	long long full[] = { 8, 0, 10 };
	assert_int_equal(bargain_check_values(BARGAIN_CHOICE, names, 3, full, BARGAIN_NONE, 1, &e),
			 -1);
	assert_string_equal(e.code, "missing_status_quo");
	assert_int_equal(bargain_check_values(BARGAIN_CHOICE, names, 3, full, 11, 0, &e), -1);
	assert_int_equal(bargain_check_values(BARGAIN_CHOICE, names, 3, full, 0, 1, &e), 0);
}

static void agreement_words(void **state)
{
	(void)state;
	const char *names[2] = { "Ana", "Ben" };
	struct aw_share whole_b = { frac_int(0), frac_int(1) };
	struct aw_share part = { frac_make(5, 6), frac_make(1, 6) };
	char out[BARGAIN_TEXT_MAX];
	enum bargain_who who;
	assert_true(bargain_split_agreement(out, sizeof out, "Our things", "Home", names, &whole_b,
					    &who) > 0);
	assert_string_equal(out, "Our things: Ben decides about Home.");
	assert_int_equal(who, BARGAIN_B);
	assert_true(bargain_split_agreement(out, sizeof out, "Our things", "Retirement", names,
					    &part, &who) > 0);
	assert_string_equal(out, "Our things: Ana and Ben share Retirement: take turns: Ana 5 times "
				 "in 6 and Ben 1 in 6 (5 years in 6 for something yearly), or split "
				 "the time the same way.");
	assert_int_equal(who, BARGAIN_BOTH);
	assert_int_equal(bargain_split_agreement(out, 10, "Our things", "Home", names, &whole_b,
						 &who),
			 -1);
	assert_true(bargain_choice_agreement(out, sizeof out, "Holidays", "Lisbon") > 0);
	assert_string_equal(out, "Holidays: we go with Lisbon.");
}

/* A share said as something two people can do. */
static void turns_in_real_words(void **state)
{
	(void)state;
	const char *names[2] = { "Ana", "Ben" };
	char out[BARGAIN_TEXT_MAX];
	struct aw_share half = { frac_make(1, 2), frac_make(1, 2) };
	assert_true(bargain_turns(out, sizeof out, names, &half) > 0);
	assert_string_equal(out, "take turns: Ana one time and Ben the next (alternate years for "
				 "something yearly), or split the time in half");
	struct aw_share quarter = { frac_make(1, 4), frac_make(3, 4) };
	assert_true(bargain_turns(out, sizeof out, names, &quarter) > 0);
	assert_string_equal(out, "take turns: Ana 1 time in 4 and Ben 3 in 4 (1 year in 4 for "
				 "something yearly), or split the time the same way");
	struct aw_share odd = { frac_make(2011, 2900), frac_make(889, 2900) }; /* 0.693… */
	assert_true(bargain_turns(out, sizeof out, names, &odd) > 0);
	assert_string_equal(out, "take turns: Ana about 7 times in 10 and Ben 3 in 10 (7 years in "
				 "10 for something yearly), or split the time the same way");
	assert_int_equal(bargain_turns(out, 12, names, &half), -1);
}

static void explanations(void **state)
{
	(void)state;
	const struct aw_item items[] = {
		{ "Retirement", 50, 40 }, { "Home", 20, 30 }, { "Cottage", 15, 10 },
		{ "Investments", 10, 10 }, { "Other", 5, 10 },
	};
	const char *names[2] = { "Ana", "Ben" };
	struct aw_result r;
	assert_int_equal(aw_split(items, 5, &r, NULL), 0);
	struct buf b = BUF_INIT(4096);
	assert_int_equal(bargain_split_explain(&b, names, items, 5, &r), 0);
	assert_string_equal(b.data,
			    "Each of you gets 56.67 of your own 100 points: the same share, each "
			    "measured by what you said matters to you.\n"
			    "Each of you values your own part more than the other's (56.67 against "
			    "43.33), so neither of you would want to swap.\n"
			    "No other way of dividing could give one of you more without giving "
			    "the other less.\n"
			    "Only Retirement is shared: 5/6 of it for Ana and 1/6 for Ben.");

	/* identical points: each gets exactly half, as much as the other */
	const struct aw_item same[] = { { "x", 50, 50 }, { "y", 50, 50 } };
	assert_int_equal(aw_split(same, 2, &r, NULL), 0);
	buf_reset(&b);
	assert_int_equal(bargain_split_explain(&b, names, same, 2, &r), 0);
	assert_non_null(strstr(b.data, "gets 50 of your own"));
	assert_non_null(strstr(b.data, "as much as the other's (50 against 50)"));
	assert_non_null(strstr(b.data, "No issue needed to be shared."));

	const struct nash_option opts[] = { { "A", 8, 2 }, { "B", 5, 5 }, { "C", 3, 7 } };
	struct nash_result nr;
	assert_int_equal(nash_choose(opts, 3, 0, 0, &nr, NULL), 0);
	buf_reset(&b);
	assert_int_equal(bargain_choice_explain(&b, opts, &nr), 0);
	assert_non_null(strstr(b.data, "Each of you rated every option"));
	assert_non_null(strstr(b.data, "for you.\nB is better than no agreement for both of you"));
	buf_release(&b);
}

static void decimals(void **state)
{
	(void)state;
	char s[32];
	assert_string_equal(bargain_decimal(s, sizeof s, frac_make(170, 3)), "56.67");
	assert_string_equal(bargain_decimal(s, sizeof s, frac_int(50)), "50");
	assert_string_equal(bargain_decimal(s, sizeof s, frac_make(25, 2)), "12.5");
	assert_string_equal(bargain_decimal(s, sizeof s, frac_make(1, 200)), "0.01");
	assert_string_equal(bargain_decimal(s, sizeof s, frac_make(-1, 3)), "-0.33");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(states_follow_the_sides),
		cmocka_unit_test(kinds),
		cmocka_unit_test(what_each_state_allows),
		cmocka_unit_test(item_names),
		cmocka_unit_test(points_and_ratings),
		cmocka_unit_test(agreement_words),
		cmocka_unit_test(turns_in_real_words),
		cmocka_unit_test(explanations),
		cmocka_unit_test(decimals),
	};
	return cmocka_run_group_tests_name("bargain", tests, NULL, NULL);
}
