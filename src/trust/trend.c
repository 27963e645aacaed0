/* trend.c: the check-in summary rules (see trend.h; every rule is defined in
 * docs/internals/trend.md, and the two must change together). */
#include "trend.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"
#include "util/utf8.h"

#define LOW 2        /* trust or safety at or below this is low */
#define DIP 2        /* a change of at least this many steps is a dip or a recovery */
#define CLOSE 5      /* closeness at or above this is close */
#define GAP_STEPS 2  /* closeness pictures this far apart is a gap */
#define STEADY 1     /* answers moving by at most this are steady */
#define AGREEMENTS 2 /* a month needs this many kept (or missed) to be worth a note */
#define MAX_COUNT 1000000

static const char *const area_keys[TREND_AREAS] = {
    "know", "differences", "repair", "negotiate", "checkins", "dreams", "resources",
};

/* How a measure reads inside a sentence. */
static const char *const measure_words[TREND_MEASURES] = {
    N_("closeness"),
    N_("satisfaction"),
    N_("trust"),
    N_("feeling safe to share"),
};

static const char *const count_words[] = {N_("no"), N_("one"), N_("two"), N_("three")};

static const char repair_trust[] = "If something has shaken trust between you, the repair steps "
                                   "can help you talk it through when you are both calm.";

const char *trend_area_key(enum trend_area a)
{
	if ((int)a < 0 || a >= TREND_AREAS)
		return NULL;
	return area_keys[a];
}

int trend_measure_min(enum trend_measure m)
{
	return m == TREND_CLOSENESS ? 1 : 0;
}

int trend_measure_max(enum trend_measure m)
{
	return m == TREND_CLOSENESS ? 7 : 6;
}

/* ---- Writing sentences into fixed fields ---- */

struct line {
	char *s;
	size_t len, cap;
	int *overflow;
};

static void line_start(struct line *l, char *s, size_t cap, int *overflow)
{
	l->s = s;
	l->len = 0;
	l->cap = cap;
	l->overflow = overflow;
	s[0] = '\0';
}

__attribute__((format(printf, 2, 3))) static void say(struct line *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	/* The sentence's words in the reader's language (util/i18n.h). */
	int n = vsnprintf(l->s + l->len, l->cap - l->len, _(fmt), ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= l->cap - l->len) {
		*l->overflow = 1;
		l->s[l->len] = '\0'; /* never leave half a character behind */
		return;
	}
	l->len += (size_t)n;
}

/* ", " between items and " and " before the last of `total`. */
static void say_sep(struct line *l, size_t i, size_t total)
{
	if (i > 0)
		say(l, "%s", i + 1 == total ? " and " : ", ");
}

/* ---- The couple's recent check-ins ---- */

struct ctx {
	const struct trend_input *in;
	struct trend_summary *out;
	int rhythm;     /* weeks between check-ins */
	long long from; /* first week inside the window */
	int joined[2];
	size_t count[2]; /* check-ins in the window with at least one answer */
	int overflow;
	/* which rules fired, for the rules that give way to others */
	int counselling, falling[2], pattern;
};

static const struct trend_checkin *ck(const struct ctx *c, int p, size_t i)
{
	return &c->in->p[p].checkins[i];
}

static int answered(const struct trend_checkin *k)
{
	for (int m = 0; m < TREND_MEASURES; m++)
		if (k->v[m] != TREND_GAP)
			return 1;
	return 0;
}

static int low_trust_or_safety(const struct trend_checkin *k)
{
	return (k->v[TREND_TRUST] != TREND_GAP && k->v[TREND_TRUST] <= LOW) ||
	       (k->v[TREND_SAFETY] != TREND_GAP && k->v[TREND_SAFETY] <= LOW);
}

/* Which check-ins a rule looks at: measure m answered (m >= 0), trust or safety
 * answered (WANT_TRUST_OR_SAFETY), or anything answered (WANT_ANY). */
#define WANT_ANY (-1)
#define WANT_TRUST_OR_SAFETY (-2)

static int wanted(const struct trend_checkin *k, int want)
{
	if (want == WANT_ANY)
		return answered(k);
	if (want == WANT_TRUST_OR_SAFETY)
		return k->v[TREND_TRUST] != TREND_GAP || k->v[TREND_SAFETY] != TREND_GAP;
	return k->v[want] != TREND_GAP;
}

/* Fills idx[0..returned) with the indices of partner p's last (at most) k
 * check-ins inside the window that have what `want` asks for, oldest first. */
static size_t last_checkins(const struct ctx *c, int p, int want, size_t k, size_t *idx)
{
	size_t got = 0;
	for (size_t i = c->in->p[p].n; i-- > 0 && got < k;) {
		if (ck(c, p, i)->week < c->from)
			break;
		if (wanted(ck(c, p, i), want))
			idx[got++] = i;
	}
	for (size_t a = 0, b = got; a + 1 < b; a++, b--) {
		size_t t = idx[a];
		idx[a] = idx[b - 1];
		idx[b - 1] = t;
	}
	return got;
}

/* Partner p's last (at most) k answers to measure m in the window, oldest first. */
static size_t last_values(const struct ctx *c, int p, int m, size_t k, int *vals, int *weeks)
{
	size_t idx[3];
	size_t got = last_checkins(c, p, m, k < 3 ? k : 3, idx);
	for (size_t i = 0; i < got; i++) {
		vals[i] = ck(c, p, idx[i])->v[m];
		if (weeks)
			weeks[i] = ck(c, p, idx[i])->week;
	}
	return got;
}

/* Weeks covered by check-ins from week a to week b. */
static int span(const struct ctx *c, int a, int b)
{
	return b - a + c->rhythm;
}

static const char *pname(const struct ctx *c, int p)
{
	return c->in->p[p].name;
}

/* Adds a finding and starts `l` on its text; NULL (and the overflow flag) when
 * the summary is full, which the rules cannot reach. */
static struct trend_finding *add(struct ctx *c, const char *rule, int partner, enum trend_area area,
                                 struct line *l)
{
	if (c->out->n >= TREND_MAX_FINDINGS) {
		c->overflow = 1;
		return NULL;
	}
	struct trend_finding *f = &c->out->f[c->out->n++];
	memset(f, 0, sizeof *f);
	f->rule = rule;
	f->partner = partner;
	f->area = area;
	line_start(l, f->text, sizeof f->text, &c->overflow);
	return f;
}

static void suggest(struct ctx *c, struct trend_finding *f, const char *text)
{
	struct line l;
	line_start(&l, f->suggestion, sizeof f->suggestion, &c->overflow);
	say(&l, "%s", _(text));
}

/* ---- The rules, in the order their findings are listed ---- */

static void rule_one_partner(struct ctx *c)
{
	int with = c->count[0] ? 0 : 1, other = 1 - with;
	if (!c->count[with] || c->count[other])
		return;
	struct line l;
	struct trend_finding *f = add(c, "one_partner", with, TREND_AREA_CHECKINS, &l);
	if (!f)
		return;
	if (!c->joined[other]) {
		say(&l,
		    "Only %s is checking in so far, so this summary rests on %s's check-ins alone.",
		    pname(c, with), pname(c, with));
		suggest(c, f,
		        "Once a partner joins, both sets of answers will sit side by side here.");
		return;
	}
	say(&l,
	    "This summary rests on %s's check-ins alone: there are none from %s in the last %d "
	    "weeks.",
	    pname(c, with), pname(c, other), TREND_WINDOW * c->rhythm);
	line_start(&l, f->suggestion, sizeof f->suggestion, &c->overflow);
	say(&l, "Whenever %s checks in, those answers will appear beside %s's.", pname(c, other),
	    pname(c, with));
}

static void rule_not_enough_data(struct ctx *c)
{
	struct line l;
	struct trend_finding *f = add(c, "not_enough_data", -1, TREND_AREA_CHECKINS, &l);
	if (!f)
		return;
	int weeks = TREND_WINDOW * c->rhythm;
	if (!c->count[0] && !c->count[1]) {
		say(&l,
		    "There are no check-ins in the last %d weeks, so there is nothing to sum "
		    "up yet.",
		    weeks);
		suggest(c, f,
		        "A check-in takes a couple of minutes, whenever it suits you. After two, "
		        "a first picture of how things move will appear here.");
		return;
	}
	int first = c->count[0] ? 0 : 1;
	say(&l, "So far there is one check-in from %s", pname(c, first));
	if (first == 0 && c->count[1])
		say(&l, " and one from %s", pname(c, 1));
	say(&l, " in the last %d weeks. That is a good start; a pattern needs at least two.",
	    weeks);
	suggest(c, f, "The next check-in will begin to show how things move.");
}

static void rule_counselling(struct ctx *c)
{
	size_t idx[2][3];
	int first = 0, last = 0;
	for (int p = 0; p < 2; p++) {
		if (last_checkins(c, p, WANT_TRUST_OR_SAFETY, 3, idx[p]) < 3)
			return;
		for (int i = 0; i < 3; i++)
			if (!low_trust_or_safety(ck(c, p, idx[p][i])))
				return;
		int a = ck(c, p, idx[p][0])->week, b = ck(c, p, idx[p][2])->week;
		if (p == 0 || a < first)
			first = a;
		if (p == 0 || b > last)
			last = b;
	}
	c->counselling = 1;
	c->pattern = 1;
	struct line l;
	struct trend_finding *f = add(c, "counselling", -1, TREND_AREA_RESOURCES, &l);
	if (!f)
		return;
	f->counselling = 1;
	say(&l,
	    "It seems to have been a hard stretch for you both: in each of your last three "
	    "check-ins, across %d weeks, both %s and %s rated trust or feeling safe to share at "
	    "%d or lower on the 0 to 6 scale.",
	    span(c, first, last), pname(c, 0), pname(c, 1), LOW);
	suggest(c, f,
	        "When things feel this hard for both of you, talking with a couples "
	        "counsellor can help. The resources page explains how to find one, and "
	        "where to turn if either of you ever feels unsafe.");
}

/* safety_low and trust_low: the latest answer to m is at or below LOW. */
static void rule_low(struct ctx *c, int p, int m)
{
	int v;
	if (c->counselling || (m == TREND_TRUST && c->falling[p]))
		return;
	if (last_values(c, p, m, 1, &v, NULL) < 1 || v > LOW)
		return;
	c->pattern = 1;
	int safety = m == TREND_SAFETY;
	struct line l;
	struct trend_finding *f = add(c, safety ? "safety_low" : "trust_low", p,
	                              safety ? TREND_AREA_KNOW : TREND_AREA_REPAIR, &l);
	if (!f)
		return;
	say(&l, "%s's most recent answer for %s was %d on the 0 to 6 scale.", pname(c, p),
	    _(measure_words[m]), v);
	if (safety) {
		say(&l, " Sharing might feel hard for %s just now.", pname(c, p));
		suggest(c, f,
		        "Going gently can help: the light prompts in Know each other, taken "
		        "in turns, with time to listen without fixing.");
	} else {
		suggest(c, f, repair_trust);
	}
}

static void rule_trust_falling(struct ctx *c, int p)
{
	int v[3], w[3];
	if (last_values(c, p, TREND_TRUST, 3, v, w) < 3 || !(v[0] > v[1] && v[1] > v[2]))
		return;
	c->falling[p] = 1;
	c->pattern = 1;
	struct line l;
	struct trend_finding *f = add(c, "trust_falling", p, TREND_AREA_REPAIR, &l);
	if (!f)
		return;
	say(&l,
	    "Over %s's last three check-ins, across %d weeks, %s's trust went from %d to %d to "
	    "%d.",
	    pname(c, p), span(c, w[0], w[2]), pname(c, p), v[0], v[1], v[2]);
	suggest(c, f, repair_trust);
}

static void rule_dip_now(struct ctx *c, int p)
{
	int v[TREND_MEASURES][2], dropped[TREND_MEASURES];
	size_t n = 0, latest[1];
	if (last_checkins(c, p, WANT_ANY, 1, latest) < 1)
		return;
	for (int m = 0; m < TREND_MEASURES; m++) {
		int w[2];
		dropped[m] = last_values(c, p, m, 2, v[m], w) == 2 &&
		             w[1] == ck(c, p, latest[0])->week && v[m][1] <= v[m][0] - DIP &&
		             !(m == TREND_TRUST && c->falling[p]);
		n += (size_t)dropped[m];
	}
	if (!n)
		return;
	c->pattern = 1;
	struct line l;
	struct trend_finding *f = add(c, "dip_now", p, TREND_AREA_REPAIR, &l);
	if (!f)
		return;
	say(&l, "In %s's latest check-in, ", pname(c, p));
	for (int m = 0, i = 0; m < TREND_MEASURES; m++) {
		if (!dropped[m])
			continue;
		say_sep(&l, (size_t)i, n);
		say(&l, "%s%s from %d to %d", _(measure_words[m]), i ? "" : _(" went"), v[m][0], v[m][1]);
		i++;
	}
	say(&l, " since the check-in before. It might have been a hard week.");
	suggest(c, f,
	        "Telling each other what this week was like can be enough. If something hurt "
	        "between you, the repair steps are there.");
}

static void rule_closeness_gap(struct ctx *c)
{
	int a, b, wa, wb;
	if (last_values(c, 0, TREND_CLOSENESS, 1, &a, &wa) < 1 ||
	    last_values(c, 1, TREND_CLOSENESS, 1, &b, &wb) < 1)
		return;
	int diff = a > b ? a - b : b - a;
	if (diff < GAP_STEPS || (wa > wb ? wa - wb : wb - wa) > c->rhythm)
		return;
	c->pattern = 1;
	struct line l;
	struct trend_finding *f = add(c, "closeness_gap", -1, TREND_AREA_KNOW, &l);
	if (!f)
		return;
	say(&l,
	    "In your latest check-ins, %s chose closeness picture %d of 7 and %s chose %d: %d "
	    "steps apart. You might be feeling the distance between you differently.",
	    pname(c, 0), a, pname(c, 1), b, diff);
	suggest(c, f,
	        "A Know each other prompt can be a gentle way to hear how close each of you "
	        "feels, and why.");
}

static void rule_dip_recovered(struct ctx *c, int p)
{
	int v[TREND_MEASURES][3], w[TREND_MEASURES][3], hit[TREND_MEASURES];
	int first = 0, last = 0;
	size_t n = 0;
	for (int m = 0; m < TREND_MEASURES; m++) {
		hit[m] = last_values(c, p, m, 3, v[m], w[m]) == 3 && v[m][1] <= v[m][0] - DIP &&
		         v[m][2] >= v[m][1] + DIP;
		if (!hit[m])
			continue;
		if (!n || w[m][0] < first)
			first = w[m][0];
		if (!n || w[m][2] > last)
			last = w[m][2];
		n++;
	}
	if (!n)
		return;
	c->pattern = 1;
	struct line l;
	struct trend_finding *f = add(c, "dip_recovered", p, TREND_AREA_REPAIR, &l);
	if (!f)
		return;
	say(&l, "Over %s's last three check-ins, across %d weeks, ", pname(c, p),
	    span(c, first, last));
	for (int m = 0, i = 0; m < TREND_MEASURES; m++) {
		if (!hit[m])
			continue;
		say_sep(&l, (size_t)i++, n);
		if (n == 1)
			say(&l, "%s dipped and came back up: %d, then %d, then %d.",
			    _(measure_words[m]), v[m][0], v[m][1], v[m][2]);
		else
			say(&l, "%s (%d, %d, %d)", _(measure_words[m]), v[m][0], v[m][1], v[m][2]);
	}
	if (n > 1)
		say(&l, " dipped and came back up.");
	suggest(c, f,
	        "Whatever helped you find your way back may be worth naming together; "
	        "Repair can turn it into a plan for next time.");
}

static void rule_close_and_rising(struct ctx *c)
{
	int v[2][2], rose = 0;
	for (int p = 0; p < 2; p++) {
		if (last_values(c, p, TREND_CLOSENESS, 2, v[p], NULL) < 2)
			return;
		if (v[p][1] < CLOSE || v[p][1] < v[p][0])
			return;
		rose |= v[p][1] > v[p][0];
	}
	if (!rose)
		return;
	c->pattern = 1;
	struct line l;
	struct trend_finding *f = add(c, "close_and_rising", -1, TREND_AREA_DREAMS, &l);
	if (!f)
		return;
	say(&l, "You both seem close, and closer than before: over your last two check-ins, ");
	for (int p = 0; p < 2; p++) {
		say(&l, p ? " and %s's " : "%s's closeness ", pname(c, p));
		if (v[p][1] > v[p][0])
			say(&l, "went from %d to %d", v[p][0], v[p][1]);
		else
			say(&l, "stayed at %d", v[p][1]);
	}
	say(&l, ".");
	suggest(c, f,
	        "This could be a good time to put an idea or a dream on the dream table and "
	        "explore it together.");
}

/* steady: nothing above fired, and each partner's answers over their last
 * (up to) three check-ins moved by at most STEADY. */
static void rule_steady(struct ctx *c)
{
	int first = 0, last = 0, who = 0;
	size_t most = 0;
	for (int p = 0; p < 2; p++) {
		size_t idx[3], k = last_checkins(c, p, WANT_ANY, 3, idx);
		if (k < 2)
			continue;
		for (int m = 0; m < TREND_MEASURES; m++) {
			int lo = 100, hi = -100;
			for (size_t i = 0; i < k; i++) {
				int x = ck(c, p, idx[i])->v[m];
				if (x == TREND_GAP)
					continue;
				lo = x < lo ? x : lo;
				hi = x > hi ? x : hi;
			}
			if (hi - lo > STEADY)
				return;
		}
		int a = ck(c, p, idx[0])->week, b = ck(c, p, idx[k - 1])->week;
		if (!who || a < first)
			first = a;
		if (!who || b > last)
			last = b;
		who |= 1 << p;
		most = k > most ? k : most;
	}
	if (!who)
		return;
	struct line l;
	struct trend_finding *f =
	    add(c, "steady", who == 3 ? -1 : who - 1, TREND_AREA_DIFFERENCES, &l);
	if (!f)
		return;
	say(&l, "Over the last %s check-ins, across %d weeks, ", _(count_words[most]),
	    span(c, first, last));
	if (who == 3)
		say(&l, "%s's and %s's answers have", pname(c, 0), pname(c, 1));
	else
		say(&l, "%s's answers have", pname(c, who - 1));
	say(&l, " stayed much the same, none moving by more than %d step.", STEADY);
	suggest(c, f, "A calm stretch can be a good time to explore the difference map together.");
	c->pattern = 1;
}

static void rule_no_clear_pattern(struct ctx *c)
{
	struct line l;
	struct trend_finding *f = add(c, "no_clear_pattern", -1, TREND_AREA_CHECKINS, &l);
	if (!f)
		return;
	if (c->count[0] && c->count[1])
		say(&l, "%s's and %s's answers", pname(c, 0), pname(c, 1));
	else
		say(&l, "%s's answers", pname(c, c->count[0] ? 0 : 1));
	say(&l, " have moved over the last %d weeks without a clear pattern in either direction.",
	    TREND_WINDOW * c->rhythm);
	suggest(c, f,
	        "Looking at the charts together, and saying what stands out to each of you, "
	        "can be a good start.");
}

static void rule_agreements(struct ctx *c)
{
	if (!c->in->nmonths)
		return;
	const struct trend_month *m = &c->in->months[c->in->nmonths - 1];
	int missed = m->missed >= AGREEMENTS && m->missed > m->kept;
	int kept = m->kept >= AGREEMENTS && m->missed == 0;
	if (!missed && !kept)
		return;
	struct line l;
	struct trend_finding *f = add(c, missed ? "agreements_missed" : "agreements_kept", -1,
	                              missed ? TREND_AREA_NEGOTIATE : TREND_AREA_DREAMS, &l);
	if (!f)
		return;
	if (m->label && *m->label)
		say(&l, "In %s, ", m->label);
	else
		say(&l, "In the latest month, ");
	if (missed) {
		say(&l, "more agreements slipped than held: %d missed and ", m->missed);
		if (m->kept)
			say(&l, "%d kept.", m->kept);
		else
			say(&l, "none kept.");
		suggest(c, f,
		        "Agreements that keep slipping may need a different shape; Negotiate "
		        "can help you find one that fits you both.");
	} else {
		if (m->kept == 2)
			say(&l, "both agreements were kept.");
		else
			say(&l, "all %d agreements were kept.", m->kept);
		suggest(c, f,
		        "Kept agreements build trust. The dream table is there whenever you "
		        "want to plan something new together.");
	}
}

/* ---- Input checks ---- */

static int text_ok(const char *s, size_t max)
{
	size_t n = strlen(s);
	return n >= 1 && n <= max && utf8_valid(s, n);
}

static int check_partner(const struct trend_input *in, int p, struct err *e)
{
	const struct trend_partner *t = &in->p[p];
	if (!t->name)
		return t->n ? err_set(e, 400, "invalid",
		                      "Check-ins need the name of the partner who made them.")
		            : 0;
	if (!text_ok(t->name, TREND_NAME_MAX))
		return err_set(e, 400, "invalid", "A name must be 1 to %d bytes of UTF-8 text.",
		               TREND_NAME_MAX);
	if (t->n && !t->checkins)
		return err_set(e, 400, "invalid", "The check-ins are missing.");
	for (size_t i = 0; i < t->n; i++) {
		const struct trend_checkin *k = &t->checkins[i];
		if (k->week > in->current_week || (i && k->week <= t->checkins[i - 1].week))
			return err_set(e, 400, "invalid",
			               "Check-ins must be in week order, one a week at most, "
			               "and none after this week.");
		for (int m = 0; m < TREND_MEASURES; m++) {
			int v = k->v[m];
			if (v != TREND_GAP &&
			    (v < trend_measure_min(m) || v > trend_measure_max(m)))
				return err_set(e, 400, "invalid",
				               "A check-in answer for %s is out of range.",
				               _(measure_words[m]));
		}
	}
	return 0;
}

static int check_input(const struct trend_input *in, struct err *e)
{
	if (in->rhythm_weeks < 0 || in->rhythm_weeks > TREND_MAX_RHYTHM)
		return err_set(e, 400, "invalid",
		               "Check-ins can be from every week to every %d weeks.",
		               TREND_MAX_RHYTHM);
	if (!in->p[0].name && !in->p[1].name)
		return err_set(e, 400, "invalid", "A summary needs at least one partner.");
	for (int p = 0; p < 2; p++)
		if (check_partner(in, p, e) < 0)
			return -1;
	if (in->nmonths > TREND_MAX_MONTHS || (in->nmonths && !in->months))
		return err_set(e, 400, "invalid", "The agreement months are missing or too many.");
	for (size_t i = 0; i < in->nmonths; i++) {
		const struct trend_month *m = &in->months[i];
		if (m->kept < 0 || m->missed < 0 || m->kept > MAX_COUNT || m->missed > MAX_COUNT ||
		    (m->label && *m->label && !text_ok(m->label, TREND_NAME_MAX)))
			return err_set(e, 400, "invalid", "An agreement month is out of range.");
	}
	return 0;
}

int trend_summarise(const struct trend_input *in, struct trend_summary *out, struct err *e)
{
	out->n = 0;
	if (check_input(in, e) < 0)
		return -1;
	struct ctx c = {.in = in, .out = out};
	c.rhythm = in->rhythm_weeks ? in->rhythm_weeks : 1;
	c.from = (long long)in->current_week - (long long)TREND_WINDOW * c.rhythm + 1;
	for (int p = 0; p < 2; p++) {
		c.joined[p] = in->p[p].name != NULL;
		for (size_t i = in->p[p].n; i-- > 0 && ck(&c, p, i)->week >= c.from;)
			c.count[p] += (size_t)answered(ck(&c, p, i));
	}

	if (c.count[0] < 2 && c.count[1] < 2) {
		rule_not_enough_data(&c);
	} else {
		rule_one_partner(&c);
		rule_counselling(&c);
		for (int p = 0; p < 2; p++)
			rule_trust_falling(&c, p);
		for (int p = 0; p < 2; p++)
			rule_low(&c, p, TREND_SAFETY);
		for (int p = 0; p < 2; p++)
			rule_low(&c, p, TREND_TRUST);
		for (int p = 0; p < 2; p++)
			rule_dip_now(&c, p);
		rule_closeness_gap(&c);
		for (int p = 0; p < 2; p++)
			rule_dip_recovered(&c, p);
		rule_close_and_rising(&c);
		if (!c.pattern)
			rule_steady(&c);
		if (!c.pattern)
			rule_no_clear_pattern(&c);
	}
	rule_agreements(&c);
	if (c.overflow) {
		out->n = 0;
		return err_set(e, 500, "internal",
		               "The summary could not be written. This is a fault in duet; "
		               "please report it.");
	}
	return 0;
}
