/* reminder_sched.c: `duet serve` sends due reminders itself, so that no cron
 * job is needed (see reminder.h). One thread wakes every `every` seconds and
 * runs reminder_run; with several processes on one database each reminder
 * still goes out once (reminder_claim). */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "reminder.h"
#include "util/log.h"

static pthread_t thread;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int running, stopping, period;

static void *loop(void *arg)
{
	(void)arg;
	struct mail_config mc;
	struct err me = { 0 };
	int mail = mail_config_env(&mc, &me);
	if (mail < 0)
		log_msg("reminders: email is set up wrongly (%s); sending push reminders only", me.msg);
	pthread_mutex_lock(&mu);
	while (!stopping) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += period;
		while (!stopping && pthread_cond_timedwait(&cv, &mu, &ts) == 0)
			; /* woken early only to stop */
		if (stopping)
			break;
		pthread_mutex_unlock(&mu);
		int sent = 0, failed = 0;
		struct err e = { 0 };
		if (reminder_run(mail == 1 ? &mc : NULL, stderr, &sent, &failed, &e) < 0)
			log_msg("reminders: %s", e.msg);
		else if (sent || failed)
			log_msg("reminders: %d sent, %d failed", sent, failed);
		db_idle();
		pthread_mutex_lock(&mu);
	}
	pthread_mutex_unlock(&mu);
	db_thread_done();
	return NULL;
}

int reminder_sched_start(int every, struct err *e)
{
	if (every <= 0)
		return 0;
	period = every;
	stopping = 0;
	if (pthread_create(&thread, NULL, loop, NULL) != 0)
		return err_set(e, 500, "reminders", "could not start the reminder thread");
	running = 1;
	return 0;
}

void reminder_sched_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&mu);
	stopping = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	pthread_join(thread, NULL);
	running = 0;
}
