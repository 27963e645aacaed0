/* session_memo.h: session lookups remembered while the database stands still.
 *
 * Every signed-in request looks its session up (sess_user: the person, their
 * couple and partner, the couple's version). The answer can only change when
 * something is committed, so each worker thread remembers recent answers
 * together with a db_mark() taken just before the lookup, and hands one out
 * again only while the database's mark is still the same and the session has
 * not expired. Any commit anywhere (a sign-out, a new answer, another process)
 * changes the mark, and every remembered lookup is then looked up afresh.
 * Where the backend cannot give a mark (PostgreSQL), nothing is remembered.
 *
 * Per thread: no locks. Entries are bounded (SESSION_MEMO_SLOTS per thread, in
 * sets of four; a full set gives up its least recently used entry). */
#ifndef DUET_SESSION_MEMO_H
#define DUET_SESSION_MEMO_H

#include <stdint.h>

#include "request.h"
#include "store/db.h"

#define SESSION_MEMO_SLOTS 512

/* On a hit: fills u (strings copied into arena a) and *key_session, returns 1.
 * 0 when not remembered, stale or expired at `now`. */
int session_memo_get(const char *sid, const struct db_mark *mark, int64_t now, struct arena *a,
		     struct user *u, const char **key_session);

/* Remembers a lookup made after `mark` was taken. Silently skipped when the
 * strings do not fit an entry or memory is short. */
void session_memo_put(const char *sid, const struct db_mark *mark, int64_t expires_at,
		      const struct user *u, const char *key_session);

/* Forgets this thread's entries and frees them (also done at thread exit). */
void session_memo_thread_done(void);

#endif
