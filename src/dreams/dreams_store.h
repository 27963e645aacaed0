/* dreams_store.h: SQL for the dream table: ideas, dreams and desires either
 * partner puts out, their replies, and their status. Every query filters by
 * couple_id. Dreams are shared openly within the couple (no reveal rule). */
#ifndef DUET_DREAMS_STORE_H
#define DUET_DREAMS_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

#define DREAMS_PAGE 50         /* dreams on one page of the list */
#define DREAM_REPLIES_PAGE 100 /* replies on one page under a dream */

struct dream {
	int64_t id;
	int64_t created_by; /* 0 when that account is gone */
	const char *by_name;
	const char *kind; /* idea, dream, desire */
	const char *title;
	const char *text;
	const char *status; /* new, exploring, planning, living_it, set_aside */
	int64_t status_by;  /* 0 when never changed */
	const char *status_by_name;
	int64_t status_at;
	int64_t created_at;
	int64_t updated_at; /* the latest reply or change */
	int64_t replies;    /* number of replies */
};

struct dream_reply {
	int64_t id;
	int64_t user_id; /* 0 when that account is gone */
	const char *name;
	const char *text;
	int64_t created_at;
};

/* Stores a dream (status new); *id set. */
int dreams_insert(struct db *db, int64_t couple_id, int64_t by, const char *kind, const char *title,
                  const char *text, int64_t now, int64_t *id, struct err *e) WARN_UNUSED_RESULT;

/* One dream of the couple; 1 found, 0 not (or another couple's), -1 error. */
int dreams_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id, struct dream *out,
               struct err *e) WARN_UNUSED_RESULT;

/* The couple's dreams, set-aside ones last, else most recently active first:
 * at most `max` of them after skipping `skip`. */
int dreams_list(struct db *db, struct arena *a, int64_t couple_id, size_t skip, size_t max,
                struct dream **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Adds a reply and marks the dream active now; *id set. */
int dreams_reply(struct db *db, int64_t couple_id, int64_t dream_id, int64_t by, const char *text,
                 int64_t now, int64_t *id, struct err *e) WARN_UNUSED_RESULT;

/* A dream's replies, oldest first: at most `max` after skipping `skip`. */
int dreams_replies(struct db *db, struct arena *a, int64_t couple_id, int64_t dream_id,
                   size_t skip, size_t max, struct dream_reply **out, size_t *n,
                   struct err *e) WARN_UNUSED_RESULT;

/* One reply of the couple's dream; 1 found, 0 not, -1 error. */
int dreams_reply_get(struct db *db, struct arena *a, int64_t couple_id, int64_t reply_id,
                     struct dream_reply *out, struct err *e) WARN_UNUSED_RESULT;

/* Deletes a dream `by` put on the table, with its replies: 1 deleted, 0 when
 * the couple has no such dream of theirs, -1 error. */
int dreams_delete(struct db *db, int64_t couple_id, int64_t id, int64_t by, struct err *e)
	WARN_UNUSED_RESULT;

/* Deletes a reply `by` wrote under dream_id: 1 deleted, 0 none of theirs, -1. */
int dreams_reply_delete(struct db *db, int64_t couple_id, int64_t dream_id, int64_t reply_id,
			int64_t by, struct err *e) WARN_UNUSED_RESULT;

/* Changes a dream's status. */
int dreams_set_status(struct db *db, int64_t couple_id, int64_t id, const char *status, int64_t by,
                      int64_t now, struct err *e) WARN_UNUSED_RESULT;

/* Export (docs/EXPORT.md): the couple's dreams and replies (both partners see
 * them all). dreams_forget removes the dreams the person wrote (with their
 * replies) and the person's replies (deletion). */
struct export_who;
struct export_out;
int dreams_export(struct db *db, int64_t couple_id, const struct export_who *who, struct export_out *out,
		  struct err *e) WARN_UNUSED_RESULT;
int dreams_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
	WARN_UNUSED_RESULT;

#endif
