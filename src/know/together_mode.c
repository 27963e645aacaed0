/* together_mode.c: together mode as pages and API (see together_mode.h). Which
 * prompt comes next and who answers it first is know/pacing's; sets and the
 * gentle end are know/together_set's. */
#include "http/events.h"
#include "together_mode.h"

#include "util/i18n.h"

#include <string.h>

#include "know/together_set.h"
#include "know.h"
#include "util/timefmt.h"
#include "web/page.h"

#define OPEN_HOURS 12 /* an unfinished session may be continued this long */

/* A session and what it shows now. */
struct step {
	struct together_session s;
	struct together_set set;
	int has_prompt;            /* 0 once ended (or nothing to serve) */
	struct know_prompt prompt; /* the prompt of this step */
	int64_t first_id;          /* who answers it first */
	const char *first_name;
	struct together_talk *talks; /* the prompts used so far */
	size_t n_talks;
};

static int not_found(struct req *r)
{
	return req_fail(r, 404, "not_found", "There is no such session.");
}

static const char *name_of(struct req *r, int64_t id)
{
	if (id == r->user->id)
		return r->user->name;
	return id == r->user->partner_id ? r->user->partner_name : NULL;
}

/* The couple's pacing state with this session's prompts marked as just done,
 * so that the session does not show one twice before its steps are confirmed
 * (pacing_together.seen). Arrays from the request's arena. */
static int overlay_seen(struct req *r, const struct know_state *ks, const struct step *st,
                        struct pacing_state *seen)
{
	const struct deck *d = know_deck();
	size_t n = deck_count(d), n_own = ks->pacing.n_own;
	int64_t *done = arena_calloc(&r->arena, n ? n : 1, sizeof *done);
	struct pacing_own *own = arena_calloc(&r->arena, n_own ? n_own : 1, sizeof *own);
	if (!done || !own)
		return req_fail(r, 500, "no_memory", "out of memory");
	if (ks->pacing.done_at)
		memcpy(done, ks->pacing.done_at, n * sizeof *done);
	if (n_own)
		memcpy(own, ks->pacing.own, n_own * sizeof *own);
	for (size_t i = 0; i < st->n_talks; i++) {
		const struct together_talk *t = &st->talks[i];
		long at = deck_find(d, t->prompt_id);
		if (at >= 0 && done[at] < t->talked_at)
			done[at] = t->talked_at;
		for (size_t k = 0; at < 0 && k < n_own; k++)
			if (own[k].id && !strcmp(own[k].id, t->prompt_id) && own[k].done_at < t->talked_at)
				own[k].done_at = t->talked_at;
	}
	*seen = ks->pacing;
	seen->done_at = done;
	seen->own = own;
	return 0;
}

/* Reads session `id` and works out its step. */
static int load_step(struct req *r, struct db *db, int64_t id, struct step *out)
{
	struct know_state ks;
	memset(out, 0, sizeof *out);
	int found = together_get(db, r->user->couple_id, id, &out->s, &r->err);
	if (found <= 0)
		return found < 0 ? -1 : not_found(r);
	if (know_state_load(r, db, &ks) < 0 ||
	    together_talks_of_session(db, &r->arena, r->user->couple_id, id, &out->talks,
	                              &out->n_talks, &r->err) < 0)
		return -1;
	unsigned step = (unsigned)out->s.step;
	together_set_at(step, together_open_count(ks.levels.open), 0, &out->set);
	if (out->s.ended_at)
		return 0;
	struct pacing_state seen;
	if (overlay_seen(r, &ks, out, &seen) < 0)
		return -1;
	struct pacing_together t = {step, 0, 0, &seen};
	struct pacing_pick pick;
	if (pacing_together_next(know_deck(), &ks.pacing, &t, &pick) < 0 ||
	    !know_prompt_find(&ks, pick.id, &out->prompt))
		return 0;
	out->has_prompt = 1;
	int64_t a = out->s.first_user ? out->s.first_user : r->user->id;
	int64_t b = a == r->user->id ? r->user->partner_id : r->user->id;
	out->first_id = pick.first == 0 ? a : b;
	out->first_name = name_of(r, out->first_id);
	return out->first_name ? 0
	                       : req_fail(r, 500, "no_partner", "The session's partner is gone.");
}

static int do_start(struct req *r, int64_t *id)
{
	const char *first = req_text(r, "first", "who answers first", 10, 0);
	if (!first)
		return -1;
	int64_t who;
	if (!*first || !strcmp(first, "me"))
		who = r->user->id;
	else if (!strcmp(first, "partner"))
		who = r->user->partner_id;
	else
		return req_fail(r, 400, "invalid_first",
		                "Who answers first must be me or partner.");
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	if (together_start(db, r->user->couple_id, who, r->user->id, db_now(), id, &r->err) < 0 ||
	    event_emit_id(r, "together", *id, "/together/{id}") < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, &r->err);
}

static int do_next(struct req *r, int64_t id)
{
	const char *note = req_text(r, "note", "note", TOGETHER_NOTE_MAX, 0);
	const char *given = note ? req_text(r, "prompt", "question", DECK_ID_MAX, 0) : NULL;
	int64_t seen_step = 0;
	int has_step = 0;
	if (!given || req_int(r, "step", "step", 0, TOGETHER_STEPS_MAX, 0, &seen_step, &has_step) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	struct step st;
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int rc = load_step(r, db, id, &st);
	/* On two phones both may tap "next" for the same question: the second
	 * tap finds the session moved on already, and changes nothing. */
	if (rc == 0 && has_step && seen_step != st.s.step)
		rc = req_fail(r, 409, "moved_on",
		              "You have both moved on already: here is the question you are on now.");
	else if (rc == 0 && st.s.ended_at)
		rc = req_fail(r, 409, "ended",
		              "This session has ended. Start a new one whenever you like.");
	else if (rc == 0 && (!st.has_prompt || st.s.step >= TOGETHER_STEPS_MAX))
		rc = req_fail(r, 409, "no_more", "There are no more questions for this session.");
	/* Only the question on screen: another id (a closed level's, say) is no
	 * step of this session. */
	if (rc == 0 && *given && strcmp(given, st.prompt.id))
		rc = req_fail(r, 409, "moved_on",
		              "That question is no longer the one on screen. Please look at the "
		              "question shown now.");
	if (rc == 0) {
		int new_set = (st.s.step + 1) % st.set.size == 0;
		/* It counts toward the levels once the other partner confirms it. */
		rc = together_talked(db, r->user->couple_id, id, st.s.step, st.prompt.id,
		                     st.first_id, r->user->id, note, new_set, db_now(), &r->err);
		if (rc == 0)
			rc = event_emit_id(r, "together", id, "/together/{id}");
	}
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, &r->err);
}

/* The session's steps the other partner recorded that wait for this person. */
static size_t pending_for_me(struct req *r, const struct step *st)
{
	size_t n = 0;
	for (size_t i = 0; i < st->n_talks; i++)
		n += st->talks[i].pending && st->talks[i].by != r->user->id;
	return n;
}

static size_t pending_for_partner(struct req *r, const struct step *st)
{
	size_t n = 0;
	for (size_t i = 0; i < st->n_talks; i++)
		n += st->talks[i].pending && st->talks[i].by == r->user->id;
	return n;
}

/* Confirms the steps the partner recorded: now they count as answered
 * together (know_progress_done), toward opening the deeper levels. */
static int do_confirm(struct req *r, int64_t id)
{
	struct db *db = db_get(&r->err);
	struct step st;
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int rc = load_step(r, db, id, &st);
	if (rc == 0 && !pending_for_me(r, &st))
		rc = req_fail(r, 409, "nothing_to_confirm",
		              "There is nothing in this session waiting for you to confirm.");
	int64_t now = db_now(), cid = r->user->couple_id;
	for (size_t i = 0; rc == 0 && i < st.n_talks; i++)
		if (st.talks[i].pending && st.talks[i].by != r->user->id)
			rc = know_progress_done(db, cid, st.talks[i].prompt_id, now, &r->err);
	if (rc == 0)
		rc = together_confirm(db, cid, id, r->user->id, &r->err);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, &r->err);
}

static int do_end(struct req *r, int64_t id)
{
	struct db *db = db_get(&r->err);
	struct together_session s;
	if (!db)
		return -1;
	int found = together_get(db, r->user->couple_id, id, &s, &r->err);
	if (found <= 0)
		return found < 0 ? -1 : not_found(r);
	if (together_end(db, r->user->couple_id, id, db_now(), &r->err) < 0)
		return -1;
	(void)event_emit_id(r, "together", id, "/together/{id}"); /* ended either way */
	return 0;
}

/* ---- JSON API ------------------------------------------------------------- */

static json_t *session_json(struct req *r, const struct step *st)
{
	struct arena *a = &r->arena;
	json_t *used = json_array();
	for (size_t i = 0; i < st->n_talks; i++)
		json_array_append_new(
		    used, json_pack("{s:s,s:s,s:s,s:b}", "prompt", st->talks[i].prompt_id, "note",
		                    st->talks[i].note, "at", time_iso(a, st->talks[i].talked_at),
		                    "confirmed", !st->talks[i].pending));
	return json_pack("{s:I,s:s,s:o,s:I,s:{s:i,s:i,s:i,s:s,s:i},s:b,s:o,s:o,s:o,s:{s:i,s:i}}",
	                 "id",
	                 (json_int_t)st->s.id, "started_at", time_iso(a, st->s.started_at),
	                 "ended_at",
	                 st->s.ended_at ? json_string(time_iso(a, st->s.ended_at)) : json_null(),
	                 "step", (json_int_t)st->s.step, "set", "number", (int)st->set.number,
	                 "position", (int)st->set.position, "size", (int)st->set.size, "started_at",
	                 time_iso(a, st->s.set_started_at), "suggested_minutes",
	                 TOGETHER_SET_MINUTES, "full_round", st->set.full_round, "prompt",
	                 st->has_prompt ? know_prompt_json(&st->prompt) : json_null(), "first",
	                 st->has_prompt ? json_pack("{s:I,s:s}", "id", (json_int_t)st->first_id,
	                                            "name", st->first_name)
	                                : json_null(),
	                 "used", used, "to_confirm", "by_me", (int)pending_for_me(r, st),
	                 "by_partner", (int)pending_for_partner(r, st));
}

static int reply(struct req *r, int status, int64_t id)
{
	struct db *db = db_get(&r->err);
	struct step st;
	if (!db || load_step(r, db, id, &st) < 0)
		return -1;
	return resp_json(r, status, json_pack("{s:o}", "session", session_json(r, &st)));
}

int together_api_start(struct req *r)
{
	int64_t id;
	if (do_start(r, &id) < 0)
		return -1;
	return reply(r, 201, id);
}

int together_api_get(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	return id < 0 ? not_found(r) : reply(r, 200, id);
}

int together_api_next(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return not_found(r);
	return do_next(r, id) < 0 ? -1 : reply(r, 200, id);
}

int together_api_confirm(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return not_found(r);
	return do_confirm(r, id) < 0 ? -1 : reply(r, 200, id);
}

int together_api_end(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return not_found(r);
	return do_end(r, id) < 0 ? -1 : reply(r, 200, id);
}

/* ---- pages ---------------------------------------------------------------- */

static int to_session(struct req *r, int64_t id)
{
	char *loc = arena_printf(&r->arena, "/together/%lld", (long long)id);
	return resp_redirect(r, loc ? loc : "/together");
}

static int intro_view(struct req *r, int status, const char *error)
{
	struct db *db = db_get(&r->err);
	struct together_session open;
	int has_open =
	    db ? together_open(db, r->user->couple_id, db_now() - OPEN_HOURS * 3600, &open, &r->err)
	       : -1;
	if (has_open < 0)
		return -1;
	const char *partner = r->user->partner_name;
	page_begin(r, status, "Sit together", "know");
	h(r,
	  "<section class=\"card\"><h1>Sit together</h1><p>For the two of you side by side, on "
	  "one screen or each on your own phone. One question at a time, from light to deeper. "
	  "One of you answers first, then the other; who goes first changes with each "
	  "question.</p><p>Say your answers out loud; there is nothing to type unless you want "
	  "to keep a note. ");
	hf(r, "A set of three questions takes about %d minutes. Stop whenever you like.</p>",
	   TOGETHER_SET_MINUTES);
	if (error)
		page_alert(r, error);
	if (has_open)
		hf(r,
		   "<p><a class=\"button\" href=\"/together/%lld\">Carry on where you left off</a>"
		   "</p><p class=\"hint\">On two phones, both open this; when either of you moves "
		   "on, the question moves on for both.</p>",
		   (long long)open.id);
	int64_t waiting;
	int has_waiting = together_pending_for(db, r->user->couple_id, r->user->id, &waiting,
	                                       &r->err);
	if (has_waiting < 0)
		return -1;
	if (has_waiting) {
		hf(r, "<p><a href=\"/together/%lld\">", (long long)waiting);
		ht(r, partner);
		h(r, " marked questions as talked about with you: look and confirm</a></p>");
	}
	h(r, "<form method=\"post\" action=\"/together\">");
	page_csrf(r);
	h(r, "<fieldset class=\"choice\"><legend>Who answers the first question first?</legend>"
	     "<label><input type=\"radio\" name=\"first\" value=\"me\" checked> ");
	ht(r, r->user->name);
	h(r, "</label><label><input type=\"radio\" name=\"first\" value=\"partner\"> ");
	ht(r, partner);
	h(r, "</label></fieldset><button type=\"submit\"");
	h(r, has_open ? " class=\"secondary\">Begin a new session" : N_(">Begin"));
	h(r, "</button></form></section>");
	return page_end(r);
}

int together_page(struct req *r)
{
	return intro_view(r, 200, NULL);
}

int together_post_start(struct req *r)
{
	int64_t id;
	if (do_start(r, &id) < 0)
		return page_retry(r, intro_view);
	return to_session(r, id);
}

static void timer(struct req *r, const struct step *st)
{
	int64_t now = db_now();
	int64_t min = together_minutes(st->s.set_started_at, now);
	hf(r, "<p class=\"timer hint\" data-since=\"%lld\" data-now=\"%lld\" data-minutes=\"%d\">",
	   (long long)st->s.set_started_at, (long long)now, TOGETHER_SET_MINUTES);
	if (min < 1)
		hf(r,
		   "This set has just begun. About %d minutes a set is plenty; there is no hurry.",
		   TOGETHER_SET_MINUTES);
	else if (min < TOGETHER_SET_MINUTES)
		hn(r, (long)min, "This set began %lld minute ago. About %d minutes a set is plenty.",
		   "This set began %lld minutes ago. About %d minutes a set is plenty.",
		   (long long)min, TOGETHER_SET_MINUTES);
	else
		hf(r, "This set began %lld minutes ago. Move on whenever it feels right.",
		   (long long)min);
	h(r, "</p>");
}

/* What waits for a confirmation: the partner's steps for this person to
 * confirm (with the button), or this person's waiting for the partner. */
static void confirm_card(struct req *r, const struct step *st)
{
	size_t mine = pending_for_me(r, st), theirs = pending_for_partner(r, st);
	if (mine) {
		h(r, "<div class=\"notice\" role=\"status\"><p>");
		ht(r, r->user->partner_name);
		hf(r, " marked %zu question%s as talked about with you. If you did talk about "
		      "%s together, say so here, and %s count toward opening the deeper levels.</p>",
		   mine, mine == 1 ? "" : "s", mine == 1 ? "it" : "them", mine == 1 ? "it" : "they");
		hf(r, "<form method=\"post\" action=\"/together/%lld/confirm\">", (long long)st->s.id);
		page_csrf(r);
		h(r, "<button type=\"submit\" class=\"secondary\">Yes, we talked about "
		     "them</button></form></div>");
	} else if (theirs) {
		h(r, "<p class=\"hint\">These questions count toward the deeper levels once ");
		ht(r, r->user->partner_name);
		h(r, " confirms them from their own account.</p>");
	}
}

static void ended_view(struct req *r, const struct step *st)
{
	struct db *db = db_get(&r->err);
	struct know_state ks;
	int ok = db && know_state_load(r, db, &ks) == 0;
	h(r, "<section class=\"card\"><h1>Thank you for this time together</h1>");
	if (!st->n_talks) {
		h(r, "<p>You didn't get to a question this time, and that's fine. Come back "
		     "whenever you both feel like it.</p>");
	} else {
		hn(r, (long)st->n_talks,
		   "<p>You talked about %zu question. It won't come back until you've been through "
		   "its level.</p><p>If something stayed with you, you can write it down on the "
		   "question's page; ",
		   "<p>You talked about %zu questions. They won't come back until you've been "
		   "through their level.</p><p>If something stayed with you, you can write it down "
		   "on the question's page; ",
		   st->n_talks);
		ht(r, r->user->partner_name);
		h(r, " sees it once you have both written.</p><ul class=\"items\">");
		for (size_t i = 0; i < st->n_talks; i++) {
			struct know_prompt p;
			h(r, "<li class=\"item\"><a href=\"/know/prompts/");
			ht(r, st->talks[i].prompt_id);
			h(r, "\">");
			ht(r, ok && know_prompt_find(&ks, st->talks[i].prompt_id, &p)
			          ? p.text
			          : st->talks[i].prompt_id);
			h(r, "</a>");
			if (*st->talks[i].note) {
				h(r, "<p class=\"hint\">Your note: ");
				ht(r, st->talks[i].note);
				h(r, "</p>");
			}
			h(r, "</li>");
		}
		h(r, "</ul>");
	}
	confirm_card(r, st);
	h(r, "<p><a class=\"button secondary\" href=\"/\">Back home</a></p></section>");
	err_clear(&r->err);
}

static int session_view(struct req *r, int status, const char *error)
{
	int64_t id = req_param_id(r, 0);
	struct db *db = db_get(&r->err);
	struct step st;
	if (id < 0)
		return not_found(r);
	if (!db || load_step(r, db, id, &st) < 0)
		return -1;
	page_begin(r, status, st.s.ended_at ? "Thank you" : N_("Sit together"), "know");
	if (st.s.ended_at) {
		ended_view(r, &st);
		return page_end(r);
	}
	h(r, "<section class=\"card together\">");
	if (error)
		page_alert(r, error);
	if (!st.has_prompt) {
		h(r, "<h1>No more questions for now</h1><p>You have been through every question "
		     "you have open.</p>");
	} else {
		h(r, "<p class=\"eyebrow\">");
		hf(r, "Set %u · ", st.set.number);
		ht(r, deck_level_title(st.prompt.level));
		hf(r, " · question %u of %u</p>", st.set.position, st.set.size);
		timer(r, &st);
		h(r, "<h1 id=\"prompt-text\">");
		ht(r, st.prompt.text);
		h(r, "</h1><p class=\"turn\"><strong>");
		ht(r, st.first_name);
		h(r, "</strong> answers first, then ");
		ht(r, st.first_id == r->user->id ? r->user->partner_name : r->user->name);
		h(r, ".</p>");
		if (st.set.full_round)
			h(r, "<p class=\"gentle\">You have been through every open level once. You "
			     "could end here, or go on with a few more.</p>");
		hf(r, "<form method=\"post\" action=\"/together/%lld/next\">", (long long)st.s.id);
		page_csrf(r);
		h(r, "<input type=\"hidden\" name=\"prompt\" value=\"");
		ht(r, st.prompt.id);
		hf(r, "\"><input type=\"hidden\" name=\"step\" value=\"%lld\">", (long long)st.s.step);
		h(r, "<div class=\"field\"><label for=\"note\">A few words to remember (optional)"
		     "</label><p class=\"hint\" id=\"note-hint\">Kept with this question for you "
		     "both. "
		     "Leave it empty if you only talked.</p><input id=\"note\" name=\"note\" "
		     "type=\"text\" autocomplete=\"off\" data-max=\"1000\" "
		     "aria-describedby=\"note-hint\"></div>");
		h(r,
		  "<button type=\"submit\">We've talked about it: next question</button></form>");
	}
	hf(r, "<form method=\"post\" action=\"/together/%lld/end\">", (long long)st.s.id);
	page_csrf(r);
	h(r, "<button type=\"submit\" class=\"secondary\">End here</button></form>");
	if (st.n_talks)
		hn(r, (long)st.n_talks, "<p class=\"hint\">%zu question talked about so far.</p>",
		   "<p class=\"hint\">%zu questions talked about so far.</p>", st.n_talks);
	confirm_card(r, &st);
	h(r, "</section>");
	page_script(r, "together.js");
	return page_end(r);
}

int together_page_session(struct req *r)
{
	return session_view(r, 200, NULL);
}

int together_post_next(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return not_found(r);
	if (do_next(r, id) < 0) {
		if (!strcmp(r->err.code, "moved_on")) {
			err_clear(&r->err);
			return to_session(r, id);
		}
		return r->err.status == 404 ? -1 : page_retry(r, session_view);
	}
	return to_session(r, id);
}

int together_post_confirm(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return not_found(r);
	if (do_confirm(r, id) < 0)
		return r->err.status == 404 ? -1 : page_retry(r, session_view);
	return to_session(r, id);
}

int together_post_end(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return not_found(r);
	if (do_end(r, id) < 0)
		return -1;
	return to_session(r, id);
}
