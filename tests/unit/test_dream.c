/* Unit tests for dreams/dream: kinds, statuses and curious questions. */
#include "unit.h"

#include <string.h>

#include "know/deck.h"
#include "dreams/dream.h"

static void kinds_and_statuses_round_trip(void **state)
{
	(void)state;
	for (int k = 0; k < DREAM_KINDS; k++) {
		assert_int_equal(dream_kind_parse(dream_kind_slug(k)), k);
		assert_non_null(dream_kind_title(k));
	}
	for (int s = 0; s < DREAM_STATUSES; s++) {
		assert_int_equal(dream_status_parse(dream_status_slug(s)), s);
		assert_non_null(dream_status_title(s));
	}
	assert_int_equal(dream_kind_parse("desire"), DREAM_DESIRE);
	assert_int_equal(dream_status_parse("living_it"), DREAM_LIVING_IT);
	assert_string_equal(dream_status_title(DREAM_SET_ASIDE), "Set aside");
	assert_int_equal(dream_kind_parse("Dream"), -1);
	assert_int_equal(dream_kind_parse("plan"), -1);
	assert_int_equal(dream_kind_parse(NULL), -1);
	assert_int_equal(dream_status_parse("living it"), -1);
	assert_int_equal(dream_status_parse(""), -1);
	assert_null(dream_kind_slug(DREAM_KINDS));
	assert_null(dream_kind_slug(-1));
	assert_null(dream_status_title(DREAM_STATUSES));
}

static void questions_are_open_and_curious(void **state)
{
	(void)state;
	size_t n = dream_question_count();
	assert_true(n >= 3);
	assert_null(dream_question(n));
	int meaning = 0, origin = 0, step = 0;
	for (size_t i = 0; i < n; i++) {
		const char *q = dream_question(i);
		size_t len = strlen(q);
		assert_true(len > 10 && len < 120);
		assert_int_equal(q[len - 1], '?');
		/* Questions, never advice, and never answerable with yes or no. */
		assert_false(deck_closed_question(q, len));
		assert_null(strstr(q, "should"));
		assert_null(strstr(q, "You need"));
		meaning |= strstr(q, "mean") != NULL;
		origin |= strstr(q, "come from") != NULL;
		step |= strstr(q, "first small step") != NULL;
	}
	assert_true(meaning && origin && step);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(kinds_and_statuses_round_trip),
	    cmocka_unit_test(questions_are_open_and_curious),
	};
	return cmocka_run_group_tests_name("dream", tests, NULL, NULL);
}
