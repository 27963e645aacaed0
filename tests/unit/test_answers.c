/* Unit tests for know/answers: what a viewer sees of a round in every case,
 * the "seen" rule, list states, and prompt ids. */
#include "unit.h"

#include <string.h>

#include "know/answers.h"
#include "know/deck.h"

static void views_of_every_round(void **state)
{
	(void)state;
	static const struct {
		int mine, partner, seen;
		enum reveal_view want_mine, want_partner;
		int thread, mark;
	} cases[] = {
	    /* Nobody has answered. */
	    {0, 0, 0, REVEAL_PENDING, REVEAL_PENDING, 0, 0},
	    /* The partner answered first: only that, never the text. */
	    {0, 1, 0, REVEAL_PENDING, REVEAL_ANSWERED, 0, 0},
	    {0, 1, 1, REVEAL_PENDING, REVEAL_ANSWERED, 0, 0},
	    /* The viewer answered first: their own answer, and that the partner has not. */
	    {1, 0, 0, REVEAL_FULL, REVEAL_PENDING, 0, 0},
	    /* Both: everything, and the partner's answer counts as seen once. */
	    {1, 1, 0, REVEAL_FULL, REVEAL_FULL, 1, 1},
	    {1, 1, 1, REVEAL_FULL, REVEAL_FULL, 1, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		for (int talked = 0; talked <= 1; talked++) {
			struct answers_facts f = {cases[i].mine, cases[i].partner, cases[i].seen,
			                          talked};
			struct answers_view v;
			answers_view(&f, &v);
			if (v.mine != cases[i].want_mine || v.partner != cases[i].want_partner ||
			    v.thread != cases[i].thread || v.mark_seen != cases[i].mark)
				fail_msg(
				    "case %zu (talked %d): mine %d partner %d thread %d mark %d", i,
				    talked, v.mine, v.partner, v.thread, v.mark_seen);
		}
	}
	/* Talking about it together never shows a written answer early. */
	struct answers_facts f = {0, 1, 0, 1};
	struct answers_view v;
	answers_view(&f, &v);
	assert_int_equal(v.partner, REVEAL_ANSWERED);
	/* Any non-zero value counts as true. */
	struct answers_facts g = {5, 9, 0, 0};
	answers_view(&g, &v);
	assert_int_equal(v.partner, REVEAL_FULL);
}

static void states_for_lists(void **state)
{
	(void)state;
	struct answers_facts f = {0, 0, 0, 0};
	assert_int_equal(answers_state(&f), ANSWERS_NEW);
	f.talked = 1;
	assert_int_equal(answers_state(&f), ANSWERS_ANSWERED); /* spoken, not written */
	f = (struct answers_facts){1, 0, 0, 0};
	assert_int_equal(answers_state(&f), ANSWERS_WAITING);
	f = (struct answers_facts){0, 1, 0, 1};
	assert_int_equal(answers_state(&f), ANSWERS_WAITING); /* one wrote after talking */
	f = (struct answers_facts){1, 1, 1, 0};
	assert_int_equal(answers_state(&f), ANSWERS_ANSWERED);
	for (int s = 0; s < ANSWERS_STATES; s++)
		assert_int_equal(answers_state_parse(answers_state_slug((enum answers_state)s)), s);
	assert_string_equal(answers_state_slug(ANSWERS_WAITING), "waiting");
	assert_null(answers_state_slug(ANSWERS_STATES));
	assert_int_equal(answers_state_parse("Answered"), -1);
	assert_int_equal(answers_state_parse(""), -1);
	assert_int_equal(answers_state_parse(NULL), -1);
}

static void prompt_ids(void **state)
{
	(void)state;
	assert_true(answers_id_valid("dreams-2-05"));
	assert_true(answers_id_valid("own-17"));
	assert_true(answers_id_valid("a"));
	assert_false(answers_id_valid(""));
	assert_false(answers_id_valid(NULL));
	assert_false(answers_id_valid("1abc"));
	assert_false(answers_id_valid("-abc"));
	assert_false(answers_id_valid("Dreams-2-05"));
	assert_false(answers_id_valid("dreams 2"));
	assert_false(answers_id_valid("dreams/../x"));
	assert_false(answers_id_valid("dr\xc3\xa9"
	                              "ams"));
	char longest[DECK_ID_MAX + 2];
	memset(longest, 'a', sizeof longest);
	longest[DECK_ID_MAX] = '\0';
	assert_true(answers_id_valid(longest));
	longest[DECK_ID_MAX] = 'a';
	longest[DECK_ID_MAX + 1] = '\0';
	assert_false(answers_id_valid(longest));

	assert_int_equal(answers_own_number("own-17"), 17);
	assert_int_equal(answers_own_number("own-1"), 1);
	assert_int_equal(answers_own_number("own-999999999999999"), 999999999999999LL);
	assert_int_equal(answers_own_number("own-9999999999999999"), 0); /* too long */
	assert_int_equal(answers_own_number("own-0"), 0);
	assert_int_equal(answers_own_number("own-017"), 0);
	assert_int_equal(answers_own_number("own-"), 0);
	assert_int_equal(answers_own_number("own-1a"), 0);
	assert_int_equal(answers_own_number("own-+1"), 0);
	assert_int_equal(answers_own_number("dreams-2-05"), 0);
	assert_int_equal(answers_own_number("owner-1"), 0);
	assert_int_equal(answers_own_number(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(views_of_every_round),
	    cmocka_unit_test(states_for_lists),
	    cmocka_unit_test(prompt_ids),
	};
	return cmocka_run_group_tests_name("answers", tests, NULL, NULL);
}
