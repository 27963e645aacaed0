/* Unit tests for lib/frac: reduction, arithmetic, comparison, rounding, text. */
#include "unit.h"

#include "lib/frac.h"

static void assert_frac(struct frac f, long long num, long long den)
{
	assert_int_equal(f.num, num);
	assert_int_equal(f.den, den);
}

static void makes_lowest_terms(void **state)
{
	(void)state;
	assert_frac(frac_make(10, 60), 1, 6);
	assert_frac(frac_make(-10, 60), -1, 6);
	assert_frac(frac_make(10, -60), -1, 6);
	assert_frac(frac_make(0, -7), 0, 1);
	assert_frac(frac_make(42, 42), 1, 1);
	assert_frac(frac_int(5), 5, 1);
}

static void adds_subtracts_multiplies(void **state)
{
	(void)state;
	assert_frac(frac_add(frac_make(1, 6), frac_make(5, 6)), 1, 1);
	assert_frac(frac_add(frac_int(15), frac_make(125, 3)), 170, 3);
	assert_frac(frac_sub(frac_make(1, 3), frac_make(1, 2)), -1, 6);
	assert_frac(frac_sub(frac_int(1), frac_make(1, 6)), 5, 6);
	assert_frac(frac_mul(frac_int(50), frac_make(5, 6)), 125, 3);
	assert_frac(frac_mul(frac_make(-2, 3), frac_make(3, 4)), -1, 2);
	assert_frac(frac_mul(frac_int(0), frac_make(3, 4)), 0, 1);
}

static void compares(void **state)
{
	(void)state;
	assert_int_equal(frac_cmp(frac_make(1, 3), frac_make(2, 6)), 0);
	assert_int_equal(frac_cmp(frac_make(1, 3), frac_make(1, 2)), -1);
	assert_int_equal(frac_cmp(frac_make(-1, 3), frac_make(-1, 2)), 1);
	assert_int_equal(frac_cmp(frac_int(57), frac_make(170, 3)), 1);
}

static void rounds_half_away_from_zero(void **state)
{
	(void)state;
	assert_int_equal(frac_scale_round(frac_make(5, 6), 1000000), 833333);
	assert_int_equal(frac_scale_round(frac_make(1, 6), 1000000), 166667);
	assert_int_equal(frac_scale_round(frac_make(170, 3), 1000000), 56666667);
	assert_int_equal(frac_scale_round(frac_make(1, 2), 1), 1);
	assert_int_equal(frac_scale_round(frac_make(-1, 2), 1), -1);
	assert_int_equal(frac_scale_round(frac_make(-5, 6), 1000000), -833333);
	assert_int_equal(frac_scale_round(frac_int(1), 1000000), 1000000);
}

static void formats(void **state)
{
	(void)state;
	char s[32];
	assert_int_equal(frac_format(frac_make(5, 6), s, sizeof s), 3);
	assert_string_equal(s, "5/6");
	assert_int_equal(frac_format(frac_int(1), s, sizeof s), 1);
	assert_string_equal(s, "1");
	assert_int_equal(frac_format(frac_int(0), s, sizeof s), 1);
	assert_string_equal(s, "0");
	assert_int_equal(frac_format(frac_make(-170, 3), s, sizeof s), 6);
	assert_string_equal(s, "-170/3");
	assert_int_equal(frac_format(frac_make(170, 3), s, 4), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(makes_lowest_terms),
		cmocka_unit_test(adds_subtracts_multiplies),
		cmocka_unit_test(compares),
		cmocka_unit_test(rounds_half_away_from_zero),
		cmocka_unit_test(formats),
	};
	return cmocka_run_group_tests_name("frac", tests, NULL, NULL);
}
