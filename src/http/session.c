/* session.c: sessions and CSRF (see session.h). */
#include "session.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "session_store.h"
#include "crypto/token.h"
#include "session_memo.h"

#define CSRF_COOKIE "duet_csrf"
#define SESSION_COOKIE "duet_session"
#define SECURE_PREFIX "__Host-"

/* Whether cookies are Secure: DUET_COOKIE_SECURE=1 or 0 forces it; otherwise
 * whenever the client reached duet over TLS (req_is_https). Secure cookies
 * carry the __Host- prefix, so a sibling subdomain cannot set them. */
static int cookie_secure(struct req *r)
{
	const char *s = getenv("DUET_COOKIE_SECURE");
	if (s && (!strcmp(s, "1") || !strcmp(s, "0")))
		return s[0] == '1';
	return req_is_https(r);
}

static const char *cookie_attrs(struct req *r)
{
	return cookie_secure(r) ? "; HttpOnly; SameSite=Strict; Path=/; Secure"
				: "; HttpOnly; SameSite=Strict; Path=/";
}

/* The cookie's name as sent: "__Host-NAME" when Secure, else NAME. */
static const char *cookie_name(struct req *r, const char *name)
{
	if (!cookie_secure(r))
		return name;
	const char *n = arena_printf(&r->arena, SECURE_PREFIX "%s", name);
	return n ? n : name;
}

static const char *cookie_get(struct req *r, const char *name)
{
	return req_cookie(r, cookie_name(r, name));
}

/* Pre-session forms (sign up, sign in) carry a random token that is also set as
 * a cookie; once signed in, the CSRF token is derived from the session token.
 * Computed only when a page writes a form. */
const char *csrf_token(struct req *r)
{
	if (r->csrf[0])
		return r->csrf;
	if (r->user) {
		token_csrf(r->token, r->csrf);
		return r->csrf;
	}
	const char *c = cookie_get(r, CSRF_COOKIE);
	if (c && token_valid(c) == 0) {
		snprintf(r->csrf, sizeof r->csrf, "%s", c);
		return r->csrf;
	}
	char t[TOKEN_B64_LEN + 1];
	token_new(t);
	char *v = arena_printf(&r->arena, "%s=%s%s", cookie_name(r, CSRF_COOKIE), t,
			       cookie_attrs(r));
	if (v && req_add_header(r, "Set-Cookie", v) == 0)
		snprintf(r->csrf, sizeof r->csrf, "%s", t);
	return r->csrf;
}

const char *session_id(struct req *r)
{
	if (!r->token[0])
		return "";
	if (strcmp(r->sid_of, r->token)) {
		token_id(r->token, r->sid);
		memcpy(r->sid_of, r->token, sizeof r->sid_of);
	}
	return r->sid;
}

int session_resolve(struct req *r)
{
	const char *tok = NULL;
	const char *auth = req_header(r, "Authorization");
	if (auth && !strncasecmp(auth, "Bearer ", 7)) {
		tok = auth + 7;
	} else {
		tok = cookie_get(r, SESSION_COOKIE);
		r->token_from_cookie = tok != NULL;
	}
	if (tok && token_valid(tok) == 0) {
		snprintf(r->token, sizeof r->token, "%s", tok);
		struct db *db = db_get(&r->err);
		if (!db)
			return -1;
		struct user *u = arena_calloc(&r->arena, 1, sizeof *u);
		const char *wrapped = NULL;
		if (!u)
			return req_fail(r, 500, "no_memory", "out of memory");
		/* The mark is taken before the lookup: a commit in between makes
		 * the remembered answer stale at once, never the other way. */
		struct db_mark mark;
		int64_t now = db_now(), expires_at = 0;
		int markable = db_mark(db, &mark) == 0;
		int rc = markable && session_memo_get(session_id(r), &mark, now, &r->arena, u,
						      &wrapped);
		if (!rc) {
			rc = sess_user(db, &r->arena, session_id(r), u, &wrapped, &expires_at,
				       &r->err);
			if (rc < 0)
				return -1;
			if (rc == 1 && markable)
				session_memo_put(session_id(r), &mark, expires_at, u, wrapped);
		}
		if (rc == 1) {
			r->user = u;
			r->session_wrapped = wrapped;
		}
		else
			r->token[0] = '\0';
	} else {
		r->token_from_cookie = 0;
	}
	return 0;
}

int session_start(struct req *r, int64_t user_id, const unsigned char data_key[KEY_BYTES])
{
	char tok[TOKEN_B64_LEN + 1];
	token_new(tok);
	unsigned char kek[KEY_BYTES];
	char wrapped[WRAP_B64_MAX];
	token_kek(tok, kek);
	char ad[KEY_AD_MAX];
	key_ad_session(ad, user_id);
	int rc = key_wrap(data_key, kek, ad, wrapped);
	sodium_memzero(kek, sizeof kek);
	if (rc < 0)
		return req_fail(r, 500, "crypto", "Could not protect the session key.");
	char id[65];
	token_id(tok, id);
	struct db *db = db_get(&r->err);
	if (!db || sess_create(db, id, user_id, db_now() + SESSION_DAYS * 86400, wrapped,
			       &r->err) < 0)
		return -1;
	snprintf(r->token, sizeof r->token, "%s", tok);
	token_csrf(tok, r->csrf);
	r->session_wrapped = arena_strdup(&r->arena, wrapped);
	char *v = arena_printf(&r->arena, "%s=%s%s; Max-Age=%d", cookie_name(r, SESSION_COOKIE),
			       tok, cookie_attrs(r), SESSION_DAYS * 86400);
	if (!v || req_add_header(r, "Set-Cookie", v) < 0)
		return req_fail(r, 500, "no_memory", "out of memory");
	return 0;
}

int session_end(struct req *r)
{
	if (r->token[0]) {
		struct db *db = db_get(&r->err);
		if (!db || sess_delete(db, session_id(r), &r->err) < 0)
			return -1;
	}
	char *v = arena_printf(&r->arena, "%s=%s; Max-Age=0", cookie_name(r, SESSION_COOKIE),
			       cookie_attrs(r));
	if (!v || req_add_header(r, "Set-Cookie", v) < 0)
		return req_fail(r, 500, "no_memory", "out of memory");
	r->token[0] = '\0';
	r->user = NULL;
	return 0;
}

int session_data_key(struct req *r, unsigned char key[KEY_BYTES])
{
	if (!r->user || !r->token[0] || !r->session_wrapped)
		return req_fail(r, 401, "unauthorized", "Please sign in first.");
	unsigned char kek[KEY_BYTES];
	token_kek(r->token, kek);
	char ad[KEY_AD_MAX];
	key_ad_session(ad, r->user->id);
	int rc = key_unwrap(r->session_wrapped, kek, ad, key);
	sodium_memzero(kek, sizeof kek);
	if (rc < 0)
		return req_fail(r, 500, "crypto", "Your private key could not be unlocked. "
			       "Please sign out and in again.");
	return 0;
}

/* 1 when the request says it came from another site: Sec-Fetch-Site other
 * than same-origin or none (a sibling subdomain is "same-site", and another
 * site still), or an Origin (other than "null") whose host is not the Host
 * asked for. */
static int cross_site(struct req *r)
{
	const char *site = req_header(r, "Sec-Fetch-Site");
	if (site && strcasecmp(site, "same-origin") && strcasecmp(site, "none"))
		return 1;
	const char *origin = req_header(r, "Origin");
	/* "null" tells nothing: browsers send it for our own forms too, since our
	 * pages ask for no referrer. */
	if (!origin || !strcmp(origin, "null"))
		return 0;
	const char *host = req_header(r, "Host");
	const char *sep = strstr(origin, "://");
	return !host || !sep || strcasecmp(sep + 3, host) != 0;
}

/* 1 when the X-CSRF-Token header holds the token this request's forms carry. */
static int header_token_ok(struct req *r, const char *want)
{
	const char *t = req_header(r, "X-CSRF-Token");
	return t && want[0] && strlen(t) == strlen(want) && token_equal(t, want);
}

int csrf_check(struct req *r)
{
	if (r->api && !r->token_from_cookie)
		return 0; /* Bearer, or no cookie: no ambient authority to borrow */
	if (cross_site(r))
		return req_fail(r, 403, "csrf",
				"This request came from another site, so duet did not act on it. "
				"Please use duet's own pages.");
	char want[TOKEN_B64_LEN + 1] = "";
	if (r->user) {
		token_csrf(r->token, want);
	} else {
		const char *c = cookie_get(r, CSRF_COOKIE);
		if (c && token_valid(c) == 0)
			snprintf(want, sizeof want, "%s", c);
	}
	if (header_token_ok(r, want))
		return 0;
	if (r->api) {
		const char *ct = req_header(r, "Content-Type");
		if (ct && !strncasecmp(ct, "application/json", 16))
			return 0;
		return req_fail(r, 403, "csrf",
				"Send API requests as JSON (Content-Type: application/json), or "
				"with an X-CSRF-Token header.");
	}
	const char *t = req_form(r, "csrf");
	if (!t || !want[0] || strlen(t) != strlen(want) || !token_equal(t, want))
		return req_fail(r, 403, "csrf",
				"This form has expired or did not come from duet. "
				"Please go back, reload the page and try again.");
	return 0;
}
