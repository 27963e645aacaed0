/* diffmap.c: grouping, similarity and guess scores of two partners' ratings
 * (see diffmap.h and docs/internals/differences.md).
 *
 * The lists are ordered by a counting sort: every listed row gets a small rank
 * (0 first) from its distance or sum and its importance, and rows are placed
 * bucket by bucket, which keeps the input order within a bucket. */
#include "diffmap.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>

#define GROUPS 4 /* listed groups: loves, dislikes, differences, conflicts */
#define RANKS 9  /* 3 distances or sums × 3 importance counts */

static int rated(int v)
{
	return v >= DIFFMAP_MIN && v <= DIFFMAP_MAX;
}

static int in_range(int v)
{
	return v == DIFFMAP_NONE || rated(v);
}

enum diffmap_group diffmap_group_of(const struct diffmap_row *r)
{
	if (!rated(r->a) || !rated(r->b))
		return DIFFMAP_UNSHARED;
	int d = abs(r->a - r->b);
	if (r->a >= 1 && r->b >= 1)
		return DIFFMAP_SHARED_LOVE;
	if (r->a <= -1 && r->b <= -1)
		return DIFFMAP_SHARED_DISLIKE;
	if (d >= 3 || (d == 2 && (r->important_a || r->important_b)))
		return DIFFMAP_CONFLICT;
	if (d == 2)
		return DIFFMAP_DIFFERENCE;
	return DIFFMAP_IN_STEP;
}

/* Which list a group goes to, or -1. */
static int list_of(enum diffmap_group g)
{
	switch (g) {
	case DIFFMAP_SHARED_LOVE:
		return 0;
	case DIFFMAP_SHARED_DISLIKE:
		return 1;
	case DIFFMAP_DIFFERENCE:
		return 2;
	case DIFFMAP_CONFLICT:
		return 3;
	default:
		return -1;
	}
}

/* Position of a row within its list's order, 0..RANKS-1, 0 shown first. The first
 * key takes three values in every group: loves a+b in 4,3,2; dislikes a+b in
 * -4,-3,-2; differences and conflicts d in 4,3,2. The second is importance 2,1,0. */
static int rank_of(enum diffmap_group g, const struct diffmap_row *r)
{
	int imp = !!r->important_a + !!r->important_b;
	int first;
	if (g == DIFFMAP_SHARED_LOVE)
		first = 4 - (r->a + r->b);
	else if (g == DIFFMAP_SHARED_DISLIKE)
		first = 4 + (r->a + r->b);
	else
		first = 4 - abs(r->a - r->b);
	return first * 3 + (2 - imp);
}

static void score_add(struct diffmap_score *s, int d)
{
	s->items++;
	s->distance += (unsigned long)d;
}

static void score_finish(struct diffmap_score *s)
{
	if (s->items == 0) {
		s->similarity = 0;
		s->percent = -1;
		return;
	}
	unsigned long long full = 4ULL * s->items; /* the distance if every d were 4 */
	unsigned long long kept = full - s->distance;
	s->similarity = (double)kept / (double)full;
	/* round(100 * kept / full) with halves up, in integers so that it is exact */
	s->percent = (int)((200ULL * kept + full) / (2ULL * full));
}

static void guess_add(struct diffmap_knowing *k, int guess, int actual)
{
	if (guess == DIFFMAP_NONE || !rated(actual))
		return;
	int err = abs(guess - actual);
	k->guesses++;
	k->exact += err == 0;
	k->error += (unsigned long)err;
}

static void guess_finish(struct diffmap_knowing *k)
{
	k->exact_share = k->guesses ? (double)k->exact / (double)k->guesses : 0;
	k->mean_error = k->guesses ? (double)k->error / (double)k->guesses : 0;
}

/* Bytes of the header and the category array, rounded so the size_t array after
 * them is aligned. */
static size_t head_size(size_t ncategories)
{
	size_t n = sizeof(struct diffmap) + ncategories * sizeof(struct diffmap_score);
	return (n + alignof(size_t) - 1) & ~(alignof(size_t) - 1);
}

size_t diffmap_size(size_t nrows, size_t ncategories)
{
	if (ncategories > (SIZE_MAX / 2) / sizeof(struct diffmap_score) ||
	    nrows > (SIZE_MAX / 2) / sizeof(size_t))
		return 0;
	return head_size(ncategories) + nrows * sizeof(size_t);
}

struct diffmap *diffmap_build(void *mem, size_t size, const struct diffmap_row *rows, size_t nrows,
                              size_t ncategories, struct err *e)
{
	size_t need = diffmap_size(nrows, ncategories);
	if (!mem || need == 0 || size < need) {
		err_set(e, 500, "internal", "the differences map was given too little memory");
		return NULL;
	}
	for (size_t i = 0; i < nrows; i++) {
		const struct diffmap_row *r = &rows[i];
		if (r->category >= ncategories || !in_range(r->a) || !in_range(r->b) ||
		    !in_range(r->guess_a) || !in_range(r->guess_b)) {
			err_set(e, 500, "internal",
			        "a rating in the differences map is out of range (row %zu)", i);
			return NULL;
		}
	}

	struct diffmap *m = mem;
	struct diffmap_score *cats = (struct diffmap_score *)(m + 1);
	size_t *order = (size_t *)((char *)mem + head_size(ncategories));
	*m = (struct diffmap){.categories = cats, .ncategories = ncategories};
	for (size_t c = 0; c < ncategories; c++)
		cats[c] = (struct diffmap_score){0};

	size_t start[GROUPS][RANKS] = {{0}}; /* counts, then where each bucket starts */
	for (size_t i = 0; i < nrows; i++) {
		const struct diffmap_row *r = &rows[i];
		guess_add(&m->me, r->guess_a, r->b);
		guess_add(&m->partner, r->guess_b, r->a);
		enum diffmap_group g = diffmap_group_of(r);
		if (g == DIFFMAP_UNSHARED)
			continue;
		int d = abs(r->a - r->b);
		score_add(&m->overall, d);
		score_add(&cats[r->category], d);
		int l = list_of(g);
		if (l >= 0)
			start[l][rank_of(g, r)]++;
	}

	struct diffmap_list *lists[GROUPS] = {&m->shared_loves, &m->shared_dislikes,
	                                      &m->differences, &m->conflicts};
	size_t at = 0;
	for (int l = 0; l < GROUPS; l++) {
		lists[l]->rows = order + at;
		for (int k = 0; k < RANKS; k++) {
			size_t count = start[l][k];
			start[l][k] = at;
			at += count;
			lists[l]->n += count;
		}
	}
	for (size_t i = 0; i < nrows; i++) {
		enum diffmap_group g = diffmap_group_of(&rows[i]);
		int l = list_of(g);
		if (l >= 0)
			order[start[l][rank_of(g, &rows[i])]++] = i;
	}

	score_finish(&m->overall);
	for (size_t c = 0; c < ncategories; c++)
		score_finish(&cats[c]);
	guess_finish(&m->me);
	guess_finish(&m->partner);
	return m;
}
