/* Unit tests for trust/trend: every rule firing and not firing at its
 * thresholds, gaps, one partner alone, names in sentences, and the voice
 * (no pronouns, no diagnosis) of every sentence produced. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "trust/trend.h"

#define G TREND_GAP
#define NOW 20

/* Two partners' check-ins, filled by the tests. */
struct couple {
	struct trend_checkin a[16], b[16];
	struct trend_input in;
	struct trend_summary out;
	struct err e;
};

static void couple_init(struct couple *c, const char *name_a, const char *name_b)
{
	memset(c, 0, sizeof *c);
	c->in.p[0].name = name_a;
	c->in.p[0].checkins = c->a;
	c->in.p[1].name = name_b;
	c->in.p[1].checkins = c->b;
	c->in.current_week = NOW;
	c->in.rhythm_weeks = 1;
}

/* Appends a check-in for partner p: closeness, satisfaction, trust, safety. */
static void add(struct couple *c, int p, int week, int cl, int sat, int tr, int sa)
{
	struct trend_partner *t = &c->in.p[p];
	struct trend_checkin *k = (p ? c->b : c->a) + t->n++;
	k->week = week;
	k->v[TREND_CLOSENESS] = cl;
	k->v[TREND_SATISFACTION] = sat;
	k->v[TREND_TRUST] = tr;
	k->v[TREND_SAFETY] = sa;
}

/* Three calm, identical check-ins for both partners, weeks 18..20. */
static void calm(struct couple *c)
{
	for (int w = NOW - 2; w <= NOW; w++) {
		add(c, 0, w, 5, 4, 5, 5);
		add(c, 1, w, 5, 4, 5, 5);
	}
}

static const char *const banned[] = {
    " he ", " she ", " his ",   " her ", " him ", " hers ", "He ",    "She ",
    "His ", "Her ",  "diagnos", "toxic", "fail",  "streak", "should",
};

/* Checks what holds for every finding: a sentence and a suggestion that end
 * properly, a known area, the counselling flag only on its rule, and the voice. */
static void check_voice(const struct trend_summary *s)
{
	assert_true(s->n >= 1);
	assert_true(s->n <= TREND_MAX_FINDINGS);
	for (size_t i = 0; i < s->n; i++) {
		const struct trend_finding *f = &s->f[i];
		size_t tl = strlen(f->text), sl = strlen(f->suggestion);
		assert_non_null(f->rule);
		assert_true(tl > 20);
		assert_true(sl > 20);
		assert_int_equal(f->text[tl - 1], '.');
		assert_int_equal(f->suggestion[sl - 1], '.');
		assert_non_null(trend_area_key(f->area));
		assert_int_equal(f->counselling, strcmp(f->rule, "counselling") == 0);
		for (size_t b = 0; b < sizeof banned / sizeof banned[0]; b++) {
			if (strstr(f->text, banned[b]) || strstr(f->suggestion, banned[b]))
				fail_msg("\"%s\" in %s: %s / %s", banned[b], f->rule, f->text,
				         f->suggestion);
		}
	}
}

static void run(struct couple *c)
{
	int rc = trend_summarise(&c->in, &c->out, &c->e);
	if (rc != 0)
		fail_msg("trend_summarise: %s", c->e.msg);
	check_voice(&c->out);
}

/* The finding of `rule` about `partner` (-1 both, -2 any), or NULL. */
static const struct trend_finding *find(const struct couple *c, const char *rule, int partner)
{
	for (size_t i = 0; i < c->out.n; i++) {
		const struct trend_finding *f = &c->out.f[i];
		if (!strcmp(f->rule, rule) && (partner == -2 || f->partner == partner))
			return f;
	}
	return NULL;
}

static void has_text(const struct trend_finding *f, const char *s)
{
	assert_non_null(f);
	if (!strstr(f->text, s))
		fail_msg("expected \"%s\" in: %s", s, f->text);
}

static void no_checkins_is_a_kind_note(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	run(&c);
	assert_int_equal(c.out.n, 1);
	has_text(find(&c, "not_enough_data", -1), "no check-ins in the last 8 weeks");
	assert_int_equal(c.out.f[0].area, TREND_AREA_CHECKINS);
	assert_string_equal(trend_area_key(c.out.f[0].area), "checkins");
}

static void one_checkin_each_is_not_enough(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	add(&c, 0, NOW, 1, 0, 0, 0);
	add(&c, 1, NOW, 7, 6, 6, 6);
	run(&c);
	assert_int_equal(c.out.n, 1);
	has_text(find(&c, "not_enough_data", -1), "one check-in from Ana and one from Sam");

	/* Two check-ins from one partner are enough for a first picture. */
	add(&c, 0, NOW - 1, 1, 0, 0, 0);
	c.a[1] = c.a[0];
	c.a[0].week = NOW - 1;
	run(&c);
	assert_null(find(&c, "not_enough_data", -2));
}

static void gaps_and_old_checkins_do_not_count(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	add(&c, 0, NOW - 8, 5, 5, 5, 5); /* just outside the 8-week window */
	add(&c, 0, NOW - 3, G, G, G, G); /* skipped every item: a gap */
	add(&c, 0, NOW, 5, 5, 5, 5);
	run(&c);
	has_text(find(&c, "not_enough_data", -1), "one check-in from Ana in the last 8 weeks");

	/* With a two-week rhythm the window is 16 weeks and the old one counts. */
	c.in.rhythm_weeks = 2;
	run(&c);
	assert_null(find(&c, "not_enough_data", -2));
	has_text(find(&c, "one_partner", 0), "none from Sam in the last 16 weeks");
}

static void one_partner_alone(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", NULL);
	for (int w = NOW - 2; w <= NOW; w++)
		add(&c, 0, w, 4, 4, 1, 1);
	run(&c);
	has_text(find(&c, "one_partner", 0), "Only Ana is checking in so far");
	/* Low answers from one partner: gentle notes, never the counselling rule. */
	assert_null(find(&c, "counselling", -2));
	has_text(find(&c, "safety_low", 0), "Ana's most recent answer for feeling safe to share "
	                                    "was 1");
	assert_non_null(find(&c, "trust_low", 0));
	assert_null(find(&c, "closeness_gap", -2));
	assert_null(find(&c, "close_and_rising", -2));
}

static void trust_falling_three_in_a_row(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	calm(&c);
	c.a[0].v[TREND_TRUST] = 5;
	c.a[1].v[TREND_TRUST] = 4;
	c.a[2].v[TREND_TRUST] = 3;
	run(&c);
	const struct trend_finding *f = find(&c, "trust_falling", 0);
	has_text(f, "Over Ana's last three check-ins, across 3 weeks, Ana's trust went from 5 to 4 "
	            "to 3.");
	assert_int_equal(f->area, TREND_AREA_REPAIR);
	assert_null(find(&c, "trust_falling", 1));
	assert_null(find(&c, "dip_now", -2)); /* a fall of 1 a week is not a dip */

	/* Level once: not falling three in a row. */
	c.a[2].v[TREND_TRUST] = 4;
	run(&c);
	assert_null(find(&c, "trust_falling", -2));
}

static void trust_falling_skips_gaps(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	add(&c, 0, 14, 5, 4, 6, 5);
	add(&c, 0, 16, 5, 4, G, 5); /* trust skipped */
	add(&c, 0, 17, 5, 4, 5, 5);
	add(&c, 0, NOW, 5, 4, 4, 5); /* weeks 18 and 19 missed */
	add(&c, 1, NOW, 5, 4, 5, 5);
	run(&c);
	has_text(find(&c, "trust_falling", 0), "across 7 weeks, Ana's trust went from 6 to 5 to 4");

	/* Only two trust answers in the window: nothing to say about a fall. */
	c.a[0].week = 10;
	run(&c);
	assert_null(find(&c, "trust_falling", -2));
}

static void safety_low_threshold(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	calm(&c);
	c.b[2].v[TREND_SAFETY] = 3;
	run(&c);
	assert_null(find(&c, "safety_low", -2));

	c.b[2].v[TREND_SAFETY] = 2;
	run(&c);
	const struct trend_finding *f = find(&c, "safety_low", 1);
	has_text(f,
	         "Sam's most recent answer for feeling safe to share was 2 on the 0 to 6 scale.");
	assert_int_equal(f->area, TREND_AREA_KNOW);

	/* The latest check-in skipped the item: the answer before it is the latest. */
	c.b[2].v[TREND_SAFETY] = G;
	c.b[1].v[TREND_SAFETY] = 0;
	run(&c);
	has_text(find(&c, "safety_low", 1), "was 0");
}

static void trust_low_gives_way_to_falling(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	calm(&c);
	c.a[2].v[TREND_TRUST] = 2;
	run(&c);
	has_text(find(&c, "trust_low", 0), "Ana's most recent answer for trust was 2");
	/* 5, 5, 2 is also a dip this week */
	has_text(find(&c, "dip_now", 0), "trust went from 5 to 2");

	c.a[1].v[TREND_TRUST] = 3; /* 5, 3, 2: falling, which says it already */
	run(&c);
	assert_non_null(find(&c, "trust_falling", 0));
	assert_null(find(&c, "trust_low", -2));
	assert_null(find(&c, "dip_now", -2));
}

static void counselling_needs_both_for_three(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	for (int w = NOW - 2; w <= NOW; w++) {
		add(&c, 0, w, 3, 3, 2, 4); /* trust low */
		add(&c, 1, w, 3, 3, 4, 1); /* safety low */
	}
	run(&c);
	const struct trend_finding *f = find(&c, "counselling", -1);
	has_text(f, "both Ana and Sam rated trust or feeling safe to share at 2 or lower");
	has_text(f, "across 3 weeks");
	assert_int_equal(f->counselling, 1);
	assert_int_equal(f->area, TREND_AREA_RESOURCES);
	assert_string_equal(trend_area_key(f->area), "resources");
	assert_ptr_equal(f, &c.out.f[0]);        /* listed first */
	assert_null(find(&c, "safety_low", -2)); /* the counselling note covers these */
	assert_null(find(&c, "trust_low", -2));

	/* 3 is not low: one of Sam's three check-ins breaks the run. */
	c.b[1].v[TREND_SAFETY] = 3;
	run(&c);
	assert_null(find(&c, "counselling", -2));
	assert_non_null(find(&c, "trust_low", 0));
	assert_non_null(find(&c, "safety_low", 1));
}

static void counselling_skips_gaps_but_needs_three(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	add(&c, 0, 14, 3, 3, 1, 1);
	add(&c, 0, 17, 3, 3, 2, 5);
	add(&c, 0, 18, 3, 3, G, G); /* neither item answered: skipped */
	add(&c, 0, NOW, 3, 3, 5, 2);
	add(&c, 1, 15, 3, 3, 0, 0);
	add(&c, 1, 16, 3, 3, 1, 1);
	add(&c, 1, 19, 3, 3, 2, 2);
	run(&c);
	has_text(find(&c, "counselling", -1), "across 7 weeks"); /* weeks 14..20 */

	/* Sam's oldest one is outside the window: only two of Sam's remain. */
	c.b[0].week = NOW - 8;
	run(&c);
	assert_null(find(&c, "counselling", -2));
}

static void dip_this_week(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	calm(&c);
	c.b[2].v[TREND_CLOSENESS] = 4; /* 5 -> 4: one step */
	run(&c);
	assert_null(find(&c, "dip_now", -2));

	c.b[2].v[TREND_CLOSENESS] = 3; /* 5 -> 3: two steps */
	c.b[2].v[TREND_SATISFACTION] = 2;
	run(&c);
	const struct trend_finding *f = find(&c, "dip_now", 1);
	has_text(f, "In Sam's latest check-in, closeness went from 5 to 3 and satisfaction from 4 "
	            "to 2 since the check-in before. It might have been a hard week.");
	assert_int_equal(f->area, TREND_AREA_REPAIR);

	/* A drop in an earlier week, level since: not this week's news. */
	c.b[1] = c.b[2];
	c.b[1].week = NOW - 1;
	run(&c);
	assert_null(find(&c, "dip_now", -2));
}

static void closeness_gap_threshold(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	calm(&c);
	c.a[2].v[TREND_CLOSENESS] = 6;
	run(&c);
	assert_null(find(&c, "closeness_gap", -2)); /* 6 and 5 */

	c.a[2].v[TREND_CLOSENESS] = 7;
	run(&c);
	has_text(find(&c, "closeness_gap", -1), "Ana chose closeness picture 7 of 7 and Sam chose "
	                                        "5: 2 steps apart");

	/* Sam's latest closeness is two weeks older than Ana's: not compared. */
	c.b[2].v[TREND_CLOSENESS] = G;
	c.b[1].v[TREND_CLOSENESS] = G;
	run(&c);
	assert_null(find(&c, "closeness_gap", -2));
	c.in.rhythm_weeks = 2; /* but with a two-week rhythm it is the check-in before */
	run(&c);
	assert_non_null(find(&c, "closeness_gap", -1));
}

static void dip_and_recovery(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	calm(&c);
	c.a[0].v[TREND_CLOSENESS] = 6;
	c.a[1].v[TREND_CLOSENESS] = 4;
	c.a[2].v[TREND_CLOSENESS] = 6;
	run(&c);
	const struct trend_finding *f = find(&c, "dip_recovered", 0);
	has_text(f,
	         "Over Ana's last three check-ins, across 3 weeks, closeness dipped and came back "
	         "up: 6, then 4, then 6.");

	c.a[2].v[TREND_CLOSENESS] = 5; /* back by one step only */
	run(&c);
	assert_null(find(&c, "dip_recovered", -2));

	c.a[1].v[TREND_CLOSENESS] = 5; /* dipped by one step only */
	c.a[2].v[TREND_CLOSENESS] = 7;
	run(&c);
	assert_null(find(&c, "dip_recovered", -2));

	/* Two measures at once are listed together. */
	c.a[1].v[TREND_CLOSENESS] = 4;
	c.a[2].v[TREND_CLOSENESS] = 6;
	c.a[1].v[TREND_TRUST] = 2;
	run(&c);
	has_text(find(&c, "dip_recovered", 0), "closeness (6, 4, 6) and trust (5, 2, 5) dipped and "
	                                       "came back up.");
}

static void close_and_rising(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	calm(&c);
	c.a[2].v[TREND_CLOSENESS] = 6;
	c.b[1].v[TREND_CLOSENESS] = 6;
	c.b[2].v[TREND_CLOSENESS] = 6;
	run(&c);
	const struct trend_finding *f = find(&c, "close_and_rising", -1);
	has_text(f, "Ana's closeness went from 5 to 6 and Sam's stayed at 6.");
	assert_int_equal(f->area, TREND_AREA_DREAMS);

	/* Rising, but Ana's latest is below 5. */
	c.a[1].v[TREND_CLOSENESS] = 3;
	c.a[2].v[TREND_CLOSENESS] = 4;
	run(&c);
	assert_null(find(&c, "close_and_rising", -2));
	c.a[2].v[TREND_CLOSENESS] = 5; /* 3 -> 5 reaches it */
	run(&c);
	assert_non_null(find(&c, "close_and_rising", -1));

	/* Close but nobody rose: steady rather than rising. */
	c.a[1].v[TREND_CLOSENESS] = 5;
	c.b[1].v[TREND_CLOSENESS] = 6;
	run(&c);
	assert_null(find(&c, "close_and_rising", -2));
	assert_non_null(find(&c, "steady", -1));

	/* One partner falling keeps it from firing. */
	c.a[2].v[TREND_CLOSENESS] = 6;
	c.b[2].v[TREND_CLOSENESS] = 5;
	run(&c);
	assert_null(find(&c, "close_and_rising", -2));
}

static void steady_and_no_clear_pattern(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	calm(&c);
	c.a[1].v[TREND_SATISFACTION] = 5;
	run(&c);
	assert_int_equal(c.out.n, 1);
	const struct trend_finding *f = find(&c, "steady", -1);
	has_text(f, "Over the last three check-ins, across 3 weeks, Ana's and Sam's answers have "
	            "stayed much the same");
	assert_int_equal(f->area, TREND_AREA_DIFFERENCES);

	/* A rise of two steps is not steady, and no other rule speaks of it. */
	c.a[2].v[TREND_SATISFACTION] = 6;
	c.a[1].v[TREND_SATISFACTION] = 4;
	run(&c);
	assert_int_equal(c.out.n, 1);
	has_text(find(&c, "no_clear_pattern", -1), "Ana's and Sam's answers have moved over the "
	                                           "last 8 weeks");
}

static void steady_with_one_partner(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Zoë", "Sam");
	add(&c, 0, NOW - 3, 4, 4, 4, 4);
	add(&c, 0, NOW, 5, 4, 4, 3);
	run(&c);
	has_text(find(&c, "one_partner", 0), "rests on Zoë's check-ins alone");
	has_text(find(&c, "steady", 0),
	         "Over the last two check-ins, across 4 weeks, Zoë's answers");
}

static void agreements_by_month(void **state)
{
	(void)state;
	struct couple c;
	struct trend_month m[2] = {{"February", 0, 5}, {"March", 1, 2}};
	couple_init(&c, "Ana", "Sam");
	calm(&c);
	c.in.months = m;
	c.in.nmonths = 2;
	run(&c);
	const struct trend_finding *f = find(&c, "agreements_missed", -1);
	has_text(f, "In March, more agreements slipped than held: 2 missed and 1 kept.");
	assert_int_equal(f->area, TREND_AREA_NEGOTIATE);

	m[1].kept = 2; /* as many kept as missed */
	run(&c);
	assert_null(find(&c, "agreements_missed", -2));
	assert_null(find(&c, "agreements_kept", -2));

	m[1].missed = 0;
	m[1].label = NULL;
	run(&c);
	has_text(find(&c, "agreements_kept", -1),
	         "In the latest month, both agreements were kept.");
	m[1].kept = 1;
	run(&c);
	assert_null(find(&c, "agreements_kept", -2));

	/* Agreements are noted even before there are enough check-ins. */
	c.in.p[0].n = 0;
	c.in.p[1].n = 0;
	m[1].kept = 3;
	run(&c);
	has_text(find(&c, "agreements_kept", -1), "all 3 agreements were kept.");
	assert_int_equal(c.out.n, 2);
	assert_non_null(find(&c, "not_enough_data", -1));
	assert_non_null(find(&c, "agreements_kept", -1));
}

static void rejects_bad_input(void **state)
{
	(void)state;
	struct couple c;
	couple_init(&c, "Ana", "Sam");
	calm(&c);
	c.a[1].v[TREND_CLOSENESS] = 0; /* closeness is 1..7 */
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), -1);
	assert_string_equal(c.e.code, "invalid");
	assert_non_null(strstr(c.e.msg, "closeness"));
	c.a[1].v[TREND_CLOSENESS] = 5;
	c.b[1].v[TREND_SAFETY] = 7;
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), -1);
	c.b[1].v[TREND_SAFETY] = 5;
	c.a[2].week = NOW - 1; /* same week twice */
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), -1);
	c.a[2].week = NOW + 1; /* in the future */
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), -1);
	c.a[2].week = NOW;
	c.in.p[1].name = NULL; /* check-ins with no one to make them */
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), -1);
	c.in.p[1].name = "\xff";
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), -1);
	c.in.p[1].name = "";
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), -1);
	c.in.p[1].name = "Sam";
	c.in.rhythm_weeks = TREND_MAX_RHYTHM + 1;
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), -1);
	c.in.rhythm_weeks = 0; /* means weekly */
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), 0);
	c.in.p[0].name = NULL;
	c.in.p[0].n = 0;
	c.in.p[1].name = NULL;
	c.in.p[1].n = 0;
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), -1);
	assert_int_equal(c.out.n, 0);
}

/* The longest names and every rule that can fire at once still fit. */
static void long_names_fit(void **state)
{
	(void)state;
	char na[TREND_NAME_MAX + 1], nb[TREND_NAME_MAX + 1];
	memset(na, 'A', TREND_NAME_MAX);
	na[TREND_NAME_MAX] = '\0';
	memset(nb, 'B', TREND_NAME_MAX);
	nb[TREND_NAME_MAX] = '\0';
	struct couple c;
	couple_init(&c, na, nb);
	add(&c, 0, NOW - 2, 7, 6, 6, 6);
	add(&c, 0, NOW - 1, 5, 4, 4, 4);
	add(&c, 0, NOW, 1, 0, 0, 0);
	add(&c, 1, NOW - 2, 7, 6, 6, 6);
	add(&c, 1, NOW - 1, 3, 2, 6, 2);
	add(&c, 1, NOW, 7, 6, 2, 6);
	struct trend_month m = {"September", 0, 9};
	c.in.months = &m;
	c.in.nmonths = 1;
	run(&c);
	printf("report: trend: %zu findings for a hard week with the longest names\n", c.out.n);
	assert_true(c.out.n >= 6);

	char longer[TREND_NAME_MAX + 2];
	memset(longer, 'C', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	c.in.p[0].name = longer;
	assert_int_equal(trend_summarise(&c.in, &c.out, &c.e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(no_checkins_is_a_kind_note),
	    cmocka_unit_test(one_checkin_each_is_not_enough),
	    cmocka_unit_test(gaps_and_old_checkins_do_not_count),
	    cmocka_unit_test(one_partner_alone),
	    cmocka_unit_test(trust_falling_three_in_a_row),
	    cmocka_unit_test(trust_falling_skips_gaps),
	    cmocka_unit_test(safety_low_threshold),
	    cmocka_unit_test(trust_low_gives_way_to_falling),
	    cmocka_unit_test(counselling_needs_both_for_three),
	    cmocka_unit_test(counselling_skips_gaps_but_needs_three),
	    cmocka_unit_test(dip_this_week),
	    cmocka_unit_test(closeness_gap_threshold),
	    cmocka_unit_test(dip_and_recovery),
	    cmocka_unit_test(close_and_rising),
	    cmocka_unit_test(steady_and_no_clear_pattern),
	    cmocka_unit_test(steady_with_one_partner),
	    cmocka_unit_test(agreements_by_month),
	    cmocka_unit_test(rejects_bad_input),
	    cmocka_unit_test(long_names_fit),
	};
	return cmocka_run_group_tests_name("trend", tests, NULL, NULL);
}
