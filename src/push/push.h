/* push.h: Web Push for duet (RFC 8030, 8291, 8292): the server's VAPID key,
 * people's subscriptions and settings, and notifications queued for delivery.
 *
 * Nothing is sent inside a request: push_on_event and push_remind only add
 * rows to the queue (push_store.h); the delivery thread (push_send.h) sends
 * them. A notification never carries what anyone wrote (push_text.h).
 *
 * Environment:
 *   DUET_PUSH_CONTACT     the VAPID "sub": a mailto: or https: address where
 *                         push services can reach the operator
 *   DUET_PUSH_ALLOW_HTTP  1: accept http:// endpoints (tests only)
 */
#ifndef DUET_PUSH_H
#define DUET_PUSH_H

#include <stdint.h>

#include "http/request.h"
#include "store/db.h"
#include "store/export_rows.h"
#include "util/err.h"

#define PUSH_ENDPOINT_MAX 2048 /* bytes of an endpoint URL */
#define PUSH_SUBS_MAX 20       /* devices per person */

/* Loads the VAPID key pair, making and storing one on first start (another
 * process may make it first; both then use the stored one). Call once after
 * db_setup, before threads start; closes the calling thread's database
 * connection (it serves no requests, and must hold no read snapshot). */
int push_setup(struct err *e) WARN_UNUSED_RESULT;

/* The key pair loaded by push_setup (borrowed, fixed while serving); -1 when
 * push_setup has not run. */
int push_vapid(const unsigned char **priv, const unsigned char **pub);

/* The hook for live events (events_on_emit_hook, called after each recorded
 * event in the writer's thread and transaction): queues a notification of
 * `kind` for the other members of the couple (the actor's partner; both
 * partners when the actor is a counsellor or 0), following each one's
 * settings (kind turned off: nothing; quiet hours: held until they end). The
 * rows commit with the event. A database failure is logged, not returned:
 * a notification is never worth failing the partner's write over. */
void push_on_event(struct db *db, int64_t couple_id, int64_t actor_id, const char *kind);

/* Queues a reminder ("Something is waiting for you in duet") for user_id's
 * devices, if the person has reminders on among their kinds; *queued counts
 * the devices. */
int push_remind(struct db *db, int64_t user_id, int64_t *queued,
                struct err *e) WARN_UNUSED_RESULT;

/* The export's "push" object for who->me (docs/EXPORT.md): settings and
 * devices, each by its endpoint's origin only, never the keys. 0, or -1 with
 * r->err set. */
int push_export(struct req *r, struct db *db, const struct export_who *who,
                struct export_out *out) WARN_UNUSED_RESULT;

/* The Notifications section of the account page (account.c calls it). */
int push_account_section(struct req *r) WARN_UNUSED_RESULT;

/* Handlers. */
int push_api_key(struct req *r);
int push_api_sub_create(struct req *r);
int push_api_sub_list(struct req *r);
int push_api_sub_delete(struct req *r);
int push_api_settings_get(struct req *r);
int push_api_settings_put(struct req *r);
int push_api_test(struct req *r);
int push_api_emit(struct req *r);
int push_post_settings(struct req *r);

#endif
