/* gate.h: a counting semaphore (mutex + condition variable) that also records how
 * many holders it has had at once, so a bound on concurrent work can be checked.
 *
 * Invariant: 0 <= in_flight <= max whenever max was not lowered while holders were
 * inside; peak is the highest in_flight seen since the last gate_set_max().
 * A gate with max 0 is closed: gate_enter() fails instead of waiting forever.
 */
#ifndef DUET_GATE_H
#define DUET_GATE_H

#include "util/common.h"

#include <pthread.h>

struct gate {
	pthread_mutex_t lock;
	pthread_cond_t freed;
	int max;       /* holders allowed at once; 0 = closed */
	int in_flight; /* holders now */
	int peak;      /* most holders at once since gate_set_max() */
};

#define GATE_INIT { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0 }

/* Sets how many may hold the gate at once and resets the peak; wakes waiters. */
void gate_set_max(struct gate *g, int max);

/* Waits for a free slot and takes it. 0, or -1 when the gate is closed (max 0). */
int gate_enter(struct gate *g) WARN_UNUSED_RESULT;

/* Gives back a slot taken by gate_enter(). */
void gate_leave(struct gate *g);

/* Copies the current number of holders and the peak; either pointer may be NULL. */
void gate_stats(struct gate *g, int *in_flight, int *peak);

#endif
