/* Unit tests for trust/period: week numbering from Monday, periods of 1, 2 and
 * 4 weeks aligned for both partners, times before the epoch, rhythm names. */
#include "unit.h"

#include "trust/period.h"

#define DAY 86400
/* Monday 2 March 2026, 00:00 UTC. */
#define MON_2_MAR_2026 1772409600

static void test_epoch_is_a_monday(void **state)
{
	(void)state;
	assert_int_equal(period_week(PERIOD_EPOCH), 0);
	assert_int_equal(period_week(PERIOD_EPOCH - 1), -1);          /* Sunday night */
	assert_int_equal(period_week(PERIOD_EPOCH + 7 * DAY - 1), 0); /* Sunday 23:59:59 */
	assert_int_equal(period_week(PERIOD_EPOCH + 7 * DAY), 1);
	assert_int_equal(period_week(0), -1); /* Thursday 1 January 1970 */
	assert_int_equal(period_week_time(0), PERIOD_EPOCH);
	assert_int_equal(period_week_time(-1), PERIOD_EPOCH - 7 * DAY);
}

static void test_weeks_start_on_monday(void **state)
{
	(void)state;
	int64_t w = period_week(MON_2_MAR_2026);
	assert_int_equal(period_week_time(w), MON_2_MAR_2026);
	assert_int_equal(period_week(MON_2_MAR_2026 + 6 * DAY + 86399), w); /* Sunday 8 March */
	assert_int_equal(period_week(MON_2_MAR_2026 - 1), w - 1);
}

static void test_periods_align(void **state)
{
	(void)state;
	struct period p;
	int64_t w = period_week(MON_2_MAR_2026);
	period_at(MON_2_MAR_2026 + 3 * DAY, 1, &p);
	assert_int_equal(p.week, w);
	assert_int_equal(p.start, MON_2_MAR_2026);
	assert_int_equal(p.end, MON_2_MAR_2026 + 7 * DAY);
	for (int rhythm = 1; rhythm <= 4; rhythm *= 2) {
		for (int64_t k = w - 9; k <= w + 9; k++) {
			int64_t s = period_start_week(k, rhythm);
			assert_true(s <= k && k < s + rhythm);
			assert_int_equal(s % rhythm, 0); /* aligned to week 0 */
			period_at(period_week_time(k) + 5 * DAY, rhythm, &p);
			assert_int_equal(p.week, s);
			assert_int_equal(p.end - p.start, rhythm * 7 * DAY);
		}
	}
	/* negative weeks round down, not towards zero */
	assert_int_equal(period_start_week(-1, 2), -2);
	assert_int_equal(period_start_week(-3, 4), -4);
	assert_int_equal(period_start_week(-4, 4), -4);
	/* an unknown rhythm falls back to weekly */
	assert_int_equal(period_start_week(7, 3), 7);
}

static void test_rhythm_names(void **state)
{
	(void)state;
	assert_int_equal(period_rhythm_parse("weekly"), 1);
	assert_int_equal(period_rhythm_parse("every_2_weeks"), 2);
	assert_int_equal(period_rhythm_parse("monthly"), 4);
	assert_int_equal(period_rhythm_parse("daily"), -1);
	assert_int_equal(period_rhythm_parse(""), -1);
	assert_int_equal(period_rhythm_parse(NULL), -1);
	assert_string_equal(period_rhythm_name(2), "every_2_weeks");
	assert_null(period_rhythm_name(3));
	assert_string_equal(period_rhythm_words(4), "every four weeks");
	assert_null(period_rhythm_words(0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_epoch_is_a_monday),
	    cmocka_unit_test(test_weeks_start_on_monday),
	    cmocka_unit_test(test_periods_align),
	    cmocka_unit_test(test_rhythm_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
