/* firstweek.c: the rule and the words of a new couple's first week (see
 * firstweek.h). */
#include "firstweek.h"

#ifndef N_
#define N_(s) s /* marks words for po/duet.pot (util/i18n.h) */
#endif

static const struct {
	const char *href;
	const char *words;
} steps[FIRST_STEP_COUNT] = {
	[STEP_ANSWER] = { "/know", N_("Answer your first question; you see each other's answer "
	                              "once you have both written one") },
	[STEP_CHECKIN] = { "/checkin", N_("A first check-in: how close you feel this week, as two "
	                                  "circles") },
	[STEP_RATE] = { "/differences", N_("Rate a few things you love or could do without, and see "
	                                   "where you differ") },
	[STEP_DREAM] = { "/dreams/new", N_("Put an idea or a dream on the dream table") },
};

int first_week_shown(const struct first_week *w, int64_t now)
{
	if (!w->together_since || w->hidden_at || now - w->together_since > FIRST_WEEK_DAYS * 86400)
		return 0;
	for (int s = 0; s < FIRST_STEP_COUNT; s++)
		if (!w->done[s])
			return 1;
	return 0;
}

const char *first_step_href(enum first_step s)
{
	return s < FIRST_STEP_COUNT ? steps[s].href : "/";
}

const char *first_step_words(enum first_step s)
{
	return s < FIRST_STEP_COUNT ? steps[s].words : "";
}
