/* ticker.h: a background thread that runs one job again and again: every
 * `period` seconds, sooner when woken, at once again when the job says there
 * is more to do. Used by `duet serve` for the push queue and reminders.
 *
 * The job runs on the ticker's own thread (it has its own database connection,
 * closed with db_thread_done by the job's `done` callback when given). A
 * struct ticker is owned by its module, zeroed, and used by one start/stop
 * pair at a time. */
#ifndef DUET_TICKER_H
#define DUET_TICKER_H

#include <pthread.h>

#include "common.h"

struct ticker {
	/* set by the caller before ticker_start */
	int (*job)(void);     /* 1: run again now, 0: wait for the next tick */
	void (*done)(void);   /* called on the thread as it ends, or NULL */
	int period;           /* seconds between runs */
	int wait_first;       /* wait one period before the first run */
	/* private */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int running, stopping, woken;
};

/* Starts the thread. 0, or -1 when it cannot start. */
int ticker_start(struct ticker *t) WARN_UNUSED_RESULT;

/* Makes the job run soon (a wake before the thread waits is not lost). */
void ticker_wake(struct ticker *t);

/* Stops the thread after its current run and waits for it; safe to call
 * when it never started. */
void ticker_stop(struct ticker *t);

#endif
