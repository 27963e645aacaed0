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
#include "coach/coach.h"
#include "coach/coach_lexicon.h"
#include "util/buf.h"
#include "util/datadir.h"
#include "util/utf8.h"

static struct coach *lexicon;

static int load_lexicon(void **state)
{
	(void)state;
	char dir[4096];
	struct err e = {0};
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
	unsigned kinds; /* bit per enum coach_kind */
	unsigned parts; /* bit per enum coach_component */
	char *text;
	unsigned line;
};

struct example_set {
	struct example *items;
	size_t n;
	char *data;
	char first_run[160]; /* a later round's first-run note from its header, or "" */
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
	struct example_set set = {NULL, 0, NULL, ""};
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
	set.first_run[0] = '\0';
	const char *note = strstr(set.data, "First run: ");
	const char *note_end = note ? strstr(note, ". ") : NULL;
	if (note_end)
		snprintf(set.first_run, sizeof set.first_run, "%.*s", (int)(note_end - note - 11),
		         note + 11);
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
static int check_examples(const struct coach *c, const struct example_set *set, const char *path,
                          unsigned tp[COACH_TARGET_COUNT], unsigned fp[COACH_TARGET_COUNT],
                          unsigned fn[COACH_TARGET_COUNT])
{
	int wrong = 0;
	for (size_t i = 0; i < set->n; i++) {
		const struct example *ex = &set->items[i];
		struct coach_result r;
		assert_int_equal(coach_analyse(c, ex->text, strlen(ex->text), &r), 0);
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
			printf("%s:%u: want %s / %s, got %s / %s: %s\n", path, ex->line, wk, wp, gk,
			       gp, ex->text);
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
	unsigned tp[COACH_TARGET_COUNT] = {0}, fp[COACH_TARGET_COUNT] = {0},
	         fn[COACH_TARGET_COUNT] = {0};
	int wrong = check_examples(lexicon, &set, path, tp, fp, fn);
	printf("report: coach shared examples: %zu of %zu right (%s)\n", set.n - (size_t)wrong,
	       set.n, path);
	free_examples(&set);
	assert_int_equal(wrong, 0);
}

static double ratio(unsigned a, unsigned b)
{
	return b ? (double)a / b : 1.0;
}

/* Prints precision and recall per kind and part over the set in `path`; returns the
 * overall (micro-averaged) precision and recall. */
static void report_set(const struct coach *c, const char *path, const char *label, int detail,
                       size_t min_size, double *precision, double *recall)
{
	struct example_set set = read_examples(path);
	assert_non_null(set.items);
	assert_true(set.n >= min_size);
	unsigned tp[COACH_TARGET_COUNT] = {0}, fp[COACH_TARGET_COUNT] = {0},
	         fn[COACH_TARGET_COUNT] = {0};
	int wrong = check_examples(c, &set, path, tp, fp, fn);
	unsigned all_tp = 0, all_fp = 0, all_fn = 0;
	for (int t = 0; t < COACH_TARGET_COUNT; t++) {
		const char *name = t < COACH_KIND_COUNT
		                       ? coach_kind_name(t)
		                       : coach_component_name(t - COACH_KIND_COUNT);
		if (detail)
			printf("report: coach %s %-7s %-14s precision %.2f recall %.2f (tp %u fp "
			       "%u fn "
			       "%u)\n",
			       label, t < COACH_KIND_COUNT ? "kind" : "apology", name,
			       ratio(tp[t], tp[t] + fp[t]), ratio(tp[t], tp[t] + fn[t]), tp[t],
			       fp[t], fn[t]);
		all_tp += tp[t];
		all_fp += fp[t];
		all_fn += fn[t];
	}
	*precision = ratio(all_tp, all_tp + all_fp);
	*recall = ratio(all_tp, all_tp + all_fn);
	printf("report: coach %s set: %zu messages, %zu exactly right, overall precision %.3f "
	       "recall %.3f\n",
	       label, set.n, set.n - (size_t)wrong, *precision, *recall);
	if (set.first_run[0])
		printf("report: coach %s set, first run (before the fixes it prompted): %s\n",
		       label, set.first_run);
	free_examples(&set);
}

static void labelled_set_precision_recall(void **state)
{
	(void)state;
	double precision, recall;
	report_set(lexicon, "tests/unit/data/coach-labelled.tsv", "labelled", 1, 150, &precision,
	           &recall);
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
	report_set(lexicon, "tests/unit/data/coach-heldout.tsv", "round-1", 0, 50, &precision,
	           &recall);
	report_set(lexicon, "tests/unit/data/coach-heldout2.tsv", "round-2", 0, 50, &precision,
	           &recall);
}

/* Loads data/coach/<lang>; fails the test when it cannot. Caller frees. */
static struct coach *load_language(const char *lang)
{
	char rel[32], dir[4096];
	struct err e = {0};
	snprintf(rel, sizeof rel, "coach/%s", lang);
	assert_int_equal(datadir_path(dir, sizeof dir, rel), 0);
	struct coach *c = coach_load(dir, &e);
	if (!c)
		fail_msg("coach_load(%s): %s", lang, e.msg);
	return c;
}

/* Each other language's own labelled set (at least 60 messages) meets the same floor
 * as the English one, with a report line per kind and part. */
static void language_examples(const char *lang)
{
	char path[128], label[32];
	snprintf(path, sizeof path, "tests/unit/data/coach-examples-%s.tsv", lang);
	snprintf(label, sizeof label, "%s examples", lang);
	struct coach *c = load_language(lang);
	double precision, recall;
	report_set(c, path, label, 1, 60, &precision, &recall);
	coach_free(c);
	assert_true(precision >= 0.95);
	assert_true(recall >= 0.90);
}

static void german_examples(void **state)
{
	(void)state;
	language_examples("de");
}

static void spanish_examples(void **state)
{
	(void)state;
	language_examples("es");
}

/* ---- single messages against the English lexicon ---- */

static struct coach_result analyse(const char *text)
{
	struct coach_result r;
	assert_int_equal(coach_analyse(lexicon, text, strlen(text), &r), 0);
	return r;
}

static void assert_span(const struct coach_result *r, enum coach_kind kind, const char *text,
                        const char *excerpt)
{
	for (size_t i = 0; i < r->n_findings; i++) {
		const struct coach_finding *f = &r->findings[i];
		if (f->kind != kind)
			continue;
		size_t n = f->end - f->start;
		if (n == strlen(excerpt) && !memcmp(text + f->start, excerpt, n))
			return;
		fail_msg("%s: span \"%.*s\", wanted \"%s\"", coach_kind_name(kind), (int)n,
		         text + f->start, excerpt);
	}
	fail_msg("no %s finding in \"%s\"", coach_kind_name(kind), text);
}

static void example_span_and_advice(void **state)
{
	(void)state;
	const char *text = "You always leave your shoes in the hallway.";
	struct coach_result r = analyse(text);
	assert_int_equal(r.n_findings, 1);
	assert_int_equal(r.findings[0].kind, COACH_ABSOLUTE);
	assert_int_equal(r.findings[0].start, 4);
	assert_int_equal(r.findings[0].end, 10);
	assert_non_null(r.findings[0].advice);
	assert_true(strlen(r.findings[0].rewrite) > 10);
	assert_int_equal(r.components, 0);
}

static void contractions_case_and_curly_apostrophes(void **state)
{
	(void)state;
	const char *texts[] = {"You’re so selfish.", "You're so selfish.", "YOU ARE SO SELFISH",
	                       "youre so selfish", "u are so selfish"};
	for (size_t i = 0; i < ARRAY_LEN(texts); i++) {
		struct coach_result r = analyse(texts[i]);
		assert_int_equal(kinds_of(&r), 1u << COACH_CHARACTER);
		assert_int_equal(r.findings[0].start, 0);
	}
	const char *curly = "Well, you’re so selfish!";
	struct coach_result r = analyse(curly);
	assert_span(&r, COACH_CHARACTER, curly, "you’re so selfish");
	/* the rest of a contraction keeps pointing at the same bytes */
	const char *dont = "I don’t want to talk about it.";
	r = analyse(dont);
	assert_span(&r, COACH_STONEWALLING, dont, "I don’t want to talk about it");
	assert_int_equal(analyse("Im sorry").components, 1u << COACH_REGRET);
}

static void quotations_are_not_findings(void **state)
{
	(void)state;
	const char *quoted[] = {
	    "My mum used to say \"you never finish anything\".",
	    "When you said “you’re so selfish”, it hurt.",
	    "He told me 'you always ruin everything' once.",
	    "She wrote ‘you never listen’ in her diary.",
	    "« you never listen » is what he said.",
	};
	for (size_t i = 0; i < ARRAY_LEN(quoted); i++)
		assert_int_equal(analyse(quoted[i]).n_findings, 0);
	/* an opening mark that never closes on its line quotes nothing */
	struct coach_result r = analyse("He said \"you never listen\nand you never do.");
	assert_int_equal(kinds_of(&r), 1u << COACH_ABSOLUTE);
	assert_int_equal(r.n_findings, 2);
	/* quoting does not leak past its closing mark */
	r = analyse("\"Fine\" she said. You never call.");
	assert_int_equal(kinds_of(&r), 1u << COACH_ABSOLUTE);
}

static void negation_and_scope(void **state)
{
	(void)state;
	assert_int_equal(analyse("I don't think you're lazy.").n_findings, 0);
	assert_int_equal(analyse("I'm not saying you never help.").n_findings, 0);
	struct coach_result r = analyse("I'm not mad, you never call.");
	assert_int_equal(kinds_of(&r), 1u << COACH_ABSOLUTE);
	r = analyse("It's not my fault.");
	assert_int_equal(kinds_of(&r), 1u << COACH_DEFENSIVE);
	assert_int_equal(r.components, 0);
	assert_int_equal(analyse("I'm not sorry.").components, 0);
	assert_int_equal(analyse("I hadn't slept and I took it out on you.").components,
	                 (1u << COACH_RESPONSIBILITY) | (1u << COACH_EXPLANATION));
	/* self-statements and praise */
	assert_int_equal(analyse("I always enjoy our walks. I never want to lose you.").n_findings,
	                 0);
	assert_int_equal(analyse("You always make me laugh.").n_findings, 0);
	assert_int_equal(analyse("Do you always work late on Thursdays?").n_findings, 0);
}

static void apology_parts_and_cancelling(void **state)
{
	(void)state;
	struct coach_result r = analyse("I'm sorry, I was wrong. Next time I'll ask first.");
	assert_int_equal(r.components, (1u << COACH_REGRET) | (1u << COACH_RESPONSIBILITY) |
	                                   (1u << COACH_REPENTANCE));
	/* a non-apology cancels the parts in its sentence, not in the others */
	r = analyse("I'm sorry you feel that way.");
	assert_int_equal(kinds_of(&r), 1u << COACH_NON_APOLOGY);
	assert_int_equal(r.components, 0);
	r = analyse("I'm sorry I yelled. You made me so angry though.");
	assert_int_equal(kinds_of(&r), 1u << COACH_BLAME);
	assert_int_equal(r.components, 1u << COACH_REGRET);
	/* an explanation alone is not an apology */
	assert_int_equal(analyse("I was stressed about work.").components, 0);
	assert_int_equal(analyse("Sorry, I was stressed about work.").components,
	                 (1u << COACH_REGRET) | (1u << COACH_EXPLANATION));
	/* a sarcastic "happy now?" takes the sorry back for the whole message */
	assert_int_equal(analyse("Fine, I'm sorry. Happy now?").components, 0);
}

static void findings_are_sorted_and_deduplicated(void **state)
{
	(void)state;
	const char *text = "You're so careless, you never listen, you never ever listen.";
	struct coach_result r = analyse(text);
	assert_int_equal(r.n_findings, 3);
	assert_int_equal(r.findings[0].kind, COACH_CHARACTER);
	assert_int_equal(r.findings[1].kind, COACH_ABSOLUTE);
	assert_int_equal(r.findings[2].kind, COACH_ABSOLUTE);
	for (size_t i = 1; i < r.n_findings; i++)
		assert_true(r.findings[i - 1].start <= r.findings[i].start);
}

static void spans_lie_inside_the_text(void **state)
{
	(void)state;
	const char *paths[] = {"tests/unit/data/coach-labelled.tsv",
	                       "tests/unit/data/coach-heldout.tsv"};
	for (size_t p = 0; p < ARRAY_LEN(paths); p++) {
		struct example_set set = read_examples(paths[p]);
		assert_non_null(set.items);
		for (size_t i = 0; i < set.n; i++) {
			const char *t = set.items[i].text;
			struct coach_result r = analyse(t);
			for (size_t k = 0; k < r.n_findings; k++) {
				const struct coach_finding *f = &r.findings[k];
				assert_true(f->start < f->end && f->end <= strlen(t));
				assert_true(utf8_valid(t + f->start, f->end - f->start));
				assert_true(((unsigned char)t[f->start] & 0xC0) != 0x80);
			}
		}
		free_examples(&set);
	}
}

static void limits(void **state)
{
	(void)state;
	struct coach_result r;
	char *big = malloc(COACH_MAX_INPUT + 2);
	assert_non_null(big);
	memset(big, 'a', COACH_MAX_INPUT + 1);
	big[COACH_MAX_INPUT + 1] = '\0';
	assert_int_equal(coach_analyse(lexicon, big, COACH_MAX_INPUT, &r), 0);
	assert_int_equal(coach_analyse(lexicon, big, COACH_MAX_INPUT + 1, &r), -1);
	assert_int_equal(r.n_findings, 0);
	assert_int_equal(coach_analyse(lexicon, "you \xff never", 11, &r), -1);
	assert_int_equal(coach_analyse(lexicon, "a\0b", 3, &r), -1);
	assert_int_equal(coach_analyse(lexicon, "", 0, &r), 0);
	/* more findings than fit: the first ones are kept and the result says so */
	struct buf b = BUF_INIT(COACH_MAX_INPUT);
	while (b.len + 20 < COACH_MAX_INPUT)
		assert_int_equal(buf_puts(&b, "You never call. "), 0);
	assert_int_equal(coach_analyse(lexicon, b.data, b.len, &r), 0);
	assert_int_equal(r.n_findings, COACH_MAX_FINDINGS);
	assert_true(r.truncated);
	/* one endless sentence, long words, symbols and lone marks */
	buf_reset(&b);
	while (b.len + 120 < COACH_MAX_INPUT)
		assert_int_equal(
		    buf_puts(&b, "and you always 🙄\xef\xb8\x8f ' \" “ ‘ ’ ” — "), 0);
	assert_int_equal(buf_puts(&b, "supercalifragilisticexpialidocious-and-then-some"), 0);
	assert_int_equal(coach_analyse(lexicon, b.data, b.len, &r), 0);
	assert_true(r.n_findings > 0);
	buf_release(&b);
	free(big);
}

static void json_form(void **state)
{
	(void)state;
	const char *text = "You always leave your shoes in the hallway. I'm sorry, I was wrong.";
	struct coach_result r = analyse(text);
	json_t *j = coach_result_json(&r, text);
	assert_non_null(j);
	char *s = json_dumps(j, JSON_COMPACT);
	assert_non_null(s);
	const char *head = "{\"findings\":[{\"kind\":\"absolute\",\"start\":4,\"end\":10,"
	                   "\"excerpt\":\"always\",\"advice\":\"";
	assert_memory_equal(s, head, strlen(head));
	assert_non_null(strstr(s, "\"rewrite\":\"When [one specific time]"));
	assert_non_null(strstr(s,
	                       "\"apology\":{\"components\":[\"responsibility\",\"regret\"],"
	                       "\"missing\":[\"repair\",\"impact\",\"explanation\",\"repentance\","
	                       "\"forgiveness\"]}}"));
	free(s);
	json_decref(j);
}

/* Our own labelled examples for issue 18 (invalidation; kind requests that are
 * not apologies): every one right. */
static void firstweek_examples_all_right(void **state)
{
	(void)state;
	const char *path = "tests/unit/data/coach-firstweek.tsv";
	struct example_set set = read_examples(path);
	assert_non_null(set.items);
	assert_true(set.n >= 15);
	unsigned tp[COACH_TARGET_COUNT] = {0}, fp[COACH_TARGET_COUNT] = {0},
	         fn[COACH_TARGET_COUNT] = {0};
	int wrong = check_examples(lexicon, &set, path, tp, fp, fn);
	free_examples(&set);
	assert_int_equal(wrong, 0);
}

/* Apology advice only for a message that apologises. */
static void apology_only_for_an_apology(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int apologises;
	} cases[] = {
	    {"Could we go for a walk on Sunday, just the two of us?", 0},
	    {"Next time I will call when I'm running late.", 0},
	    {"I'm sorry I snapped at you.", 1},
	    {"I was wrong to read your messages.", 1},
	    {"Sorry if you felt hurt.", 1},
	    {"Please forgive me.", 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct coach_result r = analyse(cases[i].text);
		if (coach_apologises(&r) != cases[i].apologises)
			fail_msg("coach_apologises(\"%s\") is %d", cases[i].text, !cases[i].apologises);
		json_t *j = coach_result_json(&r, cases[i].text);
		assert_non_null(j);
		assert_int_equal(json_is_null(json_object_get(j, "apology")), !cases[i].apologises);
		json_decref(j);
	}
}

static void fold_word(void **state)
{
	(void)state;
	char out[COACH_WORD_MAX];
	assert_int_equal(coach_fold_word("Don’t", strlen("Don’t"), out, sizeof out), 5);
	assert_string_equal(out, "don't");
	assert_int_equal(coach_fold_word("ÉCOLE", strlen("ÉCOLE"), out, sizeof out), 6);
	assert_string_equal(out, "école");
	assert_int_equal(coach_fold_word("ПРИВЕТ", strlen("ПРИВЕТ"), out, sizeof out), 12);
	assert_string_equal(out, "привет");
	assert_int_equal(coach_fold_word("self-centred", 12, out, sizeof out), 12);
	assert_int_equal(coach_fold_word("🙄", strlen("🙄"), out, sizeof out), 4);
	assert_int_equal(coach_fold_word("two words", 9, out, sizeof out), 0);
	assert_int_equal(coach_fold_word("'quoted", 7, out, sizeof out), 0);
	assert_int_equal(coach_fold_word("", 0, out, sizeof out), 0);
	assert_int_equal(coach_fold_word("abcdefghij", 10, out, 8), 0);
}

/* ---- the lexicon grammar, on small lexicons built from text ---- */

static const char advice_text[] =
    "advice\tabsolute\ta\nrewrite\tabsolute\tb\nadvice\tblame\ta\nrewrite\tblame\tb\n"
    "advice\tcharacter\ta\nrewrite\tcharacter\tb\nadvice\tcontempt\ta\nrewrite\tcontempt\tb\n"
    "advice\tdefensive\ta\nrewrite\tdefensive\tb\nadvice\tnon_apology\ta\n"
    "rewrite\tnon_apology\tb\nadvice\tstonewalling\ta\nrewrite\tstonewalling\tb\n";

/* Builds a lexicon from `text` plus advice for every kind; NULL with e set on error. */
static struct coach *build(const char *text, struct err *e)
{
	struct coach *c = coach_lexicon_new();
	assert_non_null(c);
	if (coach_lexicon_parse(c, "test.tsv", text, strlen(text), e) < 0 ||
	    coach_lexicon_parse(c, "advice.tsv", advice_text, strlen(advice_text), e) < 0 ||
	    coach_lexicon_finish(c, "test", e) < 0) {
		coach_lexicon_free(c);
		return NULL;
	}
	return c;
}

static unsigned kinds_with(const struct coach *c, const char *text)
{
	struct coach_result r;
	assert_int_equal(coach_analyse(c, text, strlen(text), &r), 0);
	return kinds_of(&r) | (r.components << COACH_KIND_COUNT);
}

#define A (1u << COACH_ABSOLUTE)
#define B (1u << COACH_BLAME)
#define REGRET (1u << (COACH_KIND_COUNT + COACH_REGRET))

static void grammar(void **state)
{
	(void)state;
	struct err e = {0};
	struct coach *c = build("contraction\tyou're\tyou are\n"
	                        "class\tpet\tcat dog\n"
	                        "rule\tabsolute\t^ red (big blue|green)? fish $\n"
	                        "rule\tabsolute\t^^ start $$\n"
	                        "rule\tabsolute\tone ... two\n"
	                        "rule\tabsolute\t(maybe)? @pet _ [eat*]\n"
	                        "rule\tblame\tyou are (so|very)? cross\n"
	                        "rule\tregret\toops\n"
	                        "except\tabsolute\tno dog\n"
	                        "except\tabsolute/clause\tgood\n"
	                        "except\tabsolute/sentence\tfine\n"
	                        "except\tregret/message\tnot really\n",
	                        &e);
	if (!c)
		fail_msg("%s", e.msg);
	assert_int_equal(kinds_with(c, "Red fish."), A);
	assert_int_equal(kinds_with(c, "so, red big blue fish, yes"), A);
	assert_int_equal(kinds_with(c, "red green fish"), A);
	assert_int_equal(kinds_with(c, "a red fish"), 0);    /* not at a clause start */
	assert_int_equal(kinds_with(c, "red fish swim"), 0); /* not at a clause end */
	assert_int_equal(kinds_with(c, "Start!"), A);
	assert_int_equal(kinds_with(c, "Start, go"), 0);
	assert_int_equal(kinds_with(c, "one a b c two"), A);
	assert_int_equal(kinds_with(c, "one a, b two"), 0); /* a gap stays in its clause */
	assert_int_equal(kinds_with(c, "one a b c d e f g two"), 0);
	assert_int_equal(kinds_with(c, "cat will eating"), A);
	assert_int_equal(kinds_with(c, "maybe dog x eats"), A);
	assert_int_equal(kinds_with(c, "no dog x eats"), 0);    /* overlapping exception */
	assert_int_equal(kinds_with(c, "good, cat x eats"), A); /* exception in another clause */
	assert_int_equal(kinds_with(c, "good cat x eats"), 0);
	assert_int_equal(kinds_with(c, "fine, cat x eats"), 0); /* same sentence */
	assert_int_equal(kinds_with(c, "fine. cat x eats"), A);
	assert_int_equal(kinds_with(c, "You’re so cross"), B);
	assert_int_equal(kinds_with(c, "you are cross"), B);
	assert_int_equal(kinds_with(c, "Oops. Not really."), 0);
	assert_int_equal(kinds_with(c, "Oops."), REGRET);
	/* the marked part is what a finding shows */
	struct coach_result r;
	const char *text = "the cat will eat";
	assert_int_equal(coach_analyse(c, text, strlen(text), &r), 0);
	assert_int_equal(r.findings[0].start, 13);
	assert_int_equal(r.findings[0].end, 16);
	coach_lexicon_free(c);
}

static void grammar_errors_name_file_and_line(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *message;
	} cases[] = {
	    {"# c\n\nrulez\tabsolute\tx\n", "test.tsv:3: unknown directive 'rulez'"},
	    {"rule\tabsolute\t@nope x\n", "test.tsv:1: unknown class '@nope'"},
	    {"contraction\tyou're\tyou are\nrule\tblame\tyou're bad\n",
	     "test.tsv:2: 'you're' is a contraction"},
	    {"rule\tabsolute\t[x y\n", "test.tsv:1: mark the part to show"},
	    {"rule\tsulking\tx\n", "test.tsv:1: unknown kind or apology part 'sulking'"},
	    {"rule\tabsolute\t... x\n", "test.tsv:1: a pattern must begin with a word"},
	    {"rule\tabsolute\tx (a b\n", "test.tsv:1: a '(' without its ')'"},
	    {"rule\tabsolute\tx a? b? c? d? e? f? g?\n",
	     "test.tsv:1: a pattern may hold at most 6"},
	    {"rule\tabsolute\tx, y\n", "test.tsv:1: 'x,' is not a single word"},
	    {"except\tabsolute/always\tx\n", "test.tsv:1: unknown scope 'always'"},
	    {"rule\tabsolute/clause\tx\n", "test.tsv:1: only an exception takes a scope"},
	    {"class\tBig\tx\n", "test.tsv:1: a class name is"},
	    {"class\tx\ta\nclass\tx\tb\n", "test.tsv:2: class 'x' is defined twice"},
	    {"setting\tgap-max\t99\n", "test.tsv:1: a setting is a number"},
	    {"rule\tabsolute\n", "test.tsv:1: expected DIRECTIVE<tab>NAME<tab>VALUE"},
	    {"advice\tregret\tx\n", "test.tsv:1: unknown kind 'regret'"},
	    {"rule\tabsolute\tx \xc3\n", "test.tsv: not valid UTF-8 text"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct err e = {0};
		struct coach *c = build(cases[i].text, &e);
		if (c)
			fail_msg("case %zu was accepted", i);
		if (strncmp(e.msg, cases[i].message, strlen(cases[i].message)))
			fail_msg("case %zu: got \"%s\", wanted \"%s…\"", i, e.msg,
			         cases[i].message);
	}
	/* a lexicon without advice for every kind is refused when finished */
	struct coach *c = coach_lexicon_new();
	struct err e = {0};
	assert_int_equal(coach_lexicon_parse(c, "x.tsv", "rule\tabsolute\tx\n", 16, &e), 0);
	assert_int_equal(coach_lexicon_finish(c, "dir", &e), -1);
	assert_string_equal(e.msg, "dir: no advice for 'absolute' (add an 'advice' line)");
	coach_lexicon_free(c);
	/* and a missing folder says which file it wanted */
	assert_null(coach_load("/nonexistent/coach", &e));
	assert_non_null(strstr(e.msg, "/nonexistent/coach/words.tsv"));
}

/* What German and Spanish needed: accents folded away on request, word endings
 * ("*as": the partner's verb in "Nunca me escuchas"), and „…“ / ‚…‘ quotations. */
static void language_features(void **state)
{
	(void)state;
	char w[32] = "cálmate";
	assert_int_equal(coach_strip_accents(w, strlen(w)), 7);
	assert_string_equal(w, "calmate");
	strcpy(w, "año señor über");
	assert_string_equal((coach_strip_accents(w, strlen(w)), w), "año señor uber");
	struct err e = {0};
	struct coach *c = build("setting\tfold-accents\t1\n"
	                        "rule\tabsolute\tnunca me? [*as|*aste]\n"
	                        "rule\tblame\tpor tu culpa\n",
	                        &e);
	if (!c)
		fail_msg("%s", e.msg);
	assert_int_equal(kinds_with(c, "Nunca me escuchas."), A);
	assert_int_equal(kinds_with(c, "nunca me ESCUCHASTE"), A);
	assert_int_equal(kinds_with(c, "Nunca más."), 0); /* "mas": no stem before "as" */
	assert_int_equal(kinds_with(c, "nunca vas"), 0);
	assert_int_equal(kinds_with(c, "Por tú cúlpa"), B);
	struct coach_result r;
	const char *t = "nunca me escuchas";
	assert_int_equal(coach_analyse(c, t, strlen(t), &r), 0);
	assert_int_equal(r.findings[0].start, 9);
	coach_lexicon_free(c);
	assert_null(build("setting\tfold-accents\t2\n", &e));
	assert_string_equal(e.msg, "test.tsv:1: fold-accents is 0 or 1");
	/* German quotation marks quote; an unclosed „ quotes nothing */
	assert_int_equal(analyse("Er schrieb „you never listen“ damals.").n_findings, 0);
	assert_int_equal(analyse("Sie sagte ‚you never listen‘ zu ihm.").n_findings, 0);
	assert_int_equal(analyse("„you never listen").n_findings, 1);
}

static void analyse_with_empty_lexicon(void **state)
{
	(void)state;
	struct err e = {0};
	struct coach *c = build("", &e);
	assert_non_null(c);
	assert_int_equal(kinds_with(c, "You never listen. Sorry!"), 0);
	coach_lexicon_free(c);
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
	double us =
	    ((double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3) /
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
	    cmocka_unit_test(german_examples),
	    cmocka_unit_test(spanish_examples),
	    cmocka_unit_test(example_span_and_advice),
	    cmocka_unit_test(contractions_case_and_curly_apostrophes),
	    cmocka_unit_test(quotations_are_not_findings),
	    cmocka_unit_test(negation_and_scope),
	    cmocka_unit_test(apology_parts_and_cancelling),
	    cmocka_unit_test(findings_are_sorted_and_deduplicated),
	    cmocka_unit_test(spans_lie_inside_the_text),
	    cmocka_unit_test(limits),
	    cmocka_unit_test(json_form),
	    cmocka_unit_test(firstweek_examples_all_right),
	    cmocka_unit_test(apology_only_for_an_apology),
	    cmocka_unit_test(fold_word),
	    cmocka_unit_test(grammar),
	    cmocka_unit_test(grammar_errors_name_file_and_line),
	    cmocka_unit_test(language_features),
	    cmocka_unit_test(analyse_with_empty_lexicon),
	    cmocka_unit_test(timing_report),
	};
	return cmocka_run_group_tests_name("coach", tests, load_lexicon, free_lexicon);
}
