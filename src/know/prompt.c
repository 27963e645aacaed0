/* prompt.c: prompts as pages and JSON API (see prompt.h). Every view of an
 * answer goes through know_item_load() or know_list(), which apply the reveal
 * rule; this file never reads an answer from the store itself. */
#include "prompt.h"

#include <stdint.h>
#include <string.h>

#include "util/i18n.h"

#include "know.h"
#include "notice/notice.h"
#include "util/timefmt.h"
#include "http/events.h"
#include "web/page.h"

#define PROMPTS_PAGE 50 /* prompts per page of GET /api/v1/prompts */

/* ---- actions shared by API and pages -------------------------------------- */

/* Opens a write transaction and loads the state and the route's prompt. */
static int begin(struct req *r, struct db **db, struct know_state *ks, struct know_prompt *p)
{
	if (!(*db = db_get(&r->err)) || db_begin(*db, &r->err) < 0)
		return -1;
	if (know_state_load(r, *db, ks) < 0 || know_prompt_param(r, ks, p) < 0) {
		db_rollback(*db);
		return -1;
	}
	return 0;
}

static int finish(struct req *r, struct db *db, int rc)
{
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, &r->err);
}

/* 1 when the viewer may write an answer to p: it is the current prompt, the
 * couple has begun it, or its level is open. */
static int may_answer(const struct know_state *ks, const struct know_prompt *p)
{
	return (ks->couple.current && !strcmp(ks->couple.current, p->id)) ||
	       know_progress_find(ks, p->id) || pacing_level_open(&ks->levels, p->level);
}

/* Edits from two devices: a change says which version of the answer it was
 * made from ("version", 0 for none yet; optional in the API, always sent by
 * the page). When the answer has moved on since, nothing is saved and the
 * answer as it is now is kept here, in the request, for the reply. */
struct answer_conflict {
	const char *text;
	int64_t version;
};
static const char conflict_key; /* req_memo key */

static int check_version(struct req *r, const struct know_answer *mine)
{
	int64_t version;
	int present;
	if (req_int(r, "version", "version", 0, INT64_MAX, 0, &version, &present) < 0)
		return -1;
	int64_t now = mine ? mine->version : 0;
	if (!present || version == now)
		return 0;
	struct answer_conflict *c = arena_alloc(&r->arena, sizeof *c);
	if (c) {
		c->text = mine ? mine->text : "";
		c->version = now;
		req_memo_put(r, &conflict_key, c);
	}
	return req_fail(r, 409, "edit_conflict",
	                "Your answer was changed somewhere else (another device or tab) after "
	                "this page was opened, so this change wasn't saved. Compare the two and "
	                "save the one you want to keep.");
}

static int do_answer(struct req *r, struct know_state *ks, struct know_prompt *p)
{
	struct db *db;
	if (begin(r, &db, ks, p) < 0)
		return -1;
	const char *text = req_text(r, "text", "answer", ANSWER_TEXT_MAX, 1);
	struct know_item it;
	int rc = text ? 0 : -1;
	if (rc == 0 && !may_answer(ks, p))
		rc = req_fail(
		    r, 409, "level_closed",
		    "This question's level isn't open yet. It opens once you have answered "
		    "more of the level before it together, or when you both ask to open it.");
	if (rc == 0)
		rc = know_item_load(r, db, ks, p, 0, &it);
	if (rc == 0) {
		const struct know_round *rd = know_item_open(&it);
		const struct know_answer *mine = rd->mine;
		int64_t cid = r->user->couple_id, now = db_now();
		if (check_version(r, mine) < 0)
			rc = -1;
		else if (mine)
			rc = know_answer_update(db, cid, mine->id, text,
			                        reveal_edit_marked_edited(mine->seen_at != 0), now,
			                        &r->err);
		else if (know_progress_ensure(db, cid, p->id, &r->err) < 0 ||
		         know_answer_insert(db, cid, p->id, rd->round, r->user->id, text, now,
		                            &r->err) < 0)
			rc = -1;
		else if (rd->facts.partner)
			rc = know_progress_done(db, cid, p->id, now, &r->err);
	}
	if (rc == 0)
		rc = event_emit(r, "prompt", p->id, "/know/prompts/{id}");
	if (finish(r, db, rc) < 0)
		return -1;
	return know_state_load(r, db, ks);
}

/* A reaction to the partner's answer, once the viewer can read it: "heart",
 * "thanks", or "" (or null) to take it back. */
static int do_react(struct req *r, struct know_state *ks, struct know_prompt *p)
{
	struct db *db;
	if (begin(r, &db, ks, p) < 0)
		return -1;
	const char *reaction = req_text(r, "reaction", "reaction", 10, 0);
	struct know_item it;
	int rc = reaction ? 0 : -1;
	if (rc == 0 && *reaction && strcmp(reaction, "heart") && strcmp(reaction, "thanks"))
		rc = req_fail(r, 400, "invalid_reaction", "A reaction is a heart or a thank you.");
	if (rc == 0)
		rc = know_item_load(r, db, ks, p, 0, &it);
	if (rc == 0) {
		const struct know_round *rd = know_item_open(&it);
		if (!rd->partner)
			rc = req_fail(r, 409, "nothing_to_react_to",
			              "You can react once you can read %s's answer.",
			              r->user->partner_name ? r->user->partner_name : "your partner");
		else
			rc = know_answer_react(db, r->user->couple_id, rd->partner->id,
			                       *reaction ? reaction : NULL, &r->err);
	}
	if (finish(r, db, rc) < 0)
		return -1;
	return know_state_load(r, db, ks);
}

/* The thread (more requests, additions) opens once both have answered. */
static int check_thread_open(struct req *r, const struct know_round *rd)
{
	const char *name = r->user->partner_name;
	if (!rd->facts.mine)
		return req_fail(
		    r, 409, "answer_first",
		    "Answer this question first; then you and %s can talk more about it.", name);
	if (!rd->view.thread)
		return req_fail(r, 409, "partner_not_answered",
		                "%s hasn't answered yet. Once %s has, you can talk more about it.",
		                name, name);
	return 0;
}

/* Adds a post of `kind` to the open round's thread. */
static int do_post(struct req *r, struct know_state *ks, struct know_prompt *p, const char *kind)
{
	struct db *db;
	if (begin(r, &db, ks, p) < 0)
		return -1;
	const char *text;
	if (!strcmp(kind, "more"))
		text = req_text(r, "note", "note", KNOW_NOTE_MAX, 0);
	else /* forms name the field "addition": the page has an answer field too */
		text = req_text(r, r->json ? "text" : "addition", "addition", ANSWER_TEXT_MAX, 1);
	struct know_item it;
	int rc = text ? know_item_load(r, db, ks, p, 0, &it) : -1;
	if (rc == 0)
		rc = check_thread_open(r, know_item_open(&it));
	if (rc == 0)
		rc = know_thread_add(db, r->user->couple_id, p->id, know_item_open(&it)->round,
		                     r->user->id, kind, text, db_now(), &r->err);
	if (rc == 0)
		rc = event_emit(r, "prompt", p->id, "/know/prompts/{id}");
	return finish(r, db, rc);
}

static int do_create(struct req *r, char **id)
{
	const char *text = req_text(r, "text", "question", DECK_TEXT_MAX, 1);
	const char *topic = text ? req_text(r, "topic", "topic", 20, 0) : NULL;
	int64_t level = 0;
	int present;
	if (!topic || req_int(r, "level", "level", 1, DECK_LEVELS, 1, &level, &present) < 0)
		return -1;
	int t = *topic ? deck_topic_from_slug(topic) : DECK_US;
	if (t < 0)
		return req_fail(
		    r, 400, "invalid_topic",
		    "The topic must be one of thoughts, dreams, desires, beliefs, passions, "
		    "goals, fears, memories or us.");
	/* One line, like the deck's prompts. */
	char *line = arena_strdup(&r->arena, text);
	if (!line)
		return req_fail(r, 500, "no_memory", "out of memory");
	for (char *c = line; *c; c++)
		if ((unsigned char)*c < 0x20)
			*c = ' ';
	struct db *db = db_get(&r->err);
	struct know_state ks;
	int64_t n;
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int rc = know_state_load(r, db, &ks);
	if (rc == 0 && ks.n_own >= KNOW_OWN_MAX)
		rc = req_fail(r, 409, "too_many",
		              "You have written %d questions of your own, the most duet keeps.",
		              KNOW_OWN_MAX);
	if (rc == 0)
		rc = know_own_insert(db, r->user->couple_id, (int)level, deck_topic_slug(t), line,
		                     r->user->id, db_now(), &n, &r->err);
	*id = rc == 0 ? arena_printf(&r->arena, "own-%lld", (long long)n) : NULL;
	if (rc == 0)
		rc = *id ? event_emit(r, "prompt", *id, "/know/prompts/{id}")
		         : req_fail(r, 500, "no_memory", "out of memory");
	if (finish(r, db, rc) < 0)
		return -1;
	*id = arena_printf(&r->arena, "own-%lld", (long long)n);
	return *id ? 0 : req_fail(r, 500, "no_memory", "out of memory");
}

/* Loads prompt p with what the viewer may see, recording what is now seen. */
static int load_seen(struct req *r, const struct know_state *ks, const struct know_prompt *p,
                     struct know_item *it)
{
	struct db *db = db_get(&r->err);
	if (!db || know_item_load(r, db, ks, p, 1, it) < 0)
		return -1;
	return notice_mark_prompt(r, db, p->id);
}

/* ---- JSON API ------------------------------------------------------------- */

static int reply_item(struct req *r, int status, const struct know_state *ks,
                      const struct know_prompt *p)
{
	struct know_item it;
	if (load_seen(r, ks, p, &it) < 0)
		return -1;
	return resp_json(r, status, know_item_json(r, &it, 1));
}

int prompt_api_current(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct know_state ks;
	struct know_prompt p;
	if (!db || know_current(r, db, &ks, &p) < 0)
		return -1;
	return reply_item(r, 200, &ks, &p);
}

int prompt_api_get(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct know_state ks;
	struct know_prompt p;
	if (!db || know_state_load(r, db, &ks) < 0 || know_prompt_param(r, &ks, &p) < 0)
		return -1;
	return reply_item(r, 200, &ks, &p);
}

int prompt_api_answer(struct req *r)
{
	struct know_state ks;
	struct know_prompt p;
	if (do_answer(r, &ks, &p) < 0) {
		const struct answer_conflict *c = req_memo_get(r, &conflict_key);
		if (!c || strcmp(r->err.code, "edit_conflict"))
			return -1;
		json_t *j = json_pack("{s:{s:s,s:s},s:{s:s,s:I}}", "error", "code", r->err.code,
		                      "message", r->err.msg, "current", "text", c->text, "version",
		                      (json_int_t)c->version);
		err_clear(&r->err);
		return resp_json(r, 409, j);
	}
	return reply_item(r, 200, &ks, &p);
}

int prompt_api_reaction(struct req *r)
{
	struct know_state ks;
	struct know_prompt p;
	if (do_react(r, &ks, &p) < 0)
		return -1;
	return reply_item(r, 200, &ks, &p);
}

int prompt_api_more(struct req *r)
{
	struct know_state ks;
	struct know_prompt p;
	if (do_post(r, &ks, &p, "more") < 0)
		return -1;
	return reply_item(r, 201, &ks, &p);
}

int prompt_api_additions(struct req *r)
{
	struct know_state ks;
	struct know_prompt p;
	if (do_post(r, &ks, &p, "addition") < 0)
		return -1;
	return reply_item(r, 201, &ks, &p);
}

/* Reads the list filters from the query; 400 on a bad one. */
static int parse_filter(struct req *r, struct know_filter *f)
{
	const char *state = req_query(r, "state");
	const char *level = req_query(r, "level");
	const char *topic = req_query(r, "topic");
	f->state = -1;
	f->level = 0;
	f->topic = -1;
	if (state && *state && (f->state = answers_state_parse(state)) < 0)
		return req_fail(r, 400, "invalid_state",
		                "The state must be new, waiting or answered.");
	if (level && *level) {
		if (strlen(level) != 1 || level[0] < '1' || level[0] > '0' + DECK_LEVELS)
			return req_fail(r, 400, "invalid_level", "The level must be 1, 2 or 3.");
		f->level = level[0] - '0';
	}
	if (topic && *topic && (f->topic = deck_topic_from_slug(topic)) < 0)
		return req_fail(r, 400, "invalid_topic",
		                "The topic must be one of thoughts, dreams, desires, beliefs, "
		                "passions, goals, fears, memories or us.");
	return 0;
}

int prompt_api_list(struct req *r)
{
	struct know_filter f;
	struct db *db;
	struct know_state ks;
	struct know_item *items;
	size_t n;
	int64_t page;
	int more;
	if (parse_filter(r, &f) < 0 || req_page(r, &page) < 0 || !(db = db_get(&r->err)) ||
	    know_state_load(r, db, &ks) < 0 ||
	    know_list(r, db, &ks, &f, (size_t)(page - 1) * PROMPTS_PAGE, PROMPTS_PAGE, 1, &items, &n,
	              &more) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, know_item_json(r, &items[i], 0));
	return resp_json(r, 200, json_pack("{s:o,s:I,s:b}", "prompts", arr, "page", (json_int_t)page,
	                                   "more", more));
}

int prompt_api_create(struct req *r)
{
	char *id;
	struct db *db;
	struct know_state ks;
	struct know_prompt p;
	if (do_create(r, &id) < 0 || !(db = db_get(&r->err)) || know_state_load(r, db, &ks) < 0)
		return -1;
	if (!know_prompt_find(&ks, id, &p))
		return req_fail(r, 500, "not_saved", "The question could not be read back.");
	return reply_item(r, 201, &ks, &p);
}

/* ---- pages ---------------------------------------------------------------- */

/* "Light · Dreams", and "your own question" for own prompts. */
static void eyebrow(struct req *r, const struct know_prompt *p, const char *extra)
{
	h(r, "<p class=\"eyebrow\">");
	ht(r, deck_level_title(p->level));
	h(r, " · ");
	ht(r, deck_topic_title((enum deck_topic)p->topic));
	if (p->own)
		h(r, " · one of your own");
	if (extra) {
		h(r, " · ");
		ht(r, _(extra));
	}
	h(r, "</p>");
}

static void when(struct req *r, int64_t at, int edited)
{
	h(r, "<p class=\"hint\">");
	ht(r, time_when(&r->arena, at));
	if (edited)
		h(r, " · edited");
	h(r, "</p>");
}

/* The partner's answer, or what the viewer may know of it. `open`: the round
 * still takes answers (earlier rounds are closed). */
static void partner_status(struct req *r, const struct know_round *rd, int open)
{
	const char *name = r->user->partner_name;
	if (rd->partner) {
		h(r, "<div class=\"answer partner\"><h2>");
		ht(r, name);
		h(r, "'s answer</h2><p class=\"answer-text\">");
		ht(r, rd->partner->text);
		h(r, "</p>");
		when(r, rd->partner->answered_at, rd->partner->edited_at != 0);
		h(r, "</div>");
		return;
	}
	int answered = rd->view.partner == REVEAL_ANSWERED;
	h(r, "<p class=\"status");
	h(r, answered && open ? "\"" : " muted\"");
	h(r, open ? " id=\"partner-status\">" : ">");
	ht(r, name);
	if (answered && open) {
		h(r, " has answered. Answer to see what ");
		ht(r, name);
		h(r, " wrote.");
	} else if (answered) {
		h(r, " answered that time; you didn't, so ");
		ht(r, name);
		h(r, "'s answer stays private.");
	} else {
		h(r, open ? " hasn't answered yet." : N_(" didn't write an answer that time."));
	}
	h(r, "</p>");
}

static void answer_form(struct req *r, const struct know_prompt *p, const struct know_round *rd,
                        const char *draft)
{
	const char *name = r->user->partner_name;
	const char *hint;
	if (rd->mine && rd->mine->seen_at)
		hint = arena_printf(&r->arena,
		                    _("%s has already read your answer, so a change will show "
		                    "as edited."),
		                    name);
	else if (rd->mine)
		hint = arena_printf(&r->arena, _("%s hasn't read it yet; you can change it freely."),
		                    name);
	else if (rd->view.partner == REVEAL_ANSWERED)
		hint = arena_printf(&r->arena, _("You'll see %s's answer as soon as you save yours."),
		                    name);
	else
		hint = arena_printf(&r->arena,
		                    _("%s sees it once %s has answered too; you'll see %s's "
		                    "answer then as well."),
		                    name, name, name);
	h(r, "<form method=\"post\" action=\"/know/prompts/");
	ht(r, p->id);
	h(r, "/answer\" class=\"answer-form\">");
	page_csrf(r);
	const struct answer_conflict *c = req_memo_get(r, &conflict_key);
	if (c) {
		h(r, "<div class=\"conflict\" id=\"conflict\"><p><strong>Saved now</strong></p>"
		     "<blockquote class=\"answer-text\">");
		ht(r, *c->text ? c->text : page_tr(r, "(no answer)"));
		h(r, "</blockquote><p class=\"hint\">Below is what you just wrote. Change it as you "
		     "like; saving it replaces the answer saved now.</p></div>");
	}
	hf(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
	   (long long)(c ? c->version : rd->mine ? rd->mine->version : 0));
	page_textarea(r, "text", c ? N_("What you wrote") : rd->mine ? N_("Change your answer") : N_("Your answer"),
	              draft      ? draft
	              : rd->mine ? rd->mine->text
	                         : NULL,
	              hint, ANSWER_TEXT_MAX, 1);
	h(r, "<button type=\"submit\">");
	h(r, rd->mine ? "Save changes" : N_("Save my answer"));
	h(r, "</button>");
	if (rd->mine) {
		h(r, "<a class=\"button secondary\" href=\"/know/prompts/");
		ht(r, p->id);
		h(r, "\">Cancel</a>");
	}
	h(r, "</form>");
}

static void thread_list(struct req *r, const struct know_round *rd)
{
	if (!rd->n_thread)
		return;
	const char *name = r->user->partner_name;
	h(r, "<ul class=\"thread\">");
	for (size_t i = 0; i < rd->n_thread; i++) {
		const struct know_post *t = rd->thread[i];
		int mine = t->user_id == r->user->id;
		int more = !strcmp(t->kind, "more");
		h(r, "<li class=\"post\"><p>");
		if (more && mine) {
			h(r, "You asked ");
			ht(r, name);
			h(r, " to tell you more.");
		} else if (more) {
			h(r, "<strong>");
			ht(r, name);
			h(r, "</strong> would like to hear more about your answer.");
		} else if (mine) {
			h(r, "You added:");
		} else {
			h(r, "<strong>");
			ht(r, name);
			h(r, "</strong> added:");
		}
		h(r, "</p>");
		if (*t->text) {
			h(r, more ? "<blockquote><p class=\"answer-text\">"
			          : "<p class=\"answer-text\">");
			ht(r, t->text);
			h(r, more ? "</p></blockquote>" : "</p>");
		}
		when(r, t->created_at, 0);
		h(r, "</li>");
	}
	h(r, "</ul>");
}

static void thread_forms(struct req *r, const struct know_prompt *p)
{
	const char *name = r->user->partner_name;
	h(r, "<form method=\"post\" action=\"/know/prompts/");
	ht(r, p->id);
	h(r, "/more\">");
	page_csrf(r);
	h(r, "<div class=\"field\"><label for=\"note\">Ask ");
	ht(r, name);
	h(r,
	  " to tell you more</label><p class=\"hint\" id=\"note-hint\">A note is optional, for "
	  "example what you are curious about.</p><input id=\"note\" name=\"note\" type=\"text\" "
	  "autocomplete=\"off\" aria-describedby=\"note-hint\" data-max=\"1000\"></div>"
	  "<button type=\"submit\" class=\"secondary\">Tell me more</button></form>");
	h(r, "<form method=\"post\" action=\"/know/prompts/");
	ht(r, p->id);
	h(r, "/additions\">");
	page_csrf(r);
	page_textarea(r, "addition", "Add to your answer", NULL,
	              "It shows under your answer, for both of you.", ANSWER_TEXT_MAX, 1);
	h(r, "<button type=\"submit\" class=\"secondary\">Add</button></form>");
}

/* One round: both answers as far as the viewer may see them, and the thread. */
static const char *reaction_words(const char *reaction)
{
	return !strcmp(reaction, "heart") ? "a heart" : "a thank you";
}

/* Under the partner's answer: a heart or a thank you, shown to them. */
static void reaction_box(struct req *r, const struct know_prompt *p, const struct know_round *rd)
{
	const char *sent = rd->partner->reaction;
	h(r, "<form method=\"post\" class=\"reaction\" id=\"reaction\" action=\"/know/prompts/");
	ht(r, p->id);
	h(r, "/reaction\">");
	page_csrf(r);
	if (*sent) {
		h(r, "<p class=\"hint\">You sent ");
		ht(r, r->user->partner_name);
		h(r, " ");
		h(r, reaction_words(sent));
		h(r, ". <button type=\"submit\" name=\"reaction\" value=\"\" class=\"link\">"
		     "Take it back</button></p></form>");
		return;
	}
	h(r, "<p class=\"reaction-buttons\"><button type=\"submit\" name=\"reaction\" "
	     "value=\"heart\" class=\"secondary\"><span aria-hidden=\"true\">♥</span> Send a heart"
	     "</button> <button type=\"submit\" name=\"reaction\" value=\"thanks\" "
	     "class=\"secondary\">Say thank you</button></p></form>");
}

static void round_view(struct req *r, const struct know_prompt *p, const struct know_round *rd,
                       int open, int edit, int can_answer, const char *draft)
{
	if (!rd->mine)
		partner_status(r, rd, open); /* first, so the person sees who is waiting */
	if (rd->mine && !(open && edit)) {
		h(r, "<div class=\"answer mine\"><h2>Your answer</h2><p class=\"answer-text\">");
		ht(r, rd->mine->text);
		h(r, "</p>");
		when(r, rd->mine->answered_at, rd->mine->edited_at != 0);
		if (*rd->mine->reaction) {
			h(r, "<p class=\"reaction-got\">");
			ht(r, r->user->partner_name);
			h(r, " sent you ");
			h(r, reaction_words(rd->mine->reaction));
			h(r, " for this answer.</p>");
		}
		if (open) {
			h(r, "<p><a href=\"/know/prompts/");
			ht(r, p->id);
			h(r, "?edit=1#text\">Change your answer</a></p>");
		}
		h(r, "</div>");
	} else if (open && can_answer) {
		answer_form(r, p, rd, draft);
	} else if (open) {
		h(r, "<p class=\"muted\">This question's level isn't open yet. "
		     "<a href=\"/know/decks\">See how levels open</a>.</p>");
	}
	if (rd->mine)
		partner_status(r, rd, open);
	if (rd->partner && open)
		reaction_box(r, p, rd);
	if (rd->view.thread) {
		if (rd->n_thread || open)
			h(r, "<h2>Talking more</h2>");
		thread_list(r, rd);
		if (open)
			thread_forms(r, p);
	}
}

/* The page of one prompt; `current` for /know. */
/* A question as a page title: its first 60 characters, then "…". */
static const char *short_title(struct req *r, const char *text)
{
	size_t chars = 0, i = 0;
	for (; text[i]; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80 && ++chars > 60)
			break;
	if (!text[i])
		return text;
	const char *t = arena_printf(&r->arena, "%.*s…", (int)i, text);
	return t ? t : "A question";
}

static int item_page(struct req *r, int status, const struct know_state *ks,
                     const struct know_item *it, int current, const char *error, const char *draft)
{
	const struct know_prompt *p = &it->prompt;
	const char *edit = req_query(r, "edit");
	page_begin(r, status, short_title(r, p->text), "know");
	h(r, "<article class=\"card prompt\"><header>");
	eyebrow(r, p, current ? N_("your question for now") : NULL);
	h(r, "<h1 id=\"prompt-text\">");
	ht(r, p->text);
	h(r, "</h1></header>");
	if (p->own && deck_closed_question(p->text, strlen(p->text)))
		h(r, "<p class=\"hint\">This one can be answered with a yes or a no; a question "
		     "starting with what or how often invites more.</p>");
	if (error)
		page_alert(r, error);
	for (size_t i = 0; i < it->n_talks; i++) {
		h(r, "<p class=\"talked\">You talked about this together on ");
		ht(r, time_when(&r->arena, it->talks[i].talked_at));
		h(r, ".");
		if (*it->talks[i].note) {
			h(r, " Your note: ");
			ht(r, it->talks[i].note);
		}
		h(r, "</p>");
	}
	const struct know_round *open = know_item_open(it);
	round_view(r, p, open, 1, edit != NULL || draft != NULL, may_answer(ks, p), draft);
	if (it->n_rounds > 1) {
		h(r, "<h2>Earlier answers</h2>");
		for (size_t i = 0; i + 1 < it->n_rounds; i++) {
			h(r, "<section class=\"earlier\"><h3>");
			hf(r, "Round %lld", (long long)it->rounds[i].round);
			h(r, "</h3>");
			round_view(r, p, &it->rounds[i], 0, 0, 0, NULL);
			h(r, "</section>");
		}
	}
	if (open->view.thread && it->current)
		h(r, "<p><a class=\"button\" href=\"/know\">Next question</a></p>");
	h(r, "</article>");
	h(r, "<nav class=\"card more-ways\" aria-label=\"Questions\"><ul>"
	     "<li><a href=\"/know/browse\">All questions</a></li>"
	     "<li><a href=\"/together\">Sit together: one screen, turn by turn</a></li>"
	     "<li><a href=\"/know/own\">Write a question of your own</a></li>"
	     "<li><a href=\"/know/decks\">Levels and progress</a></li></ul></nav>");
	return page_end(r);
}

static int current_view(struct req *r, int status, const char *error)
{
	struct db *db = db_get(&r->err);
	struct know_state ks;
	struct know_prompt p;
	struct know_item it;
	if (!db || know_current(r, db, &ks, &p) < 0 || load_seen(r, &ks, &p, &it) < 0)
		return -1;
	return item_page(r, status, &ks, &it, 1, error, NULL);
}

int prompt_page_current(struct req *r)
{
	return current_view(r, 200, NULL);
}

static int prompt_view(struct req *r, int status, const char *error)
{
	struct db *db = db_get(&r->err);
	struct know_state ks;
	struct know_prompt p;
	struct know_item it;
	if (!db || know_state_load(r, db, &ks) < 0 || know_prompt_param(r, &ks, &p) < 0 ||
	    load_seen(r, &ks, &p, &it) < 0)
		return -1;
	/* After a mistake, keep what the person wrote. */
	const char *draft = error ? req_form(r, "text") : NULL;
	return item_page(r, status, &ks, &it, 0, error, draft);
}

int prompt_page(struct req *r)
{
	return prompt_view(r, 200, NULL);
}

/* Back to the prompt's page after a form, at `anchor`. */
static int back_to(struct req *r, const char *id, const char *anchor)
{
	char *loc = arena_printf(&r->arena, "/know/prompts/%s%s", id, anchor);
	return resp_redirect(r, loc ? loc : "/know");
}

int prompt_post_answer(struct req *r)
{
	struct know_state ks;
	struct know_prompt p;
	if (do_answer(r, &ks, &p) < 0)
		return r->err.status == 404 ? -1 : page_retry(r, prompt_view);
	return back_to(r, p.id, "#prompt-text");
}

int prompt_post_reaction(struct req *r)
{
	struct know_state ks;
	struct know_prompt p;
	if (do_react(r, &ks, &p) < 0)
		return r->err.status == 404 ? -1 : page_retry(r, prompt_view);
	return back_to(r, p.id, "#reaction");
}

int prompt_post_more(struct req *r)
{
	struct know_state ks;
	struct know_prompt p;
	if (do_post(r, &ks, &p, "more") < 0)
		return r->err.status == 404 ? -1 : page_retry(r, prompt_view);
	return back_to(r, p.id, "#note");
}

int prompt_post_addition(struct req *r)
{
	struct know_state ks;
	struct know_prompt p;
	if (do_post(r, &ks, &p, "addition") < 0)
		return r->err.status == 404 ? -1 : page_retry(r, prompt_view);
	return back_to(r, p.id, "#addition");
}

/* A <select> for the browse filters; `options` are value/label pairs. */
static void select_field(struct req *r, const char *name, const char *label,
                         const char *const *options, size_t n, const char *chosen)
{
	hf(r, "<div class=\"field\"><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\">",
	   name, _(label), name, name);
	for (size_t i = 0; i + 1 < n; i += 2) {
		h(r, "<option value=\"");
		ht(r, options[i]);
		h(r, "\"");
		if (chosen && !strcmp(chosen, options[i]))
			h(r, " selected");
		h(r, ">");
		ht(r, _(options[i + 1]));
		h(r, "</option>");
	}
	h(r, "</select></div>");
}

static void state_line(struct req *r, const struct know_item *it)
{
	const struct know_round *rd = know_item_open(it);
	const char *name = r->user->partner_name;
	switch (it->state) {
	case ANSWERS_NEW:
		h(r, "Not answered yet");
		break;
	case ANSWERS_WAITING:
		if (rd->facts.mine) {
			h(r, "You answered; waiting for ");
			ht(r, name);
		} else {
			ht(r, name);
			h(r, " has answered");
		}
		break;
	default:
		h(r, rd->facts.mine ? "Both answered" : N_("Talked about together"));
		break;
	}
}

static void item_list(struct req *r, const struct know_item *items, size_t n)
{
	const char **news;
	size_t n_news = 0;
	if (notice_news_keys(r, &news, &n_news) < 0)
		n_news = 0; /* a missing "new" tag never breaks the page */
	if (!n) {
		h(r, "<p class=\"muted\">No questions match. Try another topic or level.</p>");
		return;
	}
	hn(r, (long)n, "<p class=\"hint\">%zu question.</p><ul class=\"items\">",
	   "<p class=\"hint\">%zu questions.</p><ul class=\"items\">", n);
	for (size_t i = 0; i < n; i++) {
		const struct know_item *it = &items[i];
		h(r, "<li class=\"item\"><a href=\"/know/prompts/");
		ht(r, it->prompt.id);
		h(r, "\">");
		ht(r, it->prompt.text);
		h(r, "</a>");
		if (notice_news_has(news, n_news, 'p', it->prompt.id))
			h(r, " <span class=\"tag\">new</span>");
		h(r, "<p class=\"hint\">");
		ht(r, deck_level_title(it->prompt.level));
		h(r, " · ");
		ht(r, deck_topic_title((enum deck_topic)it->prompt.topic));
		h(r, " · ");
		state_line(r, it);
		h(r, "</p></li>");
	}
	h(r, "</ul>");
}

/* Without filters: what waits for the viewer, and the topics to choose from. */
static void overview(struct req *r, const struct know_item *items, size_t n)
{
	struct know_item *waiting = arena_calloc(&r->arena, n ? n : 1, sizeof *waiting);
	size_t n_waiting = 0, total[DECK_TOPICS] = {0}, done[DECK_TOPICS] = {0};
	for (size_t i = 0; i < n; i++) {
		const struct know_item *it = &items[i];
		total[it->prompt.topic]++;
		done[it->prompt.topic] += it->state == ANSWERS_ANSWERED;
		if (waiting && it->state == ANSWERS_WAITING && !know_item_open(it)->facts.mine)
			waiting[n_waiting++] = *it;
	}
	if (n_waiting) {
		h(r, "<h2>Waiting for you</h2><p>");
		ht(r, r->user->partner_name);
		h(r, " has answered these. Answer to see what ");
		ht(r, r->user->partner_name);
		h(r, " wrote.</p>");
		item_list(r, waiting, n_waiting);
	}
	h(r, "<h2>Topics</h2><ul class=\"items\">");
	for (int t = 0; t < DECK_TOPICS; t++) {
		hf(r, "<li class=\"item\"><a href=\"/know/browse?topic=%s\">",
		   deck_topic_slug((enum deck_topic)t));
		ht(r, deck_topic_title((enum deck_topic)t));
		hf(r, "</a><p class=\"hint\">%zu of %zu open questions answered together</p></li>",
		   done[t], total[t]);
	}
	h(r, "</ul><p><a href=\"/know/browse?level=\">Every open question</a></p>");
}

int prompt_page_browse(struct req *r)
{
	struct know_filter f;
	if (parse_filter(r, &f) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	struct know_state ks;
	struct know_item *items;
	size_t n;
	/* The page shows states, never answers: every prompt, without texts. */
	if (!db || know_state_load(r, db, &ks) < 0 ||
	    know_list(r, db, &ks, &f, 0, SIZE_MAX, 0, &items, &n, NULL) < 0)
		return -1;
	static const char *const states[] = {"",         N_("Any"),      "new",
	                                     N_("Not yet"),  "waiting",  N_("Waiting for one of you"),
	                                     "answered", N_("Both answered")};
	const char *levels[2 * (DECK_LEVELS + 1)] = {"", N_("Any open level")};
	static const char *const level_values[] = {"1", "2", "3"};
	size_t nl = 2;
	for (int L = 1; L <= DECK_LEVELS; L++) {
		if (!pacing_level_open(&ks.levels, L))
			continue;
		levels[nl++] = level_values[L - 1];
		levels[nl++] = deck_level_title(L);
	}
	const char *topics[2 * (DECK_TOPICS + 1)] = {"", N_("Any topic")};
	for (int t = 0; t < DECK_TOPICS; t++) {
		topics[2 + 2 * t] = deck_topic_slug((enum deck_topic)t);
		topics[3 + 2 * t] = deck_topic_title((enum deck_topic)t);
	}
	page_begin(r, 200, "All questions", "know");
	h(r, "<section class=\"card\"><h1>All questions</h1><p>Pick any question of an open level. "
	     "Your answer stays hidden from ");
	ht(r, r->user->partner_name);
	h(r, " until ");
	ht(r, r->user->partner_name);
	h(r, " has answered too, and the other way round.</p>"
	     "<form method=\"get\" action=\"/know/browse\" class=\"filters\">");
	select_field(r, "level", "Level", levels, nl, req_query(r, "level"));
	select_field(r, "topic", "Topic", topics, ARRAY_LEN(topics), req_query(r, "topic"));
	select_field(r, "state", "Answered", states, ARRAY_LEN(states), req_query(r, "state"));
	h(r, "<button type=\"submit\" class=\"secondary\">Show</button></form>");
	for (int L = 2; L <= DECK_LEVELS; L++) {
		if (pacing_level_open(&ks.levels, L) || !pacing_level_open(&ks.levels, L - 1))
			continue;
		h(r, "<p class=\"hint\">");
		ht(r, deck_level_title(L));
		hf(r, " questions open after %zu more ", ks.levels.needed[L]);
		ht(r, deck_level_title(L - 1));
		h(r, " ones answered together, or sooner if you both ask: "
		     "<a href=\"/know/decks\">levels and progress</a>.</p>");
	}
	if (req_query(r, "level") || req_query(r, "topic") || req_query(r, "state"))
		item_list(r, items, n);
	else
		overview(r, items, n);
	h(r, "</section>");
	return page_end(r);
}

static int own_view(struct req *r, int status, const char *error)
{
	page_begin(r, status, "Write a question of your own", "know");
	h(r, "<section class=\"card\"><h1>Write a question of your own</h1><p>Your question joins "
	     "the others at the level you choose, for both of you to answer.</p>");
	if (error)
		page_alert(r, error);
	h(r, "<form method=\"post\" action=\"/know/own\">");
	page_csrf(r);
	h(r, "<div class=\"field\"><label for=\"text\">Your question</label><p class=\"hint\" "
	     "id=\"text-hint\">Open questions, starting with what, how or when, invite longer "
	     "answers.</p><input id=\"text\" name=\"text\" type=\"text\" autocomplete=\"off\" "
	     "required data-max=\"300\" aria-describedby=\"text-hint\"");
	const char *v = error ? req_form(r, "text") : NULL;
	if (v) {
		h(r, " value=\"");
		ht(r, v);
		h(r, "\"");
	}
	h(r, "></div><fieldset class=\"choice\"><legend>How deep</legend>");
	static const char *const hints[] = {NULL, "light, easy to answer",
	                                    "personal, takes some thought",
	                                    "vulnerable, close to the heart"};
	const char *chosen = error ? req_form(r, "level") : NULL;
	for (int L = 1; L <= DECK_LEVELS; L++) {
		hf(r, "<label><input type=\"radio\" name=\"level\" value=\"%d\"%s> ", L,
		   (chosen ? chosen[0] - '0' == L : L == 1) ? " checked" : "");
		ht(r, deck_level_title(L));
		h(r, ": ");
		ht(r, hints[L]);
		h(r, "</label>");
	}
	h(r, "</fieldset>");
	const char *topic_opts[2 * DECK_TOPICS];
	for (int t = 0; t < DECK_TOPICS; t++) {
		topic_opts[2 * t] = deck_topic_slug((enum deck_topic)t);
		topic_opts[2 * t + 1] = deck_topic_title((enum deck_topic)t);
	}
	const char *topic = error ? req_form(r, "topic") : NULL;
	select_field(r, "topic", "Topic", topic_opts, ARRAY_LEN(topic_opts), topic ? topic : "us");
	h(r, "<button type=\"submit\">Add our question</button></form></section>");
	return page_end(r);
}

int prompt_page_own(struct req *r)
{
	return own_view(r, 200, NULL);
}

int prompt_post_own(struct req *r)
{
	char *id;
	if (do_create(r, &id) < 0)
		return page_retry(r, own_view);
	return back_to(r, id, "");
}

int prompt_home(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct know_state ks;
	struct know_prompt p;
	struct know_item it;
	if (!db || know_current(r, db, &ks, &p) < 0 || know_item_load(r, db, &ks, &p, 0, &it) < 0)
		return -1;
	const struct know_round *rd = know_item_open(&it);
	h(r, "<section class=\"card\" aria-labelledby=\"now\"><h2 id=\"now\">Your question for "
	     "now</h2><p class=\"teaser\">");
	ht(r, p.text);
	h(r, "</p><p class=\"hint\">");
	state_line(r, &it);
	h(r, "</p><p><a class=\"button\" href=\"/know\">");
	h(r, rd->facts.mine ? "See the question" : N_("Answer it"));
	h(r, "</a></p></section>");
	return 0;
}
