/* pacing.h: which prompts a couple sees, and when. Pure rules, no I/O.
 *
 * - Levels: level 1 is always open; level L opens when the couple has answered
 *   PACING_OPEN_AFTER prompts of level L-1 together (both partners answered), or
 *   at once when both partners have asked to open it early. Opening a level
 *   opens every level below it. Levels never close again.
 * - The current prompt is the same for both partners and stays until both have
 *   answered it (pacing_current). The next one comes from the deepest open level
 *   that still has prompts the couple has not answered together; within a level
 *   the order is a shuffle fixed by the couple's seed, so two couples see
 *   different orders and adding prompts to a deck does not reshuffle the rest.
 * - No prompt comes back until every prompt of its level (deck and own) has been
 *   answered; then the deepest open level comes round again, least recently
 *   answered first.
 * - The couple's own prompts join the rotation at the level they chose, as equals.
 * - Together mode (one screen) walks the open levels from light to deep,
 *   `per_level` prompts each, and alternates who answers first.
 *
 * The state is what the lead reads from the database in two small queries: the
 * couple's finished prompts (id and when both had answered) and their own prompts.
 * Everything here is borrowed; nothing allocates.
 */
#ifndef DUET_PACING_H
#define DUET_PACING_H

#include "know/deck.h"
#include "util/common.h"

#include <stddef.h>
#include <stdint.h>

#define PACING_OPEN_AFTER 10        /* prompts of a level answered together to open the next */
#define PACING_TOGETHER_PER_LEVEL 3 /* together mode: prompts a level before going deeper */

/* One of the couple's own prompts. */
struct pacing_own {
	const char *id;  /* e.g. "own-17": starts with DECK_OWN_PREFIX, unique for the couple */
	int level;       /* 1..DECK_LEVELS, as the couple chose; others are ignored */
	int64_t done_at; /* as pacing_state.done_at */
};

struct pacing_state {
	uint64_t seed; /* per couple and stable (e.g. random, stored with the couple) */
	/* NULL, or deck_count(d) entries indexed like the deck (deck_find gives the
	 * index): 0 when the couple has never answered that prompt together, else
	 * when both had last answered it, as any increasing number (unix time, a
	 * row id). Never cleared once set. */
	const int64_t *done_at;
	const struct pacing_own *own; /* n_own of the couple's own prompts, or NULL */
	size_t n_own;
	/* Per partner (0 and 1): bit L set when that partner asked to open level L
	 * early. A level opens early when both bits are set. */
	unsigned asked_early[2];
	const char *current; /* id of the couple's current prompt, or NULL */
	int current_done;    /* 1 once both partners have answered the current prompt */
};

struct pacing_levels {
	unsigned open;                  /* bit L set when level L is open (bit 1 always) */
	unsigned early;                 /* bit L set when both partners asked to open L early */
	size_t done[DECK_LEVELS + 1];   /* prompts of level L the couple answered together */
	size_t total[DECK_LEVELS + 1];  /* prompts of level L, deck and own */
	size_t needed[DECK_LEVELS + 1]; /* level L-1 prompts still to answer to open L by
	                                 * answering; 0 when L is open */
};

struct pacing_pick {
	const char *id; /* borrowed from the deck or from st->own */
	long index;     /* index in the deck (deck_at), or in st->own when `own` */
	int own;        /* 1 for one of the couple's own prompts */
	int level;
	int repeat; /* 1 when its level was used up and this one comes round again */
	int first;  /* together mode: partner (0 or 1) who answers first; else 0 */
};

struct pacing_together {
	unsigned step;      /* prompts already answered in this session; 0 at the start */
	int start;          /* partner (0 or 1) who answers the session's first prompt */
	unsigned per_level; /* prompts a level before going deeper; 0 for the default */
	/* NULL, or the state with this session's prompts marked done: used to skip
	 * what the session has already shown, never to open a level (a step counts
	 * toward levels only once both partners stand behind it). */
	const struct pacing_state *seen;
};

/* Fills `out` with the open levels and the counts behind them. */
void pacing_levels(const struct deck *d, const struct pacing_state *st, struct pacing_levels *out);

/* 1 when `level` is open in `lv`. */
int pacing_level_open(const struct pacing_levels *lv, int level);

/* The couple's current prompt: st->current while both have not answered it (and
 * it still exists), else the next one as pacing_next. 0 on success, -1 when
 * there is nothing to serve (an empty deck and no own prompts). When the pick
 * differs from st->current the caller stores it as the new current prompt. */
int pacing_current(const struct deck *d, const struct pacing_state *st,
                   struct pacing_pick *out) WARN_UNUSED_RESULT;

/* The prompt after st->current (which is skipped unless it is the only one
 * left). 0 on success, -1 when there is nothing to serve. */
int pacing_next(const struct deck *d, const struct pacing_state *st,
                struct pacing_pick *out) WARN_UNUSED_RESULT;

/* 1 when a partner may pick the prompt `id` (deck or own) while browsing: it
 * exists and its level is open; 0 otherwise. */
int pacing_may_pick(const struct deck *d, const struct pacing_state *st, const char *id);

/* Together mode: the prompt for step t->step of a session on one screen and who
 * answers it first. The caller records each answered prompt in st->done_at (or
 * the own list) before asking for the next step. 0 on success, -1 when there
 * is nothing to serve. */
int pacing_together_next(const struct deck *d, const struct pacing_state *st,
                         const struct pacing_together *t,
                         struct pacing_pick *out) WARN_UNUSED_RESULT;

#endif
