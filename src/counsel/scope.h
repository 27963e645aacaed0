/* scope.h: what a couple shares with their counsellor.
 *
 * Each partner approves an invitation with their own set of scopes; what the
 * counsellor may open is the intersection of the two sets, and nothing at all
 * until the counsellor has entered the code and both partners have approved.
 * Scopes are bits so that a set is one integer (stored as BIGINT). Prompt
 * answers and journal entries are not scopes: they can never be shared.
 * See docs/internals/counsellor.md. Pure: no I/O, no state.
 */
#ifndef DUET_SCOPE_H
#define DUET_SCOPE_H

#include <stddef.h>

#include "util/err.h"

enum scope {
	SCOPE_CHECKINS = 1 << 0,       /* check-in numbers over time (no appreciations) */
	SCOPE_AGREEMENTS = 1 << 1,     /* agreements and how they were kept */
	SCOPE_REPAIR_PLANS = 1 << 2,   /* the "next time we will…" plans of repairs */
	SCOPE_DIFFERENCE_MAP = 1 << 3, /* the difference map's groups */
};

#define SCOPE_ALL 15u
#define SCOPE_COUNT 4
#define SCOPE_NAME_MAX 32

/* The API name of one scope bit ("checkins", "agreements", "repair_plans",
 * "difference_map"); NULL for anything that is not exactly one known bit. */
const char *scope_name(unsigned bit);

/* Words for a person ("Check-in trends"); NULL as for scope_name. */
const char *scope_label(unsigned bit);

/* The bit of a scope name; 0 when unknown (NULL included). */
unsigned scope_bit(const char *name);

/* The i-th scope bit (0 <= i < SCOPE_COUNT), in the order pages list them. */
unsigned scope_at(size_t i);

/* Parses a list of n names into a set. Repeats are fine. Returns 0, or -1 with
 * e set (400 "invalid_scope") for an unknown name, or (400 "no_scopes") when
 * the set is empty. */
int scope_parse(const char *const *names, size_t n, unsigned *out,
                struct err *e) WARN_UNUSED_RESULT;

/* Who has said yes so far, and to what. */
struct scope_consent {
	int counsellor_joined; /* the counsellor has entered the code */
	int approved[2];       /* each partner has approved */
	unsigned chosen[2];    /* each partner's scopes (ignored unless approved) */
	int ended;             /* either partner ended the sharing */
};

/* The scopes the counsellor may open: both partners' choices intersected, and
 * the empty set unless the counsellor joined, both approved and nobody ended it. */
unsigned scope_shared(const struct scope_consent *c);

/* 1 when `bit` is in the shared set of c. */
int scope_allows(const struct scope_consent *c, unsigned bit);

#endif
