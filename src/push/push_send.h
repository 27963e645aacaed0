/* push_send.h: the delivery thread of `duet serve`. It claims due rows of the
 * push queue (push_store_claim: each row by one process only), encrypts each
 * for its subscription (aes128gcm, RFC 8291), signs a VAPID JWT for the
 * endpoint's origin (ES256, exp 12 hours ahead, sub from DUET_PUSH_CONTACT)
 * and POSTs it with libcurl, with TTL and Urgency headers. 2xx: done. 404 or
 * 410: the subscription is gone and is deleted. 429 and 5xx (and no answer):
 * tried again after 30 s, 1, 2, 4 … minutes (Retry-After when longer), at most
 * PUSH_TRIES times. Other answers: dropped, with a log line. */
#ifndef DUET_PUSH_SEND_H
#define DUET_PUSH_SEND_H

#include <stdint.h>

#include "util/err.h"

#define PUSH_TRIES 6

/* Starts the thread (after push_setup). 0, or -1 with e set. */
int push_send_start(struct err *e) WARN_UNUSED_RESULT;

/* Stops the thread and waits for it; safe when it never started. */
void push_send_stop(void);

/* Wakes the thread now (a row was just queued); it also looks every few
 * seconds, for rows queued by other processes. */
void push_send_wake(void);

/* The wait before try number `attempts` + 1 (pure): 30 s doubling, at most an
 * hour, and at least retry_after seconds when the service asked for that. */
int64_t push_send_backoff(int64_t attempts, int64_t retry_after);

/* The origin (scheme://host[:port]) of an endpoint URL into out; -1 when it
 * has none or out is too small. */
int push_send_origin(const char *endpoint, char *out, size_t size) WARN_UNUSED_RESULT;

#endif
