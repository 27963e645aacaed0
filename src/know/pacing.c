/* pacing.c: level opening, the current and next prompt, and together mode
 * (rules in pacing.h). Every call surveys the deck and the own prompts once,
 * keeping per level the best fresh prompt and the least recently answered one;
 * a deck of a few hundred prompts costs a few microseconds and no allocation.
 */
#include "pacing.h"

#include <assert.h>
#include <string.h>

/* One candidate prompt as the survey sees it. */
struct cand {
	const char *id;
	long index;
	int own;
	int level;
	int64_t done_at;
	uint64_t rank; /* the couple's shuffle: smaller comes first */
};

/* Per level: the first fresh prompt in shuffle order, the least recently
 * answered one, and the skipped prompt as a last resort. */
struct survey {
	struct cand fresh[DECK_LEVELS + 1];
	struct cand oldest[DECK_LEVELS + 1];
	struct cand held[DECK_LEVELS + 1];
	int has_fresh[DECK_LEVELS + 1];
	int has_oldest[DECK_LEVELS + 1];
	int has_held[DECK_LEVELS + 1];
};

static uint64_t mix64(uint64_t x)
{
	/* splitmix64's finaliser: every input bit moves every output bit. */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* A prompt's place in the couple's shuffle, from its id's hash and the seed
 * already passed through mix64. */
static uint64_t rank_of(uint64_t seed_mixed, uint64_t id_hash)
{
	return mix64(id_hash ^ seed_mixed);
}

/* 1 when a comes before b in the shuffle. */
static int before(const struct cand *a, const struct cand *b)
{
	if (a->rank != b->rank)
		return a->rank < b->rank;
	return strcmp(a->id, b->id) < 0;
}

/* 1 when a was answered longer ago than b (shuffle order breaks ties). */
static int older(const struct cand *a, const struct cand *b)
{
	if (a->done_at != b->done_at)
		return a->done_at < b->done_at;
	return before(a, b);
}

static void consider(struct survey *sv, const struct cand *c, int skip)
{
	int L = c->level;
	if (skip) {
		sv->held[L] = *c;
		sv->has_held[L] = 1;
	} else if (c->done_at == 0) {
		if (!sv->has_fresh[L] || before(c, &sv->fresh[L]))
			sv->fresh[L] = *c;
		sv->has_fresh[L] = 1;
	} else {
		if (!sv->has_oldest[L] || older(c, &sv->oldest[L]))
			sv->oldest[L] = *c;
		sv->has_oldest[L] = 1;
	}
}

/* Surveys every prompt, skipping `skip` (an id or NULL) unless it is all a
 * level has left. */
static void survey(const struct deck *d, const struct pacing_state *st, const char *skip,
                   struct survey *sv)
{
	memset(sv, 0, sizeof *sv);
	uint64_t seed = mix64(st->seed);
	size_t n = deck_count(d);
	long skip_at = skip ? deck_find(d, skip) : -1;
	for (size_t i = 0; i < n; i++) {
		const struct deck_prompt *p = deck_at(d, i);
		struct cand c = {p->id,
		                 (long)i,
		                 0,
		                 p->level,
		                 st->done_at ? st->done_at[i] : 0,
		                 rank_of(seed, p->id_hash)};
		consider(sv, &c, (long)i == skip_at);
	}
	for (size_t i = 0; i < st->n_own; i++) {
		const struct pacing_own *o = &st->own[i];
		if (o->level < 1 || o->level > DECK_LEVELS || !o->id)
			continue;
		struct cand c = {o->id,    (long)i,    1,
		                 o->level, o->done_at, rank_of(seed, deck_id_hash(o->id))};
		consider(sv, &c, skip && !strcmp(o->id, skip));
	}
}

void pacing_levels(const struct deck *d, const struct pacing_state *st, struct pacing_levels *out)
{
	memset(out, 0, sizeof *out);
	size_t n = deck_count(d);
	for (size_t i = 0; i < n; i++) {
		int L = deck_at(d, i)->level;
		out->total[L]++;
		if (st->done_at && st->done_at[i])
			out->done[L]++;
	}
	for (size_t i = 0; i < st->n_own; i++) {
		int L = st->own[i].level;
		if (L < 1 || L > DECK_LEVELS || !st->own[i].id)
			continue;
		out->total[L]++;
		if (st->own[i].done_at)
			out->done[L]++;
	}
	unsigned levels_mask = ((1u << (DECK_LEVELS + 1)) - 1) & ~3u; /* bits 2..DECK_LEVELS */
	out->early = st->asked_early[0] & st->asked_early[1] & levels_mask;
	out->open = 1u << 1;
	for (int L = 2; L <= DECK_LEVELS; L++) {
		/* A level with fewer deck prompts than the threshold opens the next
		 * once they are all answered; own prompts cannot move that goal. */
		size_t goal = deck_count_level(d, L - 1);
		if (goal > PACING_OPEN_AFTER)
			goal = PACING_OPEN_AFTER;
		int by_answers = (out->open & (1u << (L - 1))) && out->done[L - 1] >= goal;
		int by_agreement = (out->early >> L) != 0; /* L or a deeper level */
		if (by_answers || by_agreement)
			out->open |= 1u << L;
		else
			out->needed[L] = goal > out->done[L - 1] ? goal - out->done[L - 1] : 0;
	}
}

int pacing_level_open(const struct pacing_levels *lv, int level)
{
	return level >= 1 && level <= DECK_LEVELS && (lv->open & (1u << level));
}

static void pick_from(const struct cand *c, int repeat, struct pacing_pick *out)
{
	out->id = c->id;
	out->index = c->index;
	out->own = c->own;
	out->level = c->level;
	out->repeat = repeat;
	out->first = 0;
}

/* The best prompt of level L: fresh first, then the least recently answered,
 * then the skipped one. 0, or -1 when the level has none. */
static int best_of_level(const struct survey *sv, int L, struct pacing_pick *out)
{
	if (sv->has_fresh[L])
		pick_from(&sv->fresh[L], 0, out);
	else if (sv->has_oldest[L])
		pick_from(&sv->oldest[L], 1, out);
	else if (sv->has_held[L])
		pick_from(&sv->held[L], sv->held[L].done_at != 0, out);
	else
		return -1;
	return 0;
}

int pacing_next(const struct deck *d, const struct pacing_state *st, struct pacing_pick *out)
{
	struct pacing_levels lv;
	struct survey sv;
	pacing_levels(d, st, &lv);
	survey(d, st, st->current, &sv);
	for (int L = DECK_LEVELS; L >= 1; L--) {
		if (pacing_level_open(&lv, L) && sv.has_fresh[L]) {
			pick_from(&sv.fresh[L], 0, out);
			return 0;
		}
	}
	/* Every open level is used up: the deepest comes round again. */
	for (int L = DECK_LEVELS; L >= 1; L--)
		if (pacing_level_open(&lv, L) && best_of_level(&sv, L, out) == 0)
			return 0;
	return -1;
}

/* Finds `id` among the deck and own prompts; 0 and a pick, or -1. */
static int lookup(const struct deck *d, const struct pacing_state *st, const char *id,
                  struct pacing_pick *out)
{
	long i = deck_find(d, id);
	if (i >= 0) {
		const struct deck_prompt *p = deck_at(d, (size_t)i);
		struct cand c = {p->id, i, 0, p->level, st->done_at ? st->done_at[i] : 0, 0};
		pick_from(&c, 0, out);
		return 0;
	}
	for (size_t k = 0; k < st->n_own; k++) {
		const struct pacing_own *o = &st->own[k];
		if (o->id && !strcmp(o->id, id) && o->level >= 1 && o->level <= DECK_LEVELS) {
			struct cand c = {o->id, (long)k, 1, o->level, o->done_at, 0};
			pick_from(&c, 0, out);
			return 0;
		}
	}
	return -1;
}

int pacing_current(const struct deck *d, const struct pacing_state *st, struct pacing_pick *out)
{
	if (st->current && !st->current_done && lookup(d, st, st->current, out) == 0)
		return 0;
	return pacing_next(d, st, out);
}

int pacing_may_pick(const struct deck *d, const struct pacing_state *st, const char *id)
{
	struct pacing_pick p;
	if (!id || lookup(d, st, id, &p) < 0)
		return 0;
	struct pacing_levels lv;
	pacing_levels(d, st, &lv);
	return pacing_level_open(&lv, p.level);
}

int pacing_together_next(const struct deck *d, const struct pacing_state *st,
                         const struct pacing_together *t, struct pacing_pick *out)
{
	assert(t->start == 0 || t->start == 1);
	struct pacing_levels lv;
	struct survey sv;
	pacing_levels(d, st, &lv);
	survey(d, t->seen ? t->seen : st, NULL, &sv);
	int open[DECK_LEVELS], n_open = 0;
	for (int L = 1; L <= DECK_LEVELS; L++)
		if (pacing_level_open(&lv, L))
			open[n_open++] = L;
	unsigned per = t->per_level ? t->per_level : PACING_TOGETHER_PER_LEVEL;
	unsigned at = t->step / per;
	int k = at < (unsigned)n_open ? (int)at : n_open - 1;
	/* The level for this step; if it is empty, the nearest deeper one, then lighter. */
	int rc = -1;
	for (int j = k; rc < 0 && j < n_open; j++)
		rc = best_of_level(&sv, open[j], out);
	for (int j = k - 1; rc < 0 && j >= 0; j--)
		rc = best_of_level(&sv, open[j], out);
	if (rc < 0)
		return -1;
	out->first = (int)((t->step + (unsigned)t->start) & 1u);
	return 0;
}
