/* know.h: the shared core of "Know each other": the prompt deck (loaded once
 * at start), a couple's prompt state as know/pacing needs it, finding a prompt
 * by id, the couple's current prompt, and one prompt's answers as the viewer
 * may see them.
 *
 * The reveal rule (lib/reveal.h) is applied in exactly one place:
 * know_item_load() and know_list() fill `struct know_round` through
 * answers_view(), and leave the partner's answer (and the thread) out unless
 * the rule shows it. Pages and JSON are written only from these structs, so no
 * handler can show a partner's text early. Another couple's own prompts are not
 * found (404).
 */
#ifndef DUET_KNOW_H
#define DUET_KNOW_H

#include <jansson.h>

#include "know/answers.h"
#include "know/deck.h"
#include "know/pacing.h"
#include "http/request.h"
#include "know_store.h"
#include "together_store.h"

#define KNOW_NOTE_MAX 1000 /* characters in a "tell me more" note */

/* Loads the decks from `dir` (NULL for the data folder's "decks", and then
 * also data/<code>/decks for every other language that has one) once, at
 * start. -1 with `e` naming the file and line when a deck is bad. */
int know_setup(const char *dir, struct err *e) WARN_UNUSED_RESULT;

/* Frees the decks at shutdown. */
void know_free(void);

/* How many prompts the decks of lang (lib/lang.h) translate; 0 for English.
 * A deck prompt is shown in the reader's language (util/i18n.h), in English
 * where its translation is missing. */
size_t know_translated_count(int lang);

/* The loaded deck (borrowed; valid between know_setup and know_free). */
const struct deck *know_deck(void);

/* A prompt, from the deck or the couple's own. Borrowed strings. */
struct know_prompt {
	const char *id;
	const char *text;
	int level;
	int topic; /* enum deck_topic */
	int own;   /* 1 for one of the couple's own prompts */
};

/* A couple's prompt state, read by know_state_load (request arena memory). */
struct know_state {
	struct know_couple couple;
	struct pacing_state pacing;
	struct pacing_levels levels;
	struct know_progress *progress; /* sorted by prompt id */
	size_t n_progress;
	struct know_own_prompt *own; /* sorted by id */
	size_t n_own;
	int64_t users[2]; /* [0] the viewer, [1] the partner */
};

/* One round of a prompt as the viewer may see it. */
struct know_round {
	int64_t round;
	struct answers_facts facts;
	struct answers_view view;
	const struct know_answer *mine;    /* set only when view.mine is REVEAL_FULL */
	const struct know_answer *partner; /* set only when view.partner is REVEAL_FULL */
	const struct know_post **thread;   /* only when view.thread; else n_thread 0 */
	size_t n_thread;
};

/* A prompt with what the viewer may see of it. */
struct know_item {
	struct know_prompt prompt;
	struct know_round *rounds; /* oldest first; the last is the open round */
	size_t n_rounds;
	struct together_talk *talks; /* times talked about together */
	size_t n_talks;
	enum answers_state state; /* of the open round */
	int current;              /* 1 when it is the couple's current prompt */
	int64_t latest;           /* latest answer in the open round, for ordering */
};

/* Filters of know_list: -1 (or 0 for level) for any. */
struct know_filter {
	int state; /* enum answers_state */
	int level;
	int topic; /* enum deck_topic */
};

/* Reads the signed-in person's couple's state. -1 with r->err set on failure. */
int know_state_load(struct req *r, struct db *db, struct know_state *ks) WARN_UNUSED_RESULT;

/* The same state for reading only: loaded once per request and reused while
 * the request has written nothing since (the home page needs it twice). Use
 * know_state_load inside a transaction. -1 with r->err set on failure. */
int know_state_peek(struct req *r, struct db *db, struct know_state *ks) WARN_UNUSED_RESULT;

/* Finds a prompt of the deck or of this couple's own; 1 found, 0 not. */
int know_prompt_find(const struct know_state *ks, const char *id, struct know_prompt *out);

/* The progress of a prompt, or NULL when the couple has none yet. */
const struct know_progress *know_progress_find(const struct know_state *ks, const char *id);

/* The prompt named by the route's first capture; 404 when it is malformed,
 * unknown, or another couple's. */
int know_prompt_param(struct req *r, const struct know_state *ks,
                      struct know_prompt *out) WARN_UNUSED_RESULT;

/* The couple's current prompt (chosen and stored when needed, in its own
 * transaction); `ks` is loaded (or reloaded) to match. */
int know_current(struct req *r, struct db *db, struct know_state *ks,
                 struct know_prompt *out) WARN_UNUSED_RESULT;

/* Everything of prompt `p` the viewer may see. With `mark_seen`, records that
 * the viewer has now seen the partner's answers shown. */
int know_item_load(struct req *r, struct db *db, const struct know_state *ks,
                   const struct know_prompt *p, int mark_seen,
                   struct know_item *out) WARN_UNUSED_RESULT;

/* The open round of an item (its last). */
const struct know_round *know_item_open(const struct know_item *it);

/* The prompts of open levels (and any the couple has begun) that pass `f`, in
 * deck order from light to deep, own prompts after the deck's in each level;
 * only the open round, without threads. Of those, the `take` from the
 * `skip`th on are returned (*more set when one more follows; more may be
 * NULL); with `texts` their answers' texts are read (the API), without it
 * the texts are "" (pages that show states only). Memory is bounded by the
 * number of prompts, and by `take` for texts. Marks shown partner answers
 * seen. */
int know_list(struct req *r, struct db *db, const struct know_state *ks,
              const struct know_filter *f, size_t skip, size_t take, int texts,
              struct know_item **out, size_t *n, int *more) WARN_UNUSED_RESULT;

/* The JSON of an item (the API's prompt shape). `full` adds the thread, the
 * times talked about together and earlier rounds. */
json_t *know_item_json(struct req *r, const struct know_item *it, int full);

/* The JSON of a prompt alone: {"id","topic","level","text","own"}. */
json_t *know_prompt_json(const struct know_prompt *p);

#endif
