/* Unit tests for crypto/hashpool: jobs run off the caller's thread, the queue
 * is bounded, and stopping runs what was queued. */
#include "unit.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "crypto/hashpool.h"

static _Atomic int ran, exits;
static pthread_mutex_t hold = PTHREAD_MUTEX_INITIALIZER;

static void job(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&hold); /* held by the test to keep the thread busy */
	pthread_mutex_unlock(&hold);
	ran++;
}

static void on_exit_thread(void)
{
	exits++;
}

static void bounded_queue_and_draining_stop(void **state)
{
	(void)state;
	ran = exits = 0;
	pthread_mutex_lock(&hold);
	assert_int_equal(hashpool_start(1, 2, on_exit_thread), 0);
	/* one running and two waiting fit; the fourth is refused at once */
	assert_int_equal(hashpool_submit(job, NULL), 0);
	usleep(50000); /* let the thread take it */
	assert_int_equal(hashpool_submit(job, NULL), 0);
	assert_int_equal(hashpool_submit(job, NULL), 0);
	assert_int_equal(hashpool_submit(job, NULL), -1);
	int waiting, peak;
	hashpool_stats(&waiting, &peak);
	assert_int_equal(waiting, 2);
	assert_int_equal(peak, 2);
	pthread_mutex_unlock(&hold);
	hashpool_stop();
	assert_int_equal(ran, 3);
	assert_int_equal(exits, 1);
	/* stopped: refused */
	assert_int_equal(hashpool_submit(job, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bounded_queue_and_draining_stop),
	};
	return cmocka_run_group_tests_name("hashpool", tests, NULL, NULL);
}
