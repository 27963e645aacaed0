/* counsel_store.h: SQL for a couple's counsellor: the invitation (a "link"
 * between one couple and one counsellor), each partner's approval with their
 * scopes, and the log of what the counsellor opened.
 *
 * A couple has at most one link that has not ended. Every query of a couple's
 * rows filters by couple_id; the two lookups that cannot (finding a link by
 * its code's hash, and listing a counsellor's couples) return couple ids that
 * every later query then filters by.
 */
#ifndef DUET_COUNSEL_STORE_H
#define DUET_COUNSEL_STORE_H

#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

struct counsel_link {
	int64_t id;
	int64_t couple_id;
	int64_t created_by;          /* 0 when that partner's account is gone */
	const char *created_by_name; /* "" then */
	int64_t created_at, expires_at;
	int64_t counsellor_id;                  /* 0 until the counsellor enters the code */
	const char *counsellor_name;            /* "" until then */
	int64_t joined_at, active_at, ended_at; /* 0 when not (yet) */
};

struct counsel_approval {
	int64_t user_id;
	unsigned scopes;
	int64_t approved_at;
};

struct counsel_log_entry {
	const char *counsellor_name;
	const char *scope;
	int64_t opened_at;
};

/* Stores a new link for the couple; *id set. */
int counsel_link_create(struct db *db, int64_t couple_id, const char *code_hash, int64_t by,
                        int64_t expires_at, int64_t *id, struct err *e) WARN_UNUSED_RESULT;

/* The couple's link that has not ended (the newest if, by a race, there were
 * two). 1 found, 0 none, -1 error. Text from arena a. */
int counsel_link_current(struct db *db, struct arena *a, int64_t couple_id,
                         struct counsel_link *out, struct err *e) WARN_UNUSED_RESULT;

/* One link of the couple, ended or not. 1 found, 0 not (or another couple's). */
int counsel_link_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
                     struct counsel_link *out, struct err *e) WARN_UNUSED_RESULT;

/* The link whose code has this hash. 1 found, 0 not, -1 error. */
int counsel_link_by_code(struct db *db, struct arena *a, const char *code_hash,
                         struct counsel_link *out, struct err *e) WARN_UNUSED_RESULT;

/* The live (not ended) link between a couple and a counsellor. 1/0/-1. */
int counsel_link_of(struct db *db, struct arena *a, int64_t couple_id, int64_t counsellor_id,
                    struct counsel_link *out, struct err *e) WARN_UNUSED_RESULT;

/* The counsellor's live links, newest first, at most max; *out from arena a. */
int counsel_links_of_counsellor(struct db *db, struct arena *a, int64_t counsellor_id, size_t max,
                                struct counsel_link **out, size_t *n,
                                struct err *e) WARN_UNUSED_RESULT;

/* The counsellor enters the code: records who and when. */
int counsel_link_join(struct db *db, int64_t couple_id, int64_t id, int64_t counsellor_id,
                      struct err *e) WARN_UNUSED_RESULT;

/* Marks the moment the link took effect (both approved), once. */
int counsel_link_activate(struct db *db, int64_t couple_id, int64_t id,
                          struct err *e) WARN_UNUSED_RESULT;

/* Ends a link (or every live link of the couple when id is 0). */
int counsel_link_end(struct db *db, int64_t couple_id, int64_t id, int64_t by,
                     struct err *e) WARN_UNUSED_RESULT;

/* A partner approves (or changes their scopes). */
int counsel_approve(struct db *db, int64_t couple_id, int64_t link_id, int64_t user_id,
                    unsigned scopes, struct err *e) WARN_UNUSED_RESULT;

/* The approvals of a link (at most 2). */
int counsel_approvals(struct db *db, int64_t couple_id, int64_t link_id,
                      struct counsel_approval out[2], size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Both members of a couple, in the order they joined: ids and names (arena a). */
int counsel_members(struct db *db, struct arena *a, int64_t couple_id, int64_t ids[2],
                    const char *names[2], size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Records that the counsellor opened `scope` of the couple now. */
int counsel_log_add(struct db *db, int64_t couple_id, int64_t link_id, int64_t counsellor_id,
                    const char *counsellor_name, const char *scope,
                    struct err *e) WARN_UNUSED_RESULT;

/* The couple's log, newest first, at most max. */
int counsel_log_list(struct db *db, struct arena *a, int64_t couple_id, size_t max,
                     struct counsel_log_entry **out, size_t *n, struct err *e) WARN_UNUSED_RESULT;

#endif
