/* Unit tests for counsel/scope: names and bits, parsing lists, and the shared set:
 * nothing before the counsellor joins and both approve, the intersection of
 * both choices after, nothing once ended. */
#include "unit.h"

#include <string.h>

#include "counsel/scope.h"

static void test_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < SCOPE_COUNT; i++) {
		unsigned bit = scope_at(i);
		assert_non_null(scope_name(bit));
		assert_non_null(scope_label(bit));
		assert_int_equal(scope_bit(scope_name(bit)), bit);
		assert_true(strlen(scope_name(bit)) < SCOPE_NAME_MAX);
	}
	assert_int_equal(scope_at(SCOPE_COUNT), 0);
	assert_null(scope_name(0));
	assert_null(scope_name(SCOPE_CHECKINS | SCOPE_AGREEMENTS)); /* not one bit */
	assert_null(scope_name(1u << 7));
	assert_int_equal(scope_bit("journal"), 0);
	assert_int_equal(scope_bit("prompt_answers"), 0);
	assert_int_equal(scope_bit("Checkins"), 0);
	assert_int_equal(scope_bit(NULL), 0);
}

static void test_parse(void **state)
{
	(void)state;
	struct err e = {0};
	unsigned set = 0;
	const char *ok[] = {"agreements", "checkins", "agreements"};
	assert_int_equal(scope_parse(ok, 3, &set, &e), 0);
	assert_int_equal(set, SCOPE_CHECKINS | SCOPE_AGREEMENTS);
	const char *all[] = {"checkins", "agreements", "repair_plans", "difference_map"};
	assert_int_equal(scope_parse(all, 4, &set, &e), 0);
	assert_int_equal(set, SCOPE_ALL);
	const char *bad[] = {"checkins", "journal"};
	set = 99;
	assert_int_equal(scope_parse(bad, 2, &set, &e), -1);
	assert_int_equal(e.status, 400);
	assert_string_equal(e.code, "invalid_scope");
	assert_int_equal(set, 99); /* untouched on failure */
	assert_int_equal(scope_parse(NULL, 0, &set, &e), -1);
	assert_string_equal(e.code, "no_scopes");
}

static void test_shared_needs_everyone(void **state)
{
	(void)state;
	struct scope_consent c = {0};
	c.chosen[0] = c.chosen[1] = SCOPE_ALL;
	assert_int_equal(scope_shared(&c), 0); /* nobody said yes yet */
	c.counsellor_joined = 1;
	assert_int_equal(scope_shared(&c), 0);
	c.approved[0] = 1;
	assert_int_equal(scope_shared(&c), 0); /* one partner is not enough */
	c.approved[0] = 0;
	c.approved[1] = 1;
	assert_int_equal(scope_shared(&c), 0);
	c.approved[0] = 1;
	assert_int_equal(scope_shared(&c), SCOPE_ALL);
	c.counsellor_joined = 0;
	assert_int_equal(scope_shared(&c), 0); /* both approved, nobody entered the code */
	c.counsellor_joined = 1;
	c.ended = 1;
	assert_int_equal(scope_shared(&c), 0);
	assert_false(scope_allows(&c, SCOPE_CHECKINS));
}

static void test_shared_is_the_intersection(void **state)
{
	(void)state;
	struct scope_consent c = {.counsellor_joined = 1, .approved = {1, 1}};
	c.chosen[0] = SCOPE_CHECKINS | SCOPE_AGREEMENTS | SCOPE_REPAIR_PLANS;
	c.chosen[1] = SCOPE_AGREEMENTS | SCOPE_DIFFERENCE_MAP | SCOPE_REPAIR_PLANS;
	assert_int_equal(scope_shared(&c), SCOPE_AGREEMENTS | SCOPE_REPAIR_PLANS);
	assert_true(scope_allows(&c, SCOPE_AGREEMENTS));
	assert_false(scope_allows(&c, SCOPE_CHECKINS));
	assert_false(scope_allows(&c, SCOPE_DIFFERENCE_MAP));
	assert_false(scope_allows(&c, 0));
	assert_false(scope_allows(&c, SCOPE_AGREEMENTS | SCOPE_REPAIR_PLANS));
	c.chosen[1] = SCOPE_DIFFERENCE_MAP;
	assert_int_equal(scope_shared(&c), 0); /* disjoint choices share nothing */
	c.chosen[0] = c.chosen[1] = 0xffffffffu;
	assert_int_equal(scope_shared(&c), SCOPE_ALL); /* unknown bits never pass */
	/* the order of the partners does not matter */
	for (unsigned a = 0; a <= SCOPE_ALL; a++)
		for (unsigned b = 0; b <= SCOPE_ALL; b++) {
			struct scope_consent x = {
			    .counsellor_joined = 1, .approved = {1, 1}, .chosen = {a, b}};
			struct scope_consent y = {
			    .counsellor_joined = 1, .approved = {1, 1}, .chosen = {b, a}};
			assert_int_equal(scope_shared(&x), scope_shared(&y));
			assert_int_equal(scope_shared(&x), a & b);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_shared_needs_everyone),
	    cmocka_unit_test(test_shared_is_the_intersection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
