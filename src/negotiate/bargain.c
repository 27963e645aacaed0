/* bargain.c: the rules of a negotiation (see bargain.h and
 * docs/internals/negotiate.md). Pure: no I/O, no allocation. */
#include "bargain.h"

#include "util/i18n.h"

#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

enum bargain_state bargain_state(const struct bargain_side s[2])
{
	if (s[0].done && s[1].done)
		return s[0].accepted && s[1].accepted ? BARGAIN_ACCEPTED : BARGAIN_PROPOSED;
	if (s[0].started && s[1].started)
		return BARGAIN_ALLOCATING;
	return BARGAIN_OPEN;
}

const char *bargain_state_name(enum bargain_state st)
{
	switch (st) {
	case BARGAIN_ALLOCATING:
		return "allocating";
	case BARGAIN_PROPOSED:
		return "proposed";
	case BARGAIN_ACCEPTED:
		return "accepted";
	case BARGAIN_OPEN:
		break;
	}
	return "open";
}

const char *bargain_kind_name(enum bargain_kind k)
{
	return k == BARGAIN_CHOICE ? "choice" : "split";
}

int bargain_kind_parse(const char *s, enum bargain_kind *out, struct err *e)
{
	if (s && !strcmp(s, "split"))
		*out = BARGAIN_SPLIT;
	else if (s && !strcmp(s, "choice"))
		*out = BARGAIN_CHOICE;
	else
		return err_set(e, 400, "invalid_kind",
			       "The kind must be split (share out several issues) or choice "
			       "(choose one option).");
	return 0;
}

const char *bargain_noun(enum bargain_kind k)
{
	/* In the reader's language: the word goes into translated sentences. */
	return k == BARGAIN_CHOICE ? _("option") : _("issue");
}

size_t bargain_max_items(enum bargain_kind k)
{
	return k == BARGAIN_CHOICE ? NASH_MAX_OPTIONS : AW_MAX_ITEMS;
}

int bargain_check_item(enum bargain_kind k, const char *name, const char *const *names, size_t n,
		       struct err *e)
{
	const char *noun = bargain_noun(k);
	size_t len = strlen(name);
	int blank = 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c < 0x20 || c == 0x7f)
			return err_set(e, 400, "invalid_item",
				       "Each %s's name fits on one line; please take out the line "
				       "break or tab.",
				       noun);
		if (c != ' ')
			blank = 0;
	}
	if (blank)
		return err_set(e, 400, "invalid_item", "Please give the %s a name.", noun);
	if (!utf8_valid(name, len))
		return err_set(e, 400, "invalid_item", "The %s's name is not valid text.", noun);
	if (utf8_count(name, len) > BARGAIN_ITEM_MAX || len > FAIR_NAME_MAX)
		return err_set(e, 400, "invalid_item",
			       "That %s's name is too long: at most %d characters, please.", noun,
			       BARGAIN_ITEM_MAX);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return err_set(e, 400, "duplicate_item",
				       "There is already an %s with that name. Give each %s "
				       "its own name.",
				       noun, noun);
	if (n >= bargain_max_items(k))
		return err_set(e, 409, "too_many_items",
			       "A negotiation can have at most %zu %ss. Perhaps some of them "
			       "belong in a negotiation of their own?",
			       bargain_max_items(k), noun);
	return 0;
}

int bargain_can_change_items(enum bargain_kind k, enum bargain_state st, struct err *e)
{
	switch (st) {
	case BARGAIN_OPEN:
		return 0;
	case BARGAIN_ALLOCATING:
		return err_set(e, 409, "items_fixed",
			       "You have both started giving %s, so the %ss are fixed now. To "
			       "change them, reopen the negotiation first.",
			       k == BARGAIN_CHOICE ? "ratings" : N_("points"), bargain_noun(k));
	case BARGAIN_PROPOSED:
		return err_set(e, 409, "items_fixed",
			       "The proposal is ready, so the %ss are fixed. To change them, "
			       "reopen the negotiation first.",
			       bargain_noun(k));
	case BARGAIN_ACCEPTED:
		break;
	}
	return err_set(e, 409, "settled",
		       "You have both accepted this negotiation; its results are agreements now. "
		       "For a change, start a new negotiation.");
}

int bargain_can_allocate(enum bargain_kind k, enum bargain_state st, size_t nitems, struct err *e)
{
	if (st == BARGAIN_PROPOSED)
		return err_set(e, 409, "proposed",
			       "You are both done and the proposal is ready. To change your %s, "
			       "reopen the negotiation first.",
			       k == BARGAIN_CHOICE ? "ratings" : N_("points"));
	if (st == BARGAIN_ACCEPTED)
		return err_set(e, 409, "settled",
			       "You have both accepted this negotiation; its results are "
			       "agreements now.");
	if (nitems < 2)
		return err_set(e, 409, "too_few_items",
			       i18n_ntr(i18n_thread(), "Add at least two %ss first; there is %zu so far.",
					"Add at least two %ss first; there are %zu so far.", (long)nitems),
			       bargain_noun(k), nitems);
	return 0;
}

int bargain_can_accept(enum bargain_state st, struct err *e)
{
	if (st == BARGAIN_PROPOSED || st == BARGAIN_ACCEPTED)
		return 0;
	return err_set(e, 409, "not_proposed",
		       "There is no proposal to accept yet: it comes once both of you are done.");
}

int bargain_can_reopen(enum bargain_state st, struct err *e)
{
	if (st == BARGAIN_ALLOCATING || st == BARGAIN_PROPOSED)
		return 0;
	if (st == BARGAIN_ACCEPTED)
		return err_set(e, 409, "settled",
			       "You have both accepted this negotiation; its results are "
			       "agreements now. To change one, mark it \"talk again\" and start "
			       "a new negotiation.");
	return err_set(e, 409, "already_open",
		       "This negotiation is already open: add or change what you need.");
}

int bargain_check_values(enum bargain_kind k, const char *const *names, size_t n,
			 const long long *values, long long status_quo, int done, struct err *e)
{
	int choice = k == BARGAIN_CHOICE;
	long long max = choice ? NASH_RATING_MAX : AW_POINTS, total = 0;
	char l[FAIR_LABEL_MAX];
	for (size_t i = 0; i < n; i++) {
		fair_label(l, sizeof l, bargain_noun(k), i, names[i]);
		if (values[i] == BARGAIN_NONE) {
			if (done && choice)
				return err_set(e, 400, "missing_rating",
					       "Please rate %s too, from 0 to %lld.", l, max);
			continue;
		}
		if (values[i] < 0 || values[i] > max)
			return err_set(e, 400, "out_of_range",
				       "The %s for %s must be a whole number from 0 to %lld, not "
				       "%lld.",
				       choice ? "rating" : N_("points"), l, max, values[i]);
		total += values[i];
	}
	if (choice) {
		if (status_quo == BARGAIN_NONE) {
			if (done)
				return err_set(e, 400, "missing_status_quo",
					       "Please rate having no agreement too, from 0 to "
					       "%lld: it is what each option is measured against.",
					       max);
		} else if (status_quo < 0 || status_quo > max) {
			return err_set(e, 400, "out_of_range",
				       "The rating of having no agreement must be a whole number "
				       "from 0 to %lld, not %lld.",
				       max, status_quo);
		}
		return 0;
	}
	if (done && total != AW_POINTS) {
		if (total < AW_POINTS)
			return err_set(e, 400, "points_total",
				       "Your points add up to %lld. They need to come to "
				       "exactly %d: %lld more to give.",
				       total, AW_POINTS, AW_POINTS - total);
		return err_set(e, 400, "points_total",
			       "Your points add up to %lld. They need to come to exactly %d: take "
			       "%lld away.",
			       total, AW_POINTS, total - AW_POINTS);
	}
	return 0;
}

/* The exact value of x with at most two decimals, trailing zeros dropped. */
const char *bargain_decimal(char *out, size_t size, struct frac x)
{
	long long c = frac_scale_round(x, 100);
	int neg = c < 0;
	unsigned long long u = neg ? (unsigned long long)(-c) : (unsigned long long)c;
	if (u % 100 == 0)
		snprintf(out, size, "%s%llu", neg ? "-" : "", u / 100);
	else if (u % 10 == 0)
		snprintf(out, size, "%s%llu.%llu", neg ? "-" : "", u / 100, (u % 100) / 10);
	else
		snprintf(out, size, "%s%llu.%02llu", neg ? "-" : "", u / 100, u % 100);
	return out;
}

static int fits(int len, size_t size)
{
	return len < 0 || (size_t)len >= size ? -1 : len;
}

/* The fraction nearest f with a denominator of at most 10 (f strictly between
 * 0 and 1 gives one strictly between too). */
static struct frac nearest_turns(struct frac f)
{
	struct frac best = frac_make(1, 2);
	double want = (double)f.num / (double)f.den, gap = 2;
	for (long long q = 2; q <= 10; q++)
		for (long long p = 1; p < q; p++) {
			double d = (double)p / (double)q - want;
			if (d < 0)
				d = -d;
			if (d < gap - 1e-12) {
				gap = d;
				best = frac_make(p, q);
			}
		}
	return best;
}

int bargain_turns(char *out, size_t size, const char *const names[2],
		  const struct aw_share *share)
{
	struct frac a = share->a;
	int about = a.den > 10;
	if (about)
		a = nearest_turns(a);
	long long p = a.num, q = a.den;
	if (p * 2 == q)
		return fits(snprintf(out, size,
				     "take turns: %s one time and %s the next (alternate years for "
				     "something yearly), or split the time in half",
				     names[0], names[1]),
			    size);
	return fits(snprintf(out, size,
			     "take turns: %s %s%lld time%s in %lld and %s %lld in %lld (%lld year%s "
			     "in %lld for something yearly), or split the time the same way",
			     names[0], about ? "about " : "", p, p == 1 ? "" : "s", q, names[1],
			     q - p, q, p, p == 1 ? "" : "s", q),
		    size);
}

int bargain_split_agreement(char *out, size_t size, const char *topic, const char *item,
			    const char *const names[2], const struct aw_share *share,
			    enum bargain_who *who)
{
	struct frac one = frac_int(1);
	if (!frac_cmp(share->a, one) || !frac_cmp(share->b, one)) {
		*who = frac_cmp(share->a, one) ? BARGAIN_B : BARGAIN_A;
		return fits(snprintf(out, size, "%s: %s decides about %s.", topic, names[*who],
				     item),
			    size);
	}
	char turns[BARGAIN_TEXT_MAX];
	*who = BARGAIN_BOTH;
	if (bargain_turns(turns, sizeof turns, names, share) < 0)
		return -1;
	return fits(snprintf(out, size, "%s: %s and %s share %s: %s.", topic, names[0], names[1],
			     item, turns),
		    size);
}

int bargain_choice_agreement(char *out, size_t size, const char *topic, const char *option)
{
	return fits(snprintf(out, size, "%s: we go with %s.", topic, option), size);
}

int bargain_split_explain(struct buf *out, const char *const names[2], const struct aw_item *items,
			  size_t n, const struct aw_result *r)
{
	char own[32], other[32];
	bargain_decimal(own, sizeof own, r->total_a);
	bargain_decimal(other, sizeof other, frac_sub(frac_int(AW_POINTS), r->total_a));
	int even = frac_cmp(r->total_a, frac_int(AW_POINTS / 2)) == 0;
	int rc = buf_printf(out,
			    "Each of you gets %s of your own %d points: the same share, each "
			    "measured by what you said matters to you.\n",
			    own, AW_POINTS);
	rc |= buf_printf(out,
			 "Each of you values your own part %s the other's (%s against %s), so "
			 "neither of you would want to swap.\n",
			 even ? "as much as" : "more than", own, other);
	rc |= buf_puts(out, "No other way of dividing could give one of you more without giving "
			    "the other less.");
	if (r->split >= 0) {
		char sa[48], sb[48];
		const struct aw_share *s = &r->share[r->split];
		if (frac_format(s->a, sa, sizeof sa) < 0 || frac_format(s->b, sb, sizeof sb) < 0)
			return -1;
		rc |= buf_printf(out, "\nOnly %s is shared: %s of it for %s and %s for %s.",
				 items[r->split].name, sa, names[0], sb, names[1]);
	} else if (n) {
		rc |= buf_puts(out, "\nNo issue needed to be shared.");
	}
	return rc ? -1 : 0;
}

int bargain_choice_explain(struct buf *out, const struct nash_option *opts,
			   const struct nash_result *r)
{
	char reason[NASH_REASON_MAX];
	if (nash_reason(opts, r, reason, sizeof reason) < 0)
		return -1;
	int rc = buf_puts(out, "Each of you rated every option and also having no agreement; "
			       "an option's gain is how much better than no agreement it is for "
			       "you.\n");
	rc |= buf_puts(out, reason);
	return rc ? -1 : 0;
}
