/* reminder_store.h: SQL for each person's reminder settings (per user, no
 * couple content: an email address, whether email reminders are on, and when
 * the last one went out). */
#ifndef DUET_REMINDER_STORE_H
#define DUET_REMINDER_STORE_H

#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

struct reminder_pref {
	const char *email; /* NULL when none */
	int email_on;
	int64_t last_sent_at; /* 0 when never */
};

/* The person's settings (email NULL and off when never set). */
int reminder_get(struct db *db, struct arena *a, int64_t user_id, struct reminder_pref *out,
                 struct err *e) WARN_UNUSED_RESULT;

/* Stores the settings; email NULL clears the address. */
int reminder_set(struct db *db, int64_t user_id, const char *email, int email_on,
                 struct err *e) WARN_UNUSED_RESULT;

/* Records that a reminder went out at `at`. */
int reminder_mark_sent(struct db *db, int64_t user_id, int64_t at,
                       struct err *e) WARN_UNUSED_RESULT;

/* A person who may get reminders: email reminders on with an address, or a
 * device with push notifications on. */
struct reminder_target {
	int64_t user_id, couple_id, partner_id; /* 0 when none */
	const char *kind, *email;               /* email NULL when none or off */
	int has_push;                           /* a push subscription */
	int lang;                               /* their language (lib/lang.h); English when unset */
	int64_t last_sent_at;
};

/* Such people, not in a couple that paused reminders, with ids above
 * `after`, in id order, at most max (page through by passing the last id);
 * *out from the arena. */
int reminder_targets(struct db *db, struct arena *a, int64_t after, size_t max,
                     struct reminder_target **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Claims the person's reminder for this period: sets last_sent_at to `at`
 * when it is before `since` (or never set). *won is 1 for the one process
 * whose UPDATE changed the row, 0 for any other (it was sent already). */
int reminder_claim(struct db *db, int64_t user_id, int64_t at, int64_t since, int *won,
                   struct err *e) WARN_UNUSED_RESULT;

/* Gives a claim back when nothing could be sent (last_sent_at as before). */
int reminder_unclaim(struct db *db, int64_t user_id, int64_t at, int64_t before,
                     struct err *e) WARN_UNUSED_RESULT;

/* The couple's shared pause: 1 paused (by_name, NULL when that person left,
 * and at set; the name from the arena), 0 not paused. */
int reminder_pause_get(struct db *db, struct arena *a, int64_t couple_id, const char **by_name,
                       int64_t *at, struct err *e) WARN_UNUSED_RESULT;
/* Pauses reminders for both partners (again: keeps the first pause). */
int reminder_pause_set(struct db *db, int64_t couple_id, int64_t user_id,
                       struct err *e) WARN_UNUSED_RESULT;
int reminder_pause_clear(struct db *db, int64_t couple_id, struct err *e) WARN_UNUSED_RESULT;

#endif
