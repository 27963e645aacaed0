/* trends.c: the trends page and the summary API (see trends.h). */
#include "trends.h"

#include "util/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "checkin.h"
#include "notice/notice.h"
#include "series.h"
#include "util/timefmt.h"
#include "web/page.h"

/* ?weeks=N for the page: 12 when absent or not a number from 1 to 520. */
static int weeks_asked(struct req *r)
{
	const char *q = req_query(r, "weeks");
	char *end;
	long n = q ? strtol(q, &end, 10) : 0;
	if (!q || !*q || *end || n < 1 || n > SERIES_WEEKS_MAX)
		return SERIES_WEEKS_DEFAULT;
	return (int)n;
}

static const char *about(const struct trend_finding *f)
{
	return f->partner < 0 ? "both" : f->partner == 0 ? "me" : "partner";
}

int trends_api_summary(struct req *r)
{
	if (checkin_is_counsellor(r))
		return req_fail(
		    r, 409, "counsellor",
		    "The summary is for partners; a counsellor sees what a couple shares.");
	struct db *db = db_get(&r->err);
	struct series s;
	struct trend_summary sum;
	if (!db || series_load_mine(r, db, SERIES_WEEKS_DEFAULT, &s) < 0 ||
	    series_summary(r, db, &s, r->user->partner_id ? r->user->couple_id : 0, &sum) < 0)
		return -1;
	json_t *list = json_array();
	for (size_t i = 0; i < sum.n; i++) {
		const struct trend_finding *f = &sum.f[i];
		json_array_append_new(
		    list, json_pack("{s:s,s:s,s:s,s:{s:s,s:s,s:s,s:s},s:b}", "rule", f->rule,
		                    "about", about(f), "text", f->text, "suggestion", "area",
		                    trend_area_key(f->area), "href", series_area_href(f->area),
		                    "label", series_area_label(f->area), "text", f->suggestion,
		                    "counselling", f->counselling));
	}
	return resp_json(r, 200,
	                 json_pack("{s:{s:i,s:s},s:o}", "based_on", "weeks",
	                           TREND_WINDOW * s.rhythm, "rhythm", period_rhythm_name(s.rhythm),
	                           "findings", list));
}

static void summary_html(struct req *r, const struct trend_summary *sum)
{
	h(r, "<section class=\"card\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Where you "
	     "seem to be</h2><p class=\"hint\">A few plain sentences from your recent check-ins, "
	     "each saying what it rests on. They describe answers; they are not a judgement.</p>"
	     "<ul class=\"items findings\">");
	for (size_t i = 0; i < sum->n; i++) {
		const struct trend_finding *f = &sum->f[i];
		h(r, "<li class=\"item\"><p class=\"item-text\">");
		ht(r, f->text);
		h(r, "</p><p class=\"hint\">");
		ht(r, f->suggestion);
		h(r, " <a href=\"");
		ht(r, series_area_href(f->area));
		h(r, "\">");
		ht(r, series_area_label(f->area));
		h(r, "</a></p></li>");
	}
	h(r, "</ul></section>");
}

struct words {
	const struct series_person *who;
	const struct checkin *c;
};

static int newest_first(const void *a, const void *b)
{
	const struct words *x = a, *y = b;
	if (x->c->week != y->c->week)
		return x->c->week < y->c->week ? 1 : -1;
	return x->c->updated_at < y->c->updated_at ? 1 : -1;
}

static int appreciations_html(struct req *r, const struct series *s)
{
	size_t total = 0;
	for (size_t i = 0; i < s->np; i++)
		total += s->p[i].n;
	struct words *w = arena_calloc(&r->arena, total ? total : 1, sizeof *w);
	if (!w)
		return req_fail(r, 500, "no_memory", "out of memory");
	size_t n = 0;
	for (size_t i = 0; i < s->np; i++)
		for (size_t k = 0; k < s->p[i].n; k++)
			if (s->p[i].list[k].appreciation && s->p[i].list[k].week >= s->first_week)
				w[n++] = (struct words){&s->p[i], &s->p[i].list[k]};
	qsort(w, n, sizeof *w, newest_first);
	h(r, "<section class=\"card\" aria-labelledby=\"thanks-h\"><h2 id=\"thanks-h\">"
	     "Appreciations</h2>");
	if (!n) {
		h(r, "<p class=\"muted\">None yet. Each check-in has room for one thing you "
		     "appreciated about each other.</p></section>");
		return 0;
	}
	h(r, "<ul class=\"items appreciations\">");
	for (size_t i = 0; i < n; i++) {
		h(r, "<li class=\"item\"><p class=\"item-text\">");
		ht(r, w[i].c->appreciation);
		h(r, "</p><p class=\"hint\">");
		if (w[i].who == &s->p[0]) {
			h(r, "You, about ");
			ht(r, s->np > 1 ? s->p[1].name : "your partner");
		} else {
			ht(r, w[i].who->name);
			h(r, ", about you");
		}
		h(r, " · week of ");
		ht(r, time_human(&r->arena, period_week_time(w[i].c->week)));
		h(r, "</p></li>");
	}
	h(r, "</ul></section>");
	return 0;
}

int trends_page(struct req *r)
{
	if (checkin_is_counsellor(r))
		return resp_redirect(r, "/counsellor");
	int weeks = weeks_asked(r);
	struct db *db = db_get(&r->err);
	struct series s;
	struct trend_summary sum;
	int64_t couple = r->user->partner_id ? r->user->couple_id : 0;
	if (!db || series_load_mine(r, db, weeks, &s) < 0 ||
	    series_summary(r, db, &s, couple, &sum) < 0)
		return -1;
	/* the partner's appreciations are shown below: no longer news */
	if (couple && notice_mark_appreciations(r, db) < 0)
		return -1;
	page_begin(r, 200, "Trust and closeness", "checkin");
	h(r, "<section class=\"card\"><h1>Trust and closeness</h1><p>How your check-ins have "
	     "moved");
	if (s.np > 1) {
		h(r, ", yours and ");
		ht(r, s.p[1].name);
		h(r, "'s side by side");
	}
	h(r, ". A missed week is simply a gap.</p><p><a class=\"button\" href=\"/checkin\">Check "
	     "in</a></p></section>");
	summary_html(r, &sum);
	h(r, "<section class=\"card\" aria-labelledby=\"time-h\"><h2 id=\"time-h\">Over time</h2>");
	hf(r, "<p class=\"hint\">Showing the last %d weeks. ", weeks);
	h(r, weeks == 52 ? "<a href=\"/trends\">Show 12 weeks</a>"
	                 : N_("<a href=\"/trends?weeks=52\">Show a year</a>"));
	h(r, "</p>");
	size_t before = r->out.len;
	if (series_charts(r, &s) < 0)
		return -1;
	if (r->out.len == before)
		h(r, "<p class=\"muted\">No check-ins in this time yet. The first one starts the "
		     "picture: <a href=\"/checkin\">check in</a>.</p>");
	h(r, "</section>");
	if (couple) {
		struct series_month months[SERIES_MONTHS];
		h(r, "<section class=\"card\" aria-labelledby=\"agree-h\"><h2 id=\"agree-h\">"
		     "Agreements</h2>");
		if (series_months(r, db, couple, months) < 0 || series_bars(r, months) < 0)
			return -1;
		h(r, "<p class=\"hint\">From the marks on your <a "
		     "href=\"/agreements\">agreements</a>. "
		     "A missed one is a reason to talk, not a failure.</p></section>");
	}
	if (appreciations_html(r, &s) < 0)
		return -1;
	h(r, "<section class=\"card\"><h2>More help</h2><p><a href=\"/resources\">Reading and "
	     "counselling</a>");
	if (s.np > 1)
		h(r, " · <a href=\"/counsellor\">Share with your counsellor</a>");
	h(r, "</p></section>");
	return page_end(r);
}
