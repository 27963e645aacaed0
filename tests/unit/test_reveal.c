/* Unit tests for lib/reveal: every combination of role and answered flags, the
 * "seen" rule and the edit rules. */
#include "unit.h"

#include "lib/reveal.h"

static void every_combination(void **state)
{
	(void)state;
	static const struct {
		enum reveal_role role;
		int author, other;
		enum reveal_view want;
	} cases[] = {
	    /* Outsiders see nothing at all, whatever has been written. */
	    {REVEAL_OUTSIDER, 0, 0, REVEAL_NOTHING},
	    {REVEAL_OUTSIDER, 0, 1, REVEAL_NOTHING},
	    {REVEAL_OUTSIDER, 1, 0, REVEAL_NOTHING},
	    {REVEAL_OUTSIDER, 1, 1, REVEAL_NOTHING},
	    /* Authors see their own entry once it exists. */
	    {REVEAL_AUTHOR, 0, 0, REVEAL_PENDING},
	    {REVEAL_AUTHOR, 0, 1, REVEAL_PENDING},
	    {REVEAL_AUTHOR, 1, 0, REVEAL_FULL},
	    {REVEAL_AUTHOR, 1, 1, REVEAL_FULL},
	    /* The partner sees it only after answering too. */
	    {REVEAL_PARTNER, 0, 0, REVEAL_PENDING},
	    {REVEAL_PARTNER, 0, 1, REVEAL_PENDING},
	    {REVEAL_PARTNER, 1, 0, REVEAL_ANSWERED},
	    {REVEAL_PARTNER, 1, 1, REVEAL_FULL},
	    /* A counsellor, only once both partners have answered. */
	    {REVEAL_COUNSELLOR, 0, 0, REVEAL_PENDING},
	    {REVEAL_COUNSELLOR, 0, 1, REVEAL_PENDING},
	    {REVEAL_COUNSELLOR, 1, 0, REVEAL_ANSWERED},
	    {REVEAL_COUNSELLOR, 1, 1, REVEAL_FULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct reveal_input in = {cases[i].role, cases[i].author, cases[i].other};
		enum reveal_view got = reveal_view(&in);
		if (got != cases[i].want)
			fail_msg("role %d, author %d, other %d: got %d, want %d", cases[i].role,
			         cases[i].author, cases[i].other, got, cases[i].want);
	}
	/* Any value set to non-zero counts as true; an unknown role sees nothing. */
	struct reveal_input in = {REVEAL_PARTNER, 7, 2};
	assert_int_equal(reveal_view(&in), REVEAL_FULL);
	in.role = (enum reveal_role)99;
	assert_int_equal(reveal_view(&in), REVEAL_NOTHING);
}

static void only_the_partner_seeing_it_counts_as_seen(void **state)
{
	(void)state;
	for (int r = REVEAL_OUTSIDER; r <= REVEAL_COUNSELLOR; r++)
		for (int v = REVEAL_NOTHING; v <= REVEAL_FULL; v++)
			assert_int_equal(
			    reveal_marks_seen((enum reveal_role)r, (enum reveal_view)v),
			    r == REVEAL_PARTNER && v == REVEAL_FULL);
}

static void only_the_author_edits(void **state)
{
	(void)state;
	assert_true(reveal_edit_allowed(REVEAL_AUTHOR));
	assert_false(reveal_edit_allowed(REVEAL_PARTNER));
	assert_false(reveal_edit_allowed(REVEAL_COUNSELLOR));
	assert_false(reveal_edit_allowed(REVEAL_OUTSIDER));
	assert_false(reveal_edit_allowed((enum reveal_role)99));
}

static void edits_after_being_seen_are_marked(void **state)
{
	(void)state;
	assert_false(reveal_edit_marked_edited(0));
	assert_true(reveal_edit_marked_edited(1));
	assert_true(reveal_edit_marked_edited(5));
	/* The whole story: written, answered-only, seen, then edited. */
	struct reveal_input in = {REVEAL_PARTNER, 1, 0};
	int seen = reveal_marks_seen(in.role, reveal_view(&in));
	assert_false(seen);
	assert_false(reveal_edit_marked_edited(seen)); /* still a silent edit */
	in.other_answered = 1;
	seen = reveal_marks_seen(in.role, reveal_view(&in));
	assert_true(seen);
	assert_true(reveal_edit_marked_edited(seen));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_combination),
	    cmocka_unit_test(only_the_partner_seeing_it_counts_as_seen),
	    cmocka_unit_test(only_the_author_edits),
	    cmocka_unit_test(edits_after_being_seen_are_marked),
	};
	return cmocka_run_group_tests_name("reveal", tests, NULL, NULL);
}
