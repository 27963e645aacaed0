/* answers.h: what a partner sees of one round of answers to a prompt, and the
 * prompt's state in lists ("new", "waiting", "answered"). Pure, no I/O.
 *
 * The reciprocal reveal rule itself lives in lib/reveal.h; this module only
 * applies it to the two answers of a round (the viewer's own and the
 * partner's), so that every page and API route asks the same question the same
 * way. A round is one time the couple answers a prompt: the first, and again
 * when the prompt comes round after its level was used up.
 *
 * Prompt ids: deck prompts have the deck's ids ("dreams-2-05"); a couple's own
 * prompts are "own-<n>", n being the row id of the own prompt.
 */
#ifndef DUET_ANSWERS_H
#define DUET_ANSWERS_H

#include <stdint.h>

#include "lib/reveal.h"

#define ANSWER_TEXT_MAX 4000 /* characters in an answer or an addition */

/* A prompt's state as the viewer sees it in lists. */
enum answers_state {
	ANSWERS_NEW,      /* neither has answered (nor talked about it together) */
	ANSWERS_WAITING,  /* one of the two has answered, the other not yet */
	ANSWERS_ANSWERED, /* both have answered, or they talked about it together */
	ANSWERS_STATES    /* count, not a state */
};

/* The facts of one round, read from the store. Non-zero counts as true. */
struct answers_facts {
	int mine;         /* the viewer has answered this round */
	int partner;      /* the partner has answered this round */
	int partner_seen; /* the viewer's seeing the partner's answer is already recorded */
	int talked;       /* the couple talked about the prompt together (together mode) */
};

struct answers_view {
	enum reveal_view mine;    /* REVEAL_FULL, or REVEAL_PENDING before the viewer answers */
	enum reveal_view partner; /* REVEAL_PENDING, REVEAL_ANSWERED or REVEAL_FULL */
	int thread;               /* 1 once both answered: the thread ("tell me more", additions)
	                           * shows, and both may add to it */
	int mark_seen;            /* 1 when the caller must record that the viewer has now seen
	                           * the partner's answer (later edits then show as edited) */
};

/* What the viewer may see of a round. */
void answers_view(const struct answers_facts *f, struct answers_view *out);

/* The round's state for lists. */
enum answers_state answers_state(const struct answers_facts *f);

/* "new", "waiting", "answered"; NULL when out of range. */
const char *answers_state_slug(enum answers_state s);

/* The state named `slug`, or -1. */
int answers_state_parse(const char *slug);

/* 1 when `id` is well formed for a prompt id: 1 to DECK_ID_MAX bytes of
 * a-z, 0-9 and '-', starting with a letter. Whether it exists is the caller's. */
int answers_id_valid(const char *id);

/* The row id n of an own prompt's id "own-<n>" (n from 1, no leading zeros),
 * or 0 when `id` is not one. */
int64_t answers_own_number(const char *id);

#endif
