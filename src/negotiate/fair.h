/* fair.h: the two negotiation methods of the Negotiate area, as pure logic.
 *
 * Adjusted Winner (Brams and Taylor): each partner spreads exactly 100 points
 * over the issues of a decision; aw_split() gives every issue to one partner,
 * or shares one issue, so that the result is envy-free, equitable (equal totals,
 * each counted in the partner's own points) and efficient.
 *
 * Nash bargaining choice: each partner rates every option and "no agreement"
 * from 0 to 10; nash_choose() proposes the option that maximises the product
 * of the two gains over no agreement, among options where both gain.
 *
 * Both validate their input and report problems through `struct err` in words
 * for a person. Names are borrowed from the caller and never copied. Everything
 * is exact (integers and struct frac). The procedure, the tie rules and the
 * arithmetic bounds are in docs/internals/fair.md.
 */
#ifndef DUET_FAIR_H
#define DUET_FAIR_H

#include <stddef.h>

#include "lib/frac.h"
#include "util/common.h"
#include "util/err.h"

#define FAIR_NAME_MAX 200 /* bytes in an issue or option name */
#define FAIR_LABEL_NAME_MAX 60 /* longer names are called "issue 3" in messages */
#define FAIR_LABEL_MAX (FAIR_LABEL_NAME_MAX + 16) /* room for any fair_label() */

/* Writes how a message refers to entry i (0-based) into out: its name in
 * quotes when it is short, else `noun` and its number ("issue 3"). `name` may
 * be NULL. Returns out. */
const char *fair_label(char *out, size_t size, const char *noun, size_t i, const char *name);

/* ---- Adjusted Winner ---- */

#define AW_MIN_ITEMS 2
#define AW_MAX_ITEMS 50
#define AW_POINTS 100 /* each partner's points sum to exactly this */

struct aw_item {
	const char *name; /* borrowed; non-empty UTF-8, at most FAIR_NAME_MAX bytes, unique */
	long long a;      /* partner a's points, whole, 0..100 */
	long long b;      /* partner b's points */
};

struct aw_share {
	struct frac a; /* the part of the issue partner a gets, 0..1 */
	struct frac b; /* the rest, for partner b: a + b == 1 */
};

struct aw_result {
	struct aw_share share[AW_MAX_ITEMS]; /* in input order */
	struct frac total_a;                 /* a's points for a's bundle */
	struct frac total_b;                 /* b's points for b's bundle; equals total_a */
	int split;                           /* index of the shared issue, -1 when none */
};

/* 0 when n issues is an allowed count (AW_MIN_ITEMS..AW_MAX_ITEMS); else -1
 * with a message. For parsers that must refuse before copying issues. */
int aw_check_count(size_t n, struct err *e) WARN_UNUSED_RESULT;

/* Validates the n issues (count, names, points 0..100 summing to 100 per
 * partner) and computes the Adjusted Winner allocation into *out.
 * Returns 0, or -1 with `e` set and *out unspecified. */
int aw_split(const struct aw_item *items, size_t n, struct aw_result *out /* OUT */,
	     struct err *e) WARN_UNUSED_RESULT;

/* ---- Nash bargaining choice ---- */

#define NASH_MIN_OPTIONS 2
#define NASH_MAX_OPTIONS 20
#define NASH_RATING_MAX 10 /* ratings are whole numbers 0..NASH_RATING_MAX */
#define NASH_REASON_MAX 1024 /* a buffer this size always holds nash_reason() */

struct nash_option {
	const char *name; /* borrowed; non-empty UTF-8, at most FAIR_NAME_MAX bytes, unique */
	long long a;      /* partner a's rating, 0..10 */
	long long b;      /* partner b's rating */
};

struct nash_rank {
	size_t index;     /* into the options */
	long long gain_a; /* a's rating minus a's rating of no agreement, > 0 */
	long long gain_b;
	long long product; /* gain_a * gain_b */
};

struct nash_result {
	int choice; /* index of the proposed option, -1 when none gains for both */
	struct nash_rank ranking[NASH_MAX_OPTIONS]; /* options where both gain, best first */
	size_t nranked;                              /* ranking[0] is the choice when > 0 */
};

/* 0 when n options is an allowed count (NASH_MIN_OPTIONS..NASH_MAX_OPTIONS);
 * else -1 with a message. */
int nash_check_count(size_t n, struct err *e) WARN_UNUSED_RESULT;

/* Validates the options and the two ratings of no agreement (the status quo,
 * `none_a` and `none_b`, also 0..10), then ranks the options where both
 * partners gain: larger product of gains first, then larger smaller gain,
 * then earlier option.
 * Returns 0, or -1 with `e` set and *out unspecified. */
int nash_choose(const struct nash_option *opts, size_t n, long long none_a, long long none_b,
		struct nash_result *out /* OUT */, struct err *e) WARN_UNUSED_RESULT;

/* Writes one plain sentence or two for the couple saying why the choice is the
 * fair one, or, when there is none, what they could do instead. `r` must come
 * from nash_choose() on the same options. Returns the length, or -1 when
 * `size` is too small (NASH_REASON_MAX always suffices). */
int nash_reason(const struct nash_option *opts, const struct nash_result *r, char *out,
		size_t size);

#endif
