/* Unit tests for conversations/script: the steps of each kind, who may pass
 * the floor, moving on only after each has had the floor, the flooding break of
 * at least twenty minutes, outcomes only at the end, and filling in names. */
#include "unit.h"

#include <string.h>

#include "conversations/script.h"

enum { ANA = 11, BEN = 22, EVE = 33, T0 = 1000000 };

static void kinds_and_steps(void **state)
{
	(void)state;
	assert_int_equal(script_kind_parse("weekly"), SCRIPT_WEEKLY);
	assert_int_equal(script_kind_parse("stress"), SCRIPT_STRESS);
	assert_int_equal(script_kind_parse("speaker_listener"), SCRIPT_SPEAKER_LISTENER);
	assert_int_equal(script_kind_parse("Weekly"), -1);
	assert_int_equal(script_kind_parse(NULL), -1);
	assert_null(script_kind_slug(SCRIPT_KINDS));
	assert_int_equal(script_step_count(-1), 0);
	assert_null(script_step(SCRIPT_WEEKLY, script_step_count(SCRIPT_WEEKLY)));
	/* the weekly meeting: appreciations first, then one issue, then a decision */
	assert_string_equal(script_step(SCRIPT_WEEKLY, 1)->slug, "appreciations");
	assert_string_equal(script_step(SCRIPT_WEEKLY, 2)->slug, "issue");
	assert_string_equal(script_step(SCRIPT_WEEKLY, 3)->slug, "decide");
	for (int k = 0; k < SCRIPT_KINDS; k++) {
		assert_non_null(script_kind_title(k));
		assert_non_null(script_kind_about(k));
		int turns = 0;
		for (int i = 0; i < script_step_count(k); i++) {
			const struct script_step *st = script_step(k, i);
			assert_non_null(st->both);
			if (st->mode == SCRIPT_TURNS) {
				turns++;
				assert_non_null(st->speaker);
				assert_non_null(st->listener);
			} else {
				assert_null(st->speaker);
			}
		}
		assert_true(turns >= 1);
		/* every kind ends with a together step, where an outcome can be chosen */
		assert_int_equal(script_step(k, script_step_count(k) - 1)->mode, SCRIPT_TOGETHER);
	}
	assert_int_equal(script_outcome_parse("agreement"), SCRIPT_OUT_AGREEMENT);
	assert_int_equal(script_outcome_parse("promise"), -1);
	assert_string_equal(script_outcome_slug(SCRIPT_OUT_DREAM), "dream");
}

static void only_the_holder_passes_the_floor(void **state)
{
	(void)state;
	struct script_state s = script_start(SCRIPT_SPEAKER_LISTENER, ANA, BEN, 0);
	/* step 0 is for both: there is no floor to pass yet */
	assert_int_equal(script_check(&s, SCRIPT_PASS, ANA, T0, 0), SCRIPT_NO_FLOOR);
	assert_string_equal(script_role(&s, ANA), "both");
	assert_int_equal(script_check(&s, SCRIPT_NEXT, BEN, T0, 0), SCRIPT_OK);
	script_apply(&s, SCRIPT_NEXT, T0);
	assert_string_equal(script_role(&s, ANA), "speaker");
	assert_string_equal(script_role(&s, BEN), "listener");
	assert_int_equal(script_check(&s, SCRIPT_PASS, BEN, T0, 0), SCRIPT_NOT_HOLDER);
	assert_int_equal(script_check(&s, SCRIPT_PASS, EVE, T0, 0), SCRIPT_NOT_A_PARTNER);
	/* no moving on until each has had the floor */
	assert_int_equal(script_check(&s, SCRIPT_NEXT, ANA, T0, 0), SCRIPT_TURNS_FIRST);
	assert_int_equal(script_check(&s, SCRIPT_PASS, ANA, T0, 0), SCRIPT_OK);
	script_apply(&s, SCRIPT_PASS, T0);
	assert_int_equal(s.holder, BEN);
	assert_int_equal(s.other, ANA);
	assert_string_equal(script_role(&s, BEN), "speaker");
	assert_int_equal(script_check(&s, SCRIPT_PASS, ANA, T0, 0), SCRIPT_NOT_HOLDER);
	assert_int_equal(script_check(&s, SCRIPT_NEXT, ANA, T0, 0), SCRIPT_OK);
	script_apply(&s, SCRIPT_NEXT, T0);
	assert_int_equal(s.passes, 0);
	assert_int_equal(script_check(&s, SCRIPT_NEXT, ANA, T0, 0), SCRIPT_LAST_STEP);
}

static void a_shared_screen_passes_for_either(void **state)
{
	(void)state;
	struct script_state s = script_start(SCRIPT_STRESS, ANA, BEN, 1);
	script_apply(&s, SCRIPT_NEXT, T0);
	assert_int_equal(script_check(&s, SCRIPT_PASS, BEN, T0, 0), SCRIPT_OK);
	assert_int_equal(script_check(&s, SCRIPT_PASS, EVE, T0, 0), SCRIPT_NOT_A_PARTNER);
}

static void a_break_lasts_twenty_minutes(void **state)
{
	(void)state;
	struct script_state s = script_start(SCRIPT_WEEKLY, ANA, BEN, 0);
	script_apply(&s, SCRIPT_NEXT, T0);
	/* the listener may ask for a break too */
	assert_int_equal(script_check(&s, SCRIPT_BREAK, BEN, T0, 0), SCRIPT_OK);
	script_apply(&s, SCRIPT_BREAK, T0);
	assert_int_equal(s.break_until, T0 + 20 * 60);
	assert_string_equal(script_role(&s, ANA), "both");
	assert_int_equal(script_check(&s, SCRIPT_BREAK, ANA, T0, 0), SCRIPT_ON_BREAK);
	assert_int_equal(script_check(&s, SCRIPT_PASS, ANA, T0, 0), SCRIPT_ON_BREAK);
	assert_int_equal(script_check(&s, SCRIPT_NEXT, ANA, T0, 0), SCRIPT_ON_BREAK);
	assert_int_equal(script_check(&s, SCRIPT_RESUME, ANA, T0 + 20 * 60 - 1, 0),
	                 SCRIPT_BREAK_NOT_OVER);
	assert_int_equal(script_check(&s, SCRIPT_RESUME, ANA, T0 + 20 * 60, 0), SCRIPT_OK);
	script_apply(&s, SCRIPT_RESUME, T0 + 20 * 60);
	assert_int_equal(s.break_until, 0);
	assert_int_equal(script_check(&s, SCRIPT_RESUME, ANA, T0 + 20 * 60, 0), SCRIPT_NO_BREAK);
	assert_int_equal(script_check(&s, SCRIPT_PASS, ANA, T0 + 20 * 60, 0), SCRIPT_OK);
}

static void outcomes_only_at_the_end(void **state)
{
	(void)state;
	struct script_state s = script_start(SCRIPT_WEEKLY, ANA, BEN, 0);
	assert_int_equal(script_check(&s, SCRIPT_END, ANA, T0, SCRIPT_OUT_AGREEMENT),
	                 SCRIPT_NOT_YET);
	assert_int_equal(script_check(&s, SCRIPT_END, ANA, T0, SCRIPT_OUT_NONE), SCRIPT_OK);
	for (int i = 0; i < 3; i++) {
		script_apply(&s, SCRIPT_NEXT, T0);
		if (script_step(s.kind, s.step)->mode == SCRIPT_TURNS)
			script_apply(&s, SCRIPT_PASS, T0);
	}
	assert_int_equal(s.step, 3);
	assert_int_equal(script_check(&s, SCRIPT_END, BEN, T0, SCRIPT_OUT_DREAM), SCRIPT_OK);
	script_apply(&s, SCRIPT_BREAK, T0);
	assert_int_equal(script_check(&s, SCRIPT_END, BEN, T0, SCRIPT_OUT_AGREEMENT),
	                 SCRIPT_ON_BREAK);
	assert_int_equal(script_check(&s, SCRIPT_END, BEN, T0, SCRIPT_OUT_NONE), SCRIPT_OK);
	script_apply(&s, SCRIPT_END, T0);
	assert_int_equal(s.break_until, 0);
	assert_int_equal(script_check(&s, SCRIPT_END, BEN, T0, SCRIPT_OUT_NONE), SCRIPT_ENDED);
	assert_int_equal(script_check(&s, SCRIPT_BREAK, BEN, T0, 0), SCRIPT_ENDED);
}

static void fills_in_the_other_name(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(script_fill(out, sizeof out, "Tell {other} what {other} needs.", "Ana"),
	                 strlen("Tell Ana what Ana needs."));
	assert_string_equal(out, "Tell Ana what Ana needs.");
	char tiny[6];
	assert_int_equal(script_fill(tiny, sizeof tiny, "{other} has it", "Benedikt"), 15);
	assert_string_equal(tiny, "Bened");
	assert_int_equal(script_fill(NULL, 0, "{other}", "Bo"), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(kinds_and_steps),
	    cmocka_unit_test(only_the_holder_passes_the_floor),
	    cmocka_unit_test(a_shared_screen_passes_for_either),
	    cmocka_unit_test(a_break_lasts_twenty_minutes),
	    cmocka_unit_test(outcomes_only_at_the_end),
	    cmocka_unit_test(fills_in_the_other_name),
	};
	return cmocka_run_group_tests_name("script", tests, NULL, NULL);
}
