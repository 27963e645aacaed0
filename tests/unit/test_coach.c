/* Unit tests for the message coach: the labelled examples (shared and our own, with
 * precision and recall per kind and part), spans, tokenizing (contractions, curly
 * apostrophes, quotes), the lexicon grammar and its error messages, the JSON form,
 * limits, and a timing report. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "coach/coach_data.h"
#include "coach/coach_json.h"
#include "core/coach.h"
#include "core/coach_lexicon.h"
#include "util/buf.h"
#include "util/datadir.h"

static struct coach *lexicon;

static int load_lexicon(void **state)
{
	(void)state;
	char dir[4096];
	struct err e = { 0 };
	if (datadir_path(dir, sizeof dir, "coach/en") < 0)
		return -1;
	lexicon = coach_load(dir, &e);
	if (!lexicon)
		fprintf(stderr, "coach_load: %s\n", e.msg);
	return lexicon ? 0 : -1;
}

static int free_lexicon(void **state)
{
	(void)state;
	coach_free(lexicon);
	return 0;
}

/* ---- labelled examples ---- */

struct example {
	unsigned kinds;   /* bit per enum coach_kind */
	unsigned parts;   /* bit per enum coach_component */
	char *text;
	unsigned line;
};

struct example_set {
	struct example *items;
	size_t n;
	char *data;
};

/* Parses a name list ("a,b" or "-") into bits; -1 on an unknown name. */
static int parse_names(const char *s, int kinds, unsigned *out)
{
	*out = 0;
	if (!strcmp(s, "-"))
		return 0;
	while (*s) {
		size_t n = strcspn(s, ",");
		int t = coach_target_from_name(s, n);
		if (t < 0 || (kinds && t >= COACH_KIND_COUNT) || (!kinds && t < COACH_KIND_COUNT))
			return -1;
		*out |= 1u << (kinds ? t : t - COACH_KIND_COUNT);
		s += n + (s[n] == ',');
	}
	return 0;
}

static struct example_set read_examples(const char *path)
{
	struct example_set set = { NULL, 0, NULL };
	FILE *f = fopen(path, "rb");
	if (!f)
		return set;
	struct buf b = BUF_INIT(1 << 20);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		assert_int_equal(buf_append(&b, chunk, n), 0);
	fclose(f);
	set.data = buf_detach(&b, NULL);
	set.items = calloc(2048, sizeof *set.items);
	assert_non_null(set.items);
	unsigned line = 0;
	for (char *p = set.data, *next; p && *p; p = next) {
		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		line++;
		if (*p == '#' || *p == '\0')
			continue;
		char *t1 = strchr(p, '\t');
		char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2) {
			fail_msg("%s:%u: expected three tab-separated fields", path, line);
		}
		*t1 = *t2 = '\0';
		struct example *ex = &set.items[set.n++];
		assert_true(set.n < 2048);
		if (parse_names(p, 1, &ex->kinds) < 0 || parse_names(t1 + 1, 0, &ex->parts) < 0)
			fail_msg("%s:%u: unknown kind or part", path, line);
		ex->text = t2 + 1;
		ex->line = line;
	}
	return set;
}

static void free_examples(struct example_set *set)
{
	free(set->items);
	free(set->data);
}

static unsigned kinds_of(const struct coach_result *r)
{
	unsigned k = 0;
	for (size_t i = 0; i < r->n_findings; i++)
		k |= 1u << r->findings[i].kind;
	return k;
}

static void names(char *out, size_t size, unsigned bits, int kinds)
{
	out[0] = '\0';
	int count = kinds ? COACH_KIND_COUNT : COACH_COMPONENT_COUNT;
	for (int i = 0; i < count; i++) {
		if (!(bits & (1u << i)))
			continue;
		const char *name = kinds ? coach_kind_name(i) : coach_component_name(i);
		snprintf(out + strlen(out), size - strlen(out), "%s%s", out[0] ? "," : "", name);
	}
	if (!out[0])
		snprintf(out, size, "-");
}

/* Analyses every example; prints the ones that differ; returns how many do. */
static int check_examples(const struct example_set *set, const char *path,
			  unsigned tp[COACH_TARGET_COUNT], unsigned fp[COACH_TARGET_COUNT],
			  unsigned fn[COACH_TARGET_COUNT])
{
	int wrong = 0;
	for (size_t i = 0; i < set->n; i++) {
		const struct example *ex = &set->items[i];
		struct coach_result r;
		assert_int_equal(coach_analyse(lexicon, ex->text, strlen(ex->text), &r), 0);
		unsigned kinds = kinds_of(&r), parts = r.components;
		for (int t = 0; t < COACH_TARGET_COUNT; t++) {
			unsigned want = t < COACH_KIND_COUNT ? ex->kinds : ex->parts;
			unsigned got = t < COACH_KIND_COUNT ? kinds : parts;
			unsigned bit = 1u << (t < COACH_KIND_COUNT ? t : t - COACH_KIND_COUNT);
			tp[t] += (want & bit) && (got & bit);
			fp[t] += !(want & bit) && (got & bit);
			fn[t] += (want & bit) && !(got & bit);
		}
		if (kinds != ex->kinds || parts != ex->parts) {
			char wk[160], gk[160], wp[160], gp[160];
			names(wk, sizeof wk, ex->kinds, 1);
			names(gk, sizeof gk, kinds, 1);
			names(wp, sizeof wp, ex->parts, 0);
			names(gp, sizeof gp, parts, 0);
			printf("%s:%u: want %s / %s, got %s / %s: %s\n", path, ex->line, wk, wp, gk, gp,
			       ex->text);
			wrong++;
		}
	}
	return wrong;
}

static void shared_examples_all_right(void **state)
{
	(void)state;
	const char *path = "../shared/coach-examples.tsv";
	struct example_set set = read_examples(path);
	if (!set.items) {
		path = "tests/unit/data/coach-examples.tsv";
		set = read_examples(path);
	}
	assert_non_null(set.items);
	assert_true(set.n >= 20);
	unsigned tp[COACH_TARGET_COUNT] = { 0 }, fp[COACH_TARGET_COUNT] = { 0 },
		 fn[COACH_TARGET_COUNT] = { 0 };
	int wrong = check_examples(&set, path, tp, fp, fn);
	printf("report: coach shared examples: %zu of %zu right (%s)\n", set.n - (size_t)wrong, set.n,
	       path);
	free_examples(&set);
	assert_int_equal(wrong, 0);
}

static double ratio(unsigned a, unsigned b)
{
	return b ? (double)a / b : 1.0;
}

/* Prints precision and recall per kind and part over the set in `path`; returns the
 * overall (micro-averaged) precision and recall. */
static void report_set(const char *path, const char *label, size_t min_size, double *precision,
		       double *recall)
{
	struct example_set set = read_examples(path);
	assert_non_null(set.items);
	assert_true(set.n >= min_size);
	unsigned tp[COACH_TARGET_COUNT] = { 0 }, fp[COACH_TARGET_COUNT] = { 0 },
		 fn[COACH_TARGET_COUNT] = { 0 };
	int wrong = check_examples(&set, path, tp, fp, fn);
	unsigned all_tp = 0, all_fp = 0, all_fn = 0;
	for (int t = 0; t < COACH_TARGET_COUNT; t++) {
		const char *name = t < COACH_KIND_COUNT ? coach_kind_name(t)
							: coach_component_name(t - COACH_KIND_COUNT);
		printf("report: coach %s %-7s %-14s precision %.2f recall %.2f (tp %u fp %u fn %u)\n",
		       label, t < COACH_KIND_COUNT ? "kind" : "apology", name,
		       ratio(tp[t], tp[t] + fp[t]), ratio(tp[t], tp[t] + fn[t]), tp[t], fp[t], fn[t]);
		all_tp += tp[t];
		all_fp += fp[t];
		all_fn += fn[t];
	}
	*precision = ratio(all_tp, all_tp + all_fp);
	*recall = ratio(all_tp, all_tp + all_fn);
	printf("report: coach %s set: %zu messages, %zu exactly right, overall precision %.3f "
	       "recall %.3f\n",
	       label, set.n, set.n - (size_t)wrong, *precision, *recall);
	free_examples(&set);
}

static void labelled_set_precision_recall(void **state)
{
	(void)state;
	double precision, recall;
	report_set("tests/unit/data/coach-labelled.tsv", "labelled", 150, &precision, &recall);
	assert_true(precision >= 0.95);
	assert_true(recall >= 0.90);
}

/* Two rounds of messages written after the rules and run once before any change (their
 * first-run scores are in their headers); reported, not asserted, since round 2 keeps
 * two misses on purpose. */
static void later_rounds_report(void **state)
{
	(void)state;
	double precision, recall;
	report_set("tests/unit/data/coach-heldout.tsv", "round-1", 50, &precision, &recall);
	report_set("tests/unit/data/coach-heldout2.tsv", "round-2", 50, &precision, &recall);
}

static void timing_report(void **state)
{
	(void)state;
	struct example_set set = read_examples("tests/unit/data/coach-labelled.tsv");
	assert_non_null(set.items);
	size_t *lens = calloc(set.n, sizeof *lens);
	assert_non_null(lens);
	for (size_t i = 0; i < set.n; i++)
		lens[i] = strlen(set.items[i].text);
	struct coach_result r;
	int passes = 50;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int p = 0; p < passes; p++)
		for (size_t i = 0; i < set.n; i++)
			assert_int_equal(coach_analyse(lexicon, set.items[i].text, lens[i], &r), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double us = ((double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3) /
		    ((double)passes * (double)set.n);
	printf("report: coach mean %.2f µs per message over the labelled set (this build; "
	       "measured, not asserted)\n",
	       us);
	free(lens);
	free_examples(&set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shared_examples_all_right),
		cmocka_unit_test(labelled_set_precision_recall),
		cmocka_unit_test(later_rounds_report),
		cmocka_unit_test(timing_report),
	};
	return cmocka_run_group_tests_name("coach", tests, load_lexicon, free_lexicon);
}
