/* diffmap.h: the "Not a mirror image" map: what two partners' ratings share and
 * where they differ. Pure: no I/O, no allocation of its own.
 *
 * Input is one row per item (catalogue items and a couple's own items alike): each
 * partner's rating from -2 (strongly dislike) to +2 (love it), or DIFFMAP_NONE
 * when they skipped it or have not rated it yet; "this matters a lot to me"
 * marks; and each partner's guess of the other's rating. Partner `a` is the viewer
 * ("me"), `b` the partner; to build the partner's view, swap a and b.
 *
 * Only items rated by both count (a skip is not a rating). With d = |a - b|:
 *   shared love     a >= +1 and b >= +1            (so d <= 1)
 *   shared dislike  a <= -1 and b <= -1            (so d <= 1)
 *   conflict        d >= 3, or d = 2 when either marked the item as mattering a lot
 *   difference      d = 2 and neither marked it
 *   (none)          the rest: d <= 1 without a shared love or dislike (e.g. 0 and +1)
 * The four groups never overlap. Similarity = mean of (1 - d/4) over the items
 * counted, per category and overall (overall is weighted by items, not by
 * category). Formulas and list orders are in docs/internals/differences.md.
 */
#ifndef DUET_DIFFMAP_H
#define DUET_DIFFMAP_H

#include <stddef.h>

#include "util/common.h"
#include "util/err.h"

#define DIFFMAP_NONE (-128) /* no rating (skipped or not yet rated) or no guess */
#define DIFFMAP_MIN (-2)
#define DIFFMAP_MAX 2

struct diffmap_row {
	size_t category;     /* index of its category, < ncategories */
	signed char a, b;    /* ratings, DIFFMAP_MIN..DIFFMAP_MAX or DIFFMAP_NONE */
	signed char guess_a; /* a's guess of b's rating, or DIFFMAP_NONE */
	signed char guess_b; /* b's guess of a's rating, or DIFFMAP_NONE */
	unsigned char important_a, important_b; /* nonzero: "this matters a lot to me" */
};

enum diffmap_group {
	DIFFMAP_UNSHARED, /* not rated by both: not counted anywhere */
	DIFFMAP_IN_STEP,  /* rated by both, in no group below */
	DIFFMAP_SHARED_LOVE,
	DIFFMAP_SHARED_DISLIKE,
	DIFFMAP_DIFFERENCE,
	DIFFMAP_CONFLICT,
};

struct diffmap_score {
	size_t items;           /* items rated by both */
	unsigned long distance; /* sum of d over them */
	double similarity;      /* 1 - distance / (4 items), in [0, 1]; 0 when items == 0 */
	int percent;            /* similarity rounded half up to a whole percent;
	                           -1 when items == 0 (show "not enough yet", JSON null) */
};

struct diffmap_knowing {
	size_t guesses;      /* guesses of items the partner has rated */
	size_t exact;        /* how many of them were exactly right */
	unsigned long error; /* sum of |guess - partner's rating| */
	double exact_share;  /* exact / guesses; 0 when guesses == 0 */
	double mean_error;   /* error / guesses, in [0, 4]; 0 when guesses == 0 */
};

struct diffmap_list {
	const size_t *rows; /* indices into the input rows, in display order */
	size_t n;
};

struct diffmap {
	struct diffmap_score overall;
	const struct diffmap_score *categories; /* one per category index */
	size_t ncategories;
	struct diffmap_list shared_loves;    /* by a + b descending, then importance */
	struct diffmap_list shared_dislikes; /* by a + b ascending, then importance */
	struct diffmap_list differences;     /* by d descending, then importance */
	struct diffmap_list conflicts;       /* by d descending, then importance */
	struct diffmap_knowing me;           /* a's guesses of b's ratings */
	struct diffmap_knowing partner;      /* b's guesses of a's ratings */
};

/* Bytes diffmap_build() needs for this many rows and categories; 0 on overflow. */
size_t diffmap_size(size_t nrows, size_t ncategories);

/* Builds the map into `mem` (`size` bytes, aligned as malloc's, e.g. from malloc or
 * arena_alloc; at least diffmap_size()). Returns `mem` as the map, which borrows
 * nothing from `rows` and is freed by freeing `mem`; NULL with `e` set when `size`
 * is too small or a row holds a value out of range. Ties in every list keep the
 * rows' order; "importance" is how many partners marked the item (0 to 2). */
struct diffmap *diffmap_build(void *mem, size_t size, const struct diffmap_row *rows, size_t nrows,
                              size_t ncategories, struct err *e) WARN_UNUSED_RESULT;

/* The group of one row (ratings assumed in range). */
enum diffmap_group diffmap_group_of(const struct diffmap_row *r);

#endif
