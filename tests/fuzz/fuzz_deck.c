/* fuzz_deck.c: libFuzzer target for the deck file parser (know/deck.c). A parsed
 * deck must keep every invariant deck.h promises, merge with itself must fail on
 * the repeated ids, and the pacing rules must serve from it without trouble. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "know/deck.h"
#include "know/pacing.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e;
	struct deck *d = deck_parse("decks/fuzz.deck", (const char *)data, size, &e);
	if (!d) {
		if (strncmp(e.msg, "decks/fuzz.deck", 15))
			abort(); /* every refusal names the file */
		return 0;
	}
	size_t n = deck_count(d);
	int64_t done[64] = {0};
	for (size_t i = 0; i < n; i++) {
		const struct deck_prompt *p = deck_at(d, i);
		size_t tl = strlen(p->text);
		if (deck_find(d, p->id) != (long)i || p->level < 1 || p->level > DECK_LEVELS ||
		    tl == 0 || tl > DECK_TEXT_MAX || !utf8_valid(p->text, tl) ||
		    strlen(p->id) > DECK_ID_MAX || (unsigned)p->topic >= DECK_TOPICS ||
		    p->id_hash != deck_id_hash(p->id))
			abort();
		if (i < 64)
			done[i] = (int64_t)(i % 3);
	}
	struct deck *twice[2] = {d, d};
	struct deck *m = deck_merge(twice, 2, &e);
	if (m)
		abort();
	if (n <= 64) {
		struct pacing_state st = {.seed = size, .done_at = done};
		struct pacing_pick p;
		struct pacing_together t = {.step = (unsigned)size % 7, .start = 1};
		if (pacing_next(d, &st, &p) < 0 || pacing_together_next(d, &st, &t, &p) < 0)
			abort();
	}
	deck_free(d);
	return 0;
}
