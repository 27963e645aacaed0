/* durable.c: group commit (see durable.h). One flusher thread, a queue of
 * suspended requests under one mutex; a flush takes the whole queue. */
#include "durable.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "util/log.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;    /* the flusher: work or stop */
static pthread_cond_t drained = PTHREAD_COND_INITIALIZER; /* durable_drain: queue empty */
static struct req *queue;       /* handed over, not yet taken by a flush */
static int flushing;            /* the flusher holds a batch */
static int on, draining, stopping;
static pthread_t flusher;
static long delay_ms;           /* DUET_SYNC_DELAY_MS */
static struct durable_stats stats;

/* The answer when a flush failed: the write is committed but the disk did not
 * confirm it, so it must not be reported saved. */
static void not_saved(struct req *r)
{
	buf_reset(&r->out);
	r->nheaders = 0;
	(void)req_fail(r, 500, "not_saved",
		       "duet could not make sure that was saved: the server's disk did not "
		       "confirm it. Please try again in a moment.");
}

/* Makes one batch durable and resumes its connections. */
static void flush_batch(struct db *db, struct req *batch)
{
	if (delay_ms > 0) {
		struct timespec ts = { delay_ms / 1000, (delay_ms % 1000) * 1000000L };
		nanosleep(&ts, NULL);
	}
	struct err e = { 0 };
	int rc = db ? db_sync(db, &e) : -1;
	if (rc < 0)
		log_msg("could not flush the database to disk (%s); answering the waiting writes with an error",
			db ? e.msg : "no connection");
	uint64_t n = 0;
	for (struct req *r = batch, *next; r; r = next) {
		next = r->durable_next;
		r->durable_next = NULL;
		if (rc < 0)
			not_saved(r);
		r->durable = DURABLE_DONE;
		n++;
		MHD_resume_connection(r->conn);
	}
	/* After the answers: the WAL folded back into the database when it has
	 * grown, here rather than on a worker thread (db_checkpoint_due). */
	int ran = db && rc == 0 ? db_checkpoint_due(db, &e) : 0;
	if (ran < 0)
		log_msg("could not fold the write-ahead log into the database (%s); "
			"it will be tried again after the next write", e.msg);
	pthread_mutex_lock(&mu);
	stats.flushes++;
	stats.requests += n;
	stats.checkpoints += ran > 0;
	pthread_mutex_unlock(&mu);
}

static void *flusher_main(void *arg)
{
	(void)arg;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	if (!db)
		log_msg("the flusher has no database connection (%s)", e.msg);
	pthread_mutex_lock(&mu);
	for (;;) {
		while (!queue && !stopping)
			pthread_cond_wait(&wake, &mu);
		if (!queue && stopping)
			break;
		struct req *batch = queue;
		queue = NULL;
		flushing = 1;
		pthread_mutex_unlock(&mu);
		flush_batch(db, batch);
		pthread_mutex_lock(&mu);
		flushing = 0;
		if (!queue)
			pthread_cond_broadcast(&drained);
	}
	pthread_mutex_unlock(&mu);
	db_thread_done();
	return NULL;
}

int durable_start(struct err *e)
{
	const char *g = getenv("DUET_GROUP_COMMIT");
	if ((g && !strcmp(g, "0")) || !db_sync_defer())
		return 0;
	const char *d = getenv("DUET_SYNC_DELAY_MS");
	delay_ms = d ? atol(d) : 0;
	stopping = draining = 0;
	if (pthread_create(&flusher, NULL, flusher_main, NULL) != 0)
		return err_set(e, 1, "thread", "could not start the thread that flushes writes to disk");
	on = 1;
	return 0;
}

int durable_on(void)
{
	return on;
}

int durable_wait(struct req *r)
{
	pthread_mutex_lock(&mu);
	int handed = on && !draining;
	if (handed) {
		r->durable = DURABLE_WAITING;
		MHD_suspend_connection(r->conn);
		/* Order within a batch does not matter: one flush covers all. */
		r->durable_next = queue;
		queue = r;
		pthread_cond_signal(&wake);
	}
	pthread_mutex_unlock(&mu);
	if (handed)
		return 1; /* r is the flusher's now: not even r->durable may be read */
	/* Shutting down: flush on this thread. */
	durable_sync_here(r);
	r->durable = DURABLE_DONE;
	return 0;
}

void durable_sync_here(struct req *r)
{
	struct err e = { 0 };
	struct db *db = db_get(&e);
	if (!db || db_sync(db, &e) < 0)
		not_saved(r);
}

void durable_drain(void)
{
	pthread_mutex_lock(&mu);
	draining = 1;
	while (on && (queue || flushing))
		pthread_cond_wait(&drained, &mu);
	pthread_mutex_unlock(&mu);
}

void durable_stop(void)
{
	if (!on)
		return;
	durable_drain();
	pthread_mutex_lock(&mu);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&mu);
	pthread_join(flusher, NULL);
	on = 0;
}

void durable_stats(struct durable_stats *out)
{
	pthread_mutex_lock(&mu);
	*out = stats;
	pthread_mutex_unlock(&mu);
}
