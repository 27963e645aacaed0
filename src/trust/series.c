/* series.c: check-ins lined up by period, charts and the summary (see series.h). */
#include "series.h"

#include "util/i18n.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "agreements/agreement_store.h"
#include "lib/chart.h"
#include "trust/ios.h"
#include "util/timefmt.h"
#include "web/page.h"

static const struct {
	const char *title, *low, *high;
} measures[TREND_MEASURES] = {
    [TREND_CLOSENESS] = {N_("Closeness"), N_("just touching"), N_("almost fully overlapping")},
    [TREND_SATISFACTION] = {N_("Satisfaction"), N_("not satisfied at all"), N_("completely satisfied")},
    [TREND_TRUST] = {N_("Trust"), N_("no trust right now"), N_("complete trust")},
    [TREND_SAFETY] = {N_("Feeling safe to share"), N_("not safe to share"), N_("completely safe")},
};

static const struct {
	const char *href, *label;
} areas[TREND_AREAS] = {
    [TREND_AREA_KNOW] = {"/prompts", "Know each other"},
    [TREND_AREA_DIFFERENCES] = {"/differences", "The difference map"},
    [TREND_AREA_REPAIR] = {"/repairs", "Repair"},
    [TREND_AREA_NEGOTIATE] = {"/negotiations", "Negotiate"},
    [TREND_AREA_CHECKINS] = {"/checkin", "Check in"},
    [TREND_AREA_DREAMS] = {"/dreams", "The dream table"},
    [TREND_AREA_RESOURCES] = {"/resources", "Resources and counselling"},
};

const char *series_low_words(enum trend_measure m)
{
	return _(measures[m].low);
}

const char *series_high_words(enum trend_measure m)
{
	return _(measures[m].high);
}

const char *series_measure_title(enum trend_measure m)
{
	return _(measures[m].title);
}

const char *series_area_href(enum trend_area a)
{
	return (int)a >= 0 && a < TREND_AREAS ? areas[a].href : "/";
}

const char *series_area_label(enum trend_area a)
{
	return (int)a >= 0 && a < TREND_AREAS ? areas[a].label : "duet";
}

int series_load(struct req *r, struct db *db, int64_t couple_id, size_t np, const int64_t ids[2],
                const char *const names[2], int own_first, int weeks, struct series *out)
{
	memset(out, 0, sizeof *out);
	if (checkin_rhythm_get(db, couple_id, &out->rhythm, &r->err) < 0)
		return -1;
	period_at(db_now(), out->rhythm, &out->now);
	if (weeks < 1)
		weeks = SERIES_WEEKS_DEFAULT;
	if (weeks > SERIES_WEEKS_MAX)
		weeks = SERIES_WEEKS_MAX;
	int shown = (weeks + out->rhythm - 1) / out->rhythm; /* periods */
	int64_t shown_from = out->now.week - (int64_t)(shown - 1) * out->rhythm;
	int64_t window_from = out->now.week - (int64_t)(TREND_WINDOW - 1) * out->rhythm;
	int64_t from = shown_from < window_from ? shown_from : window_from;
	/* at most one check-in per person and week, none after this period */
	size_t max = (size_t)(out->now.week - from + out->rhythm);
	out->np = np;
	int64_t first = out->now.week;
	for (size_t i = 0; i < np; i++) {
		struct series_person *p = &out->p[i];
		p->id = ids[i];
		p->name = names[i];
		if (checkin_list(db, &r->arena, p->id, couple_id, own_first && i == 0, from, max,
		                 &p->list, &p->n, &r->err) < 0)
			return -1;
		for (size_t k = 0; k < p->n; k++) {
			int64_t w = period_start_week(p->list[k].week, out->rhythm);
			if (w >= shown_from && w < first)
				first = w;
		}
	}
	out->first_week = first;
	out->periods = (size_t)((out->now.week - first) / out->rhythm) + 1;
	return 0;
}

int series_load_mine(struct req *r, struct db *db, int weeks, struct series *out)
{
	int64_t ids[2] = {r->user->id, r->user->partner_id};
	const char *names[2] = {r->user->name, r->user->partner_name};
	return series_load(r, db, r->user->couple_id, r->user->partner_id ? 2 : 1, ids, names, 1,
	                   weeks, out);
}

int series_values(struct req *r, const struct series *s, size_t i, enum trend_measure m, int **out)
{
	int *v = arena_alloc(&r->arena, s->periods * sizeof *v);
	if (!v)
		return req_fail(r, 500, "no_memory", "out of memory");
	for (size_t k = 0; k < s->periods; k++)
		v[k] = CHART_GAP;
	const struct series_person *p = &s->p[i];
	for (size_t k = 0; k < p->n; k++) { /* oldest first, so the latest wins */
		int64_t w = period_start_week(p->list[k].week, s->rhythm);
		if (w < s->first_week || w > s->now.week)
			continue;
		int val = p->list[k].v[m];
		if (val != CHECKIN_NONE)
			v[(w - s->first_week) / s->rhythm] = val;
	}
	*out = v;
	return 0;
}

/* "3 Mar" for the Monday that starts week w. */
static const char *week_label(struct arena *a, int64_t w)
{
	time_t t = (time_t)period_week_time(w);
	struct tm tm;
	char s[32];
	gmtime_r(&t, &tm);
	snprintf(s, sizeof s, "%d %s", tm.tm_mday, time_month(tm.tm_mon, 1));
	const char *out = arena_strdup(a, s);
	return out ? out : "";
}

static int any_in_view(const struct series *s)
{
	for (size_t i = 0; i < s->np; i++)
		for (size_t k = 0; k < s->p[i].n; k++)
			if (period_start_week(s->p[i].list[k].week, s->rhythm) >= s->first_week)
				return 1;
	return 0;
}

int series_charts(struct req *r, const struct series *s)
{
	if (!any_in_view(s))
		return 0;
	const char **labels = arena_calloc(&r->arena, s->periods, sizeof *labels);
	if (!labels)
		return req_fail(r, 500, "no_memory", "out of memory");
	for (size_t k = 0; k < s->periods; k++)
		labels[k] = week_label(&r->arena, s->first_week + (int64_t)k * s->rhythm);
	for (int m = 0; m < TREND_MEASURES; m++) {
		struct chart_line c = {
		    .title = _(measures[m].title),
		    .low_label = _(measures[m].low),
		    .high_label = _(measures[m].high),
		    .x_caption = s->rhythm == 1 ? "Week starting" : "Period starting",
		    .x_labels = labels,
		    .ymin = trend_measure_min(m),
		    .ymax = trend_measure_max(m),
		    .n = s->periods,
		    .nseries = s->np,
		};
		for (size_t i = 0; i < s->np; i++) {
			int *v;
			if (series_values(r, s, i, m, &v) < 0)
				return -1;
			c.series[i].name = s->p[i].name;
			c.series[i].values = v;
		}
		hf(r, "<figure class=\"chart-box\" id=\"chart-%d\"><figcaption>", m);
		ht(r, _(measures[m].title));
		h(r, "</figcaption>");
		if (chart_line_svg(&r->out, &c) < 0)
			return req_fail(r, 500, "chart", "Could not draw the chart.");
		h(r, "</figure>");
	}
	return 0;
}

struct month_ctx {
	struct series_month *m;
	int64_t starts[SERIES_MONTHS + 1];
};

static void count_mark(void *ctx, int64_t at, const char *status)
{
	struct month_ctx *c = ctx;
	for (int i = SERIES_MONTHS - 1; i >= 0; i--) {
		if (at >= c->starts[i] && at < c->starts[i + 1]) {
			if (!strcmp(status, "kept"))
				c->m[i].kept++;
			else
				c->m[i].missed++;
			return;
		}
	}
}

int series_months(struct req *r, struct db *db, int64_t couple_id, struct series_month *out)
{
	struct month_ctx c = {.m = out};
	time_t now = (time_t)db_now();
	struct tm tm;
	gmtime_r(&now, &tm);
	for (int i = 0; i <= SERIES_MONTHS; i++) {
		struct tm t = {.tm_year = tm.tm_year,
		               .tm_mon = tm.tm_mon - (SERIES_MONTHS - 1) + i,
		               .tm_mday = 1};
		c.starts[i] = (int64_t)timegm(&t);
		if (i == SERIES_MONTHS)
			break;
		char s[32], l[32];
		gmtime_r(&(time_t){(time_t)c.starts[i]}, &t);
		snprintf(s, sizeof s, "%s", time_month(t.tm_mon, 1));
		snprintf(l, sizeof l, "%s", time_month(t.tm_mon, 0));
		out[i].label = arena_strdup(&r->arena, s);
		out[i].long_label = arena_strdup(&r->arena, l);
		out[i].kept = out[i].missed = 0;
		if (!out[i].label || !out[i].long_label)
			return req_fail(r, 500, "no_memory", "out of memory");
	}
	return agreement_marks_since(db, couple_id, c.starts[0], count_mark, &c, &r->err);
}

int series_bars(struct req *r, const struct series_month *m)
{
	struct chart_month cm[SERIES_MONTHS];
	for (int i = 0; i < SERIES_MONTHS; i++)
		cm[i] = (struct chart_month){m[i].label, m[i].kept, m[i].missed};
	h(r, "<figure class=\"chart-box\" id=\"chart-agreements\"><figcaption>Agreements kept and "
	     "missed, by month</figcaption>");
	if (chart_bars_svg(&r->out, _("Agreements kept and missed, by month"), cm, SERIES_MONTHS) < 0)
		return req_fail(r, 500, "chart", "Could not draw the chart.");
	h(r, "</figure>");
	return 0;
}

/* A display name cut to fit trust/trend's limit, at a character boundary. */
static const char *fit_name(struct arena *a, const char *name)
{
	size_t n = strlen(name);
	if (n <= TREND_NAME_MAX)
		return name;
	n = TREND_NAME_MAX;
	while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
		n--;
	const char *s = arena_strndup(a, name, n);
	return s ? s : "";
}

int series_summary(struct req *r, struct db *db, const struct series *s, int64_t couple_id,
                   struct trend_summary *out)
{
	/* this calendar week: after a change to a longer rhythm, weekly check-ins
	 * made earlier in the current period lie after its first week */
	int64_t this_week = period_week(db_now());
	struct trend_input in = {.current_week = (int)this_week, .rhythm_weeks = s->rhythm};
	for (size_t i = 0; i < s->np; i++) {
		const struct series_person *p = &s->p[i];
		struct trend_checkin *t = arena_calloc(&r->arena, p->n ? p->n : 1, sizeof *t);
		if (!t)
			return req_fail(r, 500, "no_memory", "out of memory");
		size_t k = 0;
		for (size_t j = 0; j < p->n; j++) {
			if (p->list[j].week > this_week)
				continue; /* only if the clock went back */
			t[k].week = (int)p->list[j].week;
			memcpy(t[k].v, p->list[j].v, sizeof t[k].v);
			k++;
		}
		in.p[i].name = fit_name(&r->arena, p->name);
		in.p[i].checkins = t;
		in.p[i].n = k;
	}
	struct series_month months[SERIES_MONTHS];
	struct trend_month tm[SERIES_MONTHS];
	if (couple_id) {
		if (series_months(r, db, couple_id, months) < 0)
			return -1;
		for (int i = 0; i < SERIES_MONTHS; i++)
			tm[i] = (struct trend_month){months[i].long_label, months[i].kept,
			                             months[i].missed};
		in.months = tm;
		in.nmonths = SERIES_MONTHS;
	}
	if (trend_summarise(&in, out, &r->err) < 0) {
		r->err.status = 500; /* stored check-ins are always valid input */
		return -1;
	}
	return 0;
}
