/* push.c: the VAPID key, subscriptions, settings and queueing of Web Push
 * notifications (see push.h). */
#include "push.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "crypto/webpush.h"
#include "http/session.h"
#include "push_send.h"
#include "push_store.h"
#include "push_text.h"
#include "util/log.h"
#include "util/timefmt.h"

#define EVENT_TTL 86400     /* a day: after that the news is old */
#define REMINDER_TTL 43200

static unsigned char vapid_priv[WEBPUSH_PRIV_BYTES], vapid_pub[WEBPUSH_PUB_BYTES];
static char vapid_pub_b64[CRYPTO_B64_LEN(WEBPUSH_PUB_BYTES) + 1];
static int vapid_loaded;

/* The private key is kept in the database as base64url text, not sealed:
 * duet has no server-wide secret to seal it under, and what it allows (sending
 * a notification to a subscriber) also needs the subscription's own secrets,
 * which sit in the same database. See docs/SECURITY.md. */
int push_setup(struct err *e)
{
	struct db *db = db_get(e);
	if (!db)
		return -1;
	struct arena a;
	arena_init(&a, 1 << 16);
	const char *pub = NULL, *priv = NULL;
	int rc = push_store_key_get(db, &a, &pub, &priv, e);
	if (rc == 0) {
		struct buf p = BUF_INIT(256), s = BUF_INIT(256);
		if (webpush_keypair(vapid_priv, vapid_pub) < 0 ||
		    webpush_b64_put(&p, vapid_pub, WEBPUSH_PUB_BYTES) < 0 ||
		    webpush_b64_put(&s, vapid_priv, WEBPUSH_PRIV_BYTES) < 0)
			rc = err_set(e, 500, "crypto", "could not make the Web Push key");
		else if ((rc = push_store_key_put(db, p.data, s.data, e)) == 0)
			rc = push_store_key_get(db, &a, &pub, &priv, e);
		if (s.data)
			sodium_memzero(s.data, s.len);
		buf_release(&p);
		buf_release(&s);
	}
	if (rc == 1) {
		if (webpush_b64_get(pub, vapid_pub, sizeof vapid_pub) < 0 ||
		    webpush_b64_get(priv, vapid_priv, sizeof vapid_priv) < 0)
			rc = err_set(e, 500, "crypto", "the stored Web Push key is damaged");
		else {
			snprintf(vapid_pub_b64, sizeof vapid_pub_b64, "%s", pub);
			vapid_loaded = 1;
			rc = 0;
		}
	} else if (rc == 0) {
		rc = err_set(e, 500, "db", "the Web Push key was not stored");
	}
	arena_release(&a);
	/* The calling thread serves no requests: close its connection, which would
	 * otherwise keep a read snapshot and stop WAL checkpoints (so deleted
	 * accounts would linger in the log). */
	db_thread_done();
	return rc;
}

int push_vapid(const unsigned char **priv, const unsigned char **pub)
{
	if (!vapid_loaded)
		return -1;
	*priv = vapid_priv;
	*pub = vapid_pub;
	return 0;
}

/* ---- queueing -------------------------------------------------------------- */

/* Queues a notification of `kind` for target t (about `name`'s move, or NULL). */
static int enqueue(struct db *db, const struct push_target *t, const char *kind,
                   const char *name, int64_t ttl, int64_t *queued, struct err *e)
{
	const struct push_settings *s = &t->settings;
	*queued = 0;
	if (!(s->kinds & ((int64_t)1 << push_kind_index(kind))))
		return 0;
	struct buf payload = BUF_INIT(1024);
	if (push_text(&payload, kind, name, s->discreet, t->lang) < 0)
		return err_set(e, 500, "no_memory", "out of memory");
	int64_t now = db_now();
	int64_t due = push_due_at(now, s->quiet, s->quiet_from, s->quiet_to, s->utc_offset);
	int rc = push_store_enqueue(db, t->user_id, payload.data, "normal", ttl + (due - now), due,
	                            queued, e);
	buf_release(&payload);
	if (rc == 0 && *queued)
		push_send_wake();
	return rc;
}

/* One query per event: nobody of the couple subscribed (most couples) ends here. */
void push_on_event(struct db *db, int64_t couple_id, int64_t actor_id, const char *kind)
{
	struct arena a;
	struct err e = { 0 };
	struct push_target t[2];
	int64_t queued;
	size_t n = 0;
	const char *name = NULL;
	arena_init(&a, 1 << 16);
	int rc = push_store_targets(db, &a, couple_id, actor_id, push_kinds_all(), t, &n, &name, &e);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = enqueue(db, &t[i], kind, name, EVENT_TTL, &queued, &e);
	if (rc < 0)
		log_msg("push: could not queue a notification (%s): %s", kind, e.msg);
	arena_release(&a);
}

int push_remind(struct db *db, int64_t user_id, int64_t *queued, struct err *e)
{
	struct push_target t;
	int found;
	*queued = 0;
	if (push_store_target(db, user_id, push_kinds_all(), &t, &found, e) < 0)
		return -1;
	return found ? enqueue(db, &t, "reminder", NULL, REMINDER_TTL, queued, e) : 0;
}

/* ---- subscriptions ---------------------------------------------------------- */

static int endpoint_ok(const char *s)
{
	const char *allow = getenv("DUET_PUSH_ALLOW_HTTP");
	if (!strncmp(s, "https://", 8))
		return s[8] != '\0' && s[8] != '/';
	return allow && !strcmp(allow, "1") && !strncmp(s, "http://", 7) && s[7] && s[7] != '/';
}

int push_api_key(struct req *r)
{
	if (!vapid_loaded)
		return req_fail(r, 503, "push_off", "Notifications are not available on this server.");
	return resp_json(r, 200, json_pack("{s:s}", "public_key", vapid_pub_b64));
}

int push_api_sub_create(struct req *r)
{
	json_t *keys = r->json ? json_object_get(r->json, "keys") : NULL;
	const char *endpoint = req_text(r, "endpoint", "endpoint", PUSH_ENDPOINT_MAX, 1);
	if (!endpoint)
		return -1;
	const char *p256dh = json_string_value(json_object_get(keys, "p256dh"));
	const char *auth = json_string_value(json_object_get(keys, "auth"));
	struct webpush_ua ua;
	if (!endpoint_ok(endpoint))
		return req_fail(r, 400, "invalid_endpoint",
		                "The push endpoint must be an https:// address. Try turning "
		                "notifications on again from the Account page.");
	if (!p256dh || !auth || webpush_b64_get(p256dh, ua.pub, sizeof ua.pub) < 0 ||
	    webpush_b64_get(auth, ua.auth, sizeof ua.auth) < 0 || webpush_pub_ok(ua.pub) < 0)
		return req_fail(r, 400, "invalid_keys",
		                "The subscription's keys are missing or not what a browser sends "
		                "(keys.p256dh and keys.auth, base64url). Try turning notifications "
		                "on again from the Account page.");
	struct db *db = db_get(&r->err);
	struct push_sub *list;
	size_t n;
	int64_t id;
	if (!db || push_store_sub_list(db, &r->arena, r->user->id, PUSH_SUBS_MAX, &list, &n, &r->err) < 0)
		return -1;
	int known = 0;
	for (size_t i = 0; i < n; i++)
		known |= !strcmp(list[i].endpoint, endpoint);
	if (n >= PUSH_SUBS_MAX && !known)
		return req_fail(r, 409, "too_many_devices",
		                "Notifications are on for %d devices already. Turn them off on one "
		                "you no longer use, then try again.",
		                PUSH_SUBS_MAX);
	if (push_store_sub_add(db, r->user->id, session_id(r), endpoint, p256dh, auth, &id, &r->err) < 0)
		return -1;
	return resp_json(r, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

int push_api_sub_list(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct push_sub *list;
	size_t n;
	if (!db || push_store_sub_list(db, &r->arena, r->user->id, PUSH_SUBS_MAX, &list, &n, &r->err) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)list[i].id,
		                                     "endpoint", list[i].endpoint, "created_at",
		                                     time_iso(&r->arena, list[i].created_at)));
	return resp_json(r, 200, json_pack("{s:o}", "subscriptions", arr));
}

int push_api_sub_delete(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	int deleted = 0;
	struct db *db = db_get(&r->err);
	if (!db || (id > 0 && push_store_sub_delete(db, r->user->id, id, &deleted, &r->err) < 0))
		return -1;
	if (!deleted)
		return req_fail(r, 404, "not_found",
		                "There is no such device with notifications on. It may have been "
		                "turned off already.");
	return resp_empty(r, 204);
}

/* A test notification to the caller's own devices, from the Account page. */
int push_api_test(struct req *r)
{
	static const char payload[] = "{\"title\":\"duet\",\"body\":\"Notifications are on for "
	                              "this device.\",\"url\":\"/account\"}";
	struct db *db = db_get(&r->err);
	int64_t queued = 0;
	if (!db || push_store_enqueue(db, r->user->id, payload, "normal", 600, db_now(), &queued,
	                              &r->err) < 0)
		return -1;
	if (queued)
		push_send_wake();
	return resp_json(r, 202, json_pack("{s:I}", "queued", (json_int_t)queued));
}

/* For tests only, until live events call push_on_event themselves: with
 * DUET_PUSH_TEST_EMIT=1, POST {"kind"} acts as if the caller had done
 * something of that kind. Otherwise there is no such route. */
int push_api_emit(struct req *r)
{
	const char *on = getenv("DUET_PUSH_TEST_EMIT");
	if (!on || strcmp(on, "1"))
		return req_fail(r, 404, "not_found", "There is nothing here.");
	const char *kind = req_text(r, "kind", "kind", 32, 1);
	struct db *db = kind ? db_get(&r->err) : NULL;
	if (!db)
		return -1;
	push_on_event(db, r->user->couple_id, r->user->id, kind);
	return resp_empty(r, 204);
}
