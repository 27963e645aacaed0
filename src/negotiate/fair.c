/* fair.c: Adjusted Winner and the Nash bargaining choice (see fair.h and
 * docs/internals/fair.md). Pure: no I/O, no allocation, no state. */
#include "fair.h"

#include "util/i18n.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

/* Both entry types start with their name, so the name checks can walk either. */
_Static_assert(offsetof(struct aw_item, name) == 0, "name first");
_Static_assert(offsetof(struct nash_option, name) == 0, "name first");

static const char *name_at(const void *base, size_t stride, size_t i)
{
	return *(const char *const *)((const char *)base + i * stride);
}

const char *fair_label(char *out, size_t size, const char *noun, size_t i, const char *name)
{
	if (name && *name && strlen(name) <= FAIR_LABEL_NAME_MAX)
		snprintf(out, size, "\"%s\"", name);
	else
		snprintf(out, size, "%s %zu", noun, i + 1);
	return out;
}

static int check_count(size_t n, size_t min, size_t max, const char *what, const char *noun,
		       struct err *e)
{
	if (n < min)
		return err_set(e, 400, "invalid", "%s needs at least %zu %ss, and there %s %zu",
			       what, min, noun, n == 1 ? _("is only") : _("are"), n);
	if (n > max)
		return err_set(e, 400, "invalid", "%s can have at most %zu %ss, and there are %zu",
			       what, max, noun, n);
	return 0;
}

/* Every name present, non-empty, at most FAIR_NAME_MAX bytes of UTF-8, and unique. */
static int check_names(const void *base, size_t n, size_t stride, const char *noun,
		       struct err *e)
{
	char l[FAIR_LABEL_MAX];
	for (size_t i = 0; i < n; i++) {
		const char *name = name_at(base, stride, i);
		if (!name || !*name)
			return err_set(e, 400, "invalid",
				       "%s %zu has no name; give every %s a short name", noun,
				       i + 1, noun);
		size_t len = strlen(name);
		if (len > FAIR_NAME_MAX)
			return err_set(e, 400, "invalid",
				       "%s %zu's name is %zu bytes long; keep names to %d bytes or "
				       "fewer",
				       noun, i + 1, len, FAIR_NAME_MAX);
		if (!utf8_valid(name, len))
			return err_set(e, 400, "invalid", "%s %zu's name is not valid UTF-8 text",
				       noun, i + 1);
		for (size_t j = 0; j < i; j++) {
			if (strcmp(name, name_at(base, stride, j)))
				continue;
			if (len > FAIR_LABEL_NAME_MAX)
				return err_set(e, 400, "invalid",
					       "%ss %zu and %zu have the same name; give each %s "
					       "its own name",
					       noun, j + 1, i + 1, noun);
			return err_set(e, 400, "invalid",
				       "%ss %zu and %zu are both called %s; give each %s its own "
				       "name",
				       noun, j + 1, i + 1, fair_label(l, sizeof l, noun, i, name),
				       noun);
		}
	}
	return 0;
}

static int check_value(long long v, long long max, const char *whose, const char *what,
		       const char *where, struct err *e)
{
	if (v < 0 || v > max)
		return err_set(e, 400, "invalid",
			       "%s%spartner %s's %s must be a whole number from 0 to %lld, "
			       "not %lld",
			       where ? where : "", where ? ": " : "", whose, what, max, v);
	return 0;
}

/* ---- Adjusted Winner ---- */

int aw_check_count(size_t n, struct err *e)
{
	return check_count(n, AW_MIN_ITEMS, AW_MAX_ITEMS, "a split", "issue", e);
}

static int aw_validate(const struct aw_item *items, size_t n, struct err *e)
{
	if (aw_check_count(n, e) < 0 || check_names(items, n, sizeof *items, "issue", e) < 0)
		return -1;
	char l[FAIR_LABEL_MAX];
	long long sum_a = 0, sum_b = 0;
	for (size_t i = 0; i < n; i++) {
		fair_label(l, sizeof l, "issue", i, items[i].name);
		if (check_value(items[i].a, AW_POINTS, "a", "points", l, e) < 0 ||
		    check_value(items[i].b, AW_POINTS, "b", "points", l, e) < 0)
			return -1;
		sum_a += items[i].a;
		sum_b += items[i].b;
	}
	if (sum_a != AW_POINTS)
		return err_set(e, 400, "invalid",
			       "partner a's points sum to %lld, not %d; spread exactly %d points "
			       "over the issues",
			       sum_a, AW_POINTS, AW_POINTS);
	if (sum_b != AW_POINTS)
		return err_set(e, 400, "invalid",
			       "partner b's points sum to %lld, not %d; spread exactly %d points "
			       "over the issues",
			       sum_b, AW_POINTS, AW_POINTS);
	return 0;
}

static void give(struct aw_result *out, size_t i, int to_b)
{
	out->share[i].a = frac_int(!to_b);
	out->share[i].b = frac_int(to_b);
}

int aw_split(const struct aw_item *items, size_t n, struct aw_result *out, struct err *e)
{
	if (aw_validate(items, n, e) < 0)
		return -1;

	/* Step 1: each issue to whoever gave it more points; then the tied issues,
	 * in input order, each to whoever has fewer points so far (a when level). */
	long long t[2] = { 0, 0 }; /* t[0] is a's total, t[1] b's, in own points */
	int owner[AW_MAX_ITEMS];   /* 0 for a, 1 for b */
	for (size_t i = 0; i < n; i++) {
		if (items[i].a == items[i].b)
			continue;
		owner[i] = items[i].b > items[i].a;
		t[owner[i]] += owner[i] ? items[i].b : items[i].a;
	}
	for (size_t i = 0; i < n; i++) {
		if (items[i].a != items[i].b)
			continue;
		owner[i] = t[1] < t[0];
		t[owner[i]] += items[i].a;
	}
	for (size_t i = 0; i < n; i++)
		give(out, i, owner[i]);
	out->split = -1;

	/* Step 2: equal totals need nothing more. */
	if (t[0] == t[1]) {
		out->total_a = out->total_b = frac_int(t[0]);
		return 0;
	}
	int w = t[1] > t[0]; /* the partner ahead */
	long long pts[2][AW_MAX_ITEMS];
	for (size_t i = 0; i < n; i++) {
		pts[0][i] = items[i].a;
		pts[1][i] = items[i].b;
	}
	const long long *wp = pts[w], *lp = pts[!w];

	/* Step 3: W's issues by the ratio W/L, smallest first, compared by cross-
	 * multiplication (L's 0 is an infinite ratio, last). Issues W values at 0
	 * (then L does too) change no total and stay put. Insertion sort: stable,
	 * and n is at most 50. */
	size_t order[AW_MAX_ITEMS], m = 0;
	for (size_t i = 0; i < n; i++) {
		if (owner[i] != w || wp[i] == 0)
			continue;
		size_t k = m++;
		while (k > 0 && wp[i] * lp[order[k - 1]] < wp[order[k - 1]] * lp[i]) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
	}
	long long tw = t[w], tl = t[!w];
	for (size_t k = 0; k < m; k++) {
		size_t i = order[k];
		long long after_w = tw - wp[i], after_l = tl + lp[i];
		if (after_w >= after_l) {
			give(out, i, !w);
			tw = after_w;
			tl = after_l;
			if (after_w == after_l)
				break;
			continue;
		}
		/* Step 4: moving it all would put W behind, so share it: L gets
		 * q = (T_W - T_L) / (w + l), which lies strictly between 0 and 1. */
		struct frac q = frac_make(tw - tl, wp[i] + lp[i]);
		struct frac keep = frac_sub(frac_int(1), q);
		out->share[i].a = w ? q : keep;
		out->share[i].b = w ? keep : q;
		out->split = (int)i;
		struct frac fw = frac_add(frac_int(tw - wp[i]), frac_mul(frac_int(wp[i]), keep));
		struct frac fl = frac_add(frac_int(tl), frac_mul(frac_int(lp[i]), q));
		assert(frac_cmp(fw, fl) == 0);
		out->total_a = w ? fl : fw;
		out->total_b = w ? fw : fl;
		return 0;
	}
	/* Moving every issue of W's would leave W with 0 and L with 100, so the loop
	 * stops on a level total or a split before it runs out. */
	assert(tw == tl);
	out->total_a = out->total_b = frac_int(tw);
	return 0;
}

/* ---- Nash bargaining choice ---- */

int nash_check_count(size_t n, struct err *e)
{
	return check_count(n, NASH_MIN_OPTIONS, NASH_MAX_OPTIONS, "a choice", "option", e);
}

/* 1 when x should rank above y: larger product, then larger smaller gain, then earlier. */
static int nash_better(const struct nash_rank *x, const struct nash_rank *y)
{
	if (x->product != y->product)
		return x->product > y->product;
	long long mx = x->gain_a < x->gain_b ? x->gain_a : x->gain_b;
	long long my = y->gain_a < y->gain_b ? y->gain_a : y->gain_b;
	if (mx != my)
		return mx > my;
	return x->index < y->index;
}

int nash_choose(const struct nash_option *opts, size_t n, long long none_a, long long none_b,
		struct nash_result *out, struct err *e)
{
	if (nash_check_count(n, e) < 0 ||
	    check_names(opts, n, sizeof *opts, "option", e) < 0)
		return -1;
	char l[FAIR_LABEL_MAX];
	for (size_t i = 0; i < n; i++) {
		fair_label(l, sizeof l, "option", i, opts[i].name);
		if (check_value(opts[i].a, NASH_RATING_MAX, "a", "rating", l, e) < 0 ||
		    check_value(opts[i].b, NASH_RATING_MAX, "b", "rating", l, e) < 0)
			return -1;
	}
	if (check_value(none_a, NASH_RATING_MAX, "a", "rating of no agreement", NULL, e) < 0 ||
	    check_value(none_b, NASH_RATING_MAX, "b", "rating of no agreement", NULL, e) < 0)
		return -1;

	out->nranked = 0;
	for (size_t i = 0; i < n; i++) {
		struct nash_rank r = { i, opts[i].a - none_a, opts[i].b - none_b, 0 };
		if (r.gain_a <= 0 || r.gain_b <= 0)
			continue;
		r.product = r.gain_a * r.gain_b;
		size_t k = out->nranked++;
		while (k > 0 && nash_better(&r, &out->ranking[k - 1])) {
			out->ranking[k] = out->ranking[k - 1];
			k--;
		}
		out->ranking[k] = r;
	}
	out->choice = out->nranked ? (int)out->ranking[0].index : -1;
	return 0;
}

static long long smaller_gain(const struct nash_rank *r)
{
	return r->gain_a < r->gain_b ? r->gain_a : r->gain_b;
}

int nash_reason(const struct nash_option *opts, const struct nash_result *r, char *out,
		size_t size)
{
	int len;
	if (r->nranked == 0) {
		len = snprintf(out, size,
			       "None of these options is better than no agreement for both of "
			       "you. You could put the decision on the dream table and explore "
			       "it together, or talk it through with a counsellor.");
	} else if (r->nranked == 1) {
		len = snprintf(out, size,
			       "%s is the only option that is better than no agreement for both "
			       "of you.",
			       opts[r->ranking[0].index].name);
	} else {
		const struct nash_rank *best = &r->ranking[0], *next = &r->ranking[1];
		const char *bn = opts[best->index].name, *nn = opts[next->index].name;
		if (best->product > next->product)
			len = snprintf(out, size,
				       "%s is better than no agreement for both of you, and it "
				       "balances your gains best: multiplied together they come "
				       "to %lld, more than any other option gives.",
				       bn, best->product);
		else if (smaller_gain(best) > smaller_gain(next))
			len = snprintf(out, size,
				       "%s and %s both bring your gains, multiplied together, to "
				       "%lld. %s is proposed because whoever gains less still "
				       "gains more with it.",
				       bn, nn, best->product, bn);
		else
			len = snprintf(out, size,
				       "%s and %s are equally fair here: both bring your gains, "
				       "multiplied together, to %lld. %s comes first in your "
				       "list, so it is proposed.",
				       bn, nn, best->product, bn);
	}
	return len < 0 || (size_t)len >= size ? -1 : len;
}
