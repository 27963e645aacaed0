/* Unit tests for repair/repair_stage: the stage of a repair and who waits for whom,
 * for every combination of steps done, and when a partner may write a step. */
#include "unit.h"

#include "repair/repair_stage.h"

#define R (1u << REPAIR_REFLECT)
#define A (1u << REPAIR_APOLOGISE)
#define S (1u << REPAIR_RESPOND)
#define P (1u << REPAIR_PLAN)

static void stage_and_waiting(void **state)
{
	(void)state;
	static const struct {
		unsigned me, partner;
		int stage;
		enum repair_waiting waiting;
	} cases[] = {
	    /* a new repair: both can reflect */
	    {0, 0, REPAIR_REFLECT, REPAIR_WAIT_BOTH},
	    {R, 0, REPAIR_REFLECT, REPAIR_WAIT_PARTNER},
	    {0, R, REPAIR_REFLECT, REPAIR_WAIT_ME},
	    {R, R, REPAIR_APOLOGISE, REPAIR_WAIT_BOTH},
	    {R | A, R, REPAIR_APOLOGISE, REPAIR_WAIT_PARTNER},
	    {R, R | A, REPAIR_APOLOGISE, REPAIR_WAIT_ME},
	    {R | A, R | A, REPAIR_RESPOND, REPAIR_WAIT_BOTH},
	    {R | A | S, R | A, REPAIR_RESPOND, REPAIR_WAIT_PARTNER},
	    {R | A, R | A | S, REPAIR_RESPOND, REPAIR_WAIT_ME},
	    {R | A | S, R | A | S, REPAIR_PLAN, REPAIR_WAIT_BOTH},
	    {R | A | S | P, R | A | S, REPAIR_PLAN, REPAIR_WAIT_PARTNER},
	    {R | A | S, R | A | S | P, REPAIR_PLAN, REPAIR_WAIT_ME},
	    {R | A | S | P, R | A | S | P, REPAIR_DONE, REPAIR_WAIT_NONE},
	    /* one partner ahead by more than a step: the stage is the first step not
	     * both have done, and the one ahead waits */
	    {R | A | S | P, R, REPAIR_APOLOGISE, REPAIR_WAIT_PARTNER},
	    {R, R | A | S, REPAIR_APOLOGISE, REPAIR_WAIT_ME},
	    /* a later step without an earlier one does not count */
	    {A | S | P, A | S | P, REPAIR_REFLECT, REPAIR_WAIT_BOTH},
	    {R | S, R | A, REPAIR_APOLOGISE, REPAIR_WAIT_ME},
	    {R | A | P, R | A | S | P, REPAIR_RESPOND, REPAIR_WAIT_ME},
	    /* bits beyond the four steps are ignored */
	    {R | A | S | P | 0xf0u, R | A | S | P, REPAIR_DONE, REPAIR_WAIT_NONE},
	    {0xf0u, 0, REPAIR_REFLECT, REPAIR_WAIT_BOTH},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct repair_steps s = {cases[i].me, cases[i].partner};
		struct repair_status st = repair_stage_of(s);
		if (st.stage != cases[i].stage || st.waiting != cases[i].waiting)
			fail_msg("case %zu (me %#x, partner %#x): stage %d waiting %d, want %d %d",
			         i, cases[i].me, cases[i].partner, st.stage, st.waiting,
			         cases[i].stage, cases[i].waiting);
	}
}

/* Swapping the two partners swaps who waits, and never changes the stage. */
static void symmetric(void **state)
{
	(void)state;
	for (unsigned me = 0; me < 16; me++) {
		for (unsigned partner = 0; partner < 16; partner++) {
			struct repair_status a =
			    repair_stage_of((struct repair_steps){me, partner});
			struct repair_status b =
			    repair_stage_of((struct repair_steps){partner, me});
			assert_int_equal(a.stage, b.stage);
			enum repair_waiting mirror =
			    a.waiting == REPAIR_WAIT_ME        ? REPAIR_WAIT_PARTNER
			    : a.waiting == REPAIR_WAIT_PARTNER ? REPAIR_WAIT_ME
			                                       : a.waiting;
			assert_int_equal(b.waiting, mirror);
			assert_int_equal(a.stage == REPAIR_DONE, a.waiting == REPAIR_WAIT_NONE);
		}
	}
}

/* Doing one more step never moves the stage back. */
static void only_forward(void **state)
{
	(void)state;
	for (unsigned me = 0; me < 16; me++)
		for (unsigned partner = 0; partner < 16; partner++)
			for (int k = 0; k < REPAIR_STEP_COUNT; k++) {
				int before =
				    repair_stage_of((struct repair_steps){me, partner}).stage;
				int after =
				    repair_stage_of((struct repair_steps){me | (1u << k), partner})
				        .stage;
				assert_true(after >= before);
			}
}

static void may_write(void **state)
{
	(void)state;
	struct repair_steps fresh = {0, 0};
	assert_int_equal(repair_stage_may_write(fresh, REPAIR_REFLECT), REPAIR_WRITE_OK);
	assert_int_equal(repair_stage_may_write(fresh, REPAIR_APOLOGISE), REPAIR_WRITE_TOO_EARLY);
	assert_int_equal(repair_stage_may_write(fresh, REPAIR_PLAN), REPAIR_WRITE_TOO_EARLY);

	/* having reflected alone does not open the apology */
	struct repair_steps ahead = {R, 0};
	assert_int_equal(repair_stage_may_write(ahead, REPAIR_REFLECT), REPAIR_WRITE_OK);
	assert_int_equal(repair_stage_may_write(ahead, REPAIR_APOLOGISE), REPAIR_WRITE_TOO_EARLY);

	/* at the response step, earlier entries may still change */
	struct repair_steps respond = {R | A, R | A | S};
	assert_int_equal(repair_stage_may_write(respond, REPAIR_REFLECT), REPAIR_WRITE_OK);
	assert_int_equal(repair_stage_may_write(respond, REPAIR_APOLOGISE), REPAIR_WRITE_OK);
	assert_int_equal(repair_stage_may_write(respond, REPAIR_RESPOND), REPAIR_WRITE_OK);
	assert_int_equal(repair_stage_may_write(respond, REPAIR_PLAN), REPAIR_WRITE_TOO_EARLY);

	/* my plan may change until the partner's plan completes the repair */
	struct repair_steps planned = {R | A | S | P, R | A | S};
	assert_int_equal(repair_stage_may_write(planned, REPAIR_PLAN), REPAIR_WRITE_OK);

	struct repair_steps done = {R | A | S | P, R | A | S | P};
	for (int k = 0; k < REPAIR_STEP_COUNT; k++)
		assert_int_equal(repair_stage_may_write(done, (enum repair_step)k),
		                 REPAIR_WRITE_CLOSED);
}

static void names(void **state)
{
	(void)state;
	assert_string_equal(repair_stage_name(REPAIR_REFLECT), "reflect");
	assert_string_equal(repair_stage_name(REPAIR_APOLOGISE), "apologise");
	assert_string_equal(repair_stage_name(REPAIR_RESPOND), "respond");
	assert_string_equal(repair_stage_name(REPAIR_PLAN), "plan");
	assert_string_equal(repair_stage_name(REPAIR_DONE), "done");
	assert_null(repair_stage_name(-1));
	assert_null(repair_stage_name(REPAIR_DONE + 1));
	assert_string_equal(repair_waiting_name(REPAIR_WAIT_BOTH), "both");
	assert_string_equal(repair_waiting_name(REPAIR_WAIT_ME), "me");
	assert_string_equal(repair_waiting_name(REPAIR_WAIT_PARTNER), "partner");
	assert_null(repair_waiting_name(REPAIR_WAIT_NONE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(stage_and_waiting),
	    cmocka_unit_test(symmetric),
	    cmocka_unit_test(only_forward),
	    cmocka_unit_test(may_write),
	    cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
