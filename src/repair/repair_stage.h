/* repair_stage.h: where a repair stands, and who is waiting for whom. Pure rules,
 * no I/O; the caller reads from the store which steps each partner has done.
 *
 * A repair after a hurt goes through four steps, each written by both partners
 * on their own (modelled on published post-conflict processing; see
 * docs/internals/repair.md):
 *   reflect    feelings, my reality, what it touched in me, my part
 *   apologise  an apology for my part
 *   respond    accept the other's apology, or say what is still needed
 *   plan       one thing I will do next time, one thing I ask of the other
 *
 * Invariants of the rules:
 * - A step opens for both partners once both have done the step before it; the
 *   repair's stage is the first step that not both have done, or done.
 * - Nobody ever goes back: a done step stays done (entries are edited, never
 *   withdrawn), so the stage only moves forward.
 * - While a step is open, each partner may write or change their own entry for it
 *   and for every earlier step. Once the repair is done it is closed: the plans
 *   have become agreements and are changed there.
 * - What a partner wrote for a step is shown to the other once both have written
 *   theirs (lib/reveal.h decides that; these rules only say what is done).
 */
#ifndef DUET_REPAIR_STAGE_H
#define DUET_REPAIR_STAGE_H

enum repair_step {
	REPAIR_REFLECT,
	REPAIR_APOLOGISE,
	REPAIR_RESPOND,
	REPAIR_PLAN,
	REPAIR_STEP_COUNT,
};

/* A repair's stage: the open step, or done (REPAIR_DONE == REPAIR_STEP_COUNT). */
#define REPAIR_DONE REPAIR_STEP_COUNT

/* Who still has to do the open step, seen from one partner ("me"). */
enum repair_waiting {
	REPAIR_WAIT_NONE,    /* the repair is done */
	REPAIR_WAIT_BOTH,    /* neither has done the open step yet */
	REPAIR_WAIT_ME,      /* the partner has done it and waits for me */
	REPAIR_WAIT_PARTNER, /* I have done it and wait for the partner */
};

/* Which steps each partner has done: bit (1u << step). */
struct repair_steps {
	unsigned me;
	unsigned partner;
};

struct repair_status {
	int stage; /* an enum repair_step, or REPAIR_DONE */
	enum repair_waiting waiting;
};

/* Whether a partner may write (or change) their entry for a step now. */
enum repair_write {
	REPAIR_WRITE_OK,
	REPAIR_WRITE_TOO_EARLY, /* both must finish the step before it first */
	REPAIR_WRITE_CLOSED,    /* the repair is done */
};

/* The stage and who waits for whom. Bits beyond the four steps are ignored; a
 * step marked done while an earlier one is not (which the store never records)
 * does not count. */
struct repair_status repair_stage_of(struct repair_steps s);

/* May "me" write `step` now? */
enum repair_write repair_stage_may_write(struct repair_steps s, enum repair_step step);

/* "reflect", "apologise", "respond", "plan", "done"; NULL out of range. Static. */
const char *repair_stage_name(int stage);

/* "both", "me", "partner", or NULL for REPAIR_WAIT_NONE. Static. */
const char *repair_waiting_name(enum repair_waiting w);

#endif
