/* repair_stage.c: the stage of a repair and who waits for whom (see repair_stage.h). */
#include "repair_stage.h"

#include <stddef.h>

/* The steps done in order, from the first: a later step counts only when every
 * step before it is done too. */
static unsigned in_order(unsigned bits)
{
	unsigned out = 0;
	for (int k = 0; k < REPAIR_STEP_COUNT && (bits & (1u << k)); k++)
		out |= 1u << k;
	return out;
}

struct repair_status repair_stage_of(struct repair_steps s)
{
	unsigned me = in_order(s.me), partner = in_order(s.partner);
	struct repair_status st = {REPAIR_DONE, REPAIR_WAIT_NONE};
	for (int k = 0; k < REPAIR_STEP_COUNT; k++) {
		int mine = (me >> k) & 1, theirs = (partner >> k) & 1;
		if (mine && theirs)
			continue;
		st.stage = k;
		if (!mine && !theirs)
			st.waiting = REPAIR_WAIT_BOTH;
		else
			st.waiting = mine ? REPAIR_WAIT_PARTNER : REPAIR_WAIT_ME;
		break;
	}
	return st;
}

enum repair_write repair_stage_may_write(struct repair_steps s, enum repair_step step)
{
	int stage = repair_stage_of(s).stage;
	if (stage == REPAIR_DONE)
		return REPAIR_WRITE_CLOSED;
	return (int)step <= stage ? REPAIR_WRITE_OK : REPAIR_WRITE_TOO_EARLY;
}

const char *repair_stage_name(int stage)
{
	static const char *const names[] = {"reflect", "apologise", "respond", "plan", "done"};
	return stage >= 0 && stage <= REPAIR_DONE ? names[stage] : NULL;
}

const char *repair_waiting_name(enum repair_waiting w)
{
	switch (w) {
	case REPAIR_WAIT_BOTH:
		return "both";
	case REPAIR_WAIT_ME:
		return "me";
	case REPAIR_WAIT_PARTNER:
		return "partner";
	case REPAIR_WAIT_NONE:
		break;
	}
	return NULL;
}
