/* reminder_sched.c: `duet serve` sends due reminders itself, so that no cron
 * job is needed (see reminder.h). A ticker thread runs reminder_run every
 * `every` seconds; with several processes on one database each reminder still
 * goes out once (reminder_claim). */
#include <stdio.h>

#include "reminder.h"
#include "util/log.h"
#include "util/ticker.h"

static struct mail_config mc;
static int mail_on;

static int job(void)
{
	int sent = 0, failed = 0;
	struct err e = { 0 };
	if (reminder_run(mail_on ? &mc : NULL, stderr, &sent, &failed, &e) < 0)
		log_msg("reminders: %s", e.msg);
	else if (sent || failed)
		log_msg("reminders: %d sent, %d failed", sent, failed);
	db_idle();
	return 0;
}

static struct ticker ticker = { .job = job, .done = db_thread_done, .wait_first = 1 };

int reminder_sched_start(int every, struct err *e)
{
	struct err me = { 0 };
	if (every <= 0)
		return 0;
	int on = mail_config_env(&mc, &me);
	if (on < 0)
		log_msg("reminders: email is set up wrongly (%s); sending push reminders only", me.msg);
	mail_on = on == 1;
	ticker.period = every;
	if (ticker_start(&ticker) < 0)
		return err_set(e, 500, "reminders", "could not start the reminder thread");
	return 0;
}

void reminder_sched_stop(void)
{
	ticker_stop(&ticker);
}
