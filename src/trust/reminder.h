/* reminder.h: what is waiting for a person (a check-in open, an agreement to
 * look at, a counsellor waiting on their approval), shown on the home page,
 * and the optional email reminder that only ever says "something is waiting
 * for you in duet". Email reminders are off until the person turns them on
 * and gives an address; `duet serve` sends them itself from a thread
 * (reminder_sched_start), and `duet admin remind` (run by cron) can too; at
 * most one a week per person, by email and by push notification, and none
 * while the couple has paused them. See docs/internals/checkins.md. */
#ifndef DUET_REMINDER_H
#define DUET_REMINDER_H

#include <stdio.h>

#include "http/request.h"
#include "mail.h"
#include "store/db.h"

struct waiting {
	int checkin_open;       /* no check-in of mine in the current period */
	int partner_checked_in; /* my partner has one in it */
	int rhythm;             /* weeks per period */
	int64_t period_end;     /* unix time the current period ends */
	int64_t agreements_due;
	const char *counsellor; /* a counsellor waiting on my approval, or NULL */
};

/* What is waiting for a person (partner_id and couple_id 0 when none).
 * Strings from arena a. */
int reminder_waiting(struct db *db, struct arena *a, int64_t user_id, int64_t couple_id,
                     int64_t partner_id, struct waiting *w, struct err *e) WARN_UNUSED_RESULT;

/* Writes the home page's "For you" card for the signed-in partner. */
int reminder_home(struct req *r) WARN_UNUSED_RESULT;

/* Sends the reminders that are due (see above): by email when mc is given
 * (NULL: no email) and by push to the person's devices. Not to a couple that
 * paused reminders; each person at most once a week, claimed in the database
 * so that with several processes only one sends it. *sent counts people
 * reminded, *failed emails that failed; progress lines go to `log`. -1 with e
 * set when the database fails; a message that fails to send is counted, not
 * fatal. */
int reminder_run(const struct mail_config *mc, FILE *log, int *sent, int *failed,
                 struct err *e) WARN_UNUSED_RESULT;

/* Runs reminder_run every `every` seconds from a thread of `duet serve`, the
 * first time `every` seconds after start (email only when mail is set up;
 * push always). every 0: never. 0, or -1 with e set. */
int reminder_sched_start(int every, struct err *e) WARN_UNUSED_RESULT;
void reminder_sched_stop(void);

int reminder_api_get(struct req *r);
int reminder_api_pause(struct req *r);
int reminder_api_resume(struct req *r);
int reminder_post_pause(struct req *r);
int reminder_post_resume(struct req *r);
int reminder_api_put(struct req *r);
int reminder_page(struct req *r);
int reminder_post(struct req *r);

#endif
