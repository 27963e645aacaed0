/* checkin.c: the check-in page and API (see checkin.h). */
#include "checkin.h"

#include "util/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "http/events.h"
#include "trust/ios.h"
#include "series.h"
#include "util/timefmt.h"
#include "web/page.h"

#define IOS_PICTURE_R 18.0

static const char *const fields[TREND_MEASURES] = {"closeness", "satisfaction", "trust", "safety"};

int checkin_is_counsellor(const struct req *r)
{
	return r->user && !strcmp(r->user->kind, "counsellor");
}

static int not_for_counsellors(struct req *r)
{
	return req_fail(r, 409, "counsellor",
	                "Check-ins are for partners; a counsellor account sees a couple's trends "
	                "only when the couple shares them.");
}

json_t *checkin_json(struct req *r, const struct checkin *c, int rhythm, int64_t current_week,
                     int with_words)
{
	json_t *o = json_pack("{s:s,s:b,s:s}", "period_start",
	                      time_day(&r->arena, period_week_time(c->week)), "current",
	                      period_start_week(c->week, rhythm) == current_week, "updated_at",
	                      time_iso(&r->arena, c->updated_at));
	if (!o)
		return NULL;
	for (int i = 0; i < TREND_MEASURES; i++)
		json_object_set_new(o, fields[i],
		                    c->v[i] == CHECKIN_NONE ? json_null() : json_integer(c->v[i]));
	if (with_words)
		json_object_set_new(o, "appreciation",
		                    c->appreciation ? json_string(c->appreciation) : json_null());
	return o;
}

static json_t *period_json(struct req *r, const struct period *p, int rhythm)
{
	return json_pack("{s:s,s:s,s:s}", "start", time_day(&r->arena, p->start), "end",
	                 time_day(&r->arena, p->end - 86400), "rhythm", period_rhythm_name(rhythm));
}

/* Reads and saves the signed-in person's check-in for the current period. */
static int do_save(struct req *r, struct checkin *out, struct period *p, int *rhythm)
{
	if (checkin_is_counsellor(r))
		return not_for_counsellors(r);
	static const char *const labels[TREND_MEASURES] = {"closeness picture", "satisfaction",
	                                                   "trust", "feeling safe to share"};
	int v[TREND_MEASURES], answered = 0;
	for (int i = 0; i < TREND_MEASURES; i++) {
		int64_t n = 0;
		int present = 0;
		if (req_int(r, fields[i], labels[i], trend_measure_min(i), trend_measure_max(i), 0,
		            &n, &present) < 0)
			return -1;
		v[i] = present ? (int)n : CHECKIN_NONE;
		answered += present;
	}
	const char *words = req_text(r, "appreciation", "appreciation", APPRECIATION_MAX, 0);
	if (!words)
		return -1;
	if (!answered)
		return req_fail(
		    r, 400, "empty_checkin",
		    "Answer at least one of the questions; you can skip any of the others.");
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int64_t id = 0;
	int found;
	if (checkin_rhythm_get(db, r->user->couple_id, rhythm, &r->err) < 0)
		goto fail;
	period_at(db_now(), *rhythm, p);
	found = checkin_mine_in(db, &r->arena, r->user->id, r->user->couple_id, p->week,
	                        p->week + *rhythm - 1, out, &r->err);
	if (found < 0)
		goto fail;
	if (found)
		id = out->id;
	if (checkin_save(db, &id, r->user->id, r->user->couple_id, found ? out->week : p->week, v,
	                 words, &r->err) < 0 ||
	    event_emit(r, "checkin", NULL, "/checkin") < 0)
		goto fail;
	if (db_commit(db, &r->err) < 0)
		return -1;
	return checkin_mine_in(db, &r->arena, r->user->id, r->user->couple_id, p->week,
	                       p->week + *rhythm - 1, out, &r->err) == 1
	           ? 0
	           : req_fail(r, 500, "lost", "The check-in was saved but could not be read back.");
fail:
	db_rollback(db);
	return -1;
}

int checkin_api_put(struct req *r)
{
	struct checkin c;
	struct period p;
	int rhythm;
	if (do_save(r, &c, &p, &rhythm) < 0)
		return -1;
	return resp_json(r, 200,
	                 json_pack("{s:o,s:o}", "checkin", checkin_json(r, &c, rhythm, p.week, 1),
	                           "period", period_json(r, &p, rhythm)));
}

static json_t *person_json(struct req *r, const struct series *s, size_t i, int64_t from_week)
{
	const struct series_person *p = &s->p[i];
	json_t *list = json_array();
	for (size_t k = 0; k < p->n; k++)
		if (p->list[k].week >= from_week)
			json_array_append_new(
			    list, checkin_json(r, &p->list[k], s->rhythm, s->now.week, 1));
	return json_pack("{s:I,s:s,s:o}", "id", (json_int_t)p->id, "name", p->name, "checkins",
	                 list);
}

int checkin_api_list(struct req *r)
{
	if (checkin_is_counsellor(r))
		return not_for_counsellors(r);
	int64_t weeks = SERIES_WEEKS_DEFAULT;
	const char *q = req_query(r, "weeks");
	if (q) {
		char *end;
		long long n = strtoll(q, &end, 10);
		if (!*q || *end || n < 1 || n > SERIES_WEEKS_MAX)
			return req_fail(r, 400, "invalid_weeks",
			                "weeks must be a whole number from 1 to %d.",
			                SERIES_WEEKS_MAX);
		weeks = n;
	}
	struct db *db = db_get(&r->err);
	struct series s;
	if (!db || series_load_mine(r, db, (int)weeks, &s) < 0)
		return -1;
	int64_t from = period_start_week(period_week(db_now()) - (weeks - 1), s.rhythm);
	return resp_json(r, 200,
	                 json_pack("{s:I,s:o,s:o,s:o}", "weeks", (json_int_t)weeks, "period",
	                           period_json(r, &s.now, s.rhythm), "mine",
	                           person_json(r, &s, 0, from), "partner",
	                           s.np > 1 ? person_json(r, &s, 1, from) : json_null()));
}

static int do_rhythm(struct req *r, int *weeks)
{
	const char *name = req_text(r, "rhythm", "rhythm", 20, 1);
	if (!name)
		return -1;
	*weeks = period_rhythm_parse(name);
	if (*weeks < 0)
		return req_fail(r, 400, "invalid_rhythm",
		                "The rhythm must be weekly, every_2_weeks or monthly.");
	if (!r->user->couple_id)
		return req_fail(
		    r, 409, "no_couple",
		    "The rhythm belongs to a couple space: make one first, then choose it.");
	struct db *db = db_get(&r->err);
	return db ? checkin_rhythm_set(db, r->user->couple_id, *weeks, r->user->id, &r->err) : -1;
}

int checkin_api_rhythm(struct req *r)
{
	int weeks;
	if (do_rhythm(r, &weeks) < 0)
		return -1;
	return resp_json(r, 200, json_pack("{s:s}", "rhythm", period_rhythm_name(weeks)));
}

/* ---- the page ------------------------------------------------------------ */

static const char *partner_or(struct req *r, const char *fallback)
{
	return r->user->partner_name ? r->user->partner_name : fallback;
}

static void ios_choices(struct req *r, int chosen)
{
	h(r, "<fieldset class=\"ios-choice\" aria-describedby=\"closeness-hint\"><legend>Which "
	     "picture shows how close you feel to ");
	ht(r, partner_or(r, _("your partner")));
	h(r, " these days?</legend><p class=\"hint\" id=\"closeness-hint\">The solid circle is "
	     "you, the dashed one is ");
	ht(r, partner_or(r, _("your partner")));
	h(r, ".</p><div class=\"ios-options\">");
	for (int s = 1; s <= IOS_STEPS; s++) {
		hf(r,
		   "<label class=\"ios-option\"><input type=\"radio\" name=\"closeness\" "
		   "value=\"%d\"%s><span class=\"ios-pic\" aria-hidden=\"true\">",
		   s, s == chosen ? " checked" : "");
		/* a failed append sticks in r->out and is caught when the page is sent */
		(void)!ios_svg(&r->out, s, IOS_PICTURE_R, NULL, NULL);
		hf(r, "</span><span>%d · %s</span></label>", s, ios_words(s));
	}
	h(r, "</div></fieldset>");
}

static void scale(struct req *r, enum trend_measure m, const char *question, int chosen)
{
	const char *name = fields[m];
	hf(r, "<fieldset class=\"scale\" aria-describedby=\"%s-ends\"><legend>", name);
	ht(r, question);
	h(r, "</legend><div class=\"scale-row\">");
	for (int v = 0; v <= 6; v++)
		hf(r,
		   "<label class=\"scale-step\"><input type=\"radio\" name=\"%s\" value=\"%d\"%s>"
		   "<span>%d</span></label>",
		   name, v, v == chosen ? " checked" : "", v);
	hf(r,
	   "</div><p class=\"scale-ends\" id=\"%s-ends\"><span>0: %s</span><span>6: %s</span>"
	   "</p></fieldset>",
	   name, series_low_words(m), series_high_words(m));
}

/* On a form shown again after a mistake, what the person had chosen. */
static void keep_posted(struct req *r, struct checkin *c)
{
	for (int i = 0; i < TREND_MEASURES; i++) {
		const char *v = req_form(r, fields[i]);
		c->v[i] = v && v[0] >= '0' && v[0] <= '7' && !v[1] ? v[0] - '0' : CHECKIN_NONE;
	}
	c->appreciation = req_form(r, "appreciation");
}

static int checkin_view(struct req *r, int status, const char *error)
{
	if (checkin_is_counsellor(r))
		return not_for_counsellors(r);
	struct db *db = db_get(&r->err);
	int rhythm;
	struct period p;
	struct checkin c;
	if (!db || checkin_rhythm_get(db, r->user->couple_id, &rhythm, &r->err) < 0)
		return -1;
	period_at(db_now(), rhythm, &p);
	int found = checkin_mine_in(db, &r->arena, r->user->id, r->user->couple_id, p.week,
	                            p.week + rhythm - 1, &c, &r->err);
	if (found < 0)
		return -1;
	int have = found; /* values to show in the form */
	if (error && r->form) {
		keep_posted(r, &c);
		have = 1;
	}
	const char *when = rhythm == 1 ? _("this week") : _("lately");
	page_begin(r, status, "Check-in", "checkin");
	h(r, "<section class=\"card\"><h1>Check-in</h1><p>");
	if (rhythm == 1)
		h(r, "Your check-in for the week of ");
	else
		h(r, "Your check-in for the period starting ");
	ht(r, time_human(&r->arena, p.start));
	h(r, ". You can change it until ");
	ht(r, time_human(&r->arena, p.end - 86400));
	h(r, ". Skip anything you like; a missed week is simply a gap.</p>");
	if (error)
		page_alert(r, error);
	else if (req_query(r, "saved"))
		h(r,
		  "<p class=\"notice\" role=\"status\">Saved. You can still change it during this "
		  "period.</p>");
	h(r, "<p><a href=\"/trends\">See how it has moved over time</a></p>"
	     "<form method=\"post\" action=\"/checkin\" class=\"checkin\">");
	page_csrf(r);
	ios_choices(r, have ? c.v[TREND_CLOSENESS] : 0);
	scale(r, TREND_SATISFACTION, _("How satisfied are you with your relationship these days?"),
	      have ? c.v[TREND_SATISFACTION] : -1);
	const char *q = arena_printf(&r->arena, _("How much do you trust %s right now?"),
	                             partner_or(r, _("your partner")));
	scale(r, TREND_TRUST, q ? q : _("How much do you trust your partner right now?"),
	      have ? c.v[TREND_TRUST] : -1);
	q = arena_printf(&r->arena,
	                 _("How safe do you feel to share your thoughts and feelings with %s?"),
	                 partner_or(r, _("your partner")));
	scale(r, TREND_SAFETY, q ? q : _("How safe do you feel to share your thoughts and feelings?"),
	      have ? c.v[TREND_SAFETY] : -1);
	q = arena_printf(&r->arena, _("One thing you appreciated about %s %s (optional)"),
	                 partner_or(r, _("your partner")), when);
	const char *hint = r->user->partner_id
	                       ? arena_printf(&r->arena, _("%s sees this as soon as you save."),
	                                      r->user->partner_name)
	                       : _("Your partner will see this once they join.");
	page_textarea(r, "appreciation", q ? q : "One thing you appreciated (optional)",
	              have ? c.appreciation : NULL, hint ? hint : "Your partner sees this.",
	              APPRECIATION_MAX, 0);
	h(r, found ? "<button type=\"submit\">Save changes</button>"
	           : N_("<button type=\"submit\">Save my check-in</button>"));
	h(r, "</form><p class=\"hint\">These questions are our own way of asking, not a test or a "
	     "measurement. ");
	if (r->user->partner_id) {
		ht(r, r->user->partner_name);
		h(r, " sees your numbers as trends and your appreciation as it comes.");
	} else {
		h(r, "Once your partner joins, they see your numbers as trends.");
	}
	h(r, "</p></section>");
	if (r->user->couple_id) {
		h(r, "<section class=\"card\"><h2>How often</h2><form method=\"post\" "
		     "action=\"/checkin/rhythm\">");
		page_csrf(r);
		h(r, "<fieldset class=\"choice\"><legend>Check in</legend>");
		for (int w = 1; w <= 4; w *= 2)
			hf(r,
			   "<label><input type=\"radio\" name=\"rhythm\" value=\"%s\"%s> "
			   "%s</label>",
			   period_rhythm_name(w), w == rhythm ? " checked" : "",
			   w == 1   ? _("Every week")
			   : w == 2 ? _("Every two weeks")
			            : _("Every four weeks"));
		h(r,
		  "</fieldset><p class=\"hint\">This is shared: it changes the rhythm for both of "
		  "you.</p><button type=\"submit\" class=\"secondary\">Save rhythm</button></form>"
		  "</section>");
	}
	h(r, "<section class=\"card\"><h2>Reminders</h2><p>duet can remind you when a check-in "
	     "is open. <a href=\"/reminders\">Choose your reminders</a></p></section>");
	return page_end(r);
}

int checkin_page(struct req *r)
{
	return checkin_view(r, 200, NULL);
}

int checkin_post(struct req *r)
{
	struct checkin c;
	struct period p;
	int rhythm;
	if (do_save(r, &c, &p, &rhythm) < 0)
		return page_retry(r, checkin_view);
	return resp_redirect(r, "/checkin?saved=1");
}

int checkin_post_rhythm(struct req *r)
{
	int weeks;
	if (do_rhythm(r, &weeks) < 0)
		return page_retry(r, checkin_view);
	return resp_redirect(r, "/checkin");
}
