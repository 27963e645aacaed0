/* counsellor.c: the counsellor's side: entering a couple's code, the list of
 * couples with a small trend each, and opening what a couple shares. The one
 * access check for everything a counsellor opens is open_scope() below. */
#include "counsel.h"
#include "crypto/recovery.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "http/events.h"
#include "lib/chart.h"
#include "web/area.h"
#include "trust/series.h"
#include "util/timefmt.h"
#include "web/page.h"

#define COUPLES_MAX 500
#define SPARK_WEEKS 8

static int only_counsellors(struct req *r)
{
	if (strcmp(r->user->kind, "counsellor"))
		return req_fail(
		    r, 403, "not_counsellor",
		    "This is for counsellor accounts. A couple invites their counsellor "
		    "from their own Counsellor page.");
	return 0;
}

/* A couple as its counsellor sees it. */
struct seen {
	struct counsel_link link;
	struct share_couple c;
	struct scope_consent consent;
};

static int load_seen(struct req *r, struct db *db, const struct counsel_link *l, struct seen *s)
{
	struct counsel_approval ap[2];
	s->link = *l;
	s->c.id = l->couple_id;
	if (counsel_members(db, &r->arena, l->couple_id, s->c.ids, s->c.names, &s->c.n, &r->err) <
	    0)
		return -1;
	return counsel_consent(r, db, l, s->c.ids, s->c.n, ap, &s->consent);
}

static const char *names_text(struct req *r, const struct share_couple *c)
{
	const char *s = c->n == 2   ? arena_printf(&r->arena, "%s & %s", c->names[0], c->names[1])
	                : c->n == 1 ? c->names[0]
	                            : "A couple";
	return s ? s : "A couple";
}

/* Loads the live link between the signed-in counsellor and couple_id; 404
 * when there is none. */
static int find_couple(struct req *r, struct db *db, int64_t couple_id, struct seen *s)
{
	struct counsel_link l;
	int found =
	    couple_id > 0 ? counsel_link_of(db, &r->arena, couple_id, r->user->id, &l, &r->err) : 0;
	if (found < 0)
		return -1;
	if (!found)
		return req_fail(r, 404, "not_found", "No couple here shares anything with you.");
	return load_seen(r, db, &l, s);
}

/* THE access check: the counsellor may open scope `name` of couple_id only if
 * the couple invited them, both partners approved, and both chose that scope.
 * Each opening is logged (and committed) before anything is shown. */
static int open_scope(struct req *r, struct db *db, int64_t couple_id, const char *name,
                      struct seen *s, unsigned *bit)
{
	if (only_counsellors(r) < 0)
		return -1;
	*bit = scope_bit(name);
	if (!*bit)
		return req_fail(
		    r, 404, "unknown_scope",
		    "There is no such part to share. Prompt answers and journal entries "
		    "are never shared.");
	if (find_couple(r, db, couple_id, s) < 0)
		return -1;
	if (!scope_shared(&s->consent))
		return req_fail(r, 403, "not_approved",
		                "%s have not both approved sharing with you yet.",
		                names_text(r, &s->c));
	if (!scope_allows(&s->consent, *bit))
		return req_fail(r, 403, "not_shared", "%s have not chosen to share this with you.",
		                names_text(r, &s->c));
	return counsel_log_add(db, couple_id, s->link.id, r->user->id, r->user->name, name,
	                       &r->err);
}

/* ---- entering a code -------------------------------------------------------- */

static int do_accept(struct req *r, const char *code, struct seen *s)
{
	char hex[65];
	struct counsel_link l;
	if (only_counsellors(r) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int found = code_fingerprint(code, hex) == 0
	                ? counsel_link_by_code(db, &r->arena, hex, &l, &r->err)
	                : 0;
	sodium_memzero(hex, sizeof hex);
	if (found < 0)
		goto fail;
	if (!found) {
		req_fail(r, 404, "invite_not_found",
		         "That code doesn't match any invitation. Check it for typos, or ask the "
		         "couple for a new one.");
		goto fail;
	}
	if (l.ended_at) {
		req_fail(
		    r, 410, "invite_ended",
		    "That invitation was withdrawn or replaced. Ask the couple for a new code.");
		goto fail;
	}
	if (l.counsellor_id && l.counsellor_id != r->user->id) {
		req_fail(r, 410, "invite_used",
		         "That code has already been used. Ask the couple for a new one.");
		goto fail;
	}
	if (!l.counsellor_id && l.expires_at <= db_now()) {
		req_fail(
		    r, 410, "invite_expired",
		    "That code has expired (codes last %d days). Ask the couple for a new one.",
		    COUNSEL_INVITE_DAYS);
		goto fail;
	}
	if (!l.counsellor_id &&
	    (counsel_link_join(db, l.couple_id, l.id, r->user->id, &r->err) < 0 ||
	     event_emit_couple(r, l.couple_id, "counsellor", NULL, "/counsellor") < 0))
		goto fail;
	if (db_commit(db, &r->err) < 0)
		return -1;
	return find_couple(r, db, l.couple_id, s);
fail:
	db_rollback(db);
	return -1;
}

static json_t *names_json(const struct share_couple *c)
{
	json_t *a = json_array();
	for (size_t i = 0; i < c->n; i++)
		json_array_append_new(a, json_string(c->names[i]));
	return a;
}

int counsellor_api_accept(struct req *r)
{
	struct seen s;
	const char *code = req_text(r, "code", "code", 80, 1);
	if (!code || do_accept(r, code, &s) < 0)
		return -1;
	return resp_json(r, 200,
	                 json_pack("{s:{s:I,s:o},s:s}", "couple", "id", (json_int_t)s.c.id, "names",
	                           names_json(&s.c), "status",
	                           scope_shared(&s.consent) ? "active" : "waiting"));
}

/* ---- the list of couples ---------------------------------------------------- */

/* The closeness of each partner over the last weeks, for the small trend. Logs
 * an "overview" opening, since it shows check-in data. 0 and *out NULL when
 * check-ins are not shared. */
static int small_trend(struct req *r, struct db *db, const struct seen *s, struct series *out,
                       int *shown)
{
	*shown = 0;
	if (!scope_allows(&s->consent, SCOPE_CHECKINS))
		return 0;
	if (counsel_log_add(db, s->c.id, s->link.id, r->user->id, r->user->name, "overview",
	                    &r->err) < 0 ||
	    series_load(r, db, s->c.id, s->c.n, s->c.ids, s->c.names, 0, SPARK_WEEKS, out) < 0)
		return -1;
	*shown = 1;
	return 0;
}

static int load_couples(struct req *r, struct db *db, struct seen **out, size_t *n)
{
	struct counsel_link *links;
	if (counsel_links_of_counsellor(db, &r->arena, r->user->id, COUPLES_MAX, &links, n,
	                                &r->err) < 0)
		return -1;
	*out = arena_calloc(&r->arena, *n ? *n : 1, sizeof **out);
	if (!*out)
		return req_fail(r, 500, "no_memory", "out of memory");
	for (size_t i = 0; i < *n; i++)
		if (load_seen(r, db, &links[i], &(*out)[i]) < 0)
			return -1;
	return 0;
}

int counsel_event_watches(struct req *r, struct db *db, struct events_watch *out, size_t max,
                          size_t *n)
{
	struct seen *list;
	size_t k = 0;
	*n = 0;
	if (strcmp(r->user->kind, "counsellor"))
		return 0;
	if (load_couples(r, db, &list, &k) < 0)
		return -1;
	for (size_t i = 0; i < k && *n < max; i++) {
		struct events_watch *w = &out[(*n)++];
		w->couple_id = list[i].c.id;
		w->bits = scope_shared(&list[i].consent) | EVENTS_REWATCH;
		snprintf(w->url, sizeof w->url, "/counsellor/couples/%lld", (long long)w->couple_id);
	}
	return 0;
}

unsigned counsel_event_bits(const char *kind)
{
	return !strcmp(kind, "counsellor") ? EVENTS_REWATCH : area_event_scopes(kind) & SCOPE_ALL;
}

int counsellor_api_couples(struct req *r)
{
	struct db *db;
	struct seen *list;
	size_t n;
	if (only_counsellors(r) < 0 || !(db = db_get(&r->err)) ||
	    load_couples(r, db, &list, &n) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct seen *s = &list[i];
		struct series ser;
		int shown;
		if (small_trend(r, db, s, &ser, &shown) < 0) {
			json_decref(arr);
			return -1;
		}
		json_t *trend = json_null();
		if (shown) {
			json_t *people = json_array();
			for (size_t p = 0; p < ser.np; p++) {
				int *v;
				if (series_values(r, &ser, p, TREND_CLOSENESS, &v) < 0) {
					json_decref(people);
					json_decref(arr);
					return -1;
				}
				json_t *vals = json_array();
				for (size_t k = 0; k < ser.periods; k++)
					json_array_append_new(vals, v[k] == CHART_GAP
					                                ? json_null()
					                                : json_integer(v[k]));
				json_array_append_new(
				    people,
				    json_pack("{s:s,s:o}", "name", ser.p[p].name, "values", vals));
			}
			trend = json_pack("{s:s,s:s,s:o}", "measure", "closeness", "from",
			                  time_day(&r->arena, period_week_time(ser.first_week)),
			                  "people", people);
		}
		unsigned shared = scope_shared(&s->consent);
		json_array_append_new(
		    arr, json_pack("{s:I,s:o,s:s,s:o,s:o,s:o}", "id", (json_int_t)s->c.id, "names",
		                   names_json(&s->c), "status", shared ? "active" : "waiting",
		                   "shared", counsel_scopes_json(shared), "since",
		                   s->link.active_at
		                       ? json_string(time_iso(&r->arena, s->link.active_at))
		                       : json_null(),
		                   "trend", trend));
	}
	return resp_json(r, 200, json_pack("{s:o}", "couples", arr));
}

/* ---- opening a scope ---------------------------------------------------------- */

int counsellor_api_scope(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct seen s;
	unsigned bit;
	if (!db || open_scope(r, db, req_param_id(r, 0), r->params[1], &s, &bit) < 0)
		return -1;
	share_fn fn = area_share_for(bit);
	json_t *data = NULL;
	if (fn && fn(r, db, &s.c, &data) < 0)
		return -1;
	return resp_json(r, 200,
	                 json_pack("{s:s,s:{s:I,s:o},s:o,s:s*}", "scope", scope_name(bit), "couple",
	                           "id", (json_int_t)s.c.id, "names", names_json(&s.c), "data",
	                           data ? data : json_null(), "message",
	                           fn ? NULL
	                              : "Nothing shared yet: this part of duet has nothing to "
	                                "show a counsellor so far."));
}

/* ---- pages -------------------------------------------------------------------- */

static int spark_html(struct req *r, const struct series *ser)
{
	for (size_t p = 0; p < ser->np; p++) {
		int *v;
		if (series_values(r, ser, p, TREND_CLOSENESS, &v) < 0)
			return -1;
		const char *title = arena_printf(&r->arena, "Closeness of %s, last %d weeks",
		                                 ser->p[p].name, SPARK_WEEKS);
		h(r, "<span class=\"spark\">");
		ht(r, ser->p[p].name);
		h(r, " ");
		if (chart_sparkline_svg(&r->out, title ? title : "Closeness", v, ser->periods, 1,
		                        7) < 0)
			return req_fail(r, 500, "chart", "Could not draw the chart.");
		h(r, "</span>");
	}
	return 0;
}

static int dashboard_view(struct req *r, int status, const char *error)
{
	struct db *db = db_get(&r->err);
	struct seen *list;
	size_t n;
	if (!db || load_couples(r, db, &list, &n) < 0)
		return -1;
	page_begin(r, status, "Your couples", "counsellor");
	h(r, "<section class=\"card\"><h1>Your couples</h1><p>Couples who invited you, with only "
	     "what both partners chose to share. Each couple sees a list of what you open.</p>");
	if (error)
		page_alert(r, error);
	h(r, "<form method=\"post\" action=\"/counsellor/accept\">");
	page_csrf(r);
	page_field(r, "code", "A couple's invitation code", "text", NULL, "off",
	           "The couple makes it on their Counsellor page and gives it to you.");
	h(r, "<button type=\"submit\">Enter code</button></form></section>");
	h(r, "<section class=\"card\" aria-labelledby=\"couples-h\"><h2 id=\"couples-h\">Couples"
	     "</h2>");
	if (!n)
		h(r,
		  "<p class=\"muted\">No couples yet. When a couple invites you, enter their code "
		  "above.</p>");
	else
		h(r, "<ul class=\"items couples\">");
	for (size_t i = 0; i < n; i++) {
		const struct seen *s = &list[i];
		unsigned shared = scope_shared(&s->consent);
		hf(r,
		   "<li class=\"item\"><p class=\"item-text\"><a "
		   "href=\"/counsellor/couples/%lld\">",
		   (long long)s->c.id);
		ht(r, names_text(r, &s->c));
		h(r, "</a></p><p class=\"hint\">");
		if (shared) {
			h(r, "Sharing: ");
			counsel_scopes_text(r, shared);
		} else {
			h(r, "Waiting for both partners to approve.");
		}
		h(r, "</p>");
		struct series ser;
		int shown;
		if (small_trend(r, db, s, &ser, &shown) < 0)
			return -1;
		if (shown) {
			h(r, "<p class=\"sparks\">");
			if (spark_html(r, &ser) < 0)
				return -1;
			h(r, "</p>");
		}
		h(r, "</li>");
	}
	if (n)
		h(r, "</ul>");
	h(r, "</section>");
	return page_end(r);
}

int counsellor_dashboard(struct req *r)
{
	return dashboard_view(r, 200, NULL);
}

int counsellor_post_accept(struct req *r)
{
	struct seen s;
	if (only_counsellors(r) < 0)
		return -1;
	const char *code = req_text(r, "code", "code", 80, 1);
	if (!code || do_accept(r, code, &s) < 0)
		return page_retry(r, dashboard_view);
	char *loc = arena_printf(&r->arena, "/counsellor/couples/%lld", (long long)s.c.id);
	return resp_redirect(r, loc ? loc : "/counsellor");
}

int counsellor_page_couple(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct seen s;
	if (only_counsellors(r) < 0 || !db || find_couple(r, db, req_param_id(r, 0), &s) < 0)
		return -1;
	const char *names = names_text(r, &s.c);
	unsigned shared = scope_shared(&s.consent);
	page_begin(r, 200, names, "counsellor");
	h(r, "<section class=\"card\"><h1>");
	ht(r, names);
	h(r, "</h1>");
	if (!shared) {
		h(r, "<p>Nothing is shared yet: both partners approve first, each choosing what to "
		     "share.</p>");
	} else {
		h(r, "<p>Sharing since ");
		ht(r, time_when(&r->arena, s.link.active_at));
		h(r, ". The couple sees each thing you open.</p><ul class=\"items\">");
		for (size_t i = 0; i < SCOPE_COUNT; i++) {
			unsigned bit = scope_at(i);
			h(r, "<li class=\"item\">");
			if (shared & bit) {
				hf(r, "<a href=\"/counsellor/couples/%lld/%s\">", (long long)s.c.id,
				   scope_name(bit));
				ht(r, scope_label(bit));
				h(r, "</a>");
			} else {
				ht(r, scope_label(bit));
				h(r, " <span class=\"hint\">(not shared)</span>");
			}
			h(r, "</li>");
		}
		h(r, "</ul>");
	}
	h(r, "<p><a href=\"/counsellor\">All your couples</a></p></section>");
	return page_end(r);
}

int counsellor_page_scope(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct seen s;
	unsigned bit;
	if (!db || open_scope(r, db, req_param_id(r, 0), r->params[1], &s, &bit) < 0)
		return -1;
	const char *names = names_text(r, &s.c);
	page_begin(r, 200, scope_label(bit), "counsellor");
	h(r, "<section class=\"card\"><h1>");
	ht(r, names);
	h(r, ": ");
	ht(r, scope_label(bit));
	hf(r, "</h1><p><a href=\"/counsellor/couples/%lld\">Back to what ", (long long)s.c.id);
	ht(r, names);
	h(r, " share</a></p></section>");
	share_fn fn = area_share_for(bit);
	if (!fn)
		h(r, "<section class=\"card\"><p class=\"muted\">Nothing shared yet: this part of "
		     "duet has nothing to show a counsellor so far.</p></section>");
	else if (fn(r, db, &s.c, NULL) < 0)
		return -1;
	return page_end(r);
}
