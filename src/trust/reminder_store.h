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

/* A person with email reminders on. */
struct reminder_target {
	int64_t user_id, couple_id, partner_id; /* 0 when none */
	const char *kind, *email;
	int64_t last_sent_at;
};

/* People with email reminders on and an address, with ids above `after`, in
 * id order, at most max (page through by passing the last id); *out from the
 * arena. */
int reminder_targets(struct db *db, struct arena *a, int64_t after, size_t max,
                     struct reminder_target **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

#endif
