/* reminder.h: what is waiting for a person (a check-in open, an agreement to
 * look at, a counsellor waiting on their approval), shown on the home page,
 * and the optional email reminder that only ever says "something is waiting
 * for you in duet". Email reminders are off until the person turns them on
 * and gives an address; `duet admin remind` (run by cron) sends them, at most
 * one a week per person. See docs/internals/checkins.md. */
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

/* Sends the email reminders that are due (see above). *sent and *failed count
 * the messages; progress lines go to `log`. -1 with e set when the database
 * fails; a message that fails to send is counted, not fatal. */
int reminder_run(const struct mail_config *mc, FILE *log, int *sent, int *failed,
                 struct err *e) WARN_UNUSED_RESULT;

int reminder_api_get(struct req *r);
int reminder_api_put(struct req *r);
int reminder_page(struct req *r);
int reminder_post(struct req *r);

#endif
