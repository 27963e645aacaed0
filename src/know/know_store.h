/* know_store.h: SQL for "Know each other": the couple's prompt state (shuffle
 * seed and current prompt), progress per prompt (rounds and when both had
 * answered), answers, the "tell me more" and additions thread, the couple's own
 * prompts and early-opening requests. Every query filters by couple_id.
 *
 * A round is one time the couple answers a prompt; a prompt that comes round
 * again after its level was used up starts a new round, and each partner
 * answers at most once a round (editing that answer later).
 */
#ifndef DUET_KNOW_STORE_H
#define DUET_KNOW_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

#define KNOW_OWN_MAX 500 /* own prompts a couple may write */

struct know_couple {
	uint64_t seed;       /* the couple's shuffle */
	const char *current; /* the current prompt's id, NULL before the first */
};

struct know_progress {
	const char *prompt_id;
	int64_t round;   /* the round now open, from 1 */
	int round_done;  /* 1 once both answered this round, or they talked about it */
	int64_t done_at; /* when a round was last done; 0 never. Never cleared. */
};

struct know_answer {
	int64_t id;
	const char *prompt_id;
	int64_t round;
	int64_t user_id;
	const char *text;
	int64_t answered_at;
	int64_t edited_at; /* 0 unless changed after the partner had seen it */
	int64_t seen_at;   /* when the partner first saw it; 0 not yet */
	int64_t version;   /* 1 when written, one more with each change */
	const char *reaction; /* the partner's reaction to it: "heart", "thanks" or "" */
};

struct know_post {
	int64_t id;
	int64_t round;
	int64_t user_id;
	const char *kind; /* "more" (a "tell me more" request, text = optional note)
	                   * or "addition" (text added to the author's own answer) */
	const char *text;
	int64_t created_at;
};

struct know_own_prompt {
	int64_t id;
	const char *key; /* "own-<id>" */
	int level;
	const char *topic; /* a deck topic slug */
	const char *text;
	int64_t created_by; /* 0 when that account is gone */
	int64_t created_at;
};

/* The couple's state row, made with `new_seed` on first use. Strings are
 * copied into `a`. */
int know_couple_get(struct db *db, struct arena *a, int64_t couple_id, uint64_t new_seed,
                    struct know_couple *out, struct err *e) WARN_UNUSED_RESULT;

/* Makes `prompt_id` the couple's current prompt. */
int know_couple_set_current(struct db *db, int64_t couple_id, const char *prompt_id,
                            struct err *e) WARN_UNUSED_RESULT;

/* Every progress row of the couple (at most `max`), into arena memory. */
int know_progress_list(struct db *db, struct arena *a, int64_t couple_id, size_t max,
                       struct know_progress **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Makes sure the prompt has a progress row (round 1, not done). */
int know_progress_ensure(struct db *db, int64_t couple_id, const char *prompt_id,
                         struct err *e) WARN_UNUSED_RESULT;

/* Opens the next round of a prompt whose round is done. */
int know_progress_new_round(struct db *db, int64_t couple_id, const char *prompt_id,
                            struct err *e) WARN_UNUSED_RESULT;

/* Marks the prompt's open round done at `now` (making the row when needed). */
int know_progress_done(struct db *db, int64_t couple_id, const char *prompt_id, int64_t now,
                       struct err *e) WARN_UNUSED_RESULT;

/* The answers to one prompt, every round, oldest round first. */
int know_answers_of(struct db *db, struct arena *a, int64_t couple_id, const char *prompt_id,
                    struct know_answer **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* The text of one answer of the couple (into a; "" when it is gone). */
int know_answer_text(struct db *db, struct arena *a, int64_t couple_id, int64_t answer_id,
                     const char **text, struct err *e) WARN_UNUSED_RESULT;

/* The answers of every prompt's open round (for lists), at most `max`,
 * WITHOUT their texts (text is ""): a list holds every prompt, and the texts
 * of the ones it shows are read with know_answer_text(). */
int know_answers_open_rounds(struct db *db, struct arena *a, int64_t couple_id, size_t max,
                             struct know_answer **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* A first answer of `user_id` in a round. */
int know_answer_insert(struct db *db, int64_t couple_id, const char *prompt_id, int64_t round,
                       int64_t user_id, const char *text, int64_t now,
                       struct err *e) WARN_UNUSED_RESULT;

/* Changes an answer's text and moves its version on; `edited` records the
 * change as an edit. */
int know_answer_update(struct db *db, int64_t couple_id, int64_t answer_id, const char *text,
                       int edited, int64_t now, struct err *e) WARN_UNUSED_RESULT;

/* Sets the partner's reaction to an answer ("heart", "thanks"; NULL removes it). */
int know_answer_react(struct db *db, int64_t couple_id, int64_t answer_id, const char *reaction,
                      struct err *e) WARN_UNUSED_RESULT;

/* Records that the partner has now seen the answer (once). */
int know_answer_seen(struct db *db, int64_t couple_id, int64_t answer_id, int64_t now,
                     struct err *e) WARN_UNUSED_RESULT;

/* The thread of one prompt, every round, oldest first (at most `max`). */
int know_thread_of(struct db *db, struct arena *a, int64_t couple_id, const char *prompt_id,
                   size_t max, struct know_post **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Adds a "more" request or an "addition" to a round's thread. */
int know_thread_add(struct db *db, int64_t couple_id, const char *prompt_id, int64_t round,
                    int64_t user_id, const char *kind, const char *text, int64_t now,
                    struct err *e) WARN_UNUSED_RESULT;

/* The couple's own prompts, oldest first. */
int know_own_list(struct db *db, struct arena *a, int64_t couple_id, struct know_own_prompt **out,
                  size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Stores an own prompt; *id set. */
int know_own_insert(struct db *db, int64_t couple_id, int level, const char *topic,
                    const char *text, int64_t by, int64_t now, int64_t *id,
                    struct err *e) WARN_UNUSED_RESULT;

/* Bit L of out[i] set when users[i] asked to open level L early. */
int know_early_masks(struct db *db, int64_t couple_id, const int64_t users[2], unsigned out[2],
                     struct err *e) WARN_UNUSED_RESULT;

/* Records (on) or withdraws (off) `user_id`'s request to open `level` early. */
int know_early_set(struct db *db, int64_t couple_id, int64_t user_id, int level, int on,
                   int64_t now, struct err *e) WARN_UNUSED_RESULT;

/* Export (docs/EXPORT.md): the person's answers and thread entries, the
 * partner's where the reveal rule shows them, and the couple's own prompts.
 * know_forget removes the prompts of their own the person wrote (deletion). */
struct export_who;
struct export_out;
int know_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
		struct err *e) WARN_UNUSED_RESULT;
int know_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
	WARN_UNUSED_RESULT;

#endif
