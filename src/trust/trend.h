/* trend.h: the plain summary of check-ins ("where you seem to be"), by
 * explicit rules over the couple's recent check-ins and agreements. Every rule,
 * its thresholds and how it treats gaps is documented in
 * docs/internals/trend.md; the rule ids below are stable (the web pages and the
 * API may key on them).
 *
 * Each finding says, in a sentence for a person, what it is based on, and
 * suggests one part of duet that might help next. Findings never diagnose:
 * they describe answers ("seems", "might"), use the partners' display names
 * and no pronouns, and treat a missed week as a gap, never a failure.
 * Works with one partner's check-ins only (before the other joins).
 *
 * Pure: no I/O, no allocation, no state. Sentences go into fixed-size fields.
 */
#ifndef DUET_TREND_H
#define DUET_TREND_H

#include <stddef.h>

#include "util/common.h"
#include "util/err.h"

#define TREND_GAP (-1)     /* a measure left unanswered in a check-in */
#define TREND_WINDOW 8     /* the summary looks at the last 8 check-in periods */
#define TREND_NAME_MAX 64  /* longest display name, in bytes */
#define TREND_TEXT_MAX 480 /* a sentence, NUL included */
#define TREND_MAX_FINDINGS 16
#define TREND_MAX_MONTHS 120
#define TREND_MAX_RHYTHM 8 /* longest rhythm, in weeks */

enum trend_measure {
	TREND_CLOSENESS,    /* 1..7, the closeness picture (trust/ios.h) */
	TREND_SATISFACTION, /* 0..6 */
	TREND_TRUST,        /* 0..6 */
	TREND_SAFETY,       /* 0..6, feeling safe to share */
	TREND_MEASURES
};

/* One partner's check-in. `week` counts calendar weeks (any origin); a week
 * without a check-in is simply absent. A check-in whose values are all
 * TREND_GAP counts as a gap too. */
struct trend_checkin {
	int week;
	int v[TREND_MEASURES]; /* each in its range, or TREND_GAP */
};

struct trend_partner {
	const char *name; /* display name, UTF-8, 1..TREND_NAME_MAX bytes; NULL when
	                   * this partner has not joined (then n must be 0) */
	const struct trend_checkin *checkins; /* borrowed; weeks strictly increasing */
	size_t n;
};

/* Agreements kept and missed in one month; months oldest first. */
struct trend_month {
	const char *label; /* e.g. "March", UTF-8 up to TREND_NAME_MAX bytes; NULL
	                    * or "" for "the latest month" */
	int kept, missed;  /* >= 0 */
};

struct trend_input {
	struct trend_partner p[2];
	int current_week;                 /* this week; no check-in may be later */
	int rhythm_weeks;                 /* weeks between check-ins the couple chose; 0 means 1 */
	const struct trend_month *months; /* borrowed, may be NULL when nmonths is 0 */
	size_t nmonths;
};

/* The parts of duet a finding may point to. */
enum trend_area {
	TREND_AREA_KNOW,        /* "Know each other" prompts */
	TREND_AREA_DIFFERENCES, /* the difference map */
	TREND_AREA_REPAIR,
	TREND_AREA_NEGOTIATE,
	TREND_AREA_CHECKINS,
	TREND_AREA_DREAMS,    /* the dream table */
	TREND_AREA_RESOURCES, /* resources and counselling */
	TREND_AREAS
};

struct trend_finding {
	const char *rule;                /* stable id, e.g. "trust_falling"; static text */
	int partner;                     /* 0 or 1 when about one partner, -1 when about both */
	char text[TREND_TEXT_MAX];       /* what seems to be happening, and on what it rests */
	enum trend_area area;            /* the part of duet suggested */
	char suggestion[TREND_TEXT_MAX]; /* why that part might help */
	int counselling; /* 1 only for the counselling rule: link the resources page */
};

struct trend_summary {
	size_t n;
	struct trend_finding f[TREND_MAX_FINDINGS];
};

/* Summarises `in` into `out` (out->n findings, most important first; always at
 * least one). Returns 0, or -1 with `e` set (status 400, code "invalid") when
 * the input breaks the rules above: a value out of range, weeks not strictly
 * increasing or later than current_week, a missing or too long name, and so on.
 * Nothing to free. */
int trend_summarise(const struct trend_input *in, struct trend_summary *out,
                    struct err *e) WARN_UNUSED_RESULT;

/* The stable key of an area ("know", "differences", "repair", "negotiate",
 * "checkins", "dreams", "resources"); NULL when out of range. Static text. */
const char *trend_area_key(enum trend_area a);

/* The smallest and largest value of a measure (closeness 1..7, others 0..6). */
int trend_measure_min(enum trend_measure m);
int trend_measure_max(enum trend_measure m);

#endif
