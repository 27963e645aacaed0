/* together_store.h: SQL for together mode: sessions on one screen and the
 * prompts each session used ("talked about", with an optional note). Every
 * query filters by couple_id. */
#ifndef DUET_TOGETHER_STORE_H
#define DUET_TOGETHER_STORE_H

#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

#define TOGETHER_NOTE_MAX 1000 /* characters in a note about a prompt */
#define TOGETHER_STEPS_MAX 200 /* prompts one session may use */

struct together_session {
	int64_t id;
	int64_t first_user; /* who answers the session's first prompt; 0 if that account is gone */
	int64_t started_by;
	int64_t started_at;
	int64_t set_started_at; /* when the current set began */
	int64_t step;           /* prompts used so far */
	int64_t ended_at;       /* 0 while it goes on */
};

struct together_talk {
	int64_t session_id;
	const char *prompt_id;
	int64_t step;
	int64_t first_user;
	const char *note;
	int64_t talked_at;
	int64_t by;        /* who recorded the step and wrote its note; 0 if gone or older */
	int pending;       /* 1 until the other partner confirms it (then it counts) */
};

/* Starts a session; *id set. Ends the couple's other open sessions. */
int together_start(struct db *db, int64_t couple_id, int64_t first_user, int64_t by, int64_t now,
                   int64_t *id, struct err *e) WARN_UNUSED_RESULT;

/* One session of the couple; 1 found, 0 not (or another couple's), -1 error. */
int together_get(struct db *db, int64_t couple_id, int64_t id, struct together_session *out,
                 struct err *e) WARN_UNUSED_RESULT;

/* The couple's latest session that has not ended and began after `since`;
 * 1 found, 0 none, -1 error. */
int together_open(struct db *db, int64_t couple_id, int64_t since, struct together_session *out,
                  struct err *e) WARN_UNUSED_RESULT;

/* Records that `by` says the prompt of step `step` was talked about (pending
 * until the other partner confirms), and moves the session on one step;
 * `new_set` restarts the set timer at `now`. */
int together_talked(struct db *db, int64_t couple_id, int64_t session_id, int64_t step,
                    const char *prompt_id, int64_t first_user, int64_t by, const char *note,
                    int new_set, int64_t now, struct err *e) WARN_UNUSED_RESULT;

/* Confirms, as `me`, the session's pending steps that the other partner
 * recorded. */
int together_confirm(struct db *db, int64_t couple_id, int64_t session_id, int64_t me,
                     struct err *e) WARN_UNUSED_RESULT;

/* The latest session with steps recorded by someone other than `me` that are
 * waiting for `me` to confirm them: 1 and *session_id, 0 none, -1 error. */
int together_pending_for(struct db *db, int64_t couple_id, int64_t me, int64_t *session_id,
                         struct err *e) WARN_UNUSED_RESULT;

/* Ends a session. */
int together_end(struct db *db, int64_t couple_id, int64_t session_id, int64_t now,
                 struct err *e) WARN_UNUSED_RESULT;

/* The prompts a session used, in order. */
int together_talks_of_session(struct db *db, struct arena *a, int64_t couple_id, int64_t session_id,
                              struct together_talk **out, size_t *n,
                              struct err *e) WARN_UNUSED_RESULT;

/* Every time the couple talked about one prompt together, oldest first (at most 50). */
int together_talks_of_prompt(struct db *db, struct arena *a, int64_t couple_id,
                             const char *prompt_id, struct together_talk **out, size_t *n,
                             struct err *e) WARN_UNUSED_RESULT;

#endif
