/* together.h: the arithmetic of a together-mode session, one screen for two.
 * Pure, no I/O. Which prompt comes at a step and who answers it first is
 * know/pacing's (pacing_together_next); this module says which set a step is
 * in, when a set starts, when the couple has walked every open level once (the
 * gentle end), and how long a set has been going.
 *
 * A set is `per_level` prompts (PACING_TOGETHER_PER_LEVEL by default), one
 * level's worth: light, then personal, then vulnerable, as far as the couple's
 * levels are open. After the deepest open level's set the session may go on,
 * a set at a time, at the deepest level. A set is meant to take about
 * TOGETHER_SET_MINUTES; the timer only informs, it never hurries.
 */
#ifndef DUET_TOGETHER_H
#define DUET_TOGETHER_H

#include <stdint.h>

#define TOGETHER_SET_MINUTES 15 /* suggested length of one set */

struct together_set {
	unsigned number;   /* the set this step is in, from 1 */
	unsigned position; /* the step's place in its set, from 1 */
	unsigned size;     /* prompts in a set */
	int starts;        /* 1 when the step is the first of its set */
	int full_round;    /* 1 when every open level has had its set before this step */
};

/* Where step `step` (0 for the session's first prompt) stands, with `n_open`
 * levels open (at least 1) and `per_level` prompts a set (0 for the default). */
void together_set_at(unsigned step, unsigned n_open, unsigned per_level, struct together_set *out);

/* Whole minutes from `since` to `now`, 0 when `now` is earlier. */
int64_t together_minutes(int64_t since, int64_t now);

/* Number of levels set in a pacing_levels.open mask (bits 1..3). */
unsigned together_open_count(unsigned open_mask);

#endif
