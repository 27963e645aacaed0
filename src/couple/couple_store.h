/* couple_store.h: SQL for couples, their members and invites. */
#ifndef DUET_COUPLE_STORE_H
#define DUET_COUPLE_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

struct invite {
	int64_t id;
	int64_t couple_id;
	int64_t expires_at;
	int64_t used_at;     /* 0 when unused */
	int64_t revoked_at;  /* 0 when still the couple's current invite */
	const char *inviter; /* display name of who made it, "" if gone */
};

struct first_week;

/* What home needs for a new couple's first week (couple/firstweek.h), for
 * user_id of couple_id. */
int couple_first_week(struct db *db, int64_t couple_id, int64_t user_id, struct first_week *out,
                      struct err *e) WARN_UNUSED_RESULT;

/* Records the person's first look at home (once; later calls change nothing). */
int couple_welcomed(struct db *db, int64_t user_id, struct err *e) WARN_UNUSED_RESULT;

/* Hides the first week's suggestions for good. */
int couple_first_week_hide(struct db *db, int64_t user_id, struct err *e) WARN_UNUSED_RESULT;

/* Makes a couple with user_id as its first member; *couple_id set. */
int couple_create(struct db *db, int64_t user_id, int64_t *couple_id, struct err *e)
	WARN_UNUSED_RESULT;

/* Stores a new invite (by the hash of its code, and the code itself sealed
 * under its maker's data key, so that only the maker can read it again) and
 * retires the couple's older unused ones. */
int invite_create(struct db *db, int64_t couple_id, const char *code_hash,
		  const char *code_sealed, int64_t by, int64_t expires_at, struct err *e)
	WARN_UNUSED_RESULT;

/* The couple's invite that `by` made and that still works (not used, not
 * replaced, not expired): 1 with *code_sealed (from arena a) and *expires_at,
 * 0 when there is none, -1 error. */
int invite_pending(struct db *db, struct arena *a, int64_t couple_id, int64_t by,
		   const char **code_sealed, int64_t *expires_at, struct err *e)
	WARN_UNUSED_RESULT;

/* Finds an invite by its code's hash; 1 found, 0 not, -1 error. inviter is
 * copied into arena a. */
int invite_find(struct db *db, struct arena *a, const char *code_hash, struct invite *out,
		struct err *e) WARN_UNUSED_RESULT;

/* Marks an invite used. */
int invite_use(struct db *db, int64_t invite_id, struct err *e) WARN_UNUSED_RESULT;

/* Number of members of a couple. */
int couple_members(struct db *db, int64_t couple_id, int64_t *count, struct err *e)
	WARN_UNUSED_RESULT;

/* The couple a person belongs to, 0 when none. */
int couple_of(struct db *db, int64_t user_id, int64_t *couple_id, struct err *e)
	WARN_UNUSED_RESULT;

/* The other member of a couple: *id 0 and *name "" when alone. */
int couple_partner(struct db *db, struct arena *a, int64_t couple_id, int64_t user_id,
		   int64_t *id, const char **name, struct err *e) WARN_UNUSED_RESULT;

/* Adds a member. */
int couple_add(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
	WARN_UNUSED_RESULT;

/* Ends a couple: removes it with everything shared in it (cascade). */
int couple_delete(struct db *db, int64_t couple_id, struct err *e) WARN_UNUSED_RESULT;

/* A couple whose partner deleted their account is closed: it stays for the one
 * who remains (their own entries and what they could see), but takes in no new
 * partner, who would otherwise see the old shared history (docs/EXPORT.md). */
int couple_close(struct db *db, int64_t couple_id, struct err *e) WARN_UNUSED_RESULT;
/* 1 closed, 0 open, -1 error. */
int couple_is_closed(struct db *db, int64_t couple_id, struct err *e) WARN_UNUSED_RESULT;

/* The couple part of the export: "couple" (when and who), with partner_name
 * when it is not NULL. */
struct export_who;
struct export_out;
int couple_export(struct db *db, int64_t couple_id, const struct export_who *who,
		  const char *partner_name, struct export_out *out, struct err *e)
	WARN_UNUSED_RESULT;

#endif
