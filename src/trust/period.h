/* period.h: check-in periods. Time is cut into calendar weeks that start on
 * Monday 00:00 UTC, numbered from Monday 5 January 1970 (week 0). A couple's
 * rhythm is 1, 2 or 4 weeks ("weekly", "every_2_weeks", "monthly"); its
 * periods are runs of that many weeks aligned to week 0, so both partners'
 * periods always coincide and a period never depends on when someone started.
 * A check-in belongs to the period containing the week it was made in, and is
 * stored under that period's first week. See docs/internals/checkins.md.
 * Pure: no I/O, no state.
 */
#ifndef DUET_PERIOD_H
#define DUET_PERIOD_H

#include <stdint.h>

#define PERIOD_EPOCH (4 * 86400) /* Monday 5 January 1970, 00:00 UTC */
#define PERIOD_WEEK 604800
#define PERIOD_RHYTHM_DEFAULT 1

/* The week index of unix time t (floor, so times before the epoch are negative). */
int64_t period_week(int64_t t);

/* Unix time of the Monday 00:00 UTC that starts week w. */
int64_t period_week_time(int64_t w);

/* The first week of the period of `rhythm` weeks (1, 2 or 4) containing week w. */
int64_t period_start_week(int64_t w, int rhythm);

/* The period containing time t: its first week and the unix times of its start
 * and of its end (exclusive: the next period's start). */
struct period {
	int64_t week;
	int64_t start, end;
};
void period_at(int64_t t, int rhythm, struct period *out);

/* The rhythm in weeks for an API name ("weekly" 1, "every_2_weeks" 2,
 * "monthly" 4); -1 for anything else (NULL included). */
int period_rhythm_parse(const char *name);

/* The API name of a rhythm (1, 2 or 4); NULL for any other number. Static text. */
const char *period_rhythm_name(int rhythm);

/* Words for a person ("every week", "every two weeks", "every four weeks");
 * NULL for any other number. Static text. */
const char *period_rhythm_words(int rhythm);

#endif
