/* conversations.c: structured conversations as pages and API (see
 * conversations.h). The rules are script.c's; this file loads a conversation,
 * asks the script, stores the result, and shows it to each partner in their
 * own role. docs/internals/conversations.md has the design. */
#include "conversations.h"

#include <string.h>

#include "agreements/agreement.h"
#include "conversation_store.h"
#include "conversations/script.h"
#include "dreams/dream.h"
#include "dreams/dreams_store.h"
#include "util/i18n.h"
#include "util/timefmt.h"
#include "web/page.h"

#define REVIEW_DEFAULT_DAYS 7 /* an agreement from a weekly meeting: looked at next week */

static int not_found(struct req *r)
{
	return req_fail(r, 404, "not_found", "There is no such conversation.");
}

/* The person's name as this viewer knows it. */
static const char *name_of(struct req *r, int64_t id)
{
	if (id && id == r->user->id)
		return r->user->name;
	if (id && id == r->user->partner_id)
		return r->user->partner_name;
	return "a former partner";
}

/* The script's state of a stored conversation, from the viewer's side. */
static int state_of(struct req *r, const struct conversation *c, struct script_state *s)
{
	int kind = script_kind_parse(c->kind);
	if (kind < 0)
		return req_fail(r, 500, "bad_conversation", "This conversation could not be read.");
	int64_t me = r->user->id, partner = r->user->partner_id;
	int64_t holder = c->holder_id == partner ? partner : me;
	*s = script_start((enum script_kind)kind, holder, holder == me ? partner : me, c->shared);
	int last = script_step_count(kind) - 1;
	s->step = c->step < 0 ? 0 : c->step > last ? last : c->step;
	s->passes = c->passes;
	s->break_until = c->break_until;
	s->ended = c->ended_at != 0;
	return 0;
}

/* Loads the route's conversation and its state; 404 when it is not this couple's. */
static int load(struct req *r, struct db *db, struct conversation *c, struct script_state *s)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return not_found(r);
	int found = conversation_get(db, &r->arena, r->user->couple_id, id, c, &r->err);
	if (found <= 0)
		return found < 0 ? -1 : not_found(r);
	return state_of(r, c, s);
}

/* Whole minutes left until t, at least 1. */
static long minutes_until(int64_t t, int64_t now)
{
	int64_t left = t - now;
	return left <= 60 ? 1 : (long)((left + 59) / 60);
}

/* "14:35 UTC", owned by the request. */
static const char *clock_of(struct req *r, int64_t t)
{
	const char *iso = time_iso(&r->arena, t); /* 2026-12-03T14:35:00Z */
	const char *s = strlen(iso) >= 16 ? arena_printf(&r->arena, "%.5s UTC", iso + 11) : NULL;
	return s ? s : "";
}

/* Sets the error for a refused action, in the person's terms. */
static int refuse(struct req *r, const struct script_state *s, enum script_refusal why, int64_t now)
{
	switch (why) {
	case SCRIPT_ENDED:
		return req_fail(r, 409, "ended",
		                "This conversation has ended. Start a new one whenever you like.");
	case SCRIPT_NOT_HOLDER:
		return req_fail(r, 409, "not_your_floor",
		                "%s has the floor, so only %s can pass it, when ready.",
		                name_of(r, s->holder), name_of(r, s->holder));
	case SCRIPT_NO_FLOOR:
		return req_fail(r, 409, "no_floor",
		                "This step is for both of you at once; there is no floor to pass.");
	case SCRIPT_ON_BREAK:
		return req_fail(
		    r, 409, "on_break",
		    "You are on a break until %s. Use the time to calm down, apart; then "
		    "either of you can pick up again.",
		    clock_of(r, s->break_until));
	case SCRIPT_BREAK_NOT_OVER:
		r->retry_after = (int)(s->break_until - now);
		return req_fail(
		    r, 409, "break_not_over",
		    i18n_ntr(i18n_thread(),
			     "The break lasts at least twenty minutes. You can pick up again in "
			     "%ld minute, at %s.",
			     "The break lasts at least twenty minutes. You can pick up again in "
			     "%ld minutes, at %s.",
			     minutes_until(s->break_until, now)),
		    minutes_until(s->break_until, now),
		    clock_of(r, s->break_until));
	case SCRIPT_NO_BREAK:
		return req_fail(r, 409, "no_break",
		                "There is no break to end; carry on whenever you are ready.");
	case SCRIPT_TURNS_FIRST:
		return req_fail(
		    r, 409, "turns_first",
		    "Each of you has the floor once in this step before moving on; pass "
		    "the floor first.");
	case SCRIPT_LAST_STEP:
		return req_fail(
		    r, 409, "last_step",
		    "This is the last step. End the conversation here, with an agreement, "
		    "a dream, or simply a thank you.");
	case SCRIPT_NOT_YET:
		return req_fail(r, 409, "not_yet",
		                "An agreement or a dream comes at the last step. To stop here, end "
		                "without one.");
	case SCRIPT_NOT_A_PARTNER:
	case SCRIPT_OK:
		break;
	}
	return not_found(r);
}

/* ---- actions shared by API and pages -------------------------------------- */

static int do_create(struct req *r, int64_t *id)
{
	const char *kind = req_text(r, "kind", "kind", 20, 1);
	const char *topic = kind ? req_text(r, "topic", "topic", SCRIPT_TOPIC_MAX, 0) : NULL;
	const char *first = topic ? req_text(r, "first", "who starts", 10, 0) : NULL;
	const char *screen = first ? req_text(r, "screen", "screen", 10, 0) : NULL;
	if (!screen)
		return -1;
	int k = script_kind_parse(kind);
	if (k < 0)
		return req_fail(r, 400, "invalid_kind",
		                "The kind must be weekly, stress or speaker_listener.");
	if (strchr(topic, '\n') || strchr(topic, '\r'))
		return req_fail(r, 400, "invalid_topic", "Please keep the topic to one line.");
	if (*first && strcmp(first, "me") && strcmp(first, "partner"))
		return req_fail(r, 400, "invalid_first", "Who starts must be me or partner.");
	if (*screen && strcmp(screen, "two") && strcmp(screen, "shared"))
		return req_fail(r, 400, "invalid_screen", "The screen must be two or shared.");
	int64_t holder = !strcmp(first, "partner") ? r->user->partner_id : r->user->id;
	struct db *db = db_get(&r->err);
	struct conversation open;
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int found = conversation_open(db, &r->arena, r->user->couple_id, &open, &r->err);
	int rc = found < 0 ? -1 : 0;
	if (found > 0)
		rc = req_fail(r, 409, "conversation_open",
		              "You already have a conversation going (%s). Finish or end it before "
		              "starting another.",
		              script_kind_title(script_kind_parse(open.kind)));
	if (rc == 0)
		rc = conversation_insert(db, r->user->couple_id, r->user->id, script_kind_slug(k),
		                         topic, !strcmp(screen, "shared"), holder, db_now(), id,
		                         &r->err);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	/* event: conversation */
	return db_commit(db, &r->err);
}

/* The outcome's record: an agreement or a dream, made in the caller's
 * transaction; *out_id set (0 for none). The fields are read from the body. */
static int make_outcome(struct req *r, struct db *db, enum script_outcome o, int64_t conv_id,
                        int64_t now, int64_t *out_id)
{
	*out_id = 0;
	if (o == SCRIPT_OUT_AGREEMENT) {
		struct agreement_input in;
		if (agreement_read(r, REVIEW_DEFAULT_DAYS, &in) < 0)
			return -1;
		return agreement_insert(db, r->user->couple_id, r->user->id, in.text, in.doer_id,
		                        in.both_do, in.review_on, "conversation", conv_id, out_id,
		                        &r->err);
	}
	if (o == SCRIPT_OUT_DREAM) {
		const char *title = req_text(r, "title", "title", DREAM_TITLE_MAX, 1);
		const char *text =
		    title ? req_text(r, "text", "few lines", DREAM_TEXT_MAX, 0) : NULL;
		if (!text)
			return -1;
		return dreams_insert(db, r->user->couple_id, r->user->id, "dream", title, text, now,
		                     out_id, &r->err);
	}
	return 0;
}

/* Does `act` on the route's conversation for the signed-in person, if the
 * script allows it and nobody changed it meanwhile. */
static int do_act(struct req *r, enum script_act act)
{
	enum script_outcome outcome = SCRIPT_OUT_NONE;
	if (act == SCRIPT_END) {
		const char *o = req_text(r, "outcome", "outcome", 12, 0);
		if (!o)
			return -1;
		int k = *o ? script_outcome_parse(o) : SCRIPT_OUT_NONE;
		if (k < 0)
			return req_fail(r, 400, "invalid_outcome",
			                "The outcome must be none, agreement or dream.");
		outcome = (enum script_outcome)k;
	}
	struct db *db = db_get(&r->err);
	struct conversation c;
	struct script_state s;
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int64_t now = db_now();
	int rc = load(r, db, &c, &s);
	enum script_refusal why =
	    rc < 0 ? SCRIPT_OK : script_check(&s, act, r->user->id, now, outcome);
	if (rc == 0 && why != SCRIPT_OK)
		rc = refuse(r, &s, why, now);
	if (rc == 0) {
		script_apply(&s, act, now);
		c.step = s.step;
		c.holder_id = s.holder;
		c.passes = s.passes;
		c.break_until = s.break_until;
		c.break_by = act == SCRIPT_BREAK ? r->user->id : s.break_until ? c.break_by : 0;
		if (act == SCRIPT_END) {
			c.ended_at = now;
			c.outcome = script_outcome_slug(outcome);
			rc = make_outcome(r, db, outcome, c.id, now, &c.outcome_id);
		}
	}
	int saved = rc < 0 ? -1 : conversation_save(db, r->user->couple_id, &c, now, &r->err);
	if (saved == 0)
		req_fail(r, 409, "changed",
		         "Something changed on the other phone a moment ago. Here is where you are "
		         "now; try again if you still want to.");
	if (saved <= 0) {
		db_rollback(db);
		return -1;
	}
	/* event: conversation */
	return db_commit(db, &r->err);
}

/* ---- JSON API ------------------------------------------------------------- */

/* `tmpl` with "{other}" replaced by `other`, owned by the request; NULL stays NULL. */
static const char *fill(struct req *r, const char *tmpl, const char *other)
{
	if (!tmpl)
		return NULL;
	tmpl = _(tmpl); /* the template in the reader's language, {other} and all */
	size_t n = script_fill(NULL, 0, tmpl, other) + 1;
	char *out = arena_alloc(&r->arena, n);
	if (out)
		script_fill(out, n, tmpl, other);
	return out ? out : "";
}

static json_t *person(struct req *r, int64_t id)
{
	return id ? json_pack("{s:I,s:s}", "id", (json_int_t)id, "name", name_of(r, id))
	          : json_null();
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *conversation_json(struct req *r, const struct conversation *c,
                                 const struct script_state *s)
{
	int64_t me = r->user->id, now = db_now();
	const struct script_step *st = script_step(s->kind, s->step);
	const char *role = script_role(s, me);
	const char *you = !strcmp(role, "speaker")    ? fill(r, st->speaker, name_of(r, s->other))
	                  : !strcmp(role, "listener") ? fill(r, st->listener, name_of(r, s->holder))
	                                              : fill(r, st->both, r->user->partner_name);
	json_t *steps = json_array();
	for (int i = 0; i < script_step_count(s->kind); i++) {
		const struct script_step *x = script_step(s->kind, i);
		json_array_append_new(
		    steps, json_pack("{s:s,s:s,s:s}", "slug", x->slug, "title", _(x->title), "mode",
		                     x->mode == SCRIPT_TURNS ? "turns" : "together"));
	}
	json_t *brk = json_null();
	if (s->break_until)
		brk = json_pack("{s:o,s:s,s:b,s:I}", "by", person(r, c->break_by), "until",
		                time_iso(&r->arena, s->break_until), "can_resume",
		                now >= s->break_until, "seconds_left",
		                (json_int_t)(now >= s->break_until ? 0 : s->break_until - now));
	json_t *can = json_pack(
	    "{s:b,s:b,s:b,s:b,s:b}", "pass", script_check(s, SCRIPT_PASS, me, now, 0) == SCRIPT_OK,
	    "next", script_check(s, SCRIPT_NEXT, me, now, 0) == SCRIPT_OK, "break",
	    script_check(s, SCRIPT_BREAK, me, now, 0) == SCRIPT_OK, "resume",
	    script_check(s, SCRIPT_RESUME, me, now, 0) == SCRIPT_OK, "decide",
	    script_check(s, SCRIPT_END, me, now, SCRIPT_OUT_AGREEMENT) == SCRIPT_OK);
	json_t *outcome = *c->outcome
	                      ? json_pack("{s:s,s:o}", "kind", c->outcome, "id",
	                                  c->outcome_id ? json_integer(c->outcome_id) : json_null())
	                      : json_null();
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:i,s:s,s:s,s:o,s:{s:I,s:s,s:b,s:i},s:s,"
	                 "s:{s:s,s:o,s:o,s:o},s:o,s:o,s:o,s:s,s:o,s:o,s:I}",
	                 "id", (json_int_t)c->id, "kind", script_kind_slug(s->kind), "title",
	                 script_kind_title(s->kind), "topic", c->topic, "screen",
	                 c->shared ? "shared" : "two", "step", st->slug, "step_index", s->step,
	                 "step_title", _(st->title), "step_mode",
	                 st->mode == SCRIPT_TURNS ? "turns" : "together", "steps", steps, "floor",
	                 "holder", (json_int_t)s->holder, "name", name_of(r, s->holder), "mine",
	                 s->holder == me, "passes", s->passes, "role", role, "guidance", "aim",
	                 fill(r, st->both, r->user->partner_name), "you", str_or_null(you),
	                 "speaker", str_or_null(fill(r, st->speaker, name_of(r, s->other))),
	                 "listener", str_or_null(fill(r, st->listener, name_of(r, s->holder))),
	                 "break", brk, "can", can, "started_by", person(r, c->started_by),
	                 "started_at", time_iso(&r->arena, c->started_at), "ended_at",
	                 c->ended_at ? json_string(time_iso(&r->arena, c->ended_at)) : json_null(),
	                 "outcome", outcome, "version", (json_int_t)c->seq);
}

/* Answers with the route's conversation (or `id`'s when id > 0) as it is now. */
static int respond(struct req *r, int status, int64_t id)
{
	struct db *db = db_get(&r->err);
	struct conversation c;
	struct script_state s;
	if (!db)
		return -1;
	if (id > 0) {
		int found = conversation_get(db, &r->arena, r->user->couple_id, id, &c, &r->err);
		if (found <= 0 || state_of(r, &c, &s) < 0)
			return found < 0 ? -1 : not_found(r);
	} else if (load(r, db, &c, &s) < 0) {
		return -1;
	}
	return resp_json(r, status,
	                 json_pack("{s:o}", "conversation", conversation_json(r, &c, &s)));
}

int conversations_api_list(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct conversation *list;
	size_t n;
	if (!db || conversation_list(db, &r->arena, r->user->couple_id, &list, &n, &r->err) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		struct script_state s;
		if (state_of(r, &list[i], &s) < 0) {
			json_decref(arr);
			return -1;
		}
		json_array_append_new(arr, conversation_json(r, &list[i], &s));
	}
	return resp_json(r, 200, json_pack("{s:o}", "conversations", arr));
}

int conversations_api_create(struct req *r)
{
	int64_t id;
	return do_create(r, &id) < 0 ? -1 : respond(r, 201, id);
}

int conversations_api_get(struct req *r)
{
	return respond(r, 200, 0);
}

int conversations_api_floor(struct req *r)
{
	return do_act(r, SCRIPT_PASS) < 0 ? -1 : respond(r, 200, 0);
}

int conversations_api_next(struct req *r)
{
	return do_act(r, SCRIPT_NEXT) < 0 ? -1 : respond(r, 200, 0);
}

int conversations_api_break(struct req *r)
{
	return do_act(r, SCRIPT_BREAK) < 0 ? -1 : respond(r, 200, 0);
}

int conversations_api_resume(struct req *r)
{
	return do_act(r, SCRIPT_RESUME) < 0 ? -1 : respond(r, 200, 0);
}

int conversations_api_end(struct req *r)
{
	return do_act(r, SCRIPT_END) < 0 ? -1 : respond(r, 200, 0);
}

/* ---- pages ---------------------------------------------------------------- */

static int back(struct req *r, int64_t id)
{
	char *loc = arena_printf(&r->arena, "/conversations/%lld", (long long)id);
	return resp_redirect(r, loc ? loc : "/conversations");
}

/* "ended with an agreement" and a link to it, for a finished conversation. */
static void outcome_line(struct req *r, const struct conversation *c)
{
	if (!strcmp(c->outcome, "agreement"))
		h(r, "Ended with an <a href=\"/agreements\">agreement</a>.");
	else if (!strcmp(c->outcome, "dream") && c->outcome_id)
		hf(r, "Ended with <a href=\"/dreams/%lld\">a dream on the table</a>.",
		   (long long)c->outcome_id);
	else
		h(r, "Ended without a decision, which is fine.");
}

static void kind_choice(struct req *r, const char *chosen)
{
	h(r, "<fieldset class=\"choice\"><legend>Which conversation?</legend>");
	for (int k = 0; k < SCRIPT_KINDS; k++) {
		hf(r, "<label><input type=\"radio\" name=\"kind\" value=\"%s\"%s> <span><strong>",
		   script_kind_slug(k),
		   (chosen ? !strcmp(chosen, script_kind_slug(k)) : k == SCRIPT_WEEKLY) ? " checked"
		                                                                        : "");
		ht(r, script_kind_title(k));
		h(r, "</strong>: ");
		ht(r, script_kind_about(k));
		h(r, "</span></label>");
	}
	h(r, "</fieldset>");
}

static void start_form(struct req *r)
{
	const char *kind = req_form(r, "kind"), *topic = req_form(r, "topic");
	int partner_first = req_form(r, "first") && !strcmp(req_form(r, "first"), "partner");
	int shared = req_form(r, "screen") && !strcmp(req_form(r, "screen"), "shared");
	h(r, "<section class=\"card\"><h2>Start a conversation</h2>"
	     "<form method=\"post\" action=\"/conversations\">");
	page_csrf(r);
	kind_choice(r, kind);
	hf(r,
	   "<div class=\"field\"><label for=\"topic\">Topic (optional)</label><p class=\"hint\" "
	   "id=\"topic-hint\">A few words, if you like: what you want to talk about.</p>"
	   "<input id=\"topic\" name=\"topic\" type=\"text\" autocomplete=\"off\" "
	   "maxlength=\"%d\" aria-describedby=\"topic-hint\" value=\"",
	   SCRIPT_TOPIC_MAX);
	ht(r, topic ? topic : "");
	hf(r,
	   "\"></div><fieldset class=\"choice\"><legend>Who starts?</legend><label><input "
	   "type=\"radio\" name=\"first\" value=\"me\"%s> Me</label><label><input type=\"radio\" "
	   "name=\"first\" value=\"partner\"%s> ",
	   partner_first ? "" : N_(" checked"), partner_first ? " checked" : "");
	ht(r, r->user->partner_name);
	hf(r,
	   "</label></fieldset><fieldset class=\"choice\"><legend>Where are you?</legend>"
	   "<label><input type=\"radio\" name=\"screen\" value=\"two\"%s> On two phones: each "
	   "sees their own part</label><label><input type=\"radio\" name=\"screen\" "
	   "value=\"shared\"%s> Together at one screen</label></fieldset>"
	   "<button type=\"submit\">Start</button></form></section>",
	   shared ? "" : N_(" checked"), shared ? " checked" : "");
}

static int list_view(struct req *r, int status, const char *error)
{
	struct db *db = db_get(&r->err);
	struct conversation *list;
	size_t n;
	if (!db || conversation_list(db, &r->arena, r->user->couple_id, &list, &n, &r->err) < 0)
		return -1;
	page_begin(r, status, "Conversations", "conversations");
	h(r, "<section class=\"card\"><h1>Talking it through</h1><p>Three short, guided "
	     "conversations for the two of you. duet keeps track of whose turn it is, on two "
	     "phones or at one screen, and either of you can call a break at any time.</p>");
	if (error)
		page_alert(r, error);
	size_t open = n;
	for (size_t i = 0; i < n && open == n; i++)
		if (!list[i].ended_at)
			open = i;
	if (open < n) {
		struct script_state s;
		if (state_of(r, &list[open], &s) < 0)
			return -1;
		hf(r, "<p><a class=\"button\" href=\"/conversations/%lld\">Continue: ",
		   (long long)list[open].id);
		ht(r, script_kind_title(s.kind));
		hf(r, "</a></p><p class=\"hint\">Step %d of %d: ", s.step + 1,
		   script_step_count(s.kind));
		ht(r, _(script_step(s.kind, s.step)->title));
		h(r, "</p>");
	}
	h(r, "</section>");
	if (open == n)
		start_form(r);
	int earlier = 0;
	for (size_t i = 0; i < n; i++) {
		if (!list[i].ended_at)
			continue;
		if (!earlier++)
			h(r, "<section class=\"card\"><h2>Earlier conversations</h2><ul "
			     "class=\"items\">");
		hf(r, "<li class=\"item\"><a href=\"/conversations/%lld\">", (long long)list[i].id);
		ht(r, script_kind_title(script_kind_parse(list[i].kind)));
		h(r, "</a>");
		if (*list[i].topic) {
			h(r, ": ");
			ht(r, list[i].topic);
		}
		h(r, "<p class=\"hint\">");
		ht(r, time_human(&r->arena, list[i].started_at));
		h(r, " · ");
		outcome_line(r, &list[i]);
		h(r, "</p></li>");
	}
	if (earlier)
		h(r, "</ul></section>");
	return page_end(r);
}

int conversations_page(struct req *r)
{
	return list_view(r, 200, NULL);
}

int conversations_post_create(struct req *r)
{
	int64_t id;
	if (do_create(r, &id) < 0)
		return page_retry(r, list_view);
	return back(r, id);
}

static void action_form(struct req *r, const struct conversation *c, const char *what,
                        const char *label, const char *cls)
{
	char *action = arena_printf(&r->arena, "/conversations/%lld/%s", (long long)c->id, what);
	if (action)
		page_button_form(r, action, label, cls);
}

/* The guidance of a turns step: one's own part on a phone, both parts at a
 * shared screen. */
static void turns_view(struct req *r, const struct conversation *c, const struct script_state *s,
                       const struct script_step *st)
{
	const char *speaker = name_of(r, s->holder), *listener = name_of(r, s->other);
	h(r, "<p class=\"floor\" role=\"status\"><strong>");
	if (s->holder == r->user->id && !c->shared)
		h(r, "You have the floor.");
	else {
		ht(r, speaker);
		h(r, " has the floor.");
	}
	h(r, "</strong></p>");
	if (c->shared || s->holder == r->user->id) {
		h(r, "<section class=\"role\" aria-labelledby=\"role-speaker\"><h2 "
		     "id=\"role-speaker\">");
		if (c->shared) {
			ht(r, speaker);
			h(r, " speaks");
		} else {
			h(r, "You are speaking");
		}
		h(r, "</h2><p>");
		ht(r, fill(r, st->speaker, listener));
		h(r, "</p></section>");
	}
	if (c->shared || s->holder != r->user->id) {
		h(r, "<section class=\"role\" aria-labelledby=\"role-listener\"><h2 "
		     "id=\"role-listener\">");
		if (c->shared) {
			ht(r, listener);
			h(r, " listens");
		} else {
			h(r, "You are listening");
		}
		h(r, "</h2><p>");
		ht(r, fill(r, st->listener, speaker));
		h(r, "</p></section>");
	}
	int64_t now = db_now();
	if (script_check(s, SCRIPT_PASS, r->user->id, now, 0) == SCRIPT_OK) {
		char *label = arena_printf(&r->arena, _("Pass the floor to %s"), listener);
		action_form(r, c, "floor", label ? label : N_("Pass the floor"), NULL);
	} else {
		hf(r, "<p class=\"hint\">When ");
		ht(r, speaker);
		hf(r,
		   " passes the floor, it comes to you. <a href=\"/conversations/%lld\">See "
		   "where you are now</a></p>",
		   (long long)c->id);
	}
}

/* The last step's ways to end: an agreement, a dream on the table, or (except
 * in the weekly meeting, which ends in one of those) simply ending. */
static void ending_forms(struct req *r, const struct conversation *c, const struct script_state *s)
{
	int64_t now = db_now();
	h(r, "<section class=\"card\" aria-labelledby=\"agree\"><h2 id=\"agree\">Make it an "
	     "agreement</h2>");
	hf(r, "<form method=\"post\" action=\"/conversations/%lld/end\">", (long long)c->id);
	page_csrf(r);
	h(r, "<input type=\"hidden\" name=\"outcome\" value=\"agreement\">");
	page_textarea(r, "text", "What you will try", NULL,
	              "One small, concrete thing, for example: a walk together on Sunday mornings.",
	              AGREEMENT_TEXT_MAX, 1);
	agreement_form_fields(r, now - now % 86400 + REVIEW_DEFAULT_DAYS * 86400);
	h(r, "<button type=\"submit\">Agree and end</button></form></section>");
	h(r, "<section class=\"card\" aria-labelledby=\"dream\"><h2 id=\"dream\">Or put it on the "
	     "dream table</h2><p>When it runs deeper than one step: a wish to explore together, "
	     "without deciding now.</p>");
	hf(r, "<form method=\"post\" action=\"/conversations/%lld/end\">", (long long)c->id);
	page_csrf(r);
	h(r, "<input type=\"hidden\" name=\"outcome\" value=\"dream\">");
	page_field(r, "title", "In a few words", "text", NULL, "off",
	           "For example: more unhurried evenings, just us.");
	h(r, "<button type=\"submit\">Put it on the table and end</button></form></section>");
	if (s->kind != SCRIPT_WEEKLY)
		action_form(r, c, "end", N_("Thank each other and end"), NULL);
}

static int one_view(struct req *r, int status, const char *error)
{
	struct db *db = db_get(&r->err);
	struct conversation c;
	struct script_state s;
	if (!db || load(r, db, &c, &s) < 0)
		return -1;
	const struct script_step *st = script_step(s.kind, s.step);
	int64_t now = db_now();
	page_begin(r, status, script_kind_title(s.kind), "conversations");
	h(r, "<article class=\"card conversation\"><header><p class=\"eyebrow\">");
	ht(r, script_kind_title(s.kind));
	if (!s.ended)
		hf(r, " · step %d of %d", s.step + 1, script_step_count(s.kind));
	h(r, "</p><h1>");
	ht(r, s.ended ? script_kind_title(s.kind) : _(st->title));
	h(r, "</h1>");
	if (*c.topic) {
		h(r, "<p class=\"hint\">Topic: ");
		ht(r, c.topic);
		h(r, "</p>");
	}
	h(r, "</header>");
	if (error)
		page_alert(r, error);
	if (s.ended) {
		h(r, "<p>");
		outcome_line(r, &c);
		h(r, " Thank you both for taking the time.</p></article>");
	} else if (s.break_until) {
		h(r,
		  "<section role=\"status\" aria-labelledby=\"break\"><h2 id=\"break\">A break</h2>"
		  "<p>");
		if (c.break_by == r->user->id) {
			h(r, "You asked for a break. Take at least twenty minutes, apart: a walk, some "
			     "music, slow breathing. Try not to go over the conversation in your "
			     "head.</p><p>");
		} else {
			ht(r, name_of(r, c.break_by));
			h(r, " asked for a break. Take at least twenty minutes, apart: a walk, some "
			     "music, slow breathing. Try not to go over the conversation in your "
			     "head.</p><p>");
		}
		if (now >= s.break_until) {
			h(r,
			  "The twenty minutes are up; pick up again when you are both ready.</p>");
			action_form(r, &c, "resume", N_("Pick up again"), NULL);
		} else {
			hn(r, minutes_until(s.break_until, now),
			   "You can pick up again at %s, in %ld minute.</p>",
			   "You can pick up again at %s, in %ld minutes.</p>",
			   clock_of(r, s.break_until), minutes_until(s.break_until, now));
			hf(r, "<p><a href=\"/conversations/%lld\">See where you are now</a></p>",
			   (long long)c.id);
		}
		action_form(r, &c, "end", N_("Stop for today"), "secondary");
		h(r, "</section></article>");
	} else {
		h(r, "<p>");
		ht(r, fill(r, st->both, r->user->partner_name));
		h(r, "</p>");
		if (st->mode == SCRIPT_TURNS)
			turns_view(r, &c, &s, st);
		if (script_check(&s, SCRIPT_NEXT, r->user->id, now, 0) == SCRIPT_OK) {
			char *label = arena_printf(&r->arena, _("Next: %s"),
			                           _(script_step(s.kind, s.step + 1)->title));
			action_form(r, &c, "next", label ? label : N_("Next step"), "secondary");
		} else if (st->mode == SCRIPT_TURNS && s.step + 1 < script_step_count(s.kind)) {
			h(r,
			  "<p class=\"hint\">Once each of you has had the floor, either of you can "
			  "move on.</p>");
		}
		h(r, "<div class=\"actions\">");
		action_form(r, &c, "break", N_("I need a break"), "secondary");
		if (s.step + 1 < script_step_count(s.kind))
			action_form(r, &c, "end", N_("Stop for today"), "secondary");
		h(r, "</div></article>");
		if (s.step + 1 == script_step_count(s.kind))
			ending_forms(r, &c, &s);
	}
	h(r, "<p><a href=\"/conversations\">All conversations</a></p>");
	return page_end(r);
}

int conversations_page_one(struct req *r)
{
	return one_view(r, 200, NULL);
}

/* After a form's action: back to the conversation, or the page with the reason. */
static int after(struct req *r, int rc)
{
	if (rc < 0)
		return r->err.status == 404 ? -1 : page_retry(r, one_view);
	return back(r, req_param_id(r, 0));
}

int conversations_post_floor(struct req *r)
{
	return after(r, do_act(r, SCRIPT_PASS));
}

int conversations_post_next(struct req *r)
{
	return after(r, do_act(r, SCRIPT_NEXT));
}

int conversations_post_break(struct req *r)
{
	return after(r, do_act(r, SCRIPT_BREAK));
}

int conversations_post_resume(struct req *r)
{
	return after(r, do_act(r, SCRIPT_RESUME));
}

int conversations_post_end(struct req *r)
{
	return after(r, do_act(r, SCRIPT_END));
}
