/* together.c: sets, the gentle end and the set timer (see together.h). */
#include "together_set.h"

#include "know/deck.h"
#include "know/pacing.h"

void together_set_at(unsigned step, unsigned n_open, unsigned per_level, struct together_set *out)
{
	unsigned per = per_level ? per_level : PACING_TOGETHER_PER_LEVEL;
	if (n_open == 0)
		n_open = 1; /* level 1 is always open */
	out->size = per;
	out->number = step / per + 1;
	out->position = step % per + 1;
	out->starts = step % per == 0;
	out->full_round = step >= n_open * per;
}

int64_t together_minutes(int64_t since, int64_t now)
{
	return now > since ? (now - since) / 60 : 0;
}

unsigned together_open_count(unsigned open_mask)
{
	unsigned n = 0;
	for (int L = 1; L <= DECK_LEVELS; L++)
		n += (open_mask >> L) & 1u;
	return n;
}
