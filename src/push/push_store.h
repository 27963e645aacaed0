/* push_store.h: SQL for Web Push: the server's VAPID key pair (one row), each
 * person's subscriptions (one per browser or device) and notification
 * settings, and the delivery queue. Subscriptions and settings belong to one
 * person (no couple content) and go with their account. A queue row holds the
 * notification's JSON as sent (never anything a person wrote) and is deleted
 * once delivered, or with its subscription. */
#ifndef DUET_PUSH_STORE_H
#define DUET_PUSH_STORE_H

#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

/* The stored key pair as base64url text: 1 found, 0 none yet, -1 with e set.
 * Strings from the arena. */
int push_store_key_get(struct db *db, struct arena *a, const char **pub, const char **priv,
                       struct err *e) WARN_UNUSED_RESULT;

/* Stores a key pair unless one is there already (another process may have
 * made one first; read it back with push_store_key_get). */
int push_store_key_put(struct db *db, const char *pub, const char *priv,
                       struct err *e) WARN_UNUSED_RESULT;

struct push_sub {
	int64_t id, user_id, created_at;
	const char *endpoint, *p256dh, *auth; /* base64url keys as the browser gave them */
};

/* Adds a subscription for user_id made in session session_id (the hash of
 * the token, http/session.h), or, when the endpoint is known already, gives it
 * to user_id and that session with the new keys (a browser signed in as
 * someone else before). The subscription, and whatever is queued for it, is
 * deleted with the session (a foreign key ON DELETE CASCADE): signing out,
 * a passphrase change and "sign out everywhere" end it. session_id NULL or ""
 * ties it to no session (it then goes only with the account). *id set. */
int push_store_sub_add(struct db *db, int64_t user_id, const char *session_id,
                       const char *endpoint, const char *p256dh, const char *auth, int64_t *id,
                       struct err *e) WARN_UNUSED_RESULT;

/* The person's subscriptions, newest first, at most max; *out from the arena. */
int push_store_sub_list(struct db *db, struct arena *a, int64_t user_id, size_t max,
                        struct push_sub **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* One subscription by id: 1 found, 0 none. */
int push_store_sub_get(struct db *db, struct arena *a, int64_t id, struct push_sub *out,
                       struct err *e) WARN_UNUSED_RESULT;

/* Deletes subscription id when it is user_id's (user_id 0: whoever's, for the
 * delivery thread when the push service says it is gone). *deleted 0 or 1. */
int push_store_sub_delete(struct db *db, int64_t user_id, int64_t id, int *deleted,
                          struct err *e) WARN_UNUSED_RESULT;

/* Notification settings. kinds is a bit set over push_kinds (push_text.h). */
struct push_settings {
	int64_t kinds;
	int discreet;
	int quiet;                 /* quiet hours set */
	int quiet_from, quiet_to;  /* minutes after local midnight */
	int utc_offset;            /* minutes east of UTC */
};

/* The person's settings, or the defaults (every kind, discreet, no quiet
 * hours) when never saved. */
int push_store_settings_get(struct db *db, int64_t user_id, int64_t all_kinds,
                            struct push_settings *out, struct err *e) WARN_UNUSED_RESULT;
int push_store_settings_put(struct db *db, int64_t user_id, const struct push_settings *s,
                            struct err *e) WARN_UNUSED_RESULT;

/* Someone a notification may go to: their language (lib/lang.h; English when
 * none chosen) and settings (the defaults when never saved). */
struct push_target {
	int64_t user_id;
	int lang;
	struct push_settings settings;
};

/* Who hears of actor_id's move in couple_id, in one query: the couple's
 * members other than the actor (both partners when the actor is a counsellor
 * or 0, the CLI) **who have a subscription**, at most 2, into out; *actor_name
 * the actor's name (NULL when none, or when nobody is listed), from the arena. */
int push_store_targets(struct db *db, struct arena *a, int64_t couple_id, int64_t actor_id,
                       int64_t all_kinds, struct push_target out[2], size_t *n,
                       const char **actor_name, struct err *e) WARN_UNUSED_RESULT;

/* user_id as a target (*found 1), or *found 0 when they have no subscription. */
int push_store_target(struct db *db, int64_t user_id, int64_t all_kinds, struct push_target *out,
                      int *found, struct err *e) WARN_UNUSED_RESULT;

/* Queues payload for each of user_id's subscriptions that has nothing queued
 * yet (one waiting notification per device is enough: the next one would
 * replace it on the screen). *queued counts the rows added. */
int push_store_enqueue(struct db *db, int64_t user_id, const char *payload, const char *urgency,
                       int64_t ttl, int64_t due_at, int64_t *queued,
                       struct err *e) WARN_UNUSED_RESULT;

struct push_job {
	int64_t id, subscription_id, ttl, attempts;
	const char *payload, *urgency;
};

/* Claims up to max due rows (due_at <= now) that nobody holds, holding them
 * until `until`: each row is claimed by one process only, on SQLite and on
 * PostgreSQL with several processes (the UPDATE re-checks claimed_until on
 * the row it locks). *out from the arena. */
int push_store_claim(struct db *db, struct arena *a, int64_t now, int64_t until, size_t max,
                     struct push_job **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Done with a row: delivered or given up. */
int push_store_job_done(struct db *db, int64_t id, struct err *e) WARN_UNUSED_RESULT;

/* Tries the row again at due_at (released, attempts counted). */
int push_store_job_retry(struct db *db, int64_t id, int64_t due_at,
                         struct err *e) WARN_UNUSED_RESULT;

#endif
