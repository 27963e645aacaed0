/* watchdog.c: see watchdog.h. */
#include "watchdog.h"
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static const char *step = "starting to stop";
static int armed;
static int disarmed;

static void *watch(void *arg)
{
	unsigned seconds = (unsigned)(unsigned long)arg;
	struct timespec t = { .tv_sec = 0, .tv_nsec = 100 * 1000 * 1000 };
	for (unsigned i = 0; i < seconds * 10; i++) {
		if (__atomic_load_n(&disarmed, __ATOMIC_ACQUIRE))
			return NULL;
		nanosleep(&t, NULL);
	}
	if (__atomic_load_n(&disarmed, __ATOMIC_ACQUIRE))
		return NULL;
	fprintf(stderr, "duet: still stopping after %u s (at: %s); exiting without waiting further\n",
		seconds, __atomic_load_n(&step, __ATOMIC_ACQUIRE));
	fflush(stderr);
	_exit(1);
}

void watchdog_arm(unsigned seconds)
{
	if (__atomic_exchange_n(&armed, 1, __ATOMIC_ACQ_REL))
		return;
	pthread_t t;
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &a, watch, (void *)(unsigned long)seconds) != 0)
		__atomic_store_n(&armed, 0, __ATOMIC_RELEASE);
	pthread_attr_destroy(&a);
}

void watchdog_step(const char *literal)
{
	__atomic_store_n(&step, literal, __ATOMIC_RELEASE);
}

void watchdog_disarm(void)
{
	__atomic_store_n(&disarmed, 1, __ATOMIC_RELEASE);
}
