/* Unit tests for know/deck: the parser on good and bad files (with exact line
 * numbers), merging, and the shipped data/decks content rules. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "know/deck.h"
#include "know/deck_load.h"

#define NAME "decks/t.deck"

static struct deck *parse(const char *text, struct err *e)
{
	err_clear(e);
	return deck_parse(NAME, text, strlen(text), e);
}

/* Asserts that `text` is refused at `line` with a message holding `what`. */
static void refused_at(const char *text, size_t len, int line, const char *what)
{
	struct err e;
	err_clear(&e);
	struct deck *d = deck_parse(NAME, text, len, &e);
	if (d)
		fail_msg("accepted a bad file, expected line %d: %s", line, what);
	char prefix[64];
	snprintf(prefix, sizeof prefix, NAME " line %d: ", line);
	if (strncmp(e.msg, prefix, strlen(prefix)) || !strstr(e.msg, what))
		fail_msg("expected \"%s…%s\", got \"%s\"", prefix, what, e.msg);
	assert_int_equal(e.status, 500);
}

static void parses_a_good_file(void **state)
{
	(void)state;
	struct err e;
	struct deck *d = parse("# a comment\n"
	                       "\n"
	                       "a-1 | 1 | dreams | What is one?\n"
	                       "   \t\n"
	                       "  # indented comment\n"
	                       "b-2|2|us|What | is two?\n"
	                       "\tc-3 \t|  3 | fears |  What is three?  \n",
	                       &e);
	assert_non_null(d);
	assert_int_equal(deck_count(d), 3);
	const struct deck_prompt *p = deck_at(d, 0);
	assert_string_equal(p->id, "a-1");
	assert_int_equal(p->level, 1);
	assert_int_equal(p->topic, DECK_DREAMS);
	assert_string_equal(p->text, "What is one?");
	assert_string_equal(p->deck, "t");
	assert_string_equal(p->file, NAME);
	assert_int_equal(p->line, 3);
	p = deck_at(d, 1);
	assert_string_equal(p->text, "What | is two?"); /* a bar in the text is kept */
	assert_int_equal(p->line, 6);
	p = deck_at(d, 2);
	assert_string_equal(p->id, "c-3");
	assert_string_equal(p->text, "What is three?");
	assert_int_equal(p->topic, DECK_FEARS);
	assert_int_equal(p->line, 7);
	assert_int_equal(deck_find(d, "c-3"), 2);
	assert_int_equal(deck_find(d, "a-1"), 0);
	assert_int_equal(deck_find(d, "zzz"), -1);
	assert_int_equal(deck_find(d, ""), -1);
	assert_int_equal(deck_count_level(d, 1), 1);
	assert_int_equal(deck_count_level(d, 3), 1);
	assert_int_equal(deck_count_level(d, 4), 0);
	deck_free(d);
}

static void bom_crlf_and_no_final_newline(void **state)
{
	(void)state;
	struct err e;
	struct deck *d = parse("\xEF\xBB\xBF# deck\r\n\r\nx | 1 | us | Qu\xC3\xA9 tal?\r\n"
	                       "y | 2 | goals | Why?",
	                       &e);
	assert_non_null(d);
	assert_int_equal(deck_count(d), 2);
	assert_string_equal(deck_at(d, 0)->text, "Qu\xC3\xA9 tal?");
	assert_int_equal(deck_at(d, 0)->line, 3);
	assert_string_equal(deck_at(d, 1)->text, "Why?");
	assert_int_equal(deck_at(d, 1)->line, 4);
	deck_free(d);
}

static void deck_name_from_file_name(void **state)
{
	(void)state;
	struct err e;
	struct deck *d = deck_parse("/x/y/feelings.v2.deck", "a|1|us|A?", 9, &e);
	assert_non_null(d);
	assert_string_equal(deck_at(d, 0)->deck, "feelings.v2");
	deck_free(d);
	d = deck_parse("plain", "a|1|us|A?", 9, &e);
	assert_non_null(d);
	assert_string_equal(deck_at(d, 0)->deck, "plain");
	deck_free(d);
}

/* Bad files, each refused at `line` with a message holding `what`. */
static const struct {
	const char *text;
	int line;
	const char *what;
} bad_files[] = {
    {"a | 1 | us | A?\nb | 1 | us\n", 2, "expected four fields"},
    {"just words\n", 1, "expected four fields"},
    {"a | 1 | us | A?\n\n | 1 | us | B?\n", 3, "the id is missing"},
    {"Abc | 1 | us | A?\n", 1, "\"Abc\" may hold only"},
    {"1abc | 1 | us | A?\n", 1, "may hold only"},
    {"a_b | 1 | us | A?\n", 1, "may hold only"},
    {"a b | 1 | us | A?\n", 1, "may hold only"},
    {"own-3 | 1 | us | A?\n", 1, "kept for couples' own prompts"},
    {"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghi | 1 | us | A?\n", 1,
     "49 bytes long; at most 48"},
    {"a | 0 | us | A?\n", 1, "level must be 1, 2 or 3, not \"0\""},
    {"a | 4 | us | A?\n", 1, "not \"4\""},
    {"a | 12 | us | A?\n", 1, "not \"12\""},
    {"a |  | us | A?\n", 1, "not \"\""},
    {"a | one | us | A?\n", 1, "not \"one\""},
    {"a | 1 | feelings | A?\n", 1, "\"feelings\" is not a topic"},
    {"a | 1 | Us | A?\n", 1, "\"Us\" is not a topic"},
    {"a | 1 | us |   \n", 1, "text is missing"},
    {"a | 1 | us |\n", 1, "text is missing"},
    {"a | 1 | us | What\tnow?\n", 1, "holds a tab"},
    {"a | 1 | us | A?\nb | 1 | us | B\rB?\n", 2, "control character (byte 0x0D)"},
    {"a | 1 | us | A\x01?\n", 1, "control character (byte 0x01)"},
    {"a | 1 | us | A\x7f?\n", 1, "control character (byte 0x7F)"},
    {"a | 1 | us | A?\n# fine\nb | 1 | us | \xC3\x28?\n", 3, "not valid UTF-8"},
    {"a | 1 | us | \xED\xA0\x80?\n", 1, "not valid UTF-8"}, /* a surrogate */
    {"a | 1 | us | \xC0\xAF?\n", 1, "not valid UTF-8"},     /* an overlong */
    {"# ok\n# \xFF comment\n", 2, "not valid UTF-8"},       /* comments too */
    /* A BOM anywhere but the start is not skipped: it is part of the id. */
    {"a | 1 | us | A?\n\xEF\xBB\xBF"
     "b | 1 | us | B?\n",
     2, "may hold only"},
    {"a | 1 | us | A?\nb | 1 | us | B?\n\na | 2 | us | C?\n", 4,
     "the id \"a\" is already used on line 1"},
    /* Several repeats: the first repeated line is named, with the first use. */
    {"z | 1 | us | A?\nb | 1 | us | B?\nb | 1 | us | C?\nz | 1 | us | D?\nb | 1 | us | E?\n", 3,
     "\"b\" is already used on line 2"},
};

static void refuses_bad_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(bad_files); i++)
		refused_at(bad_files[i].text, strlen(bad_files[i].text), bad_files[i].line,
		           bad_files[i].what);
	static const char nul[] = "a | 1 | us | A?\nb | 1 | us | B\0?\n";
	refused_at(nul, sizeof nul - 1, 2, "not valid UTF-8");
}

static void refuses_long_lines_and_texts(void **state)
{
	(void)state;
	char text[1200];
	/* 300 bytes of text are fine, 301 are not. */
	snprintf(text, sizeof text, "a | 1 | us | %0300d\n", 0);
	struct err e;
	struct deck *d = parse(text, &e);
	assert_non_null(d);
	assert_int_equal(strlen(deck_at(d, 0)->text), 300);
	deck_free(d);
	snprintf(text, sizeof text, "# x\na | 1 | us | %0301d\n", 0);
	refused_at(text, strlen(text), 2, "301 bytes long; at most 300");
	/* 512 bytes of line are fine (here mostly blanks), 513 are not. */
	snprintf(text, sizeof text, "a | 1 | us | A?%497s\n", "");
	assert_int_equal(strlen(text), 513);
	d = parse(text, &e);
	assert_non_null(d);
	deck_free(d);
	snprintf(text, sizeof text, "a | 1 | us | A?%497s\r\n", "");
	d = parse(text, &e); /* the CR is the line ending's, not the line's */
	assert_non_null(d);
	deck_free(d);
	snprintf(text, sizeof text, "a | 1 | us | A?\n\nb | 1 | us | B?%498s\n", "");
	refused_at(text, strlen(text), 3, "513 bytes long; at most 512");
	/* An overlong line is reported even when it is a comment. */
	snprintf(text, sizeof text, "#%600s\n", "");
	refused_at(text, strlen(text), 1, "601 bytes long");
}

static void refuses_empty_and_huge_files(void **state)
{
	(void)state;
	struct err e;
	assert_null(parse("", &e));
	assert_string_equal(e.msg, NAME " holds no prompts.");
	assert_null(parse("\xEF\xBB\xBF# only a comment\n\n", &e));
	assert_string_equal(e.msg, NAME " holds no prompts.");
	assert_null(deck_parse(NAME, "", (size_t)DECK_FILE_MAX + 1, &e));
	assert_non_null(strstr(e.msg, "a deck file may hold at most"));
}

static void merges_and_refuses_ids_across_files(void **state)
{
	(void)state;
	struct err e;
	const char *t1 = "a | 1 | us | A?\nb | 2 | dreams | B?\n";
	const char *t2 = "# two\nc | 3 | goals | C?\n";
	const char *t3 = "x | 1 | us | X?\n\nb | 1 | us | Again?\n";
	struct deck *p[3];
	p[0] = deck_parse("decks/one.deck", t1, strlen(t1), &e);
	p[1] = deck_parse("decks/two.deck", t2, strlen(t2), &e);
	p[2] = deck_parse("decks/three.deck", t3, strlen(t3), &e);
	assert_non_null(p[0]);
	assert_non_null(p[1]);
	assert_non_null(p[2]);
	struct deck *m = deck_merge(p, 2, &e);
	assert_non_null(m);
	assert_int_equal(deck_count(m), 3);
	assert_string_equal(deck_at(m, 2)->id, "c");
	assert_string_equal(deck_at(m, 2)->deck, "two");
	assert_string_equal(deck_at(m, 2)->file, "decks/two.deck");
	assert_int_equal(deck_at(m, 2)->line, 2);
	assert_string_equal(deck_at(m, 1)->deck, "one");
	assert_int_equal(deck_find(m, "b"), 1);
	assert_int_equal(deck_count_level(m, 2), 1);
	deck_free(m);
	assert_null(deck_merge(p, 3, &e));
	assert_string_equal(e.msg, "decks/three.deck line 3: the id \"b\" is already used in "
	                           "decks/one.deck line 2; ids must be unique across all decks.");
	assert_null(deck_merge(p, 0, &e));
	for (int i = 0; i < 3; i++)
		deck_free(p[i]);
	deck_free(NULL);
}

static void closed_questions(void **state)
{
	(void)state;
	const char *closed[] = {
	    "Do you?",         "does it",    "Did we?",    "Are you?",
	    "IS it?",          "Was it?",    "Were you?",  "Have you?",
	    "Has it?",         "Can you?",   "Could you?", "Would you?",
	    "Will you?",       "Should we?", "Don't you?", "Isn\xE2\x80\x99t it?",
	    "  \"Can't we?\"", "Am I?",      "Shall we?"};
	const char *open[] = {"What do you?",        "Doing what?",
	                      "Island or city?",     "Willow?",
	                      "How can we?",         "Which one?",
	                      "If you could, what?", "Why?",
	                      "Dozens of what?",     "",
	                      "Cannery or farm?"};
	for (size_t i = 0; i < ARRAY_LEN(closed); i++)
		if (!deck_closed_question(closed[i], strlen(closed[i])))
			fail_msg("\"%s\" should count as closed", closed[i]);
	for (size_t i = 0; i < ARRAY_LEN(open); i++)
		if (deck_closed_question(open[i], strlen(open[i])))
			fail_msg("\"%s\" should count as open", open[i]);
}

static void names_of_topics_and_levels(void **state)
{
	(void)state;
	assert_string_equal(deck_topic_slug(DECK_FEARS), "fears");
	assert_string_equal(deck_topic_title(DECK_FEARS), "Fears and insecurities");
	assert_string_equal(deck_topic_slug(DECK_US), "us");
	assert_null(deck_topic_slug(DECK_TOPICS));
	assert_null(deck_topic_title((enum deck_topic) - 1));
	assert_string_equal(deck_level_title(1), "Light");
	assert_string_equal(deck_level_title(3), "Vulnerable");
	assert_null(deck_level_title(0));
	assert_null(deck_level_title(4));
}

/* 1 when the word `w` stands alone in s (case-insensitive). */
static int has_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = s; *p; p++) {
		if (strncasecmp(p, w, n))
			continue;
		int lead = p == s || !((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z');
		char c = p[n];
		int trail = !((c | 32) >= 'a' && (c | 32) <= 'z');
		if (lead && trail)
			return 1;
	}
	return 0;
}

/* The words of `s`, lower-cased letters only (an apostrophe ends a word), into
 * `out` (at most `max`, each at most 23 bytes); returns how many distinct ones. */
static size_t word_set(const char *s, char out[][24], size_t max)
{
	size_t n = 0;
	while (*s) {
		char w[24];
		size_t k = 0;
		while (*s && !((*s | 32) >= 'a' && (*s | 32) <= 'z'))
			s++;
		while ((*s | 32) >= 'a' && (*s | 32) <= 'z') {
			if (k < sizeof w - 1)
				w[k++] = (char)(*s | 32);
			s++;
		}
		w[k] = '\0';
		if (!k)
			continue;
		size_t j = 0;
		while (j < n && strcmp(out[j], w))
			j++;
		if (j == n && n < max)
			memcpy(out[n++], w, k + 1);
	}
	return n;
}

/* 1 when two prompts are the same question in nearly the same words: at least
 * three quarters of the words they use between them are shared. */
static int near_duplicate(const char *a, const char *b)
{
	char wa[64][24], wb[64][24];
	size_t na = word_set(a, wa, 64), nb = word_set(b, wb, 64), shared = 0;
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			shared += !strcmp(wa[i], wb[j]);
	size_t all = na + nb - shared;
	return all && 4 * shared >= 3 * all;
}

static void near_duplicates_are_caught(void **state)
{
	(void)state;
	assert_true(near_duplicate("What do you fear about growing older?",
	                           "What do you fear about getting older?"));
	assert_true(near_duplicate("How do you like to spend a rainy Saturday?",
	                           "how do you like to spend a RAINY saturday!"));
	assert_false(near_duplicate("What do you like about the way I laugh?",
	                            "What do you like about the way I talk to people?"));
}

static void shipped_decks_follow_the_rules(void **state)
{
	(void)state;
	struct err e;
	err_clear(&e);
	struct deck *d = deck_load(NULL, &e);
	if (!d)
		fail_msg("data/decks did not load: %s", e.msg);
	size_t n = deck_count(d);
	size_t cell[DECK_TOPICS][DECK_LEVELS + 1] = {{0}};
	static const char *gendered[] = {"he",      "she",  "him",       "her",
	                                 "his",     "hers", "himself",   "herself",
	                                 "husband", "wife", "boyfriend", "girlfriend"};
	for (size_t i = 0; i < n; i++) {
		const struct deck_prompt *p = deck_at(d, i);
		size_t len = strlen(p->text);
		cell[p->topic][p->level]++;
		if (len > 300)
			fail_msg("%s is %zu bytes", p->id, len);
		if (len == 0 || p->text[len - 1] != '?')
			fail_msg("%s does not end with a question mark", p->id);
		if (deck_closed_question(p->text, len))
			fail_msg("%s invites a yes or no: %s", p->id, p->text);
		for (size_t g = 0; g < ARRAY_LEN(gendered); g++)
			if (has_word(p->text, gendered[g]))
				fail_msg("%s says \"%s\"; use names or \"you\"", p->id,
				         gendered[g]);
		char want[DECK_ID_MAX + 1];
		snprintf(want, sizeof want, "%s-%d-", deck_topic_slug(p->topic), p->level);
		if (strncmp(p->id, want, strlen(want)))
			fail_msg("%s does not match its topic and level (%s…)", p->id, want);
		for (size_t k = 0; k < i; k++) {
			if (!strcmp(deck_at(d, k)->id, p->id))
				fail_msg("id %s is used twice", p->id);
			if (!strcasecmp(deck_at(d, k)->text, p->text))
				fail_msg("%s repeats the text of %s", p->id, deck_at(d, k)->id);
			if (near_duplicate(deck_at(d, k)->text, p->text))
				fail_msg("%s nearly repeats %s: \"%s\" and \"%s\"", p->id,
				         deck_at(d, k)->id, p->text, deck_at(d, k)->text);
		}
	}
	assert_true(n >= 600);
	for (int L = 1; L <= DECK_LEVELS; L++) {
		if (deck_count_level(d, L) < 180)
			fail_msg("level %d has %zu prompts; at least 180 wanted", L,
			         deck_count_level(d, L));
		for (int t = 0; t < DECK_TOPICS; t++)
			if (!cell[t][L])
				fail_msg("no %s prompt at level %d",
				         deck_topic_slug((enum deck_topic)t), L);
	}
	printf("report: decks: %zu prompts (levels %zu/%zu/%zu), %d topics at every level\n", n,
	       deck_count_level(d, 1), deck_count_level(d, 2), deck_count_level(d, 3), DECK_TOPICS);
	deck_free(d);
}

static void topics_from_slugs(void **state)
{
	(void)state;
	for (int t = 0; t < DECK_TOPICS; t++)
		assert_int_equal(deck_topic_from_slug(deck_topic_slug((enum deck_topic)t)), t);
	assert_int_equal(deck_topic_from_slug("fears"), DECK_FEARS);
	assert_int_equal(deck_topic_from_slug("Fears"), -1);
	assert_int_equal(deck_topic_from_slug("fear"), -1);
	assert_int_equal(deck_topic_from_slug(""), -1);
	assert_int_equal(deck_topic_from_slug(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parses_a_good_file),
	    cmocka_unit_test(bom_crlf_and_no_final_newline),
	    cmocka_unit_test(deck_name_from_file_name),
	    cmocka_unit_test(refuses_bad_lines),
	    cmocka_unit_test(refuses_long_lines_and_texts),
	    cmocka_unit_test(refuses_empty_and_huge_files),
	    cmocka_unit_test(merges_and_refuses_ids_across_files),
	    cmocka_unit_test(closed_questions),
	    cmocka_unit_test(names_of_topics_and_levels),
	    cmocka_unit_test(topics_from_slugs),
	    cmocka_unit_test(near_duplicates_are_caught),
	    cmocka_unit_test(shipped_decks_follow_the_rules),
	};
	return cmocka_run_group_tests_name("deck", tests, NULL, NULL);
}
