/* conversation_store.h: SQL for structured conversations (src/conversations/):
 * one row per conversation with its step, who has the floor, a flooding break
 * and how it ended. Every query filters by couple_id. What the rows hold is
 * shared within the couple; the only text a person writes here is the topic.
 *
 * Two phones may act at once: every change names the `seq` it was based on and
 * is written only if nobody changed the row since (conversation_save). */
#ifndef DUET_CONVERSATION_STORE_H
#define DUET_CONVERSATION_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

#define CONVERSATIONS_MAX 50 /* listed at once, newest first */

struct conversation {
	int64_t id;
	const char *kind;  /* weekly, stress, speaker_listener */
	const char *topic; /* "" when none */
	int shared;        /* 1: on one shared screen */
	int step;
	int64_t holder_id; /* 0 when that account is gone */
	int passes;        /* floor passes in this step */
	int64_t break_by;  /* who asked for the break on now; 0 when none */
	int64_t break_until;
	int64_t seq; /* grows with every change */
	int64_t started_by;
	int64_t started_at;
	int64_t updated_at;
	int64_t ended_at;    /* 0 while it goes on */
	const char *outcome; /* "" while it goes on; none, agreement, dream */
	int64_t outcome_id;  /* the agreement's or dream's id; 0 when none */
};

/* Stores a new conversation at step 0 with `holder` holding the floor; *id set. */
int conversation_insert(struct db *db, int64_t couple_id, int64_t by, const char *kind,
                        const char *topic, int shared, int64_t holder, int64_t now, int64_t *id,
                        struct err *e) WARN_UNUSED_RESULT;

/* One conversation of the couple; 1 found, 0 not (or another couple's), -1 error.
 * Strings live in the arena. */
int conversation_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
                     struct conversation *out, struct err *e) WARN_UNUSED_RESULT;

/* The couple's conversation that has not ended, if any: 1, 0 or -1. */
int conversation_open(struct db *db, struct arena *a, int64_t couple_id, struct conversation *out,
                      struct err *e) WARN_UNUSED_RESULT;

/* The couple's conversations, newest first, at most CONVERSATIONS_MAX. */
int conversation_list(struct db *db, struct arena *a, int64_t couple_id, struct conversation **out,
                      size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Writes c's step, holder, passes, break and ending (and seq + 1) if the row's
 * seq is still c->seq. 1 saved, 0 changed meanwhile by someone else, -1 error. */
int conversation_save(struct db *db, int64_t couple_id, const struct conversation *c, int64_t now,
                      struct err *e) WARN_UNUSED_RESULT;

/* Export (docs/EXPORT.md): the couple's conversations (both partners took part
 * in each). conversation_forget removes those the person started, with their
 * topics (deletion); in the rest, their id becomes "a former partner". */
struct export_who;
struct export_out;
int conversation_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
                        struct err *e) WARN_UNUSED_RESULT;
int conversation_forget(struct db *db, int64_t couple_id, int64_t user_id,
                        struct err *e) WARN_UNUSED_RESULT;

#endif
