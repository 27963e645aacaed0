/* account.c: accounts and sessions, as pages and as API (see account.h).
 *
 * Keys: at sign-up each person gets a random data key, stored wrapped under a
 * key derived from the passphrase (Argon2id) and again under the one-time
 * recovery code; each session wraps it once more under a key derived from the
 * session token (http/session.c). */
#include "account.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_store.h"
#include "http/session_store.h"
#include "ownership/ownership.h"
#include "push/push.h"
#include "account/throttle.h"
#include "crypto/derive.h"
#include "crypto/keys.h"
#include "crypto/pw.h"
#include "crypto/recovery.h"
#include "http/session.h"
#include "lib/lang.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/timefmt.h"
#include "util/utf8.h"
#include "web/page.h"

#define LOGIN_MIN 3
#define LOGIN_MAX 40
#define NAME_MAX_CHARS 60
#define PASS_MIN 10
#define PASS_MAX_BYTES 1024
#define LOGIN_FREE_TRIES 5
#define ADDR_FREE_TRIES 20
#define SIGNUPS_PER_HOUR 10

/* ---- validation ---------------------------------------------------------- */

/* Lower-cases and checks a login name; returns the arena copy or NULL. */
static const char *clean_login(struct req *r, const char *login)
{
	size_t n = strlen(login);
	if (n < LOGIN_MIN || n > LOGIN_MAX) {
		req_fail(r, 400, "invalid_login",
			 "A login name has %d to %d characters: letters, digits, '.', '-' or '_'.",
			 LOGIN_MIN, LOGIN_MAX);
		return NULL;
	}
	char *s = arena_strdup(&r->arena, login);
	if (!s) {
		req_fail(r, 500, "no_memory", "out of memory");
		return NULL;
	}
	for (char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (!(isalnum(c) || c == '.' || c == '-' || c == '_') || c > 0x7f) {
			req_fail(r, 400, "invalid_login",
				 "A login name may only use letters (a–z), digits, '.', '-' or '_'.");
			return NULL;
		}
		*p = (char)tolower(c);
	}
	return s;
}

static int check_passphrase(struct req *r, const char *pass, const char *label)
{
	size_t n = strlen(pass);
	if (n > PASS_MAX_BYTES)
		return req_fail(r, 400, "invalid_passphrase", "The %s is too long (at most %d bytes).",
				label, PASS_MAX_BYTES);
	if (utf8_count(pass, n) < PASS_MIN)
		return req_fail(r, 400, "weak_passphrase",
				"The %s needs at least %d characters. A few words you will remember, "
				"like a short sentence, work well.",
				label, PASS_MIN);
	return 0;
}

/* ---- throttling ----------------------------------------------------------
 *
 * Counters are kept per (login, client) and per client for sign-in, per
 * (login, client) for the recovery code, per person for the passphrase checks
 * made inside a session, and per client for sign-ups. Their keys are a keyed
 * hash (a server secret) of what they count, so that the table holds neither
 * what someone typed nor their address; rows not touched for an hour go. */

#define SECRET_BYTES 32

static pthread_mutex_t secret_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char secret[SECRET_BYTES];
static int secret_loaded;
static _Atomic int64_t purged_at;

/* "KIND:" and the keyed hash of the parts; owned by the request, NULL with
 * r->err set. */
static const char *tkey(struct req *r, struct db *db, const char *kind, const char *a,
			const char *b)
{
	pthread_mutex_lock(&secret_lock);
	int rc = secret_loaded ? 0 : secret_get(db, "throttle", secret, sizeof secret, &r->err);
	if (rc == 0)
		secret_loaded = 1;
	pthread_mutex_unlock(&secret_lock);
	if (rc < 0)
		return NULL;
	char *msg = arena_printf(&r->arena, "%s%c%s%c%s", kind, 0, a, 0, b ? b : "");
	if (!msg) {
		req_fail(r, 500, "no_memory", "out of memory");
		return NULL;
	}
	size_t n = strlen(kind) + strlen(a) + (b ? strlen(b) : 0) + 2;
	unsigned char h[24];
	char b64[CRYPTO_B64_LEN(sizeof h) + 1];
	derive_hash(h, sizeof h, "duet:throttle", msg, n, secret, sizeof secret);
	derive_b64(b64, h, sizeof h);
	char *key = arena_printf(&r->arena, "%s:%s", kind, b64);
	if (!key)
		req_fail(r, 500, "no_memory", "out of memory");
	return key;
}

/* Refuses an attempt while a throttle key is waiting; -1 with 429 and `why`
 * (which gets the seconds) as the message. */
static int throttle_check(struct req *r, struct db *db, const char *key, int64_t free_tries,
			  const char *why)
{
	int64_t failures, last_at, now = db_now();
	if (throttle_get(db, key, &failures, &last_at, &r->err) < 0)
		return -1;
	if (failures && throttle_stale(last_at, now) && throttle_clear(db, key, &r->err) < 0)
		return -1;
	int wait = throttle_wait(failures, last_at, now, free_tries);
	if (wait > 0) {
		r->retry_after = wait;
		return req_fail(r, 429, "throttled", why, wait);
	}
	return 0;
}

/* Counts a failure under key (and key2 unless NULL); now and then forgets old
 * rows. */
static int throttle_record(struct req *r, struct db *db, const char *key, const char *key2)
{
	int64_t now = db_now();
	if (throttle_fail(db, key, now, &r->err) < 0 ||
	    (key2 && throttle_fail(db, key2, now, &r->err) < 0))
		return -1;
	int64_t last = purged_at;
	if (now - last >= 60 && atomic_compare_exchange_strong(&purged_at, &last, now) &&
	    throttle_purge(db, now - THROTTLE_FORGET, &r->err) < 0)
		return -1;
	return 0;
}

#define SIGNIN_WAIT                                                                     \
	"Too many sign-in attempts that didn't match. Please wait %d seconds and try "  \
	"again, or use your recovery code if you have forgotten your passphrase."
#define RECOVER_WAIT                                                                    \
	"Too many recovery codes that didn't match. Please wait %d seconds and try again."
#define SESSION_WAIT                                                                    \
	"Too many passphrases that didn't match. Please wait %d seconds and try again."

int account_verify(struct req *r, const char *pass, const char *wrong, struct account *a,
		   unsigned char kek[KEY_BYTES])
{
	sodium_memzero(kek, KEY_BYTES);
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)r->user->id);
	const char *key = tkey(r, db, "me", id, NULL);
	if (!key || throttle_check(r, db, key, LOGIN_FREE_TRIES, SESSION_WAIT) < 0)
		return -1;
	int found = acct_by_id(db, &r->arena, r->user->id, a, &r->err);
	if (found <= 0)
		return found < 0 ? -1 : req_fail(r, 401, "unauthorized", "Please sign in again.");
	db_idle();
	int rc = pw_check(pass, strlen(pass), a->pw_rec, kek);
	if (rc < 0)
		return req_fail(r, 503, "busy", "duet could not check your passphrase just now. "
			       "Please try again in a moment.");
	if (rc == 1) {
		if (throttle_record(r, db, key, NULL) < 0)
			return -1;
		return req_fail(r, 401, "wrong_passphrase", "%s", wrong);
	}
	return throttle_clear(db, key, &r->err);
}

int account_hourly(struct req *r, struct db *db, const char *key, long limit)
{
	int64_t count, since, now = db_now();
	if (throttle_get(db, key, &count, &since, &r->err) < 0)
		return -1;
	int wait = throttle_window_wait(count, since, now, limit, 3600);
	if (wait > 0) {
		r->retry_after = wait;
		return 1;
	}
	return throttle_count(db, key, now, 3600, &r->err);
}

/* Sign-ups per client address and hour (DUET_SIGNUPS_PER_HOUR, default 10;
 * 0 for no limit): counted before the hash, so a flood costs no hashing. */
static int signup_allowed(struct req *r, struct db *db)
{
	const char *env = getenv("DUET_SIGNUPS_PER_HOUR");
	long limit = env && *env ? strtol(env, NULL, 10) : SIGNUPS_PER_HOUR;
	if (limit <= 0)
		return 0;
	const char *key = tkey(r, db, "signup", req_client_group(r), NULL);
	int rc = key ? account_hourly(r, db, key, limit) : -1;
	if (rc != 1)
		return rc;
	return req_fail(r, 429, "too_many_signups",
			"Many accounts were made from this network within the hour. Please try "
			"again in %d minutes.",
			(r->retry_after + 59) / 60);
}

/* An optional time zone from the body: NULL (r->err set) when it is not one
 * duet knows, "" when absent. */
static const char *read_zone(struct req *r)
{
	const char *zone = req_text(r, "time_zone", "time zone", 47, 0);
	if (zone && *zone && !time_zone_known(zone)) {
		req_fail(r, 400, "unknown_time_zone",
			 "duet doesn't know the time zone '%.60s'. Use a name like Europe/Paris or "
			 "America/New_York, or UTC.", zone);
		return NULL;
	}
	return zone;
}

/* ---- the actions, shared by pages and API ------------------------------- */

struct signup_out {
	int64_t id;
	const char *login;
	const char *name;
	char recovery[RECOVERY_CODE_MAX];
};

/* Wraps data_key under the passphrase and the recovery code; fills the records. */
static int wrap_keys(struct req *r, const char *login, const char *pass,
		     const unsigned char dk[KEY_BYTES], char rec[PW_REC_MAX],
		     char key_pass[WRAP_B64_MAX], char key_rec[WRAP_B64_MAX],
		     char code[RECOVERY_CODE_MAX])
{
	unsigned char kek[KEY_BYTES];
	char ad[KEY_AD_MAX];
	if (pw_new(pass, strlen(pass), rec, kek) < 0)
		return req_fail(r, 503, "busy", "duet could not protect your passphrase just now. "
			       "Please try again in a moment.");
	key_ad_pass(ad, login);
	int rc = key_wrap(dk, kek, ad, key_pass);
	sodium_memzero(kek, sizeof kek);
	if (rc == 0 && code) {
		recovery_code_new(code);
		rc = recovery_kek(code, kek);
		key_ad_recovery(ad, login);
		if (rc == 0)
			rc = key_wrap(dk, kek, ad, key_rec);
		sodium_memzero(kek, sizeof kek);
	}
	return rc < 0 ? req_fail(r, 500, "crypto", "Could not protect your keys.") : 0;
}

static int do_signup(struct req *r, struct signup_out *out)
{
	const char *login = req_text(r, "login", "login name", LOGIN_MAX, 1);
	if (!login || !(login = clean_login(r, login)))
		return -1;
	const char *name = req_line(r, "name", "name", NAME_MAX_CHARS, 1);
	if (!name)
		return -1;
	const char *pass = req_text(r, "passphrase", "passphrase", PASS_MAX_BYTES, 1);
	if (!pass || check_passphrase(r, pass, "passphrase") < 0)
		return -1;
	const char *kind = req_text(r, "kind", "kind of account", 20, 0);
	if (!kind)
		return -1;
	if (!*kind)
		kind = "partner";
	if (strcmp(kind, "partner") && strcmp(kind, "counsellor"))
		return req_fail(r, 400, "invalid_kind",
				"An account is either for a partner or for a counsellor.");
	const char *zone = read_zone(r);
	if (!zone)
		return -1;

	/* The cheap checks first: a taken login or a flood costs no hash. */
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	struct account taken;
	int found = acct_by_login(db, &r->arena, login, &taken, &r->err);
	if (found != 0)
		return found < 0 ? -1 : req_fail(r, 409, "login_taken",
						 "The login name '%s' is already taken. Please "
						 "choose another.", login);
	if (signup_allowed(r, db) < 0)
		return -1;
	db_idle();
	unsigned char dk[KEY_BYTES];
	char rec[PW_REC_MAX], key_pass[WRAP_B64_MAX], key_rec[WRAP_B64_MAX];
	key_random(dk);
	int rc = wrap_keys(r, login, pass, dk, rec, key_pass, key_rec, out->recovery);
	if (rc == 0)
		rc = acct_create(db, login, name, kind, rec, key_pass, key_rec, &out->id, &r->err);
	else
		rc = -1;
	if (rc == 0 && *zone)
		rc = acct_set_profile(db, out->id, NULL, zone, &r->err);
	if (rc == 0)
		rc = session_start(r, out->id, dk);
	sodium_memzero(dk, sizeof dk);
	out->login = login;
	out->name = name;
	return rc;
}

/* The hash checked when a login does not exist, so that a wrong login takes as
 * long as a wrong passphrase and does not reveal who has an account. */
static char dummy_rec[PW_REC_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	unsigned char kek[KEY_BYTES];
	char pass[32];
	randombytes_buf(pass, sizeof pass - 1);
	for (size_t i = 0; i < sizeof pass - 1; i++)
		pass[i] = (char)('a' + (unsigned char)pass[i] % 26);
	pass[sizeof pass - 1] = '\0';
	if (pw_new(pass, strlen(pass), dummy_rec, kek) < 0)
		dummy_rec[0] = '\0';
	sodium_memzero(kek, sizeof kek);
}

static int do_signin(struct req *r)
{
	const char *login = req_text(r, "login", "login name", 200, 1);
	if (!login)
		return -1;
	const char *pass = req_text(r, "passphrase", "passphrase", PASS_MAX_BYTES, 1);
	if (!pass)
		return -1;
	char lower[LOGIN_MAX + 1];
	size_t n = strlen(login);
	if (n > LOGIN_MAX)
		n = LOGIN_MAX;
	for (size_t i = 0; i < n; i++)
		lower[i] = (char)tolower((unsigned char)login[i]);
	lower[n] = '\0';
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	const char *lkey = tkey(r, db, "pair", lower, req_client_group(r));
	const char *akey = lkey ? tkey(r, db, "addr", req_client_group(r), NULL) : NULL;
	if (!akey || throttle_check(r, db, lkey, LOGIN_FREE_TRIES, SIGNIN_WAIT) < 0 ||
	    throttle_check(r, db, akey, ADDR_FREE_TRIES, SIGNIN_WAIT) < 0)
		return -1;

	struct account a;
	int found = acct_by_login(db, &r->arena, lower, &a, &r->err);
	if (found < 0)
		return -1;
	/* End the reads before the slow hash: a read snapshot held across it would
	 * make the writes below fail as busy once another sign-in has written. */
	db_idle();
	unsigned char kek[KEY_BYTES];
	int rc;
	if (found) {
		rc = pw_check(pass, strlen(pass), a.pw_rec, kek);
	} else {
		pthread_once(&dummy_once, make_dummy);
		if (pw_check(pass, strlen(pass), dummy_rec, kek) < 0)
			sodium_memzero(kek, sizeof kek);
		rc = 1;
	}
	if (rc < 0)
		return req_fail(r, 503, "busy", "duet could not check your passphrase just now. "
			       "Please try again in a moment.");
	if (rc == 1) {
		sodium_memzero(kek, sizeof kek);
		if (throttle_record(r, db, lkey, akey) < 0)
			return -1;
		return req_fail(r, 401, "wrong_passphrase",
				"That login name and passphrase don't match. Please check both and "
				"try again.");
	}
	unsigned char dk[KEY_BYTES];
	char ad[KEY_AD_MAX];
	key_ad_pass(ad, a.login);
	rc = key_unwrap(a.key_pass, kek, ad, dk);
	sodium_memzero(kek, sizeof kek);
	if (rc < 0)
		return req_fail(r, 500, "crypto", "Your keys could not be unlocked.");
	if (pw_needs_rehash(a.pw_rec)) {
		char rec[PW_REC_MAX], key_pass[WRAP_B64_MAX];
		/* Raising the parameters is best effort: the sign-in succeeds anyway. */
		if (wrap_keys(r, a.login, pass, dk, rec, key_pass, NULL, NULL) < 0 ||
		    acct_set_passphrase(db, a.id, rec, key_pass, &r->err) < 0)
			log_msg("could not re-hash a passphrase: %s", r->err.msg);
		err_clear(&r->err);
	}
	rc = throttle_clear(db, lkey, &r->err);
	if (rc == 0)
		rc = session_start(r, a.id, dk);
	sodium_memzero(dk, sizeof dk);
	return rc;
}

/* Changes the passphrase of the signed-in person: re-wraps the data key. */
static int do_passphrase(struct req *r)
{
	const char *cur = req_text(r, "current", "current passphrase", PASS_MAX_BYTES, 1);
	if (!cur)
		return -1;
	const char *next = req_text(r, "new", "new passphrase", PASS_MAX_BYTES, 1);
	if (!next || check_passphrase(r, next, "new passphrase") < 0)
		return -1;
	struct account a;
	unsigned char kek[KEY_BYTES], dk[KEY_BYTES];
	if (account_verify(r, cur, "The current passphrase isn't right, so nothing was changed.",
			   &a, kek) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	if (!db) {
		sodium_memzero(kek, sizeof kek);
		return -1;
	}
	char ad[KEY_AD_MAX];
	key_ad_pass(ad, a.login);
	int rc = key_unwrap(a.key_pass, kek, ad, dk);
	sodium_memzero(kek, sizeof kek);
	if (rc < 0)
		return req_fail(r, 500, "crypto", "Your keys could not be unlocked.");
	char rec[PW_REC_MAX], key_pass[WRAP_B64_MAX];
	rc = wrap_keys(r, a.login, next, dk, rec, key_pass, NULL, NULL);
	sodium_memzero(dk, sizeof dk);
	if (rc < 0)
		return -1;
	if (db_begin(db, &r->err) < 0)
		return -1;
	if (acct_set_passphrase(db, a.id, rec, key_pass, &r->err) < 0 ||
	    sess_delete_user(db, a.id, session_id(r), &r->err) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, &r->err);
}

/* Sets a new passphrase with the recovery code; issues a new code. */
static int do_recover(struct req *r, char code_out[RECOVERY_CODE_MAX])
{
	const char *login = req_text(r, "login", "login name", LOGIN_MAX, 1);
	if (!login || !(login = clean_login(r, login)))
		return -1;
	const char *code = req_text(r, "recovery_code", "recovery code", 80, 1);
	if (!code)
		return -1;
	const char *next = req_text(r, "new_passphrase", "new passphrase", PASS_MAX_BYTES, 1);
	if (!next || check_passphrase(r, next, "new passphrase") < 0)
		return -1;
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	const char *lkey = tkey(r, db, "recover", login, req_client_group(r));
	const char *akey = lkey ? tkey(r, db, "addr", req_client_group(r), NULL) : NULL;
	if (!akey || throttle_check(r, db, lkey, LOGIN_FREE_TRIES, RECOVER_WAIT) < 0 ||
	    throttle_check(r, db, akey, ADDR_FREE_TRIES, RECOVER_WAIT) < 0)
		return -1;
	struct account a;
	int found = acct_by_login(db, &r->arena, login, &a, &r->err);
	if (found < 0)
		return -1;
	unsigned char kek[KEY_BYTES], dk[KEY_BYTES];
	char ad[KEY_AD_MAX];
	key_ad_recovery(ad, login);
	int ok = found && recovery_kek(code, kek) == 0 && key_unwrap(a.key_recovery, kek, ad, dk) == 0;
	sodium_memzero(kek, sizeof kek);
	if (!ok) {
		if (throttle_record(r, db, lkey, akey) < 0)
			return -1;
		return req_fail(r, 401, "wrong_recovery_code",
				"That login name and recovery code don't match. Check the code "
				"(letters and digits; dashes and case don't matter) and try again.");
	}
	char rec[PW_REC_MAX], key_pass[WRAP_B64_MAX], key_rec[WRAP_B64_MAX];
	int rc = wrap_keys(r, login, next, dk, rec, key_pass, key_rec, code_out);
	if (rc == 0 && db_begin(db, &r->err) == 0) {
		if (acct_set_passphrase(db, a.id, rec, key_pass, &r->err) < 0 ||
		    acct_set_recovery(db, a.id, key_rec, &r->err) < 0 ||
		    sess_delete_user(db, a.id, NULL, &r->err) < 0 ||
		    throttle_clear(db, lkey, &r->err) < 0) {
			db_rollback(db);
			rc = -1;
		} else {
			rc = db_commit(db, &r->err);
		}
	} else {
		rc = -1;
	}
	if (rc == 0)
		rc = session_start(r, a.id, dk);
	sodium_memzero(dk, sizeof dk);
	return rc;
}

/* ---- issue 18: the recovery code renewed, the name and time zone ---------- */

/* A new recovery code for the signed-in person, who gives their passphrase:
 * the data key is wrapped under the new code and the old code stops working. */
static int do_renew_recovery(struct req *r, char code[RECOVERY_CODE_MAX])
{
	const char *pass = req_text(r, "passphrase", "passphrase", PASS_MAX_BYTES, 1);
	if (!pass)
		return -1;
	struct account a;
	unsigned char kek[KEY_BYTES], dk[KEY_BYTES];
	if (account_verify(r, pass,
			   "That passphrase isn't right, so your recovery code stays as it was.",
			   &a, kek) < 0) {
		sodium_memzero(kek, sizeof kek);
		return -1;
	}
	char ad[KEY_AD_MAX], key_rec[WRAP_B64_MAX];
	key_ad_pass(ad, a.login);
	int rc = key_unwrap(a.key_pass, kek, ad, dk);
	sodium_memzero(kek, sizeof kek);
	if (rc == 0) {
		recovery_code_new(code);
		rc = recovery_kek(code, kek);
		key_ad_recovery(ad, a.login);
		if (rc == 0)
			rc = key_wrap(dk, kek, ad, key_rec);
		sodium_memzero(kek, sizeof kek);
	}
	sodium_memzero(dk, sizeof dk);
	if (rc < 0)
		return req_fail(r, 500, "crypto", "Your keys could not be unlocked.");
	struct db *db = db_get(&r->err);
	return db ? acct_set_recovery(db, a.id, key_rec, &r->err) : -1;
}

/* Stores a new name and/or time zone ("" leaves one as it is) and applies
 * them to this request. 0, or -1 with r->err set. */
static int save_profile(struct req *r, struct db *db, const char *name, const char *zone)
{
	if (acct_set_profile(db, r->user->id, *name ? name : NULL, *zone ? zone : NULL,
			     &r->err) < 0)
		return -1;
	if (*name)
		r->user->name = name;
	if (*zone) {
		snprintf(r->user->time_zone, sizeof r->user->time_zone, "%s", zone);
		time_zone_use(zone);
	}
	return 0;
}

/* Changes the signed-in person's name and/or time zone. */
static int do_profile(struct req *r)
{
	const char *name = req_text(r, "name", "name", NAME_MAX_CHARS, 0);
	const char *zone = name ? read_zone(r) : NULL;
	if (!name || !zone)
		return -1;
	if (!*name && !*zone)
		return req_fail(r, 400, "missing", "Please give a new name or a time zone.");
	struct db *db = db_get(&r->err);
	return db ? save_profile(r, db, name, zone) : -1;
}

/* ---- JSON API ----------------------------------------------------------- */

int account_api_create(struct req *r)
{
	struct signup_out o;
	if (do_signup(r, &o) < 0)
		return -1;
	int rc = resp_json(r, 201,
			   json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)o.id, "login",
				     o.login, "name", o.name, "recovery_code", o.recovery, "token",
				     r->token));
	sodium_memzero(o.recovery, sizeof o.recovery);
	return rc;
}

int account_api_signin(struct req *r)
{
	if (do_signin(r) < 0)
		return -1;
	return resp_json(r, 200, json_pack("{s:s}", "token", r->token));
}

int account_api_signout(struct req *r)
{
	if (session_end(r) < 0)
		return -1;
	return resp_empty(r, 204);
}

int account_api_me(struct req *r)
{
	struct user *u = r->user;
	json_t *couple = json_null();
	if (u->couple_id) {
		json_t *partner = u->partner_id ? json_pack("{s:I,s:s}", "id",
							      (json_int_t)u->partner_id, "name",
							      u->partner_name)
						: json_null();
		couple = json_pack("{s:I,s:o}", "id", (json_int_t)u->couple_id, "partner", partner);
	}
	return resp_json(r, 200,
			 json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:b}", "id", (json_int_t)u->id,
				   "login", u->login, "name", u->name, "kind", u->kind, "time_zone",
				   u->time_zone[0] ? u->time_zone : "UTC", "couple", couple, "language",
				   lang_code(r->lang), "language_chosen", u->lang >= 0));
}

/* A language from JSON: its index, -1 for null (follow the browser), -2 when
 * it is not a code duet speaks. */
static int parse_language(json_t *value)
{
	if (json_is_null(value))
		return -1;
	if (!json_is_string(value))
		return -2;
	int lang = lang_of(json_string_value(value));
	if (lang < 0 || strcmp(json_string_value(value), lang_code(lang)))
		return -2;
	return lang;
}

static int fail_language(struct req *r)
{
	return req_fail(r, 400, "invalid",
			"duet speaks English (\"en\"), German (\"de\") and Spanish (\"es\"); "
			"language must be one of those, or null to follow the browser.");
}

/* Writes a checked language (parse_language) and speaks it from now on. */
static int set_language(struct req *r, struct db *db, int lang)
{
	if (acct_set_language(db, r->user->id, lang >= 0 ? lang_code(lang) : "", &r->err) < 0)
		return -1;
	r->user->lang = lang;
	r->lang = lang >= 0 ? lang : lang_accept(req_header(r, "Accept-Language"));
	i18n_set_thread(r->lang);
	return 0;
}

int account_patch_language(struct req *r, struct db *db, json_t *value)
{
	int lang = parse_language(value);
	if (lang == -2)
		return fail_language(r);
	return set_language(r, db, lang);
}

/* PATCH /api/v1/me: name, time_zone and language, each optional; all are
 * checked before anything is written. */
int account_api_update(struct req *r)
{
	if (!json_is_object(r->json))
		return req_fail(r, 400, "invalid", "Send a JSON object with the fields to change.");
	json_t *language = json_object_get(r->json, "language");
	int lang = language ? parse_language(language) : -1;
	if (lang == -2)
		return fail_language(r);
	const char *name = req_text(r, "name", "name", NAME_MAX_CHARS, 0);
	const char *zone = name ? read_zone(r) : NULL;
	if (!name || !zone)
		return -1;
	if (!*name && !*zone && !language)
		return req_fail(r, 400, "missing",
				"Please give a new name, a time zone or a language.");
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	if ((*name || *zone) && save_profile(r, db, name, zone) < 0)
		return -1;
	if (language && set_language(r, db, lang) < 0)
		return -1;
	return account_api_me(r);
}

int account_api_passphrase(struct req *r)
{
	if (do_passphrase(r) < 0)
		return -1;
	return resp_json(r, 200, json_pack("{s:b}", "changed", 1));
}

int account_api_recovery_code(struct req *r)
{
	char code[RECOVERY_CODE_MAX];
	if (do_renew_recovery(r, code) < 0)
		return -1;
	int rc = resp_json(r, 201, json_pack("{s:s}", "recovery_code", code));
	sodium_memzero(code, sizeof code);
	return rc;
}

int account_api_recover(struct req *r)
{
	char code[RECOVERY_CODE_MAX];
	if (do_recover(r, code) < 0)
		return -1;
	int rc = resp_json(r, 200, json_pack("{s:s,s:s}", "token", r->token, "recovery_code", code));
	sodium_memzero(code, sizeof code);
	return rc;
}

/* ---- pages -------------------------------------------------------------- */

/* A recovery code in groups that never break in the middle, with Copy and
 * Download (static/keep.js; without JavaScript the code is there to copy). */
static void recovery_box(struct req *r, const char *code)
{
	page_code(r, "recovery-code", code);
	h(r, "<p class=\"actions\" hidden data-needs-js>"
	     "<button type=\"button\" data-copy=\"recovery-code\">Copy the code</button> "
	     "<button type=\"button\" class=\"secondary\" data-download=\"recovery-code\" "
	     "data-filename=\"duet-recovery-code.txt\" data-note=\"Your duet recovery code. It "
	     "opens your private entries if you forget your passphrase; it works once.&#10;\">"
	     "Download as a file</button> <span class=\"copied\" role=\"status\"></span></p>");
	page_script(r, "keep.js");
}

static void next_field(struct req *r)
{
	const char *next = page_next(r);
	if (strcmp(next, "/")) {
		h(r, "<input type=\"hidden\" name=\"next\" value=\"");
		ht(r, next);
		h(r, "\">");
	}
}

static int signup_form(struct req *r, int status, const char *error)
{
	page_begin(r, status, "Sign up", NULL);
	h(r, "<section class=\"card narrow\"><h1>Make your duet account</h1>"
	     "<p>Each partner has their own account. What you write stays yours until you "
	     "choose to share it.</p>");
	if (error)
		page_alert(r, error);
	h(r, "<form method=\"post\" action=\"/signup\">");
	page_csrf(r);
	next_field(r);
	page_field(r, "name", "Your name", "text", r->form ? req_form(r, "name") : NULL, "nickname",
	      "How your partner will see you, for example Ana.");
	page_field(r, "login", "Login name", "text", r->form ? req_form(r, "login") : NULL, "username",
	      "Letters, digits, '.', '-' or '_'. You sign in with it.");
	page_field(r, "passphrase", "Passphrase", "password", NULL, "new-password",
	      "At least 10 characters. A short sentence you will remember works well.");
	h(r, "<fieldset class=\"choice\"><legend>This account is for</legend>"
	     "<label><input type=\"radio\" name=\"kind\" value=\"partner\" checked> "
	     "me, as one of a couple</label>"
	     "<label><input type=\"radio\" name=\"kind\" value=\"counsellor\"> "
	     "me, as a counsellor a couple invites</label></fieldset>"
	     "<input type=\"hidden\" name=\"time_zone\" data-browser-zone value=\"\">"
	     "<button type=\"submit\">Sign up</button></form>");
	page_script(r, "keep.js");
	h(r, "<p>Already have an account? <a href=\"/signin\">Sign in</a>.</p></section>");
	return page_end(r);
}

int account_page_signup(struct req *r)
{
	if (r->user)
		return resp_redirect(r, "/");
	return signup_form(r, 200, NULL);
}

int account_post_signup(struct req *r)
{
	struct signup_out o;
	if (do_signup(r, &o) < 0) {
		return page_retry(r, signup_form);
	}
	/* The session started during this request: show the signed-in layout. */
	struct user *u = arena_calloc(&r->arena, 1, sizeof *u);
	if (u) {
		u->id = o.id;
		u->login = o.login;
		u->name = o.name;
		u->kind = "partner";
		u->lang = -1;
		r->user = u;
	}
	page_begin(r, 200, "Your recovery code", NULL);
	h(r, "<section class=\"card narrow\"><h1>Welcome, ");
	ht(r, o.name);
	h(r, "</h1><h2>Your recovery code</h2>");
	recovery_box(r, o.recovery);
	h(r, "<p>This code is the only way back into your private entries if you forget "
	     "your passphrase. duet can't reset it for you, because what you keep private is "
	     "locked with your passphrase or this code, and no one else holds a key.</p>"
	     "<p>Write it down or save it somewhere safe now. It is shown only this once, and "
	     "each code works once: using it gives you a new one. You can also make a new one "
	     "from your account page.</p><p><a class=\"button\" href=\"");
	ht(r, page_next(r));
	h(r, "\">I've kept it, continue</a></p></section>");
	sodium_memzero(o.recovery, sizeof o.recovery);
	return page_end(r);
}

static int signin_form(struct req *r, int status, const char *error)
{
	page_begin(r, status, "Sign in", NULL);
	h(r, "<section class=\"card narrow\"><h1>Sign in</h1>");
	if (error)
		page_alert(r, error);
	h(r, "<form method=\"post\" action=\"/signin\">");
	page_csrf(r);
	next_field(r);
	page_field(r, "login", "Login name", "text", r->form ? req_form(r, "login") : NULL, "username",
	      NULL);
	page_field(r, "passphrase", "Passphrase", "password", NULL, "current-password", NULL);
	h(r, "<button type=\"submit\">Sign in</button></form>"
	     "<p>New here? <a href=\"/signup\">Make an account</a>. "
	     "Forgot your passphrase? <a href=\"/recover\">Use your recovery code</a>.</p>"
	     "</section>");
	return page_end(r);
}

int account_page_signin(struct req *r)
{
	if (r->user)
		return resp_redirect(r, page_next(r));
	return signin_form(r, 200, NULL);
}

int account_post_signin(struct req *r)
{
	if (do_signin(r) < 0) {
		return page_retry(r, signin_form);
	}
	return resp_redirect(r, page_next(r));
}

int account_post_signout(struct req *r)
{
	if (session_end(r) < 0)
		return -1;
	return resp_redirect(r, "/");
}

/* The Account page's part for the name and the time zone. */
static void profile_section(struct req *r)
{
	h(r, "<section class=\"card\" id=\"profile\"><h2>Your name and time zone</h2>"
	     "<form method=\"post\" action=\"/account/profile\">");
	page_csrf(r);
	const char *name = r->form ? req_form(r, "name") : NULL;
	const char *zone = r->form ? req_form(r, "time_zone") : NULL;
	page_field(r, "name", "Your name", "text", name ? name : r->user->name, "nickname",
		   "How your partner sees you.");
	page_field(r, "time_zone", "Time zone", "text",
		   zone ? zone : r->user->time_zone[0] ? r->user->time_zone : "UTC", "off",
		   "Dates are shown in this zone: a name like Europe/Paris or America/New_York.");
	h(r, "<button type=\"submit\" class=\"secondary\">Save</button></form></section>");
}

static int profile_form(struct req *r, int status, const char *error)
{
	page_begin(r, status, "Your name and time zone", "account");
	if (error)
		page_alert(r, error);
	else
		h(r, "<p class=\"notice\" role=\"status\">Saved.</p>");
	profile_section(r);
	h(r, "<p><a href=\"/account\">Back to your account</a></p>");
	return page_end(r);
}

int account_post_profile(struct req *r)
{
	if (do_profile(r) < 0)
		return page_retry(r, profile_form);
	return profile_form(r, 200, NULL);
}

/* The Account page's part for a new recovery code (error: shown in it). */
static void recovery_section(struct req *r, const char *error)
{
	h(r, "<section class=\"card\" id=\"recovery\"><h2>A new recovery code</h2>");
	if (error)
		page_alert(r, error);
	h(r, "<p>If your recovery code got lost, or someone else may have seen it, make a new "
	     "one. The old one stops working at once.</p>"
	     "<form method=\"post\" action=\"/account/recovery-code\">");
	page_csrf(r);
	page_field(r, "passphrase", "Your passphrase", "password", NULL, "current-password", NULL);
	h(r, "<button type=\"submit\" class=\"secondary\">Make a new recovery code</button>"
	     "</form></section>");
}

static int recovery_form(struct req *r, int status, const char *error)
{
	page_begin(r, status, "A new recovery code", "account");
	recovery_section(r, error);
	h(r, "<p><a href=\"/account\">Back to your account</a></p>");
	return page_end(r);
}

int account_post_recovery_code(struct req *r)
{
	char code[RECOVERY_CODE_MAX];
	if (do_renew_recovery(r, code) < 0)
		return page_retry(r, recovery_form);
	page_begin(r, 201, "Your new recovery code", "account");
	h(r, "<section class=\"card narrow\"><h1>Your new recovery code</h1>");
	recovery_box(r, code);
	sodium_memzero(code, sizeof code);
	h(r, "<p>The old code no longer works. Keep this one somewhere safe; it is shown only "
	     "once.</p><p><a class=\"button\" href=\"/account\">Back to your account</a></p>"
	     "</section>");
	return page_end(r);
}

/* The language choice: each language named in itself, and "as the browser". */
static void language_section(struct req *r)
{
	h(r, "<section class=\"card\"><h2 id=\"language-h\">Language</h2>"
	     "<form method=\"post\" action=\"/account/language\">");
	page_csrf(r);
	h(r, "<fieldset><legend>The language duet speaks with you</legend>");
	for (int l = -1; l < LANG_COUNT; l++) {
		const char *code = l < 0 ? "auto" : lang_code(l);
		hf(r, "<label class=\"choice\"><input type=\"radio\" name=\"language\" value=\"%s\"%s> ",
		   code, r->user->lang == l ? " checked" : "");
		if (l < 0)
			h(r, "As my browser asks");
		else
			hf(r, "<span lang=\"%s\">%s</span>", code, lang_name(l));
		h(r, "</label>");
	}
	h(r, "</fieldset><button type=\"submit\">Save language</button></form></section>");
}

static int account_view(struct req *r, int status, const char *error, const char *notice)
{
	page_begin(r, status, "Account", "account");
	h(r, "<section class=\"card\"><h1>Your account</h1><p>Signed in as <strong>");
	ht(r, r->user->name);
	h(r, "</strong> (login name <code>");
	ht(r, r->user->login);
	h(r, "</code>).</p></section><section class=\"card\"><h2>Change your passphrase</h2>");
	if (error)
		page_alert(r, error);
	if (notice) {
		h(r, "<p class=\"notice\" role=\"status\">");
		ht(r, page_tr(r, notice));
		h(r, "</p>");
	}
	h(r, "<p>Your private entries stay readable: they are re-locked with the new "
	     "passphrase. Other devices where you are signed in will be signed out.</p>"
	     "<form method=\"post\" action=\"/account/passphrase\">");
	page_csrf(r);
	page_field(r, "current", "Current passphrase", "password", NULL, "current-password", NULL);
	page_field(r, "new", "New passphrase", "password", NULL, "new-password",
	      "At least 10 characters.");
	h(r, "<button type=\"submit\">Change passphrase</button></form></section>");
	profile_section(r);
	language_section(r);
	recovery_section(r, NULL);
	(void)!push_account_section(r);
	ownership_account_sections(r);
	return page_end(r);
}

static int passphrase_form(struct req *r, int status, const char *error)
{
	return account_view(r, status, error, NULL);
}

int account_page(struct req *r)
{
	return account_view(r, 200, NULL, NULL);
}

int account_post_passphrase(struct req *r)
{
	if (do_passphrase(r) < 0) {
		return page_retry(r, passphrase_form);
	}
	return account_view(r, 200, NULL, N_("Your passphrase was changed."));
}

int account_post_language(struct req *r)
{
	const char *v = req_form(r, "language");
	json_t *value = !v || !strcmp(v, "auto") ? json_null() : json_string(v);
	struct db *db = value ? db_get(&r->err) : NULL;
	int rc = db ? account_patch_language(r, db, value) : -1;
	json_decref(value);
	if (!db && !r->err.status)
		return req_fail(r, 500, "no_memory", "out of memory");
	if (rc < 0)
		return page_retry(r, passphrase_form);
	return account_view(r, 200, NULL, N_("Your language was saved."));
}

static int recover_form(struct req *r, int status, const char *error)
{
	page_begin(r, status, "Recover your account", NULL);
	h(r, "<section class=\"card narrow\"><h1>Forgot your passphrase?</h1>"
	     "<p>Enter the recovery code you were given when you signed up, and choose a new "
	     "passphrase. Your private entries stay readable. You will get a new recovery code.</p>");
	if (error)
		page_alert(r, error);
	h(r, "<form method=\"post\" action=\"/recover\">");
	page_csrf(r);
	page_field(r, "login", "Login name", "text", r->form ? req_form(r, "login") : NULL, "username",
	      NULL);
	page_field(r, "recovery_code", "Recovery code", "text", NULL, "off", NULL);
	page_field(r, "new_passphrase", "New passphrase", "password", NULL, "new-password",
	      "At least 10 characters.");
	h(r, "<button type=\"submit\">Set new passphrase</button></form>"
	     "<p>Without the code, duet can't open your private entries; an operator can only "
	     "start you a fresh account.</p></section>");
	return page_end(r);
}

int account_page_recover(struct req *r)
{
	return recover_form(r, 200, NULL);
}

int account_post_recover(struct req *r)
{
	char code[RECOVERY_CODE_MAX];
	if (do_recover(r, code) < 0) {
		return page_retry(r, recover_form);
	}
	page_begin(r, 200, "Your new recovery code", NULL);
	h(r, "<section class=\"card narrow\"><h1>Your passphrase is changed</h1>"
	     "<h2>Your new recovery code</h2>");
	recovery_box(r, code);
	h(r, "<p>The old code no longer works. Keep this one somewhere safe; it is shown "
	     "only once.</p><p><a class=\"button\" href=\"/\">Continue</a></p></section>");
	sodium_memzero(code, sizeof code);
	return page_end(r);
}
