/* hashpool.h: a small pool of threads of its own for passphrase hashing, so that
 * the threads serving requests never do Argon2id work.
 *
 * The server hands the pool a whole request whose handler hashes (sign-up,
 * sign-in, recovery, passphrase checks): it suspends the connection, the pool
 * runs the request and resumes it. The queue is bounded: when it is full,
 * hashpool_submit fails at once and the server answers 503 with Retry-After,
 * while reads keep flowing on the request threads.
 *
 * Invariant: at most `threads` jobs run at once and at most `queue_max` more
 * wait for a thread.
 * Thread-safe. */
#ifndef DUET_HASHPOOL_H
#define DUET_HASHPOOL_H

#include "util/common.h"

/* Starts `threads` pool threads (at least 1) and allows `queue_max` waiting
 * jobs. `thread_exit` (may be NULL) runs on each pool thread as it stops (the
 * server closes the thread's database connection there). 0 / -1. */
int hashpool_start(int threads, int queue_max, void (*thread_exit)(void)) WARN_UNUSED_RESULT;

/* Queues fn(arg) to run on a pool thread. 0, or -1 when the queue is full or the
 * pool is not running; fn is then not called. */
int hashpool_submit(void (*fn)(void *arg), void *arg) WARN_UNUSED_RESULT;

/* Refuses new jobs, runs those already queued, and joins the threads. */
void hashpool_stop(void);

/* Jobs waiting now and the most that waited at once (tests and metrics); either
 * pointer may be NULL. */
void hashpool_stats(int *waiting, int *peak_waiting);

#endif
