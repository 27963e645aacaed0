/* hashpool.c: passphrase hashing off the request threads (see hashpool.h). */
#include "hashpool.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS_MAX 64
#define HASH_NICE 10

struct job {
	struct job *next;
	void (*fn)(void *arg);
	void *arg;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;
static struct job *head, *tail;
static int waiting, busy, peak, queue_cap, running, nthreads;
static pthread_t threads[THREADS_MAX];
static void (*on_exit_fn)(void);

static void *worker(void *unused)
{
	(void)unused;
	/* Reads come first: on Linux the nice value is per thread, so only the
	 * hashing yields the processor to the request threads. Best effort. */
	(void)!setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), HASH_NICE);
	pthread_mutex_lock(&lock);
	for (;;) {
		while (!head && running)
			pthread_cond_wait(&work, &lock);
		if (!head)
			break; /* stopped and drained */
		struct job *j = head;
		head = j->next;
		if (!head)
			tail = NULL;
		waiting--;
		busy++;
		pthread_mutex_unlock(&lock);
		j->fn(j->arg);
		free(j);
		pthread_mutex_lock(&lock);
		busy--;
	}
	pthread_mutex_unlock(&lock);
	if (on_exit_fn)
		on_exit_fn();
	return NULL;
}

int hashpool_start(int n, int queue_max, void (*thread_exit)(void))
{
	if (n < 1 || queue_max < 0)
		return -1;
	if (n > THREADS_MAX)
		n = THREADS_MAX;
	pthread_mutex_lock(&lock);
	running = 1;
	queue_cap = queue_max;
	waiting = busy = peak = 0;
	on_exit_fn = thread_exit;
	pthread_mutex_unlock(&lock);
	int made = 0;
	while (made < n && pthread_create(&threads[made], NULL, worker, NULL) == 0)
		made++;
	pthread_mutex_lock(&lock);
	nthreads = made;
	pthread_mutex_unlock(&lock);
	if (made < n) {
		hashpool_stop();
		return -1;
	}
	return 0;
}

int hashpool_submit(void (*fn)(void *arg), void *arg)
{
	struct job *j = malloc(sizeof *j);
	if (!j)
		return -1;
	j->next = NULL;
	j->fn = fn;
	j->arg = arg;
	pthread_mutex_lock(&lock);
	if (!running || waiting + busy >= nthreads + queue_cap) {
		pthread_mutex_unlock(&lock);
		free(j);
		return -1;
	}
	if (tail)
		tail->next = j;
	else
		head = j;
	tail = j;
	if (++waiting > peak)
		peak = waiting;
	pthread_cond_signal(&work);
	pthread_mutex_unlock(&lock);
	return 0;
}

void hashpool_stop(void)
{
	pthread_mutex_lock(&lock);
	running = 0;
	pthread_cond_broadcast(&work);
	pthread_mutex_unlock(&lock);
	pthread_mutex_lock(&lock);
	int n = nthreads;
	nthreads = 0;
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < n; i++)
		pthread_join(threads[i], NULL);
}

void hashpool_stats(int *waiting_out, int *peak_out)
{
	pthread_mutex_lock(&lock);
	if (waiting_out)
		*waiting_out = waiting;
	if (peak_out)
		*peak_out = peak;
	pthread_mutex_unlock(&lock);
}
