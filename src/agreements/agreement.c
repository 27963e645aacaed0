/* agreement.c: agreements as pages and API (see agreement.h). */
#include "agreement.h"

#include <string.h>

#include "http/events.h"
#include "util/timefmt.h"
#include "web/page.h"

#define REVIEW_DEFAULT_DAYS 14

static const char *const statuses[] = { "active", "kept", "missed", "renegotiate" };

static int valid_status(const char *s)
{
	for (size_t i = 0; i < ARRAY_LEN(statuses); i++)
		if (!strcmp(s, statuses[i]))
			return 1;
	return 0;
}

static int64_t today(void)
{
	int64_t now = db_now();
	return now - now % 86400;
}

static const char *who_of(struct req *r, const struct agreement *g)
{
	if (g->both_do)
		return "both";
	return g->doer_id == r->user->id ? "me" : "partner";
}

json_t *agreement_json(struct req *r, const struct agreement *g)
{
	json_t *marked = g->status_by ? json_pack("{s:I,s:s}", "id", (json_int_t)g->status_by,
						  "name", g->status_by_name)
				      : json_null();
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:o,s:o,s:{s:s,s:o},s:s}", "id",
			 (json_int_t)g->id, "text", g->text, "who", who_of(r, g), "review_on",
			 time_day(&r->arena, g->review_on), "status", g->status, "due",
			 !strcmp(g->status, "active") && g->review_on <= today(), "marked_by",
			 marked, "marked_at",
			 g->status_at ? json_string(time_iso(&r->arena, g->status_at)) : json_null(),
			 "source", "kind", g->source, "id",
			 g->source_id ? json_integer(g->source_id) : json_null(), "created_at",
			 time_iso(&r->arena, g->created_at));
}

int agreement_parse_who(struct req *r, const char *who, int64_t *doer_id, int *both_do)
{
	*both_do = 0;
	if (!strcmp(who, "me")) {
		*doer_id = r->user->id;
	} else if (!strcmp(who, "partner")) {
		*doer_id = r->user->partner_id;
	} else if (!strcmp(who, "both") || !*who) {
		*doer_id = 0;
		*both_do = 1;
	} else {
		return req_fail(r, 400, "invalid_who", "Who does it must be me, partner or both.");
	}
	return 0;
}

/* Reads an optional review day ("YYYY-MM-DD"); *day 0 when absent. */
static int parse_review(struct req *r, int64_t *day)
{
	const char *s = req_text(r, "review_on", "review date", 10, 0);
	if (!s)
		return -1;
	*day = 0;
	if (!*s)
		return 0;
	if (time_parse_day(s, day) < 0)
		return req_fail(r, 400, "invalid_date",
				"The review date must be a real date written like 2026-12-24.");
	return 0;
}

int agreement_read(struct req *r, int default_days, struct agreement_input *in)
{
	in->text = req_text(r, "text", "agreement", AGREEMENT_TEXT_MAX, 1);
	const char *who = in->text ? req_text(r, "who", "who does it", 10, 0) : NULL;
	if (!who || agreement_parse_who(r, who, &in->doer_id, &in->both_do) < 0 ||
	    parse_review(r, &in->review_on) < 0)
		return -1;
	if (!in->review_on)
		in->review_on = today() + (int64_t)default_days * 86400;
	return 0;
}

void agreement_form_fields(struct req *r, int64_t review_on)
{
	h(r, "<fieldset class=\"choice\"><legend>Who does it</legend>"
	     "<label><input type=\"radio\" name=\"who\" value=\"me\"> Me</label>"
	     "<label><input type=\"radio\" name=\"who\" value=\"partner\"> ");
	ht(r, r->user->partner_name);
	h(r, "</label><label><input type=\"radio\" name=\"who\" value=\"both\" checked> Both of us"
	     "</label></fieldset><div class=\"field\"><label for=\"review_on\">Look at it again on"
	     "</label><input id=\"review_on\" name=\"review_on\" type=\"date\" value=\"");
	ht(r, time_day(&r->arena, review_on));
	h(r, "\"></div>");
}

static int do_create(struct req *r, int64_t *id)
{
	struct agreement_input in;
	if (agreement_read(r, REVIEW_DEFAULT_DAYS, &in) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	if (agreement_insert(db, r->user->couple_id, r->user->id, in.text, in.doer_id, in.both_do,
			     in.review_on, "own", 0, id, &r->err) < 0)
		return -1;
	(void)event_emit_id(r, "agreement", *id, "/agreements"); /* saved either way */
	return 0;
}

static int do_mark(struct req *r, int64_t id, struct agreement *out)
{
	const char *status = req_text(r, "status", "status", 20, 1);
	if (!status)
		return -1;
	if (!valid_status(status))
		return req_fail(r, 400, "invalid_status",
				"The status must be active, kept, missed or renegotiate.");
	int64_t review;
	if (parse_review(r, &review) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int found = agreement_get(db, &r->arena, r->user->couple_id, id, out, &r->err);
	if (found <= 0) {
		db_rollback(db);
		return found < 0 ? -1 : req_fail(r, 404, "not_found", "There is no such agreement.");
	}
	if (agreement_mark(db, r->user->couple_id, id, status, r->user->id, review, &r->err) < 0 ||
	    event_emit_id(r, "agreement", id, "/agreements") < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, &r->err) < 0)
		return -1;
	return agreement_get(db, &r->arena, r->user->couple_id, id, out, &r->err) == 1 ? 0 : -1;
}

/* The ?page=N of the couple's agreements (one more row is read to tell
 * whether another page follows). */
static int list_page(struct req *r, struct db *db, struct agreement **list, size_t *n,
		     int64_t *page, int *more)
{
	if (req_page(r, page) < 0 ||
	    agreement_list(db, &r->arena, r->user->couple_id, (size_t)(*page - 1) * AGREEMENTS_PAGE,
			   AGREEMENTS_PAGE + 1, list, n, &r->err) < 0)
		return -1;
	*more = *n > AGREEMENTS_PAGE;
	if (*more)
		*n = AGREEMENTS_PAGE;
	return 0;
}

int agreement_api_list(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct agreement *list;
	size_t n;
	int64_t page;
	int more;
	if (!db || list_page(r, db, &list, &n, &page, &more) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, agreement_json(r, &list[i]));
	return resp_json(r, 200, json_pack("{s:o,s:I,s:b}", "agreements", arr, "page",
					   (json_int_t)page, "more", more));
}

int agreement_api_create(struct req *r)
{
	int64_t id;
	struct agreement g;
	struct db *db;
	if (do_create(r, &id) < 0 || !(db = db_get(&r->err)) ||
	    agreement_get(db, &r->arena, r->user->couple_id, id, &g, &r->err) != 1)
		return -1;
	return resp_json(r, 201, json_pack("{s:o}", "agreement", agreement_json(r, &g)));
}

int agreement_api_update(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	struct agreement g;
	if (id < 0)
		return req_fail(r, 404, "not_found", "There is no such agreement.");
	if (do_mark(r, id, &g) < 0)
		return -1;
	return resp_json(r, 200, json_pack("{s:o}", "agreement", agreement_json(r, &g)));
}

/* ---- pages -------------------------------------------------------------- */

static void who_text(struct req *r, const struct agreement *g)
{
	if (g->both_do)
		h(r, "Both of you");
	else if (g->doer_id == r->user->id)
		h(r, "You");
	else if (g->doer_id)
		ht(r, r->user->partner_name);
	else
		h(r, "A former partner");
}

static const char *status_label(const char *s)
{
	if (!strcmp(s, "kept"))
		return "Kept";
	if (!strcmp(s, "missed"))
		return "Missed this time";
	if (!strcmp(s, "renegotiate"))
		return "To talk about again";
	return "Active";
}

static void mark_form(struct req *r, const struct agreement *g, const char *status,
		      const char *label)
{
	hf(r, "<form method=\"post\" action=\"/agreements/%lld/mark\" class=\"inline\">",
	   (long long)g->id);
	page_csrf(r);
	hf(r, "<input type=\"hidden\" name=\"status\" value=\"%s\">"
	      "<button type=\"submit\" class=\"secondary\">%s</button></form>",
	   status, label);
}

static int agreements_view(struct req *r, int status, const char *error)
{
	struct db *db = db_get(&r->err);
	struct agreement *list;
	size_t n;
	int64_t page;
	int more;
	if (!db || list_page(r, db, &list, &n, &page, &more) < 0)
		return -1;
	page_begin(r, status, "Agreements", "agreements");
	h(r, "<section class=\"card\"><h1>Agreements</h1><p>What you have agreed to try, who "
	     "does it, and when you will look at it again. A missed one is a reason to talk, "
	     "not a failure.</p>");
	if (error)
		page_alert(r, error);
	if (!n && page > 1)
		h(r, "<p class=\"muted\">There are no more agreements.</p>");
	else if (!n)
		h(r, "<p class=\"muted\">No agreements yet. They come from a repair's plan, from "
		     "a negotiation, or you can write one here.</p>");
	else
		h(r, "<ul class=\"items\">");
	int64_t day = today();
	for (size_t i = 0; i < n; i++) {
		const struct agreement *g = &list[i];
		int due = !strcmp(g->status, "active") && g->review_on <= day;
		hf(r, "<li class=\"item%s\" id=\"agreement-%lld\"><p class=\"item-text\">",
		   due ? " due" : "", (long long)g->id);
		ht(r, g->text);
		h(r, "</p><p class=\"hint\">");
		who_text(r, g);
		h(r, " · review ");
		ht(r, time_human(&r->arena, g->review_on));
		h(r, " · <strong>");
		ht(r, status_label(g->status));
		h(r, "</strong>");
		if (g->status_by == r->user->id) {
			h(r, " (marked by you)");
		} else if (g->status_by) {
			h(r, " (marked by ");
			ht(r, g->status_by_name);
			h(r, ")");
		}
		h(r, "</p>");
		if (due)
			h(r, "<p><strong>Time to look at this together.</strong></p>");
		if (!strcmp(g->status, "active")) {
			mark_form(r, g, "kept", "Kept");
			mark_form(r, g, "missed", "Missed");
			mark_form(r, g, "renegotiate", "Talk again");
		} else {
			mark_form(r, g, "active", "Try it again");
		}
		h(r, "</li>");
	}
	if (n)
		h(r, "</ul>");
	page_pager(r, "/agreements", page, more, "More agreements");
	h(r, "</section><section class=\"card\"><h2>Write an agreement</h2>"
	     "<form method=\"post\" action=\"/agreements\">");
	page_csrf(r);
	page_textarea(r, "text", "What will happen", NULL,
		      "One concrete thing, for example: we put phones away at dinner.",
		      AGREEMENT_TEXT_MAX, 1);
	agreement_form_fields(r, day + REVIEW_DEFAULT_DAYS * 86400);
	h(r, "<button type=\"submit\">Add agreement</button></form></section>");
	return page_end(r);
}

int agreement_page(struct req *r)
{
	return agreements_view(r, 200, NULL);
}

int agreement_post_create(struct req *r)
{
	int64_t id;
	if (do_create(r, &id) < 0)
		return page_retry(r, agreements_view);
	return resp_redirect(r, "/agreements");
}

int agreement_post_mark(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	struct agreement g;
	if (id < 0)
		return req_fail(r, 404, "not_found", "There is no such agreement.");
	if (do_mark(r, id, &g) < 0)
		return page_retry(r, agreements_view);
	char *loc = arena_printf(&r->arena, "/agreements#agreement-%lld", (long long)id);
	return resp_redirect(r, loc ? loc : "/agreements");
}
