/* Unit tests for differences/diffmap (groups, similarity, guesses, list order) and
 * lib/venn (the distance of two circles for an overlap). */
#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "differences/diffmap.h"
#include "lib/venn.h"
#include "util/arena.h"

#define N DIFFMAP_NONE

static struct diffmap_row row(size_t cat, int a, int b, int imp_a, int imp_b)
{
	struct diffmap_row r = {.category = cat,
	                        .a = (signed char)a,
	                        .b = (signed char)b,
	                        .guess_a = N,
	                        .guess_b = N,
	                        .important_a = (unsigned char)imp_a,
	                        .important_b = (unsigned char)imp_b};
	return r;
}

static struct diffmap_row guess(int a, int b, int guess_a, int guess_b)
{
	struct diffmap_row r = {.a = (signed char)a,
	                        .b = (signed char)b,
	                        .guess_a = (signed char)guess_a,
	                        .guess_b = (signed char)guess_b};
	return r;
}

/* Builds a map in malloc'd memory; the test frees the returned pointer. */
static struct diffmap *build(const struct diffmap_row *rows, size_t n, size_t ncat)
{
	size_t size = diffmap_size(n, ncat);
	assert_true(size > 0);
	void *mem = malloc(size);
	assert_non_null(mem);
	struct err e = {0};
	struct diffmap *m = diffmap_build(mem, size, rows, n, ncat, &e);
	assert_non_null(m);
	assert_ptr_equal(m, mem);
	return m;
}

static enum diffmap_group group(int a, int b, int imp_a, int imp_b)
{
	struct diffmap_row r = row(0, a, b, imp_a, imp_b);
	return diffmap_group_of(&r);
}

static void groups_at_every_distance(void **state)
{
	(void)state;
	/* d = 0 */
	assert_int_equal(group(0, 0, 0, 0), DIFFMAP_IN_STEP);
	assert_int_equal(group(0, 0, 1, 1), DIFFMAP_IN_STEP);
	assert_int_equal(group(2, 2, 0, 0), DIFFMAP_SHARED_LOVE);
	assert_int_equal(group(-2, -2, 1, 0), DIFFMAP_SHARED_DISLIKE);
	/* d = 1 */
	assert_int_equal(group(1, 0, 0, 0), DIFFMAP_IN_STEP);
	assert_int_equal(group(0, -1, 1, 1), DIFFMAP_IN_STEP);
	assert_int_equal(group(1, 2, 0, 1), DIFFMAP_SHARED_LOVE);
	assert_int_equal(group(-1, -2, 0, 0), DIFFMAP_SHARED_DISLIKE);
	/* d = 2: a difference, a conflict when either marked it */
	assert_int_equal(group(2, 0, 0, 0), DIFFMAP_DIFFERENCE);
	assert_int_equal(group(1, -1, 0, 0), DIFFMAP_DIFFERENCE);
	assert_int_equal(group(-2, 0, 0, 0), DIFFMAP_DIFFERENCE);
	assert_int_equal(group(2, 0, 1, 0), DIFFMAP_CONFLICT);
	assert_int_equal(group(2, 0, 0, 1), DIFFMAP_CONFLICT);
	assert_int_equal(group(1, -1, 1, 1), DIFFMAP_CONFLICT);
	/* d = 3 and d = 4: always a conflict */
	assert_int_equal(group(2, -1, 0, 0), DIFFMAP_CONFLICT);
	assert_int_equal(group(-2, 1, 0, 1), DIFFMAP_CONFLICT);
	assert_int_equal(group(1, -2, 1, 0), DIFFMAP_CONFLICT);
	assert_int_equal(group(2, -2, 0, 0), DIFFMAP_CONFLICT);
	assert_int_equal(group(-2, 2, 1, 1), DIFFMAP_CONFLICT);
}

static void zero_is_neither_love_nor_dislike(void **state)
{
	(void)state;
	assert_int_equal(group(1, 1, 0, 0), DIFFMAP_SHARED_LOVE);
	assert_int_equal(group(-1, -1, 0, 0), DIFFMAP_SHARED_DISLIKE);
	assert_int_equal(group(1, 0, 0, 0), DIFFMAP_IN_STEP);
	assert_int_equal(group(0, 1, 0, 0), DIFFMAP_IN_STEP);
	assert_int_equal(group(-1, 0, 0, 0), DIFFMAP_IN_STEP);
	assert_int_equal(group(2, 0, 0, 0), DIFFMAP_DIFFERENCE);
	assert_int_equal(group(0, -2, 0, 0), DIFFMAP_DIFFERENCE);
}

static void skips_are_not_ratings(void **state)
{
	(void)state;
	assert_int_equal(group(N, 2, 0, 0), DIFFMAP_UNSHARED);
	assert_int_equal(group(-2, N, 1, 1), DIFFMAP_UNSHARED);
	assert_int_equal(group(N, N, 0, 0), DIFFMAP_UNSHARED);

	const struct diffmap_row rows[] = {row(0, N, 2, 1, 1), row(0, 2, N, 0, 0),
	                                   row(0, N, N, 0, 0), row(0, 2, -2, 0, 0)};
	struct diffmap *m = build(rows, 4, 1);
	assert_int_equal(m->overall.items, 1);
	assert_int_equal(m->categories[0].items, 1);
	assert_int_equal(m->conflicts.n, 1);
	assert_int_equal(m->conflicts.rows[0], 3);
	assert_int_equal(m->shared_loves.n + m->shared_dislikes.n + m->differences.n, 0);
	free(m);
}

/* Over every pair of ratings and every importance mark, exactly one group holds
 * and it follows the rules in diffmap.h, the same whichever partner is "a". */
static void invariants_hold_for_every_pair(void **state)
{
	(void)state;
	for (int a = -2; a <= 2; a++)
		for (int b = -2; b <= 2; b++)
			for (int imp = 0; imp < 4; imp++) {
				int ia = imp & 1, ib = imp >> 1, d = abs(a - b);
				enum diffmap_group g = group(a, b, ia, ib);
				assert_int_equal(g, group(b, a, ib, ia));
				assert_int_not_equal(g, DIFFMAP_UNSHARED);
				if (g == DIFFMAP_SHARED_LOVE || g == DIFFMAP_SHARED_DISLIKE)
					assert_true(d <= 1);
				assert_int_equal(g == DIFFMAP_SHARED_LOVE, a >= 1 && b >= 1);
				assert_int_equal(g == DIFFMAP_SHARED_DISLIKE, a <= -1 && b <= -1);
				assert_int_equal(g == DIFFMAP_CONFLICT,
				                 d >= 3 || (d == 2 && (ia || ib)));
				assert_int_equal(g == DIFFMAP_DIFFERENCE, d == 2 && !ia && !ib);
				assert_int_equal(g == DIFFMAP_IN_STEP, d <= 1 &&
				                                           !(a >= 1 && b >= 1) &&
				                                           !(a <= -1 && b <= -1));
			}
}

static void lists_are_exclusive_and_ordered(void **state)
{
	(void)state;
	const struct diffmap_row rows[] = {
	    row(0, 2, 0, 1, 0),   /* 0 conflict d2 imp1 */
	    row(0, 1, 1, 0, 0),   /* 1 love sum2 */
	    row(0, 2, -2, 0, 0),  /* 2 conflict d4 imp0 */
	    row(0, -1, -1, 1, 1), /* 3 dislike sum-2 imp2 */
	    row(0, 2, 2, 0, 0),   /* 4 love sum4 */
	    row(0, 1, -1, 0, 0),  /* 5 difference */
	    row(0, -2, -2, 0, 0), /* 6 dislike sum-4 */
	    row(0, -2, 1, 1, 1),  /* 7 conflict d3 imp2 */
	    row(0, 2, -1, 0, 0),  /* 8 conflict d3 imp0 */
	    row(0, 1, 2, 0, 1),   /* 9 love sum3 imp1 */
	    row(0, 2, 1, 0, 0),   /* 10 love sum3 imp0 */
	    row(0, 0, 2, 0, 0),   /* 11 difference */
	    row(0, 0, 0, 1, 1),   /* 12 in step */
	    row(0, 2, 0, 1, 1),   /* 13 conflict d2 imp2 */
	    row(0, -2, -1, 0, 0), /* 14 dislike sum-3 */
	};
	struct diffmap *m = build(rows, ARRAY_LEN(rows), 1);
	const size_t conflicts[] = {2, 7, 8, 13, 0};
	const size_t loves[] = {4, 9, 10, 1};
	const size_t dislikes[] = {6, 14, 3};
	const size_t differences[] = {5, 11};
	assert_int_equal(m->conflicts.n, ARRAY_LEN(conflicts));
	assert_memory_equal(m->conflicts.rows, conflicts, sizeof conflicts);
	assert_int_equal(m->shared_loves.n, ARRAY_LEN(loves));
	assert_memory_equal(m->shared_loves.rows, loves, sizeof loves);
	assert_int_equal(m->shared_dislikes.n, ARRAY_LEN(dislikes));
	assert_memory_equal(m->shared_dislikes.rows, dislikes, sizeof dislikes);
	assert_int_equal(m->differences.n, ARRAY_LEN(differences));
	assert_memory_equal(m->differences.rows, differences, sizeof differences);
	assert_int_equal(m->overall.items, ARRAY_LEN(rows));
	free(m);
}

static void similarity_arithmetic(void **state)
{
	(void)state;
	const struct diffmap_row rows[] = {
	    row(0, 1, 1, 0, 0),  /* d 0 */
	    row(0, 1, 0, 0, 0),  /* d 1 */
	    row(0, 2, 0, 0, 0),  /* d 2: category 0 = 1 - 3/12 = 75% */
	    row(1, 2, -2, 0, 0), /* d 4: category 1 = 0% */
	    row(2, N, 1, 0, 0),  /* category 2: nothing rated by both */
	    row(3, 2, 2, 0, 0),  /* d 0: category 3 = 100% */
	};
	struct diffmap *m = build(rows, ARRAY_LEN(rows), 4);
	assert_int_equal(m->ncategories, 4);
	assert_int_equal(m->categories[0].items, 3);
	assert_int_equal(m->categories[0].distance, 3);
	assert_true(fabs(m->categories[0].similarity - 0.75) < 1e-12);
	assert_int_equal(m->categories[0].percent, 75);
	assert_int_equal(m->categories[1].items, 1);
	assert_int_equal(m->categories[1].percent, 0);
	assert_true(m->categories[1].similarity == 0);
	assert_int_equal(m->categories[2].items, 0);
	assert_int_equal(m->categories[2].percent, -1);
	assert_int_equal(m->categories[3].percent, 100);
	/* overall: d = 0+1+2+4+0 = 7 over 5 items: 1 - 7/20 = 65% */
	assert_int_equal(m->overall.items, 5);
	assert_int_equal(m->overall.distance, 7);
	assert_true(fabs(m->overall.similarity - 0.65) < 1e-12);
	assert_int_equal(m->overall.percent, 65);
	free(m);
}

static void percent_rounds_half_up(void **state)
{
	(void)state;
	/* two items, d 1 and 0: 1 - 1/8 = 87.5% -> 88 */
	const struct diffmap_row half[] = {row(0, 1, 0, 0, 0), row(0, 0, 0, 0, 0)};
	struct diffmap *m = build(half, 2, 1);
	assert_int_equal(m->overall.percent, 88);
	free(m);
	/* three items, d 1, 0, 0: 1 - 1/12 = 91.67% -> 92 */
	const struct diffmap_row third[] = {row(0, 1, 0, 0, 0), row(0, 0, 0, 0, 0),
	                                    row(0, -1, -1, 0, 0)};
	m = build(third, 3, 1);
	assert_int_equal(m->overall.percent, 92);
	free(m);
	/* three items, d 4, 4, 3: 1 - 11/12 = 8.33% -> 8 */
	const struct diffmap_row low[] = {row(0, 2, -2, 0, 0), row(0, -2, 2, 0, 0),
	                                  row(0, 1, -2, 0, 0)};
	m = build(low, 3, 1);
	assert_int_equal(m->overall.percent, 8);
	free(m);
}

static void empty_map(void **state)
{
	(void)state;
	struct diffmap *m = build(NULL, 0, 2);
	assert_int_equal(m->overall.items, 0);
	assert_int_equal(m->overall.percent, -1);
	assert_int_equal(m->categories[1].percent, -1);
	assert_int_equal(m->shared_loves.n + m->shared_dislikes.n, 0);
	assert_int_equal(m->differences.n + m->conflicts.n, 0);
	assert_int_equal(m->me.guesses, 0);
	assert_true(m->me.exact_share == 0 && m->me.mean_error == 0);
	free(m);
}

static void knowing_counts_only_rated_items(void **state)
{
	(void)state;
	const struct diffmap_row rows[] = {
	    guess(1, 2, 2, 1),   /* a exact; b exact */
	    guess(N, -2, 0, 1),  /* a off by 2 (a skipped, still a guess); b: a not rated */
	    guess(0, N, 1, 0),   /* a: b not rated, not counted; b exact */
	    guess(2, 1, N, -2),  /* a: no guess; b off by 4 */
	    guess(-1, 0, -1, N), /* a off by 1 */
	};
	struct diffmap *m = build(rows, ARRAY_LEN(rows), 1);
	assert_int_equal(m->me.guesses, 3);
	assert_int_equal(m->me.exact, 1);
	assert_int_equal(m->me.error, 3);
	assert_true(fabs(m->me.exact_share - 1.0 / 3) < 1e-12);
	assert_true(fabs(m->me.mean_error - 1.0) < 1e-12);
	assert_int_equal(m->partner.guesses, 3);
	assert_int_equal(m->partner.exact, 2);
	assert_int_equal(m->partner.error, 4);
	assert_true(fabs(m->partner.exact_share - 2.0 / 3) < 1e-12);
	assert_true(fabs(m->partner.mean_error - 4.0 / 3) < 1e-12);
	free(m);
}

static void assert_same_score(const struct diffmap_score *x, const struct diffmap_score *y)
{
	assert_int_equal(x->items, y->items);
	assert_int_equal(x->distance, y->distance);
	assert_true(x->similarity == y->similarity);
	assert_int_equal(x->percent, y->percent);
}

/* The partner's view is the same rows with a and b swapped: the same groups and
 * scores, with "me" and "partner" exchanged. */
static void swapping_partners_swaps_the_view(void **state)
{
	(void)state;
	struct diffmap_row rows[25], swapped[25];
	for (int i = 0; i < 25; i++) {
		struct diffmap_row *r = &rows[i], *s = &swapped[i];
		r->category = (size_t)i % 3;
		r->a = (signed char)(i % 5 - 2);
		r->b = (signed char)(i / 5 - 2);
		r->guess_a = (signed char)(i % 4 - 2);
		r->guess_b = (signed char)(i % 3 ? i % 5 - 2 : N);
		r->important_a = i % 7 == 0;
		r->important_b = i % 4 == 0;
		*s = *r;
		s->a = r->b;
		s->b = r->a;
		s->guess_a = r->guess_b;
		s->guess_b = r->guess_a;
		s->important_a = r->important_b;
		s->important_b = r->important_a;
	}
	struct diffmap *m = build(rows, 25, 3), *w = build(swapped, 25, 3);
	assert_same_score(&m->overall, &w->overall);
	for (size_t c = 0; c < 3; c++)
		assert_same_score(&m->categories[c], &w->categories[c]);
	assert_memory_equal(&m->me, &w->partner, sizeof m->me);
	assert_memory_equal(&m->partner, &w->me, sizeof m->me);
	assert_int_equal(m->conflicts.n, w->conflicts.n);
	assert_memory_equal(m->conflicts.rows, w->conflicts.rows, m->conflicts.n * sizeof(size_t));
	assert_memory_equal(m->shared_loves.rows, w->shared_loves.rows,
	                    m->shared_loves.n * sizeof(size_t));
	free(m);
	free(w);
}

static void bad_input_is_refused(void **state)
{
	(void)state;
	char mem[4096];
	struct err e = {0};
	struct diffmap_row r = row(0, 3, 0, 0, 0);
	assert_null(diffmap_build(mem, sizeof mem, &r, 1, 1, &e));
	assert_non_null(strstr(e.msg, "out of range"));
	r = row(1, 0, 0, 0, 0);
	assert_null(diffmap_build(mem, sizeof mem, &r, 1, 1, &e));
	r = guess(0, 0, -3, N);
	assert_null(diffmap_build(mem, sizeof mem, &r, 1, 1, &e));
	r = row(0, 0, 0, 0, 0);
	err_clear(&e);
	assert_null(diffmap_build(mem, diffmap_size(1, 1) - 1, &r, 1, 1, &e));
	assert_non_null(strstr(e.msg, "too little memory"));
	assert_int_equal(diffmap_size((size_t)-1, 1), 0);
}

static void builds_in_an_arena(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct diffmap_row rows[200];
	for (size_t i = 0; i < ARRAY_LEN(rows); i++)
		rows[i] = row(i % 9, (int)(i % 5) - 2, (int)(i / 5 % 5) - 2, i % 3 == 0, 0);
	size_t size = diffmap_size(ARRAY_LEN(rows), 9);
	void *mem = arena_alloc(&a, size);
	assert_non_null(mem);
	struct diffmap *m = diffmap_build(mem, size, rows, ARRAY_LEN(rows), 9, NULL);
	assert_non_null(m);
	size_t listed =
	    m->shared_loves.n + m->shared_dislikes.n + m->differences.n + m->conflicts.n;
	assert_true(listed <= m->overall.items);
	size_t sum = 0;
	for (size_t c = 0; c < 9; c++)
		sum += m->categories[c].items;
	assert_int_equal(sum, m->overall.items);
	arena_release(&a);
}

static void venn_ends_and_area(void **state)
{
	(void)state;
	const double radii[] = {1, 37.5};
	for (size_t k = 0; k < ARRAY_LEN(radii); k++) {
		double r = radii[k], circle = M_PI * r * r;
		assert_true(venn_distance(0, r) == 2 * r);
		assert_true(venn_distance(1, r) == 0);
		assert_true(venn_distance(-0.5, r) == 2 * r);
		assert_true(venn_distance(1.5, r) == 0);
		assert_true(venn_distance(NAN, r) == 2 * r);
		assert_true(fabs(venn_lens_area(0, r) - circle) < 1e-9 * circle);
		assert_true(venn_lens_area(2 * r, r) == 0);
		double last = 2 * r;
		for (int i = 1; i < 1000; i++) {
			double s = i / 1000.0, d = venn_distance(s, r);
			assert_true(d < last); /* strictly closer as the overlap grows */
			assert_true(d > 0 && d < 2 * r);
			assert_true(fabs(venn_lens_area(d, r) / circle - s) < 1e-8);
			/* the exact root lies within 1e-9 r of d: the lens is larger
			 * than s just before and smaller just after */
			assert_true(venn_lens_area(d - 1e-9 * r, r) / circle >= s);
			assert_true(venn_lens_area(d + 1e-9 * r, r) / circle <= s);
			last = d;
		}
	}
	/* half the area overlaps at about 0.8079 r (a known value of this problem) */
	assert_true(fabs(venn_distance(0.5, 1) - 0.807946) < 1e-6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(groups_at_every_distance),
	    cmocka_unit_test(zero_is_neither_love_nor_dislike),
	    cmocka_unit_test(skips_are_not_ratings),
	    cmocka_unit_test(invariants_hold_for_every_pair),
	    cmocka_unit_test(lists_are_exclusive_and_ordered),
	    cmocka_unit_test(similarity_arithmetic),
	    cmocka_unit_test(percent_rounds_half_up),
	    cmocka_unit_test(empty_map),
	    cmocka_unit_test(knowing_counts_only_rated_items),
	    cmocka_unit_test(swapping_partners_swaps_the_view),
	    cmocka_unit_test(bad_input_is_refused),
	    cmocka_unit_test(builds_in_an_arena),
	    cmocka_unit_test(venn_ends_and_area),
	};
	return cmocka_run_group_tests_name("diffmap", tests, NULL, NULL);
}
