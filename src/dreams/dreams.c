/* dreams.c: the dream table as pages and API (see dreams.h). */
#include "dreams.h"

#include "util/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dreams/dream.h"
#include "dreams_store.h"
#include "http/events.h"
#include "notice/notice.h"
#include "util/timefmt.h"
#include "web/page.h"

static int not_found(struct req *r)
{
	return req_fail(r, 404, "not_found", "There is no such dream on your table.");
}

/* The store's 1 / 0 / -1 as the handlers' 0 / -1: "not there" (gone since the
 * write, by the partner's or one's own deletion) is a 404, never an error
 * without words. */
static int found(struct req *r, int rc)
{
	return rc == 1 ? 0 : rc == 0 ? not_found(r) : -1;
}

/* ---- actions shared by API and pages -------------------------------------- */

static int do_create(struct req *r, int64_t *id)
{
	const char *title = req_line(r, "title", "title", DREAM_TITLE_MAX, 1);
	const char *text = title ? req_text(r, "text", "few lines", DREAM_TEXT_MAX, 0) : NULL;
	const char *kind = text ? req_text(r, "kind", "kind", 10, 1) : NULL;
	if (!kind)
		return -1;
	if (dream_kind_parse(kind) < 0)
		return req_fail(r, 400, "invalid_kind", "The kind must be idea, dream or desire.");
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	if (dreams_insert(db, r->user->couple_id, r->user->id, kind, title, text, db_now(), id,
	                  &r->err) < 0)
		return -1;
	(void)event_emit_id(r, "dream", *id, "/dreams/{id}"); /* the dream is saved either way */
	return 0;
}

static int do_reply(struct req *r, int64_t dream_id, int64_t *reply_id)
{
	const char *text = req_text(r, "text", "reply", DREAM_TEXT_MAX, 1);
	struct db *db = db_get(&r->err);
	struct dream d;
	if (!text || !db || db_begin(db, &r->err) < 0)
		return -1;
	int found = dreams_get(db, &r->arena, r->user->couple_id, dream_id, &d, &r->err);
	int rc = found < 0 ? -1 : found == 0 ? not_found(r) : 0;
	if (rc == 0)
		rc = dreams_reply(db, r->user->couple_id, dream_id, r->user->id, text, db_now(),
		                  reply_id, &r->err);
	if (rc == 0)
		rc = event_emit_id(r, "dream", dream_id, "/dreams/{id}");
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, &r->err);
}

static int do_status(struct req *r, int64_t dream_id)
{
	const char *status = req_text(r, "status", "status", 20, 1);
	if (!status)
		return -1;
	if (dream_status_parse(status) < 0)
		return req_fail(
		    r, 400, "invalid_status",
		    "The status must be new, exploring, planning, living_it or set_aside.");
	struct db *db = db_get(&r->err);
	struct dream d;
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int found = dreams_get(db, &r->arena, r->user->couple_id, dream_id, &d, &r->err);
	int rc = found < 0 ? -1 : found == 0 ? not_found(r) : 0;
	if (rc == 0)
		rc = dreams_set_status(db, r->user->couple_id, dream_id, status, r->user->id,
		                       db_now(), &r->err);
	if (rc == 0)
		rc = event_emit_id(r, "dream", dream_id, "/dreams/{id}");
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, &r->err);
}

/* Deletes the route's dream (reply_id 0) or one of its replies, when the
 * signed-in person wrote it: 404 when the couple has none such, 403 when it is
 * the partner's. */
static int do_delete(struct req *r, int64_t reply_id)
{
	int64_t id = req_param_id(r, 0);
	struct db *db = db_get(&r->err);
	struct dream d;
	if (id < 0)
		return not_found(r);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int64_t cid = r->user->couple_id, me = r->user->id;
	int rc = dreams_get(db, &r->arena, cid, id, &d, &r->err);
	rc = rc < 0 ? -1 : rc == 0 ? not_found(r) : 0;
	if (rc == 0)
		rc = reply_id ? dreams_reply_delete(db, cid, id, reply_id, me, &r->err)
		              : dreams_delete(db, cid, id, me, &r->err);
	if (rc == 0)
		rc = req_fail(r, 403, "not_yours",
		              reply_id ? "Only the one who wrote a reply can delete it."
		                       : "Only the one who put a dream on the table can delete it.");
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, &r->err);
}

/* Loads the route's dream; 404 when it is not this couple's. */
static int load(struct req *r, struct db *db, struct dream *d)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return not_found(r);
	int found = dreams_get(db, &r->arena, r->user->couple_id, id, d, &r->err);
	return found < 0 ? -1 : found == 0 ? not_found(r) : 0;
}

/* A page of a list: which (from 1), and whether another follows. */
struct pg {
	int64_t page;
	int more;
};

/* Reads ?page=N and works out how many rows to skip for `size` a page. */
static int page_of(struct req *r, size_t size, struct pg *p, size_t *skip)
{
	if (req_page(r, &p->page) < 0)
		return -1;
	*skip = (size_t)(p->page - 1) * size;
	return 0;
}

/* Loads the route's dream with a page of its replies (one more row is read to
 * tell whether another page follows), and records it as seen. */
static int load_all(struct req *r, struct db *db, struct dream *d, struct dream_reply **rs,
                    size_t *n, struct pg *p)
{
	size_t skip;
	if (page_of(r, DREAM_REPLIES_PAGE, p, &skip) < 0 || load(r, db, d) < 0 ||
	    dreams_replies(db, &r->arena, r->user->couple_id, d->id, skip, DREAM_REPLIES_PAGE + 1,
	                   rs, n, &r->err) < 0)
		return -1;
	p->more = *n > DREAM_REPLIES_PAGE;
	if (p->more)
		*n = DREAM_REPLIES_PAGE;
	return notice_mark_dream(r, db, d->id);
}

/* A page of the couple's dreams, as load_all does for replies. */
static int list_page(struct req *r, struct db *db, struct dream **list, size_t *n, struct pg *p)
{
	size_t skip;
	if (page_of(r, DREAMS_PAGE, p, &skip) < 0 ||
	    dreams_list(db, &r->arena, r->user->couple_id, skip, DREAMS_PAGE + 1, list, n,
	                &r->err) < 0)
		return -1;
	p->more = *n > DREAMS_PAGE;
	if (p->more)
		*n = DREAMS_PAGE;
	return 0;
}

static int back(struct req *r, int64_t id, const char *anchor)
{
	char *loc = arena_printf(&r->arena, "/dreams/%lld%s", (long long)id, anchor);
	return resp_redirect(r, loc ? loc : "/dreams");
}

/* ---- JSON API ------------------------------------------------------------- */

static json_t *person(int64_t id, const char *name)
{
	return id ? json_pack("{s:I,s:s}", "id", (json_int_t)id, "name", name) : json_null();
}

static json_t *dream_json(struct req *r, const struct dream *d)
{
	return json_pack(
	    "{s:I,s:s,s:s,s:s,s:s,s:o,s:b,s:s,s:s,s:o,s:o,s:I}", "id", (json_int_t)d->id, "title",
	    d->title, "text", d->text, "kind", d->kind, "status", d->status, "by",
	    person(d->created_by, d->by_name), "mine", d->created_by == r->user->id, "created_at",
	    time_iso(&r->arena, d->created_at), "updated_at", time_iso(&r->arena, d->updated_at),
	    "status_by", person(d->status_by, d->status_by_name), "status_at",
	    d->status_at ? json_string(time_iso(&r->arena, d->status_at)) : json_null(),
	    "reply_count", (json_int_t)d->replies);
}

static json_t *reply_json(struct req *r, const struct dream_reply *x)
{
	return json_pack("{s:I,s:o,s:b,s:s,s:s}", "id", (json_int_t)x->id, "by",
	                 person(x->user_id, x->name), "mine", x->user_id == r->user->id, "text",
	                 x->text, "created_at", time_iso(&r->arena, x->created_at));
}

int dreams_api_list(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct dream *list;
	size_t n;
	struct pg p;
	if (!db || list_page(r, db, &list, &n, &p) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, dream_json(r, &list[i]));
	return resp_json(r, 200, json_pack("{s:o,s:I,s:b}", "dreams", arr, "page",
	                                   (json_int_t)p.page, "more", p.more));
}

int dreams_api_create(struct req *r)
{
	int64_t id;
	struct db *db;
	struct dream d;
	if (do_create(r, &id) < 0 || !(db = db_get(&r->err)) ||
	    found(r, dreams_get(db, &r->arena, r->user->couple_id, id, &d, &r->err)) < 0)
		return -1;
	return resp_json(r, 201, json_pack("{s:o}", "dream", dream_json(r, &d)));
}

int dreams_api_get(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct dream d;
	struct dream_reply *rs;
	size_t n;
	struct pg p;
	if (!db || load_all(r, db, &d, &rs, &n, &p) < 0)
		return -1;
	json_t *o = dream_json(r, &d), *replies = json_array(), *questions = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(replies, reply_json(r, &rs[i]));
	for (size_t i = 0; i < dream_question_count(); i++)
		json_array_append_new(questions, json_string(dream_question(i)));
	json_object_set_new(o, "replies", replies);
	json_object_set_new(o, "page", json_integer(p.page));
	json_object_set_new(o, "more", json_boolean(p.more));
	json_object_set_new(o, "questions", questions);
	return resp_json(r, 200, json_pack("{s:o}", "dream", o));
}

int dreams_api_reply(struct req *r)
{
	int64_t id = req_param_id(r, 0), reply_id;
	struct db *db;
	struct dream_reply x;
	if (id < 0)
		return not_found(r);
	if (do_reply(r, id, &reply_id) < 0 || !(db = db_get(&r->err)) ||
	    found(r, dreams_reply_get(db, &r->arena, r->user->couple_id, reply_id, &x, &r->err)) < 0)
		return -1;
	return resp_json(r, 201, json_pack("{s:o}", "reply", reply_json(r, &x)));
}

int dreams_api_delete(struct req *r)
{
	return do_delete(r, 0) < 0 ? -1 : resp_empty(r, 204);
}

int dreams_api_delete_reply(struct req *r)
{
	int64_t reply_id = req_param_id(r, 1);
	if (reply_id < 0)
		return req_fail(r, 404, "not_found", "There is no such reply.");
	return do_delete(r, reply_id) < 0 ? -1 : resp_empty(r, 204);
}

int dreams_api_update(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	struct db *db;
	struct dream d;
	if (id < 0)
		return not_found(r);
	if (do_status(r, id) < 0 || !(db = db_get(&r->err)) ||
	    found(r, dreams_get(db, &r->arena, r->user->couple_id, id, &d, &r->err)) < 0)
		return -1;
	return resp_json(r, 200, json_pack("{s:o}", "dream", dream_json(r, &d)));
}

/* ---- pages ---------------------------------------------------------------- */

/* " · from Ana" (mine: the whole phrase with "you", which languages say in
 * their own way; theirs: before the name; gone: when the person left). Each
 * a msgid, marked N_ by the caller. */
static void by_whom(struct req *r, int64_t id, const char *name, const char *mine,
                    const char *theirs, const char *gone)
{
	if (id == r->user->id) {
		h(r, mine);
	} else if (id) {
		h(r, theirs);
		ht(r, name);
	} else {
		h(r, gone);
	}
}

/* "A dream · from Ana · Exploring · 2 replies" */
static void dream_meta(struct req *r, const struct dream *d)
{
	ht(r, dream_kind_title(dream_kind_parse(d->kind)));
	by_whom(r, d->created_by, d->by_name, N_(" · from you"), N_(" · from "),
	        N_(" · from a former partner"));
	h(r, " · ");
	ht(r, dream_status_title(dream_status_parse(d->status)));
	if (d->replies)
		hn(r, d->replies, " · %lld reply", " · %lld replies", (long long)d->replies);
}

static void dream_items(struct req *r, const struct dream *list, size_t from, size_t to)
{
	const char **news;
	size_t n_news = 0;
	if (notice_news_keys(r, &news, &n_news) < 0)
		n_news = 0; /* a missing "new" tag never breaks the page */
	h(r, "<ul class=\"items\">");
	for (size_t i = from; i < to; i++) {
		hf(r, "<li class=\"item\"><a href=\"/dreams/%lld\">", (long long)list[i].id);
		ht(r, list[i].title);
		h(r, "</a>");
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)list[i].id);
		if (notice_news_has(news, n_news, 'd', id))
			h(r, " <span class=\"tag\">new</span>");
		h(r, "<p class=\"hint\">");
		dream_meta(r, &list[i]);
		h(r, "</p></li>");
	}
	h(r, "</ul>");
}

int dreams_page(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct dream *list;
	size_t n;
	struct pg p;
	if (!db || list_page(r, db, &list, &n, &p) < 0)
		return -1;
	page_begin(r, 200, "The dream table", "dreams");
	h(r, "<section class=\"card\"><h1>The dream table</h1><p>A place to put out an idea, a "
	     "dream or a desire, for both of you to explore. Nothing here is a promise: it is a "
	     "wish said out loud, and a way to get to know each other.</p>"
	     "<p><a class=\"button\" href=\"/dreams/new\">Put something on the table</a></p>"
	     "</section>");
	size_t active = 0;
	while (active < n && strcmp(list[active].status, "set_aside"))
		active++;
	h(r, "<section class=\"card\"><h2>On the table</h2>");
	if (!active)
		h(r, "<p class=\"muted\">Nothing on the table yet. What have you caught yourself "
		     "wishing for lately? It can be small: a place, a habit, a change, a "
		     "someday.</p>");
	else
		dream_items(r, list, 0, active);
	h(r, "</section>");
	if (active < n) {
		h(r, "<section class=\"card\"><h2>Set aside</h2><p class=\"hint\">Kept, not "
		     "forgotten; either of you can bring one back.</p>");
		dream_items(r, list, active, n);
		h(r, "</section>");
	}
	page_pager(r, "/dreams", p.page, p.more, "More on the table");
	return page_end(r);
}

static int new_view(struct req *r, int status, const char *error)
{
	page_begin(r, status, "Put something on the table", "dreams");
	h(r, "<section class=\"card\"><h1>Put something on the table</h1><p>Say it the way it "
	     "comes; ");
	ht(r, r->user->partner_name);
	h(r, " can ask about it and reply, and you can both decide where it goes.</p>");
	if (error)
		page_alert(r, error);
	h(r, "<form method=\"post\" action=\"/dreams\">");
	page_csrf(r);
	const char *kind = error ? req_form(r, "kind") : NULL;
	h(r, "<fieldset class=\"choice\"><legend>What is it?</legend>");
	static const char *const hints[DREAM_KINDS] = {
	    N_("something we could try"), N_("something I long for, near or far"),
	    N_("something I want")};
	for (int k = 0; k < DREAM_KINDS; k++) {
		hf(r, "<label><input type=\"radio\" name=\"kind\" value=\"%s\"%s> ",
		   dream_kind_slug(k),
		   (kind ? !strcmp(kind, dream_kind_slug(k)) : k == DREAM_DREAM) ? " checked" : "");
		ht(r, dream_kind_title(k));
		h(r, ": ");
		ht(r, _(hints[k]));
		h(r, "</label>");
	}
	h(r, "</fieldset>");
	page_field(r, "title", "In a few words", "text", error ? req_form(r, "title") : NULL, "off",
	           "For example: a year living by the sea.");
	page_textarea(r, "text", "A few lines about it (optional)",
	              error ? req_form(r, "text") : NULL,
	              "What it looks like, why it matters, anything you like.", DREAM_TEXT_MAX, 0);
	h(r, "<button type=\"submit\">Put it on the table</button></form></section>");
	return page_end(r);
}

int dreams_page_new(struct req *r)
{
	return new_view(r, 200, NULL);
}

int dreams_post_create(struct req *r)
{
	int64_t id;
	if (do_create(r, &id) < 0)
		return page_retry(r, new_view);
	return back(r, id, "");
}

static void replies_view(struct req *r, int64_t dream_id, const struct dream_reply *rs, size_t n)
{
	if (!n) {
		h(r, "<p class=\"muted\">No replies yet.</p>");
		return;
	}
	h(r, "<ul class=\"thread\">");
	for (size_t i = 0; i < n; i++) {
		h(r, "<li class=\"post\"><p><strong>");
		ht(r, rs[i].user_id == r->user->id ? _("You")
		      : rs[i].user_id              ? rs[i].name
		                                   : _("A former partner"));
		h(r, "</strong></p><p class=\"answer-text\">");
		ht(r, rs[i].text);
		h(r, "</p><p class=\"hint\">");
		ht(r, time_when(&r->arena, rs[i].created_at));
		if (rs[i].user_id == r->user->id)
			hf(r, " · <a href=\"/dreams/%lld/replies/%lld/delete\">Delete…</a>",
			   (long long)dream_id, (long long)rs[i].id);
		h(r, "</p></li>");
	}
	h(r, "</ul>");
}

static void status_form(struct req *r, const struct dream *d)
{
	hf(r, "<form method=\"post\" action=\"/dreams/%lld/status\">", (long long)d->id);
	page_csrf(r);
	h(r, "<fieldset class=\"choice\"><legend>Where it stands</legend>");
	int cur = dream_status_parse(d->status);
	for (int s = 0; s < DREAM_STATUSES; s++) {
		hf(r, "<label><input type=\"radio\" name=\"status\" value=\"%s\"%s> ",
		   dream_status_slug(s), s == cur ? " checked" : "");
		ht(r, dream_status_title(s));
		h(r, "</label>");
	}
	h(r, "</fieldset><button type=\"submit\" class=\"secondary\">Save where it stands</button>"
	     "</form>");
}

static int one_view(struct req *r, int status, const char *error)
{
	struct db *db = db_get(&r->err);
	struct dream d;
	struct dream_reply *rs;
	size_t n;
	struct pg p;
	if (!db || load_all(r, db, &d, &rs, &n, &p) < 0)
		return -1;
	page_begin(r, status, d.title, "dreams");
	h(r, "<article class=\"card dream\"><header><p class=\"eyebrow\">");
	dream_meta(r, &d);
	h(r, "</p><h1>");
	ht(r, d.title);
	h(r, "</h1></header>");
	if (*d.text) {
		h(r, "<p class=\"answer-text\">");
		ht(r, d.text);
		h(r, "</p>");
	}
	h(r, "<p class=\"hint\">Put on the table ");
	ht(r, time_when(&r->arena, d.created_at));
	if (d.status_by) {
		h(r, " · marked ");
		ht(r, dream_status_title(dream_status_parse(d.status)));
		by_whom(r, d.status_by, d.status_by_name, N_(" by you"), N_(" by "),
		        N_(" by a former partner"));
	}
	h(r, "</p>");
	if (error)
		page_alert(r, error);
	status_form(r, &d);
	if (d.created_by == r->user->id)
		hf(r, "<p><a href=\"/dreams/%lld/delete\">Delete this…</a></p>", (long long)d.id);
	h(r, "</article><section class=\"card\" aria-labelledby=\"replies\"><h2 id=\"replies\">"
	     "Replies</h2>");
	replies_view(r, d.id, rs, n);
	char *here = arena_printf(&r->arena, "/dreams/%lld", (long long)d.id);
	page_pager(r, here ? here : "/dreams", p.page, p.more, "Later replies");
	const char *draft = error ? req_form(r, "text") : NULL;
	if (d.created_by != r->user->id) {
		h(r, "<h3>Curious questions</h3><p class=\"hint\">Ask in your own words, or start "
		     "from one of these.</p><ul class=\"questions\">");
		for (size_t i = 0; i < dream_question_count(); i++) {
			hf(r, "<li><a href=\"/dreams/%lld?ask=%zu#text\">", (long long)d.id, i);
			ht(r, dream_question(i));
			h(r, "</a></li>");
		}
		h(r, "</ul>");
		const char *ask = req_query(r, "ask");
		if (!draft && ask && *ask >= '0' && *ask <= '9' && !ask[1])
			draft = dream_question((size_t)(*ask - '0'));
	}
	hf(r, "<form method=\"post\" action=\"/dreams/%lld/replies\">", (long long)d.id);
	page_csrf(r);
	page_textarea(r, "text", "Your reply", draft, NULL, DREAM_TEXT_MAX, 1);
	h(r, "<button type=\"submit\">Reply</button></form></section>"
	     "<p><a href=\"/dreams\">Back to the dream table</a></p>");
	return page_end(r);
}

int dreams_page_one(struct req *r)
{
	return one_view(r, 200, NULL);
}

int dreams_post_reply(struct req *r)
{
	int64_t id = req_param_id(r, 0), reply_id;
	if (id < 0)
		return not_found(r);
	if (do_reply(r, id, &reply_id) < 0)
		return r->err.status == 404 ? -1 : page_retry(r, one_view);
	return back(r, id, "#replies");
}

int dreams_post_status(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return not_found(r);
	if (do_status(r, id) < 0)
		return r->err.status == 404 ? -1 : page_retry(r, one_view);
	return back(r, id, "");
}

/* "Delete …?" with what goes and what stays, one button, and a way back. */
static int confirm_view(struct req *r, const char *title, const char *quote, const char *what,
                        const char *action, int64_t dream_id)
{
	page_begin(r, 200, title, "dreams");
	h(r, "<section class=\"card narrow\"><h1>");
	ht(r, _(title));
	h(r, "</h1><p class=\"quote item-text\">");
	ht(r, quote);
	h(r, "</p><p>");
	ht(r, _(what));
	h(r, "</p>");
	page_button_form(r, action, "Delete it", "danger");
	hf(r, " <a class=\"button secondary\" href=\"/dreams/%lld\">No, keep it</a></section>",
	   (long long)dream_id);
	return page_end(r);
}

int dreams_page_delete(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct dream d;
	if (!db || load(r, db, &d) < 0)
		return -1;
	if (d.created_by != r->user->id)
		return req_fail(r, 403, "not_yours",
		                "Only the one who put a dream on the table can delete it.");
	char *action = arena_printf(&r->arena, "/dreams/%lld/delete", (long long)d.id);
	return confirm_view(r, N_("Delete this from the table?"), d.title,
	                    N_("It goes for good, with every reply under it, for both of you. "
	                       "Nothing else changes."),
	                    action ? action : "/dreams", d.id);
}

int dreams_post_delete(struct req *r)
{
	return do_delete(r, 0) < 0 ? -1 : resp_redirect(r, "/dreams");
}

int dreams_page_delete_reply(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct dream d;
	struct dream_reply x;
	int64_t reply_id = req_param_id(r, 1);
	if (!db || load(r, db, &d) < 0)
		return -1;
	int found = reply_id < 0 ? 0
	                         : dreams_reply_get(db, &r->arena, r->user->couple_id, reply_id, &x,
	                                            &r->err);
	if (found < 0)
		return -1;
	if (!found)
		return req_fail(r, 404, "not_found", "There is no such reply.");
	if (x.user_id != r->user->id)
		return req_fail(r, 403, "not_yours", "Only the one who wrote a reply can delete it.");
	char *action = arena_printf(&r->arena, "/dreams/%lld/replies/%lld/delete", (long long)d.id,
	                            (long long)reply_id);
	return confirm_view(r, N_("Delete your reply?"), x.text,
	                    N_("It goes for good. The dream and the other replies stay."),
	                    action ? action : "/dreams", d.id);
}

int dreams_post_delete_reply(struct req *r)
{
	int64_t id = req_param_id(r, 0), reply_id = req_param_id(r, 1);
	if (reply_id < 0)
		return req_fail(r, 404, "not_found", "There is no such reply.");
	if (do_delete(r, reply_id) < 0)
		return -1;
	return back(r, id, "#replies");
}
