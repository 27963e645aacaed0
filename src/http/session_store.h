/* session_store.h: SQL for sessions. A session row is keyed by a hash of its
 * token (the token itself is never stored: crypto/token.h) and holds the
 * person's data key wrapped under a key derived from the token. Used by
 * session.c (resolving a request's session, signing out) and by the account
 * area (signing in, ending other sessions after a passphrase change). */
#ifndef DUET_SESSION_STORE_H
#define DUET_SESSION_STORE_H

#include <stdint.h>

#include "http/request.h"
#include "store/db.h"

/* Sessions, keyed by the token's id (a hash; the token itself is never stored). */
int sess_create(struct db *db, const char *id_hex, int64_t user_id, int64_t expires_at,
		const char *key_session, struct err *e) WARN_UNUSED_RESULT;

/* Loads the person behind a live session, with their couple and partner.
 * 1 found (u, *key_session filled from arena a, *expires_at set), 0 none,
 * -1 error. */
int sess_user(struct db *db, struct arena *a, const char *id_hex, struct user *u,
	      const char **key_session, int64_t *expires_at, struct err *e) WARN_UNUSED_RESULT;

int sess_delete(struct db *db, const char *id_hex, struct err *e) WARN_UNUSED_RESULT;

/* Ends every session of a person except keep_id_hex (NULL for all). */
int sess_delete_user(struct db *db, int64_t user_id, const char *keep_id_hex, struct err *e)
	WARN_UNUSED_RESULT;

#endif
