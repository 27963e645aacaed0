/* Unit tests for negotiate/fair: Adjusted Winner on the published example, ties,
 * zeros and edge cases, and its properties on thousands of random inputs;
 * the Nash bargaining choice on examples, ties, no gain, and its invariance
 * under rescaling one partner's gains. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "negotiate/fair.h"

/* ---- helpers ---- */

static uint64_t next(uint64_t *s) /* splitmix64: small, deterministic */
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t pick(uint64_t *s, size_t n)
{
	return (size_t)(next(s) % n);
}

static struct frac sum_mul(struct frac acc, long long pts, struct frac share)
{
	return frac_add(acc, frac_mul(frac_int(pts), share));
}

/* NULL when r has every property Adjusted Winner promises for these items,
 * else the name of the first one it breaks. */
static const char *violation(const struct aw_item *it, size_t n, const struct aw_result *r)
{
	struct frac zero = frac_int(0), one = frac_int(1);
	struct frac own_a = zero, own_b = zero, other_a = zero, other_b = zero;
	int shared = 0;
	for (size_t i = 0; i < n; i++) {
		const struct aw_share *s = &r->share[i];
		if (frac_cmp(s->a, zero) < 0 || frac_cmp(s->a, one) > 0 ||
		    frac_cmp(s->b, zero) < 0 || frac_cmp(s->b, one) > 0)
			return "each share lies in [0, 1]";
		if (frac_cmp(frac_add(s->a, s->b), one) != 0)
			return "the two shares of an issue sum to 1";
		if (s->a.den != 1) {
			shared++;
			if (r->split != (int)i)
				return "split names the shared issue";
		}
		own_a = sum_mul(own_a, it[i].a, s->a);
		other_a = sum_mul(other_a, it[i].a, s->b);
		own_b = sum_mul(own_b, it[i].b, s->b);
		other_b = sum_mul(other_b, it[i].b, s->a);
	}
	if (shared > 1)
		return "at most one issue is shared";
	if (shared == 0 && r->split != -1)
		return "split is -1 when nothing is shared";
	if (frac_cmp(own_a, r->total_a) || frac_cmp(own_b, r->total_b))
		return "the totals add up";
	if (frac_cmp(r->total_a, r->total_b))
		return "equitable: equal totals";
	if (frac_cmp(own_a, other_a) < 0 || frac_cmp(own_b, other_b) < 0)
		return "envy-free";
	if (frac_cmp(r->total_a, frac_int(50)) < 0)
		return "each total is at least 50";
	/* Efficient (Pareto-optimal): whatever a holds, a values relative to b at
	 * least as much as anything b holds; otherwise trading a little of each
	 * would leave both better off. */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (r->share[i].a.num > 0 && r->share[j].b.num > 0 &&
			    it[i].a * it[j].b < it[j].a * it[i].b)
				return "efficient";
	return NULL;
}

static void split_ok(const struct aw_item *items, size_t n, struct aw_result *r)
{
	struct err e = { 0 };
	if (aw_split(items, n, r, &e) < 0)
		fail_msg("aw_split refused: %s", e.msg);
	const char *v = violation(items, n, r);
	if (v)
		fail_msg("property broken: %s", v);
}

static void assert_share_a(const struct aw_result *r, size_t i, long long num, long long den)
{
	assert_int_equal(r->share[i].a.num, num);
	assert_int_equal(r->share[i].a.den, den);
}

static void assert_totals(const struct aw_result *r, long long num, long long den)
{
	assert_int_equal(r->total_a.num, num);
	assert_int_equal(r->total_a.den, den);
	assert_int_equal(r->total_b.num, num);
	assert_int_equal(r->total_b.den, den);
}

/* ---- Adjusted Winner ---- */

static void published_divorce_example(void **state)
{
	(void)state;
	const struct aw_item items[] = {
		{ "Retirement", 50, 40 }, { "Home", 20, 30 },  { "Cottage", 15, 10 },
		{ "Investments", 10, 10 }, { "Other", 5, 10 },
	};
	struct aw_result r;
	split_ok(items, 5, &r);
	assert_share_a(&r, 0, 5, 6);
	assert_int_equal(r.share[0].b.num, 1);
	assert_int_equal(r.share[0].b.den, 6);
	assert_share_a(&r, 1, 0, 1);
	assert_share_a(&r, 2, 1, 1);
	assert_share_a(&r, 3, 0, 1); /* tied, to b who had fewer points after step 1 */
	assert_share_a(&r, 4, 0, 1);
	assert_int_equal(r.split, 0);
	assert_totals(&r, 170, 3);
}

/* Worked cases: a's share of each issue, in input order, the shared issue
 * (-1 for none) and the equal total. b's shares are 1 minus a's, which
 * violation() checks along with every other promise. */
static const struct aw_case {
	const char *what;
	struct aw_item items[5]; /* up to the first NULL name */
	const char *shares_a;
	int split;
	const char *total;
} aw_cases[] = {
	/* Given in input order, Tie would go to b (0 < 30 at that point); given
	 * after the untied issues, a has 30 and b 70, so it goes to a. b then
	 * leads 70 to 40 and shares Flat: a gets (70-40)/(60+70) = 3/13. */
	{ "ties wait for untied issues",
	  { { "Car", 30, 20 }, { "Tie", 10, 10 }, { "Flat", 60, 70 } }, "1 1 3/13", 2, "700/13" },
	/* Level totals give a tie to a; then each tie goes to whoever is behind. */
	{ "all tied, level at the end",
	  { { "w", 25, 25 }, { "x", 25, 25 }, { "y", 25, 25 }, { "z", 25, 25 } }, "1 0 1 0", -1,
	  "50" },
	/* a takes x (level), b takes y, then b again (30 < 40): b leads 60 to 40
	 * and, all ratios being 1, shares y, the first of b's issues. */
	{ "all tied, with a split", { { "x", 40, 40 }, { "y", 30, 30 }, { "z", 30, 30 } },
	  "1 1/3 0", 1, "50" },
	/* b leads 100 to 60; Garden is worth 0 to a (an infinite ratio), so Car
	 * is shared first and Garden stays with b. */
	{ "zero points move last", { { "Garden", 0, 50 }, { "Car", 40, 50 }, { "Boat", 60, 0 } },
	  "0 4/9 1", 1, "700/9" },
	/* Nothing (0/0) goes to a, the partner behind; a then takes Tie and leads
	 * 70 to 50. Nothing is never moved: Tie (ratio 1) is shared instead. */
	{ "a worthless issue stays put",
	  { { "Book", 40, 20 }, { "Nothing", 0, 0 }, { "Tie", 30, 30 }, { "Bike", 30, 50 } },
	  "1 1 2/3 0", 2, "60" },
	{ "all points on one issue", { { "House", 100, 50 }, { "Car", 0, 30 }, { "Dog", 0, 20 } },
	  "2/3 0 0", 0, "200/3" },
	/* House is tied and level: to a; Car (0/0) then to b, who is behind. a
	 * leads 100 to 0 and shares House half and half. */
	{ "both all on the same issue", { { "House", 100, 100 }, { "Car", 0, 0 } }, "1/2 0", 0,
	  "50" },
	{ "equal at the start", { { "x", 60, 40 }, { "y", 40, 60 } }, "1 0", -1, "60" },
	/* a leads 86 to 76; moving y (6 for a, 4 for b) makes it 80 to 80 exactly. */
	{ "a whole move that levels stops", { { "x", 80, 20 }, { "y", 6, 4 }, { "z", 14, 76 } },
	  "1 0 0", -1, "80" },
	/* a leads 100 to 50; moves z (ratio 3/2) and w (2), then shares y (15/7). */
	{ "whole issues move before one is shared",
	  { { "w", 10, 5 }, { "x", 0, 50 }, { "z", 15, 10 }, { "y", 75, 35 } }, "0 0 0 10/11", 3,
	  "750/11" },
};

static void worked_cases(void **state)
{
	(void)state;
	for (size_t c = 0; c < ARRAY_LEN(aw_cases); c++) {
		const struct aw_case *k = &aw_cases[c];
		size_t n = 0;
		while (n < ARRAY_LEN(k->items) && k->items[n].name)
			n++;
		struct aw_result r;
		split_ok(k->items, n, &r);
		char shares[128] = "", one[24], total[24];
		for (size_t i = 0; i < n; i++) {
			assert_true(frac_format(r.share[i].a, one, sizeof one) > 0);
			strcat(strcat(shares, i ? " " : ""), one);
		}
		assert_true(frac_format(r.total_a, total, sizeof total) > 0);
		if (strcmp(shares, k->shares_a) || r.split != k->split || strcmp(total, k->total))
			fail_msg("%s: a gets %s, split %d, total %s; expected %s, %d, %s", k->what,
				 shares, r.split, total, k->shares_a, k->split, k->total);
	}
}

static void assert_split_refused(const struct aw_item *items, size_t n, const char *words)
{
	struct aw_result r;
	struct err e = { 0 };
	assert_int_equal(aw_split(items, n, &r, &e), -1);
	assert_int_equal(e.status, 400);
	if (!strstr(e.msg, words))
		fail_msg("expected \"%s\" in \"%s\"", words, e.msg);
}

static void split_refuses_bad_input(void **state)
{
	(void)state;
	char long_name[FAIR_NAME_MAX + 2];
	memset(long_name, 'n', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	struct aw_item it[AW_MAX_ITEMS + 1];

	it[0] = (struct aw_item){ "x", 50, 60 };
	it[1] = (struct aw_item){ "y", 40, 40 };
	assert_split_refused(it, 2, "partner a's points sum to 90, not 100");
	it[0] = (struct aw_item){ "x", 60, 50 };
	assert_split_refused(it, 2, "partner b's points sum to 90, not 100");
	it[0] = (struct aw_item){ "x", 101, 60 };
	assert_split_refused(it, 2, "\"x\": partner a's points must be a whole number from 0 to "
				    "100, not 101");
	it[0] = (struct aw_item){ "x", 60, -1 };
	assert_split_refused(it, 2, "partner b's points must be a whole number from 0 to 100, "
				    "not -1");
	it[0] = (struct aw_item){ "y", 60, 60 };
	assert_split_refused(it, 2, "issues 1 and 2 are both called \"y\"");
	it[0] = (struct aw_item){ "", 60, 60 };
	assert_split_refused(it, 2, "issue 1 has no name");
	it[0] = (struct aw_item){ NULL, 60, 60 };
	assert_split_refused(it, 2, "issue 1 has no name");
	it[0] = (struct aw_item){ long_name, 60, 60 };
	assert_split_refused(it, 2, "issue 1's name is 201 bytes long");
	it[0] = (struct aw_item){ "\xff", 60, 60 };
	assert_split_refused(it, 2, "not valid UTF-8");
	it[0] = (struct aw_item){ "x", 100, 100 };
	assert_split_refused(it, 1, "at least 2 issues, and there is only 1");
	for (size_t i = 0; i <= AW_MAX_ITEMS; i++)
		it[i] = (struct aw_item){ "same", 2, 2 };
	assert_split_refused(it, AW_MAX_ITEMS + 1, "at most 50 issues, and there are 51");

	/* The longest allowed name passes. */
	long_name[FAIR_NAME_MAX] = '\0';
	it[0] = (struct aw_item){ long_name, 60, 60 };
	it[1] = (struct aw_item){ "y", 40, 40 };
	struct aw_result r;
	assert_int_equal(aw_split(it, 2, &r, NULL), 0);
}

/* Spreads 100 points in chunks of `unit` over the first k of n issues. */
static void spread(uint64_t *s, long long *p, size_t n, size_t k, int unit)
{
	for (size_t i = 0; i < n; i++)
		p[i] = 0;
	for (int left = 100; left > 0; left -= unit)
		p[pick(s, k)] += unit;
	for (size_t i = n - 1; i > 0; i--) { /* shuffle, so zeros fall anywhere */
		size_t j = pick(s, i + 1);
		long long t = p[i];
		p[i] = p[j];
		p[j] = t;
	}
}

static void random_splits_keep_their_promises(void **state)
{
	(void)state;
	static const int units[] = { 1, 1, 2, 5, 10, 20, 25 };
	enum { CASES = 5000 };
	uint64_t s = 20240601;
	int shared = 0, level = 0;
	char names[AW_MAX_ITEMS][8];
	for (size_t i = 0; i < AW_MAX_ITEMS; i++)
		snprintf(names[i], sizeof names[i], "i%zu", i);
	for (int c = 0; c < CASES; c++) {
		size_t n = 2 + pick(&s, pick(&s, 2) ? 6 : AW_MAX_ITEMS - 1);
		int unit = units[pick(&s, ARRAY_LEN(units))];
		long long a[AW_MAX_ITEMS], b[AW_MAX_ITEMS];
		spread(&s, a, n, 1 + pick(&s, n), unit);
		switch (pick(&s, 4)) {
		case 0: /* the same points: every issue tied */
			memcpy(b, a, sizeof a);
			break;
		case 1: /* nearly the same: a few chunks moved */
			memcpy(b, a, sizeof a);
			for (int k = 0; k < 3; k++) {
				size_t from = pick(&s, n), to = pick(&s, n);
				long long d = b[from] < unit ? b[from] : unit;
				b[from] -= d;
				b[to] += d;
			}
			break;
		default:
			spread(&s, b, n, 1 + pick(&s, n), unit);
		}
		struct aw_item items[AW_MAX_ITEMS];
		for (size_t i = 0; i < n; i++)
			items[i] = (struct aw_item){ names[i], a[i], b[i] };
		struct aw_result r;
		struct err e = { 0 };
		const char *v = aw_split(items, n, &r, &e) < 0 ? e.msg : violation(items, n, &r);
		if (v) {
			for (size_t i = 0; i < n; i++)
				print_message("  %s %lld/%lld\n", names[i], a[i], b[i]);
			fail_msg("case %d: %s", c, v);
		}
		shared += r.split >= 0;
		level += r.split < 0;
	}
	printf("report: fair-split: %d random inputs (%d shared one issue, %d none), all "
	       "equitable, envy-free and efficient\n",
	       CASES, shared, level);
}

/* ---- Nash bargaining choice ---- */

static void choose_ok(const struct nash_option *o, size_t n, long long na, long long nb,
		      struct nash_result *r)
{
	struct err e = { 0 };
	if (nash_choose(o, n, na, nb, r, &e) < 0)
		fail_msg("nash_choose refused: %s", e.msg);
}

static const char *reason_of(const struct nash_option *o, const struct nash_result *r)
{
	static char text[NASH_REASON_MAX];
	assert_true(nash_reason(o, r, text, sizeof text) > 0);
	return text;
}

static void nash_examples(void **state)
{
	(void)state;
	const struct nash_option o[] = { { "A", 8, 2 }, { "B", 5, 5 }, { "C", 3, 7 } };
	struct nash_result r;
	choose_ok(o, 3, 0, 0, &r);
	assert_int_equal(r.choice, 1);
	assert_int_equal(r.ranking[0].product, 25);
	assert_int_equal(r.ranking[0].gain_a, 5);
	assert_int_equal(r.ranking[0].gain_b, 5);
	assert_int_equal(r.nranked, 3);
	assert_int_equal(r.ranking[1].index, 2); /* C: 21 */
	assert_int_equal(r.ranking[2].index, 0); /* A: 16 */
	assert_non_null(strstr(reason_of(o, &r), "B is better than no agreement for both"));

	choose_ok(o, 3, 2, 1, &r);
	assert_int_equal(r.choice, 1);
	assert_int_equal(r.ranking[0].product, 12);
	assert_int_equal(r.ranking[0].gain_a, 3);
	assert_int_equal(r.ranking[0].gain_b, 4);
	/* A (6, 1) and C (1, 6) tie on 6 and on the smaller gain: A is listed first. */
	assert_int_equal(r.ranking[1].index, 0);
	assert_int_equal(r.ranking[2].index, 2);
}

static void nash_ties(void **state)
{
	(void)state;
	/* Same product 16: the larger smaller gain wins, though listed later. */
	const struct nash_option o[] = { { "Lisbon", 2, 8 }, { "Oslo", 4, 4 }, { "Rome", 8, 2 } };
	struct nash_result r;
	choose_ok(o, 3, 0, 0, &r);
	assert_int_equal(r.choice, 1);
	assert_int_equal(r.ranking[1].index, 0);
	assert_int_equal(r.ranking[2].index, 2);
	assert_non_null(strstr(reason_of(o, &r), "whoever gains less still gains more"));

	/* Same product and same smaller gain: the earlier option. */
	const struct nash_option p[] = { { "Rome", 8, 2 }, { "Lisbon", 2, 8 } };
	choose_ok(p, 2, 0, 0, &r);
	assert_int_equal(r.choice, 0);
	assert_non_null(strstr(reason_of(p, &r), "Rome comes first in your list"));
}

static void nash_none_gains(void **state)
{
	(void)state;
	/* A gain of 0 is no gain: only strictly positive gains for both count. */
	const struct nash_option o[] = { { "Stay", 5, 9 }, { "Move", 9, 5 }, { "Wait", 4, 4 } };
	struct nash_result r;
	choose_ok(o, 3, 5, 5, &r);
	assert_int_equal(r.choice, -1);
	assert_int_equal(r.nranked, 0);
	const char *why = reason_of(o, &r);
	assert_non_null(strstr(why, "None of these options is better than no agreement"));
	assert_non_null(strstr(why, "dream table"));
	assert_non_null(strstr(why, "counsellor"));

	choose_ok(o, 3, 4, 4, &r);
	assert_int_equal(r.choice, 0); /* Stay (1, 5) = 5 = Move (5, 1); Stay is first */
	assert_int_equal(r.nranked, 2);
	choose_ok(o, 3, 5, 4, &r);
	assert_int_equal(r.choice, 1);
	assert_int_equal(r.nranked, 1);
	assert_non_null(strstr(reason_of(o, &r), "Move is the only option"));
}

static void assert_choose_refused(const struct nash_option *o, size_t n, long long na,
				  long long nb, const char *words)
{
	struct nash_result r;
	struct err e = { 0 };
	assert_int_equal(nash_choose(o, n, na, nb, &r, &e), -1);
	if (!strstr(e.msg, words))
		fail_msg("expected \"%s\" in \"%s\"", words, e.msg);
}

static void nash_refuses_bad_input(void **state)
{
	(void)state;
	struct nash_option o[NASH_MAX_OPTIONS + 1];
	for (size_t i = 0; i <= NASH_MAX_OPTIONS; i++)
		o[i] = (struct nash_option){ "same", 1, 1 };
	assert_choose_refused(o, NASH_MAX_OPTIONS + 1, 0, 0, "at most 20 options");
	assert_choose_refused(o, 1, 0, 0, "at least 2 options, and there is only 1");
	assert_choose_refused(o, 2, 0, 0, "options 1 and 2 are both called \"same\"");
	o[1].name = "";
	assert_choose_refused(o, 2, 0, 0, "option 2 has no name");
	o[1] = (struct nash_option){ "other", 11, 1 };
	assert_choose_refused(o, 2, 0, 0, "\"other\": partner a's rating must be a whole number "
					  "from 0 to 10, not 11");
	o[1] = (struct nash_option){ "other", 1, -3 };
	assert_choose_refused(o, 2, 0, 0, "partner b's rating must be a whole number");
	o[1] = (struct nash_option){ "other", 1, 1 };
	assert_choose_refused(o, 2, -1, 0, "partner a's rating of no agreement must be a whole "
					   "number from 0 to 10, not -1");
	assert_choose_refused(o, 2, 0, 12, "partner b's rating of no agreement");
}

static int best_set(const struct nash_result *r, size_t i)
{
	for (size_t k = 0; k < r->nranked; k++)
		if (r->ranking[k].index == i)
			return r->ranking[k].product == r->ranking[0].product;
	return 0;
}

static long long product_of(const struct nash_result *r, size_t i)
{
	for (size_t k = 0; k < r->nranked; k++)
		if (r->ranking[k].index == i)
			return r->ranking[k].product;
	return -1; /* not ranked: someone does not gain */
}

/* An option rated `mine` by the partner being rescaled and `other` by the other one. */
static struct nash_option rated(const char *name, long long mine, long long other, int scale_b)
{
	return scale_b ? (struct nash_option){ name, other, mine }
		       : (struct nash_option){ name, mine, other };
}

/* Multiplying one partner's gains by c > 0 keeps the options where both gain,
 * the order of their products and so the options with the largest product;
 * when that option is unique the choice is the same. (The tie rule on the
 * smaller gain compares the two partners' gains directly, so a tie on the
 * product may be broken differently after rescaling; see fair.md.) */
static void nash_rescaling_invariance(void **state)
{
	(void)state;
	enum { CASES = 3000 };
	uint64_t s = 7;
	int unique = 0;
	static const char *names[NASH_MAX_OPTIONS] = {
		"o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10",
		"o11", "o12", "o13", "o14", "o15", "o16", "o17", "o18", "o19", "o20" };
	for (int c = 0; c < CASES; c++) {
		size_t n = NASH_MIN_OPTIONS + pick(&s, NASH_MAX_OPTIONS - 1);
		/* Gains g of the scaled partner lie in [-lo, hi]; ratings are
		 * base + g before and base * k + k * g after scaling by k. */
		long long k = pick(&s, 2) ? 2 : 3, lo = k == 2 ? 2 : 1, hi = k == 2 ? 3 : 2;
		long long base = lo, scaled_base = k * lo;
		int scale_b = (int)pick(&s, 2);
		long long other_none = (long long)pick(&s, 11);
		struct nash_option o[NASH_MAX_OPTIONS], q[NASH_MAX_OPTIONS];
		for (size_t i = 0; i < n; i++) {
			long long g = (long long)pick(&s, (size_t)(lo + hi + 1)) - lo;
			long long other = (long long)pick(&s, 11);
			long long x = base + g, y = scaled_base + k * g;
			o[i] = rated(names[i], x, other, scale_b);
			q[i] = rated(names[i], y, other, scale_b);
		}
		struct nash_option none = rated(NULL, base, other_none, scale_b);
		struct nash_option scaled_none = rated(NULL, scaled_base, other_none, scale_b);
		struct nash_result r1, r2;
		choose_ok(o, n, none.a, none.b, &r1);
		choose_ok(q, n, scaled_none.a, scaled_none.b, &r2);
		assert_int_equal(r1.nranked, r2.nranked);
		for (size_t i = 0; i < n; i++) {
			long long p1 = product_of(&r1, i), p2 = product_of(&r2, i);
			assert_true((p1 < 0) == (p2 < 0));
			if (p1 >= 0)
				assert_int_equal(p2, k * p1);
			assert_int_equal(best_set(&r1, i), best_set(&r2, i));
		}
		if (r1.nranked == 1 ||
		    (r1.nranked > 1 && r1.ranking[0].product > r1.ranking[1].product)) {
			assert_int_equal(r1.choice, r2.choice);
			unique++;
		}
	}
	printf("report: choose: %d random inputs rescaled, the choice unchanged whenever "
	       "the best product was unique (%d cases)\n",
	       CASES, unique);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(published_divorce_example),
		cmocka_unit_test(worked_cases),
		cmocka_unit_test(split_refuses_bad_input),
		cmocka_unit_test(random_splits_keep_their_promises),
		cmocka_unit_test(nash_examples),
		cmocka_unit_test(nash_ties),
		cmocka_unit_test(nash_none_gains),
		cmocka_unit_test(nash_refuses_bad_input),
		cmocka_unit_test(nash_rescaling_invariance),
	};
	return cmocka_run_group_tests_name("fair", tests, NULL, NULL);
}
