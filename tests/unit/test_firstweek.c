/* Unit tests for couple/firstweek: when a new couple's first steps are shown. */
#include "unit.h"

#include <string.h>

#include "couple/firstweek.h"

#define DAY 86400

static void shown_in_the_first_week_until_hidden_or_done(void **state)
{
	(void)state;
	struct first_week w = { .together_since = 1000 * DAY };
	assert_true(first_week_shown(&w, 1000 * DAY));
	assert_true(first_week_shown(&w, 1007 * DAY)); /* the seventh day still */
	assert_false(first_week_shown(&w, 1007 * DAY + 1));
	w.done[STEP_ANSWER] = w.done[STEP_CHECKIN] = w.done[STEP_RATE] = 1;
	assert_true(first_week_shown(&w, 1001 * DAY)); /* one step left */
	w.done[STEP_DREAM] = 1;
	assert_false(first_week_shown(&w, 1001 * DAY)); /* all done: nothing to suggest */
	struct first_week hidden = { .together_since = 1000 * DAY, .hidden_at = 1000 * DAY + 5 };
	assert_false(first_week_shown(&hidden, 1001 * DAY));
	struct first_week alone = { 0 };
	assert_false(first_week_shown(&alone, 1001 * DAY));
}

static void every_step_has_a_link_and_words(void **state)
{
	(void)state;
	for (int s = 0; s < FIRST_STEP_COUNT; s++) {
		assert_true(first_step_href(s)[0] == '/');
		assert_true(strlen(first_step_words(s)) > 10);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shown_in_the_first_week_until_hidden_or_done),
		cmocka_unit_test(every_step_has_a_link_and_words),
	};
	return cmocka_run_group_tests_name("firstweek", tests, NULL, NULL);
}
