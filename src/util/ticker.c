/* ticker.c: a job run by a thread on a period (see ticker.h). */
#include "ticker.h"

#include <time.h>

static void *loop(void *arg)
{
	struct ticker *t = arg;
	int wait = t->wait_first;
	pthread_mutex_lock(&t->mu);
	while (!t->stopping) {
		if (wait && !t->woken) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += t->period;
			while (!t->stopping && !t->woken &&
			       pthread_cond_timedwait(&t->cv, &t->mu, &ts) == 0)
				;
		}
		t->woken = 0;
		if (t->stopping)
			break;
		pthread_mutex_unlock(&t->mu);
		wait = !t->job();
		pthread_mutex_lock(&t->mu);
	}
	pthread_mutex_unlock(&t->mu);
	if (t->done)
		t->done();
	return NULL;
}

int ticker_start(struct ticker *t)
{
	if (pthread_mutex_init(&t->mu, NULL) != 0)
		return -1;
	if (pthread_cond_init(&t->cv, NULL) != 0) {
		pthread_mutex_destroy(&t->mu);
		return -1;
	}
	t->stopping = t->woken = 0;
	if (pthread_create(&t->thread, NULL, loop, t) != 0) {
		pthread_cond_destroy(&t->cv);
		pthread_mutex_destroy(&t->mu);
		return -1;
	}
	t->running = 1;
	return 0;
}

void ticker_wake(struct ticker *t)
{
	if (!t->running)
		return;
	pthread_mutex_lock(&t->mu);
	t->woken = 1;
	pthread_cond_signal(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

void ticker_stop(struct ticker *t)
{
	if (!t->running)
		return;
	pthread_mutex_lock(&t->mu);
	t->stopping = 1;
	pthread_cond_signal(&t->cv);
	pthread_mutex_unlock(&t->mu);
	pthread_join(t->thread, NULL);
	pthread_cond_destroy(&t->cv);
	pthread_mutex_destroy(&t->mu);
	t->running = 0;
}
