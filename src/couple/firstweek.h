/* firstweek.h: a new couple's first week. For the first days after both
 * partners are in, home offers a few first steps (answer a question, a
 * check-in, rate some differences, a dream on the table), in any order, each
 * marked once done, hidden for good with one tap, and gone by itself after
 * FIRST_WEEK_DAYS or once every step is done. Never a count of days, never a
 * reminder: suggestions, not tasks (DESIGN.md "Voice").
 *
 * Pure: no I/O. The card and its form are in couple.c. */
#ifndef DUET_FIRSTWEEK_H
#define DUET_FIRSTWEEK_H

#include <stdint.h>

#define FIRST_WEEK_DAYS 7

enum first_step { STEP_ANSWER, STEP_CHECKIN, STEP_RATE, STEP_DREAM, FIRST_STEP_COUNT };

/* What home needs to know about one partner (couple_store.c fills it). */
struct first_week {
	int64_t together_since; /* when the second partner joined; 0 when alone */
	int64_t hidden_at;      /* when the person hid the suggestions; 0 never */
	int64_t welcomed_at;    /* the person's first look at home; 0 not yet */
	int done[FIRST_STEP_COUNT];
};

/* 1 when the suggestions are shown at time now. */
int first_week_shown(const struct first_week *w, int64_t now);

/* The step's link and its words (static strings). */
const char *first_step_href(enum first_step s);
const char *first_step_words(enum first_step s);

#endif
