/* series.h: one couple's (or one person's) check-ins lined up by period, for
 * the trends page, the summary, the counsellor's view and the home page's
 * reminders. Loads through checkin_store, draws through lib/chart, sums up
 * through trust/trend. Everything it allocates comes from the request's arena.
 */
#ifndef DUET_SERIES_H
#define DUET_SERIES_H

#include "checkin_store.h"
#include "trust/period.h"
#include "trust/trend.h"
#include "http/request.h"

#define SERIES_WEEKS_DEFAULT 12
#define SERIES_WEEKS_MAX 520
#define SERIES_MONTHS 6 /* months of agreements the bar chart shows */

struct series_person {
	int64_t id;
	const char *name;
	struct checkin *list; /* oldest first */
	size_t n;
};

struct series {
	int rhythm;         /* weeks per period */
	struct period now;  /* the current period */
	int64_t first_week; /* first period shown in charts */
	size_t periods;     /* periods shown, first_week .. now.week */
	size_t np;          /* 1 (alone so far) or 2 */
	struct series_person p[2];
};

/* Loads the check-ins of np people (ids and names) for the last `weeks` weeks
 * (at least the summary's window) in couple_id. With `own_first`, p[0] is the
 * signed-in person and also gets their check-ins made before they had a couple
 * (couple_id 0 for someone without one); everyone else's come only from the
 * couple. The charts start at the first period with a check-in. */
int series_load(struct req *r, struct db *db, int64_t couple_id, size_t np, const int64_t ids[2],
                const char *const names[2], int own_first, int weeks,
                struct series *out) WARN_UNUSED_RESULT;

/* Loads the signed-in person and their partner (if any): p[0] is the person. */
int series_load_mine(struct req *r, struct db *db, int weeks,
                     struct series *out) WARN_UNUSED_RESULT;

/* The values of measure m for person i, one per shown period (CHART_GAP where
 * there is none; the latest check-in wins when a rhythm change put two in one
 * period). *out from the arena, s->periods long. */
int series_values(struct req *r, const struct series *s, size_t i, enum trend_measure m,
                  int **out) WARN_UNUSED_RESULT;

/* Writes the four line charts (one per measure, both people side by side) as
 * figures into the page; nothing when nobody has checked in in the shown periods. */
int series_charts(struct req *r, const struct series *s) WARN_UNUSED_RESULT;

/* Agreements kept and missed per month, the last SERIES_MONTHS months, oldest
 * first; labels "Mar" (short) and long "March" for sentences. */
struct series_month {
	const char *label, *long_label;
	int kept, missed;
};
int series_months(struct req *r, struct db *db, int64_t couple_id,
                  struct series_month *out) WARN_UNUSED_RESULT;

/* Writes the bar chart of agreements kept and missed per month. */
int series_bars(struct req *r, const struct series_month *m) WARN_UNUSED_RESULT;

/* Sums up s with trust/trend (agreement months included when couple_id is not
 * 0, from the last SERIES_MONTHS months). */
int series_summary(struct req *r, struct db *db, const struct series *s, int64_t couple_id,
                   struct trend_summary *out) WARN_UNUSED_RESULT;

/* Where a suggestion's area lives on the site ("/repairs") and its link text. */
const char *series_area_href(enum trend_area a);
const char *series_area_label(enum trend_area a);

/* The words shown at both ends of a measure's scale ("not at all",
 * "completely") and the measure's name for a person ("Trust"). Static text. */
const char *series_low_words(enum trend_measure m);
const char *series_high_words(enum trend_measure m);
const char *series_measure_title(enum trend_measure m);

#endif
