/* push_send.c: the delivery thread (see push_send.h). */
#include "push_send.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/webpush.h"
#include "push.h"
#include "push_store.h"
#include "store/db.h"
#include "util/log.h"
#include "util/ticker.h"

#define CLAIM_MAX 16
#define CLAIM_HOLD 120      /* seconds a claimed row stays ours */
#define POLL_S 2            /* looks for rows from other processes this often */
#define SEND_TIMEOUT_S 15
#define JWT_LIFE 43200      /* 12 hours; RFC 8292 allows at most 24 */

int64_t push_send_backoff(int64_t attempts, int64_t retry_after)
{
	int64_t wait = 30;
	for (int64_t i = 0; i < attempts && wait < 3600; i++)
		wait *= 2;
	if (wait > 3600)
		wait = 3600;
	if (retry_after > wait)
		wait = retry_after > 86400 ? 86400 : retry_after;
	return wait;
}

int push_send_origin(const char *endpoint, char *out, size_t size)
{
	const char *p = strstr(endpoint, "://");
	if (!p || p == endpoint)
		return -1;
	p += 3;
	size_t host = strcspn(p, "/?#");
	if (host == 0)
		return -1;
	size_t n = (size_t)(p - endpoint) + host;
	if (n >= size)
		return -1;
	memcpy(out, endpoint, n);
	out[n] = '\0';
	return 0;
}

static size_t discard(char *p, size_t size, size_t n, void *u)
{
	(void)p, (void)u;
	return size * n;
}

/* One POST. The HTTP status, or 0 when there was no answer; *retry_after
 * from the answer's Retry-After (seconds), 0 when none. */
static long post(const char *endpoint, const struct buf *body, const char *auth, int64_t ttl,
                 const char *urgency, int64_t *retry_after)
{
	char h_auth[1024], h_ttl[48], h_urg[48];
	struct curl_slist *hs = NULL, *t;
	long status = 0;
	*retry_after = 0;
	snprintf(h_auth, sizeof h_auth, "Authorization: %s", auth);
	snprintf(h_ttl, sizeof h_ttl, "TTL: %lld", (long long)ttl);
	snprintf(h_urg, sizeof h_urg, "Urgency: %s", urgency);
	const char *lines[] = { h_auth, h_ttl, h_urg, "Content-Encoding: aes128gcm",
		                "Content-Type: application/octet-stream" };
	for (size_t i = 0; i < ARRAY_LEN(lines); i++) {
		if (!(t = curl_slist_append(hs, lines[i]))) {
			curl_slist_free_all(hs);
			return 0;
		}
		hs = t;
	}
	CURL *c = curl_easy_init();
	if (!c) {
		curl_slist_free_all(hs);
		return 0;
	}
	const char *allow = getenv("DUET_PUSH_ALLOW_HTTP");
	curl_easy_setopt(c, CURLOPT_URL, endpoint);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, allow && !strcmp(allow, "1") ? "https,http" : "https");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hs);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body->data);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)body->len);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)SEND_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "duet");
	if (curl_easy_perform(c) == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		curl_off_t ra = 0;
		if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK && ra > 0)
			*retry_after = (int64_t)ra;
	}
	curl_easy_cleanup(c);
	curl_slist_free_all(hs);
	return status;
}

static const char *contact(void)
{
	const char *s = getenv("DUET_PUSH_CONTACT");
	if (s && (!strncmp(s, "mailto:", 7) || !strncmp(s, "https://", 8)))
		return s;
	return "mailto:postmaster@localhost";
}

/* Sends one claimed row and records what happened. -1 only when the
 * database fails. */
static int deliver(struct db *db, struct arena *a, const struct push_job *j, struct err *e)
{
	struct push_sub s;
	struct webpush_ua ua;
	const unsigned char *priv, *pub;
	char origin[512];
	int found = push_store_sub_get(db, a, j->subscription_id, &s, e);
	if (found <= 0)
		return found < 0 ? -1 : push_store_job_done(db, j->id, e);
	if (push_vapid(&priv, &pub) < 0 || push_send_origin(s.endpoint, origin, sizeof origin) < 0 ||
	    webpush_b64_get(s.p256dh, ua.pub, sizeof ua.pub) < 0 ||
	    webpush_b64_get(s.auth, ua.auth, sizeof ua.auth) < 0) {
		log_msg("push: subscription %lld cannot be used; removed", (long long)s.id);
		int gone;
		return push_store_sub_delete(db, 0, s.id, &gone, e);
	}
	struct buf body = BUF_INIT(WEBPUSH_RECORD_SIZE), auth = BUF_INIT(1024);
	long status = 0;
	int64_t retry_after = 0;
	if (webpush_encrypt_new(&ua, j->payload, strlen(j->payload), &body) == 0 &&
	    webpush_vapid(priv, pub, origin, contact(), db_now() + JWT_LIFE, &auth) == 0)
		status = post(s.endpoint, &body, auth.data, j->ttl, j->urgency, &retry_after);
	else
		log_msg("push: could not encrypt or sign a message for subscription %lld",
		        (long long)s.id);
	buf_release(&body);
	buf_release(&auth);
	if (status >= 200 && status < 300)
		return push_store_job_done(db, j->id, e);
	if (status == 404 || status == 410) {
		int gone;
		return push_store_sub_delete(db, 0, s.id, &gone, e);
	}
	if ((status == 0 || status == 429 || status >= 500) && j->attempts + 1 < PUSH_TRIES)
		return push_store_job_retry(db, j->id,
		                            db_now() + push_send_backoff(j->attempts, retry_after), e);
	log_msg("push: gave up on a message for subscription %lld (answer %ld)", (long long)s.id,
	        status);
	return push_store_job_done(db, j->id, e);
}

/* Claims and sends what is due; the number sent, or -1. */
static int round_once(void)
{
	struct err e = { 0 };
	struct db *db = db_get(&e);
	struct arena a;
	struct push_job *jobs;
	size_t n = 0;
	int rc = 0;
	if (!db)
		return -1;
	arena_init(&a, 1 << 20);
	int64_t now = db_now();
	if (push_store_claim(db, &a, now, now + CLAIM_HOLD, CLAIM_MAX, &jobs, &n, &e) < 0)
		rc = -1;
	db_idle();
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (deliver(db, &a, &jobs[i], &e) < 0)
			rc = -1;
		db_idle();
	}
	if (rc < 0)
		log_msg("push: %s", e.msg);
	arena_release(&a);
	return rc < 0 ? -1 : (int)n;
}

static int job(void)
{
	return round_once() == CLAIM_MAX; /* a full batch: more may be waiting */
}

static struct ticker ticker = { .job = job, .done = db_thread_done, .period = POLL_S };

int push_send_start(struct err *e)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return err_set(e, 500, "push", "could not start libcurl for Web Push");
	if (ticker_start(&ticker) < 0) {
		curl_global_cleanup();
		return err_set(e, 500, "push", "could not start the Web Push thread");
	}
	return 0;
}

void push_send_stop(void)
{
	if (!ticker.running)
		return;
	ticker_stop(&ticker);
	curl_global_cleanup();
}

void push_send_wake(void)
{
	ticker_wake(&ticker);
}
