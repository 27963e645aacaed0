/* session.h: who is asking (session tokens from a cookie or a Bearer header),
 * starting and ending sessions, the session's data key, and CSRF tokens.
 *
 * The cookie is `duet_session=TOKEN; HttpOnly; SameSite=Strict; Path=/`; over
 * TLS (req_is_https) it is `__Host-duet_session=…; Secure` instead, and only that
 * name is read. DUET_COOKIE_SECURE=1 or 0 forces either way. The server stores only the token's id (a
 * hash) and the person's data key wrapped under a key derived from the token. */
#ifndef DUET_SESSION_H
#define DUET_SESSION_H

#include "crypto/keys.h"
#include "request.h"

#define SESSION_DAYS 30

/* Loads r->user when a live session token is presented, and prepares r->csrf.
 * A missing, malformed or expired token simply leaves r->user NULL. -1 only when
 * the database fails. */
int session_resolve(struct req *r) WARN_UNUSED_RESULT;

/* Starts a session for user_id holding data_key, sets the cookie, and leaves the
 * new token in r->token (the API returns it). */
int session_start(struct req *r, int64_t user_id, const unsigned char data_key[KEY_BYTES])
	WARN_UNUSED_RESULT;

/* Ends the presented session and clears the cookie. */
int session_end(struct req *r) WARN_UNUSED_RESULT;

/* Unwraps the signed-in person's data key for this request. The caller wipes it
 * with sodium_memzero() when done. */
int session_data_key(struct req *r, unsigned char key[KEY_BYTES]) WARN_UNUSED_RESULT;

/* The id (hash) of the presented token, for store calls; "" when none. */
const char *session_id(struct req *r);

/* The CSRF token that forms on this page carry (sets the pre-session cookie
 * when needed). Owned by the request. */
const char *csrf_token(struct req *r);

/* Checks a state-changing request that a browser could have been made to send
 * (a cookie, or a pre-session form): refused (403) when Sec-Fetch-Site or
 * Origin says another site sent it, whatever its body; otherwise it needs the
 * token as an X-CSRF-Token header, or, for forms, as the `csrf` field, or, for
 * the API, a Content-Type of application/json (which a cross-site page cannot
 * send without asking first). Bearer requests need nothing more. */
int csrf_check(struct req *r) WARN_UNUSED_RESULT;


#endif
