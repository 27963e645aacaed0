/* account_store.h: SQL for people, sessions and sign-in throttling. */
#ifndef DUET_ACCOUNT_STORE_H
#define DUET_ACCOUNT_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "http/request.h"
#include "store/db.h"

struct account {
	int64_t id;
	const char *login;
	const char *name;
	const char *kind;
	const char *pw_rec;
	const char *key_pass;
	const char *key_recovery;
};

/* Inserts a person; *id set. A taken login fails with e 409 "login_taken". */
int acct_create(struct db *db, const char *login, const char *name, const char *kind,
		const char *pw_rec, const char *key_pass, const char *key_recovery, int64_t *id,
		struct err *e) WARN_UNUSED_RESULT;

/* Loads a person by login into out (strings from arena a). 1 found, 0 not, -1 error. */
int acct_by_login(struct db *db, struct arena *a, const char *login, struct account *out,
		  struct err *e) WARN_UNUSED_RESULT;

/* Same by id. */
int acct_by_id(struct db *db, struct arena *a, int64_t id, struct account *out, struct err *e)
	WARN_UNUSED_RESULT;

/* Replaces the passphrase record and the key wrapped under it. */
int acct_set_passphrase(struct db *db, int64_t id, const char *pw_rec, const char *key_pass,
			struct err *e) WARN_UNUSED_RESULT;

/* Changes the name and/or the time zone (NULL keeps what is there). */
int acct_set_profile(struct db *db, int64_t id, const char *name, const char *time_zone,
		     struct err *e) WARN_UNUSED_RESULT;

/* Replaces the key wrapped under the recovery code. */
int acct_set_recovery(struct db *db, int64_t id, const char *key_recovery, struct err *e)
	WARN_UNUSED_RESULT;

/* Calls fn for every person, in id order (for `duet admin users`). */
/* Sets a person's language: a code of lib/lang.h, or "" to follow the
 * browser's Accept-Language. */
int acct_set_language(struct db *db, int64_t id, const char *code, struct err *e)
	WARN_UNUSED_RESULT;

int acct_each(struct db *db, void (*fn)(void *ctx, int64_t id, const char *login,
					const char *name, const char *kind, int64_t created_at,
					int64_t couple_id),
	      void *ctx, struct err *e) WARN_UNUSED_RESULT;

/* Throttling counters. Keys are "KIND:" and a keyed hash (account.c), never
 * what was typed nor a client's address. */
int throttle_get(struct db *db, const char *key, int64_t *failures, int64_t *last_at,
		 struct err *e) WARN_UNUSED_RESULT;
int throttle_fail(struct db *db, const char *key, int64_t now, struct err *e) WARN_UNUSED_RESULT;
int throttle_clear(struct db *db, const char *key, struct err *e) WARN_UNUSED_RESULT;

/* Counts one event in a window of `window` seconds: a row whose window (last_at
 * is its start here) has passed starts again at 1 from now. */
int throttle_count(struct db *db, const char *key, int64_t now, int64_t window, struct err *e)
	WARN_UNUSED_RESULT;

/* Deletes counters last touched before `before`. */
int throttle_purge(struct db *db, int64_t before, struct err *e) WARN_UNUSED_RESULT;

/* A named server secret of `len` random bytes (base64url in the database),
 * made by the first process that asks; every process then reads the same one.
 * 0 with out filled, -1 with e set. */
int secret_get(struct db *db, const char *name, unsigned char *out, size_t len, struct err *e)
	WARN_UNUSED_RESULT;

/* Export and deletion (docs/EXPORT.md, src/ownership/): the person's account as
 * doc["account"]; acct_forget removes the person (everything that references
 * them cascades); their throttling rows hold only keyed hashes and age out. */
struct export_who;
struct export_out;
int acct_export(struct db *db, const struct export_who *who, struct export_out *out, struct err *e)
	WARN_UNUSED_RESULT;
int acct_forget(struct db *db, int64_t id, struct err *e) WARN_UNUSED_RESULT;

#endif
