/* Unit tests for know/together_set: sets, the gentle end, the set timer. */
#include "unit.h"

#include "know/pacing.h"
#include "know/together_set.h"

static void sets_of_three_by_default(void **state)
{
	(void)state;
	struct together_set s;
	static const struct {
		unsigned step, number, position;
		int starts;
	} want[] = {
	    {0, 1, 1, 1}, {1, 1, 2, 0}, {2, 1, 3, 0}, {3, 2, 1, 1},
	    {4, 2, 2, 0}, {8, 3, 3, 0}, {9, 4, 1, 1},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		together_set_at(want[i].step, 3, 0, &s);
		assert_int_equal(s.size, PACING_TOGETHER_PER_LEVEL);
		assert_int_equal(s.number, want[i].number);
		assert_int_equal(s.position, want[i].position);
		assert_int_equal(s.starts, want[i].starts);
	}
	together_set_at(5, 3, 2, &s);
	assert_int_equal(s.size, 2);
	assert_int_equal(s.number, 3);
	assert_int_equal(s.position, 2);
}

static void the_gentle_end_comes_after_every_open_level(void **state)
{
	(void)state;
	struct together_set s;
	/* One open level: after its set of three. */
	together_set_at(2, 1, 0, &s);
	assert_false(s.full_round);
	together_set_at(3, 1, 0, &s);
	assert_true(s.full_round);
	/* Three open levels: after nine. */
	together_set_at(8, 3, 0, &s);
	assert_false(s.full_round);
	together_set_at(9, 3, 0, &s);
	assert_true(s.full_round);
	together_set_at(40, 3, 0, &s);
	assert_true(s.full_round);
	/* No open level is treated as level 1 alone (it is always open). */
	together_set_at(3, 0, 0, &s);
	assert_true(s.full_round);
}

static void minutes_and_open_levels(void **state)
{
	(void)state;
	assert_int_equal(together_minutes(1000, 1000), 0);
	assert_int_equal(together_minutes(1000, 1059), 0);
	assert_int_equal(together_minutes(1000, 1060), 1);
	assert_int_equal(together_minutes(1000, 1000 + 15 * 60 + 30), 15);
	assert_int_equal(together_minutes(2000, 1000), 0); /* a clock going back */
	assert_int_equal(together_open_count(1u << 1), 1);
	assert_int_equal(together_open_count((1u << 1) | (1u << 2)), 2);
	assert_int_equal(together_open_count(0xEu), 3);
	assert_int_equal(together_open_count(0xFFu), 3); /* only levels 1..3 count */
	assert_int_equal(together_open_count(0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sets_of_three_by_default),
	    cmocka_unit_test(the_gentle_end_comes_after_every_open_level),
	    cmocka_unit_test(minutes_and_open_levels),
	};
	return cmocka_run_group_tests_name("together", tests, NULL, NULL);
}
