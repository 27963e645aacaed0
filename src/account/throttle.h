/* throttle.h: how long a sign-in must wait after failures (pure). */
#ifndef DUET_THROTTLE_H
#define DUET_THROTTLE_H

#include <stdint.h>

#define THROTTLE_FORGET 3600 /* failures older than this are forgotten */
#define THROTTLE_MAX_WAIT 900

/* Seconds still to wait before another attempt, 0 when one is allowed.
 * `free_tries` failures are allowed without waiting; each further failure
 * doubles the wait from 30 seconds, up to 15 minutes. */
int throttle_wait(int64_t failures, int64_t last_at, int64_t now, int64_t free_tries);

/* Seconds until one more event is allowed when at most `limit` may happen in a
 * window of `window` seconds that began at `since` and has seen `count` so far;
 * 0 when allowed (always when limit <= 0, or the window has passed). */
int throttle_window_wait(int64_t count, int64_t since, int64_t now, int64_t limit,
			 int64_t window);

/* 1 when the counter is old enough to be forgotten. */
int throttle_stale(int64_t last_at, int64_t now);

#endif
