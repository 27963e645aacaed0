/* throttle.c: sign-in back-off (see throttle.h). */
#include "throttle.h"

int throttle_stale(int64_t last_at, int64_t now)
{
	return now - last_at > THROTTLE_FORGET;
}

int throttle_wait(int64_t failures, int64_t last_at, int64_t now, int64_t free_tries)
{
	if (failures < free_tries || throttle_stale(last_at, now))
		return 0;
	int64_t over = failures - free_tries; /* 0 for the first locked attempt */
	int64_t wait = 30;
	for (int64_t i = 0; i < over && wait < THROTTLE_MAX_WAIT; i++)
		wait *= 2;
	if (wait > THROTTLE_MAX_WAIT)
		wait = THROTTLE_MAX_WAIT;
	int64_t left = last_at + wait - now;
	return left > 0 ? (int)left : 0;
}

int throttle_window_wait(int64_t count, int64_t since, int64_t now, int64_t limit,
			 int64_t window)
{
	if (limit <= 0 || count < limit || now - since >= window)
		return 0;
	return (int)(since + window - now);
}
