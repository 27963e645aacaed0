/* Unit tests for account/throttle: free tries, doubling, the cap, forgetting. */
#include "unit.h"

#include "account/throttle.h"

static void free_tries_do_not_wait(void **state)
{
	(void)state;
	assert_int_equal(throttle_wait(0, 0, 1000, 5), 0);
	assert_int_equal(throttle_wait(4, 1000, 1000, 5), 0);
}

static void fifth_failure_waits_thirty_seconds(void **state)
{
	(void)state;
	assert_int_equal(throttle_wait(5, 1000, 1000, 5), 30);
	assert_int_equal(throttle_wait(5, 1000, 1029, 5), 1);
	assert_int_equal(throttle_wait(5, 1000, 1030, 5), 0);
}

static void doubles_then_caps(void **state)
{
	(void)state;
	assert_int_equal(throttle_wait(6, 1000, 1000, 5), 60);
	assert_int_equal(throttle_wait(7, 1000, 1000, 5), 120);
	assert_int_equal(throttle_wait(10, 1000, 1000, 5), 900);
	assert_int_equal(throttle_wait(1000000, 1000, 1000, 5), 900);
}

static void old_failures_are_forgotten(void **state)
{
	(void)state;
	assert_true(throttle_stale(0, THROTTLE_FORGET + 1));
	assert_false(throttle_stale(0, THROTTLE_FORGET));
	assert_int_equal(throttle_wait(50, 0, THROTTLE_FORGET + 1, 5), 0);
}

static void window_counts_then_opens(void **state)
{
	(void)state;
	assert_int_equal(throttle_window_wait(9, 1000, 1000, 10, 3600), 0);
	assert_int_equal(throttle_window_wait(10, 1000, 1000, 10, 3600), 3600);
	assert_int_equal(throttle_window_wait(10, 1000, 4599, 10, 3600), 1);
	assert_int_equal(throttle_window_wait(10, 1000, 4600, 10, 3600), 0);
	assert_int_equal(throttle_window_wait(1000, 1000, 1000, 0, 3600), 0); /* no limit */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(free_tries_do_not_wait),
		cmocka_unit_test(fifth_failure_waits_thirty_seconds),
		cmocka_unit_test(doubles_then_caps),
		cmocka_unit_test(old_failures_are_forgotten),
		cmocka_unit_test(window_counts_then_opens),
	};
	return cmocka_run_group_tests_name("throttle", tests, NULL, NULL);
}
