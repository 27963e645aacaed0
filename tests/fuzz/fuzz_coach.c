/* Fuzz target for the message coach. The first byte picks what the rest is:
 *   even: a message, analysed with the English, German or Spanish lexicon (loaded
 *         once; the byte's next bits choose);
 *   odd:  lexicon text, parsed and, when it is accepted, used on a few messages.
 * Checks that every span lies inside the text on character boundaries. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/coach_data.h"
#include "coach/coach.h"
#include "coach/coach_lexicon.h"
#include "util/datadir.h"
#include "util/err.h"

static const char advice[] =
    "advice\tabsolute\ta\nrewrite\tabsolute\tb\nadvice\tblame\ta\nrewrite\tblame\tb\n"
    "advice\tcharacter\ta\nrewrite\tcharacter\tb\nadvice\tcontempt\ta\nrewrite\tcontempt\tb\n"
    "advice\tdefensive\ta\nrewrite\tdefensive\tb\nadvice\tnon_apology\ta\n"
    "rewrite\tnon_apology\tb\nadvice\tstonewalling\ta\nrewrite\tstonewalling\tb\n";

static const char *const samples[] = {
    "You always leave your shoes out. I'm sorry, I was wrong.",
    "\"you never\" she said, ‘fine’ — whatever 🙄 you're so cross, aren't you?",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z, you’ll never",
};

static void check(const struct coach *c, const char *text, size_t len)
{
	struct coach_result r;
	if (coach_analyse(c, text, len, &r) < 0)
		return;
	if (r.n_findings > COACH_MAX_FINDINGS)
		abort();
	for (size_t i = 0; i < r.n_findings; i++) {
		const struct coach_finding *f = &r.findings[i];
		if (f->start >= f->end || f->end > len ||
		    ((unsigned char)text[f->start] & 0xC0) == 0x80 ||
		    (f->end < len && ((unsigned char)text[f->end] & 0xC0) == 0x80) || !f->advice)
			abort();
		if (i && r.findings[i - 1].start > f->start)
			abort();
	}
	if (r.components >> COACH_COMPONENT_COUNT)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = {"coach/en", "coach/de", "coach/es"};
	static struct coach *lexicons[3];
	for (size_t i = 0; i < 3 && !lexicons[i]; i++) {
		char dir[4096];
		struct err e = {0};
		if (datadir_path(dir, sizeof dir, langs[i]) < 0 ||
		    !(lexicons[i] = coach_load(dir, &e))) {
			fprintf(stderr, "fuzz_coach: %s (run from the repository root)\n", e.msg);
			abort();
		}
	}
	if (size == 0)
		return 0;
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	if (!(data[0] & 1)) {
		check(lexicons[(data[0] >> 1) % 3], text, len);
		return 0;
	}
	struct coach *c = coach_lexicon_new();
	struct err e = {0};
	if (!c)
		return 0;
	if (coach_lexicon_parse(c, "fuzz.tsv", text, len, &e) == 0 &&
	    coach_lexicon_parse(c, "advice.tsv", advice, strlen(advice), &e) == 0 &&
	    coach_lexicon_finish(c, "fuzz", &e) == 0) {
		for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++)
			check(c, samples[i], strlen(samples[i]));
		check(c, text, len);
	} else if (!e.msg[0]) {
		abort(); /* a refusal always says why */
	}
	coach_lexicon_free(c);
	return 0;
}
