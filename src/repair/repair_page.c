/* repair_page.c: the pages of a repair after a hurt: the list, starting one, the
 * overview of one repair, and a page per step (see repair.h). Every form works
 * without JavaScript; forms redirect after saving and show a person's mistake
 * on the form again. */
#include "repair.h"

#include "util/i18n.h"

#include <string.h>

#include "coach/coach_http.h"
#include "notice/notice.h"
#include "util/timefmt.h"
#include "web/page.h"

/* Per step: its name, a noun with and without article, and its page. */
static const struct {
	const char *name, *a_noun, *noun, *path;
} steps[] = {
    {N_("Reflect"), N_("a reflection"), N_("reflection"), "reflection"},
    {N_("Apologise"), N_("an apology"), N_("apology"), "apology"},
    {N_("Respond"), N_("a response"), N_("response"), "response"},
    {N_("Plan"), N_("a plan"), N_("plan"), "plan"},
};

static const char *partner(struct req *r)
{
	return r->user->partner_name;
}

static void back_link(struct req *r, const struct repair_view *v)
{
	hf(r, "<p><a href=\"/repairs/%lld\">Back to “", (long long)v->row.id);
	ht(r, v->row.title);
	h(r, "”</a></p>");
}

/* The line that says where a repair stands, for the list and its own page. */
static void status_text(struct req *r, const struct repair_status *st)
{
	if (st->stage == REPAIR_DONE) {
		h(r, "Complete");
		return;
	}
	hf(r, "Step %d of 4, %s: ", st->stage + 1, steps[st->stage].name);
	switch (st->waiting) {
	case REPAIR_WAIT_ME:
		ht(r, partner(r));
		h(r, " is waiting for you");
		break;
	case REPAIR_WAIT_PARTNER:
		h(r, "waiting for ");
		ht(r, partner(r));
		break;
	default:
		h(r, "open for both of you");
		break;
	}
}

/* ---- the list ------------------------------------------------------------ */

int repair_page_list(struct req *r)
{
	struct repair_item *items;
	size_t n;
	if (repair_items_load(r, &items, &n) < 0)
		return -1;
	page_begin(r, 200, "Repair", "repairs");
	h(r, "<section class=\"card\"><h1>Repair after a hurt</h1>"
	     "<p>When something between you hurt, duet walks you both through it in four "
	     "steps, each written on your own: what you felt and saw, an apology for your "
	     "part, a response to each other’s apology, and a plan for next time.</p>"
	     "<p><a class=\"button\" href=\"/repairs/new\">Start a repair</a></p></section>"
	     "<section class=\"card\"><h2>Your repairs</h2>");
	if (!n)
		h(r, "<p class=\"muted\">Nothing here yet. When a moment between you keeps coming "
		     "back to mind, or one of you is still sore about something, start a repair "
		     "about it, at a time when you both feel calm.</p>");
	else
		h(r, "<ul class=\"items\">");
	for (size_t i = 0; i < n; i++) {
		const struct repair_item *it = &items[i];
		hf(r, "<li class=\"item%s\"><p class=\"item-text\"><a href=\"/repairs/%lld\">",
		   it->status.waiting == REPAIR_WAIT_ME ? " due" : "", (long long)it->row.id);
		ht(r, it->row.title);
		h(r, "</a></p><p class=\"hint\">");
		ht(r, time_human(&r->arena, it->row.happened_on));
		h(r, " · <strong>");
		status_text(r, &it->status);
		h(r, "</strong></p></li>");
	}
	if (n)
		h(r, "</ul>");
	h(r, "</section>");
	return page_end(r);
}

int repair_home(struct req *r)
{
	if (!r->user->partner_id) {
		h(r, "<section class=\"card\"><h2>On your own for now</h2><p>Your <a "
		     "href=\"/journal\">private journal</a> and the <a href=\"/coach\">message "
		     "coach</a> work before your partner joins.</p></section>");
		return 0;
	}
	struct repair_item *items;
	size_t n, waiting = 0;
	if (repair_items_load(r, &items, &n) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (items[i].status.waiting != REPAIR_WAIT_ME)
			continue;
		if (!waiting++)
			h(r, "<section class=\"card\"><h2>Repairs</h2><ul>");
		h(r, "<li>");
		ht(r, partner(r));
		hf(r, " is waiting for your %s in <a href=\"/repairs/%lld\">",
		   steps[items[i].status.stage].noun, (long long)items[i].row.id);
		ht(r, items[i].row.title);
		h(r, "</a></li>");
	}
	if (waiting)
		h(r, "</ul></section>");
	return 0;
}

/* ---- starting one ------------------------------------------------------- */

static int new_form(struct req *r, int status, const char *error)
{
	page_begin(r, status, "Start a repair", "repairs");
	h(r, "<section class=\"card\"><p><a href=\"/repairs\">All repairs</a></p>"
	     "<h1>Start a repair</h1>"
	     "<p>A repair is a way to talk through a moment that hurt, once the heat has gone "
	     "out of it. Each of you writes on your own; at each step duet shows you what the "
	     "other wrote once you have both written yours.</p>"
	     "<h2>When</h2><p>When you both feel calm. Not in the middle of an argument, and "
	     "not when either of you is worn out. If you are still upset, a walk or a "
	     "night’s sleep first often helps. There is no hurry.</p>"
	     "<h2>How it works</h2><ol class=\"how\">"
	     "<li><strong>Reflect.</strong> Your feelings, what you saw and what it meant to "
	     "you, what it touched in you, and your part. Two people can remember the same "
	     "moment differently and both be honest, so this is not a debate.</li>"
	     "<li><strong>Apologise</strong> for your part, with the message coach "
	     "alongside.</li>"
	     "<li><strong>Respond</strong> to each other’s apology: accept it, or say "
	     "what is still needed.</li>"
	     "<li><strong>Plan.</strong> One thing each of you will do next time, and one thing "
	     "you ask of the other. These become agreements that you look at again in two "
	     "weeks.</li></ol></section>"
	     "<section class=\"card\"><h2>What happened</h2>");
	if (error)
		page_alert(r, error);
	h(r, "<form method=\"post\" action=\"/repairs\">");
	page_csrf(r);
	page_field(r, "title", "A short name for it", "text", req_form(r, "title"), "off",
	           "For example: the phone call at dinner. Both of you will see this name.");
	const char *day = req_form(r, "happened_on");
	page_field(r, "happened_on", "When it happened", "date",
	           day ? day : time_day(&r->arena, db_now()), "off", NULL);
	h(r, "<button type=\"submit\">Start the repair</button></form></section>");
	return page_end(r);
}

int repair_page_new(struct req *r)
{
	return new_form(r, 200, NULL);
}

int repair_post_create(struct req *r)
{
	int64_t id;
	if (repair_do_start(r, &id) < 0)
		return page_retry(r, new_form);
	char *loc = arena_printf(&r->arena, "/repairs/%lld", (long long)id);
	return resp_redirect(r, loc ? loc : "/repairs");
}

/* ---- showing entries ---------------------------------------------------- */

static void edited_mark(struct req *r, const struct repair_meta *m)
{
	if (m->edited)
		h(r, " <span class=\"hint\">(changed after it was first read)</span>");
}

static void field(struct req *r, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	h(r, "<dt>");
	ht(r, _(label));
	h(r, "</dt><dd class=\"prose\">");
	ht(r, text);
	h(r, "</dd>");
}

/* Feelings are stored one a line; shown separated by commas. */
static void feelings_field(struct req *r, const char *lines)
{
	h(r, "<dt>Feelings</dt><dd>");
	for (const char *s = lines; s && *s;) {
		size_t n = strcspn(s, "\n");
		char *one = arena_strndup(&r->arena, s, n);
		if (s != lines)
			h(r, ", ");
		ht(r, one);
		s += n + (s[n] == '\n');
	}
	h(r, "</dd>");
}

/* Headings of entries are h3 under a section's h2, or h2 on a step's page. */
static void entry_heading(struct req *r, int level, const char *who, const struct repair_meta *m)
{
	hf(r, "<h%d>", level);
	ht(r, who);
	if (m)
		edited_mark(r, m);
	hf(r, "</h%d>", level);
}

static void show_reflection(struct req *r, const struct repair_reflection *x, const char *who,
                            int level)
{
	entry_heading(r, level, who, &x->m);
	h(r, "<dl class=\"entry\">");
	feelings_field(r, x->feelings);
	field(r, N_("Reality"), x->reality);
	field(r, N_("What it touched"), x->triggers);
	field(r, N_("My part"), x->my_part);
	h(r, "</dl>");
}

static void show_text(struct req *r, const char *who, const char *text, const struct repair_meta *m,
                      int level)
{
	entry_heading(r, level, who, m);
	h(r, "<p class=\"prose\">");
	ht(r, text);
	h(r, "</p>");
}

static void show_response(struct req *r, const struct repair_response *x, const char *who,
                          const char *to)
{
	h(r, "<h3>");
	ht(r, who);
	h(r, ", to ");
	ht(r, to);
	h(r, "</h3><p>");
	h(r, x->accepted ? "Accepted the apology." : N_("Something is still needed."));
	edited_mark(r, &x->m);
	h(r, "</p>");
	if (*x->still_needed) {
		h(r, "<p class=\"prose\">");
		ht(r, x->still_needed);
		h(r, "</p>");
	}
}

static void show_plan(struct req *r, const struct repair_plan *x, const char *who,
                      const char *other)
{
	h(r, "<h3>");
	ht(r, who);
	h(r, "</h3><dl class=\"entry\">");
	field(r, N_("Will do next time"), x->mine);
	if (*x->partners) {
		const char *label = arena_printf(&r->arena, "Asks of %s", other);
		field(r, label ? label : "Asks", x->partners);
	}
	h(r, "</dl>");
}

/* What both wrote for a step, once both have written it. */
static void revealed(struct req *r, struct repair_view *v, int step)
{
	static const char *const titles[] = {"Reflections", "Apologies", "Responses",
	                                     "Plan for next time"};
	if (v->shown[step] != REVEAL_FULL)
		return;
	const char *me = r->user->name, *other = partner(r);
	hf(r, "<section class=\"card revealed\"><h2>%s</h2>", titles[step]);
	switch (step) {
	case REPAIR_REFLECT:
		show_reflection(r, &v->me.reflection, me, 3);
		show_reflection(r, &v->partner.reflection, other, 3);
		break;
	case REPAIR_APOLOGISE:
		show_text(r, me, v->me.apology.text, &v->me.apology.m, 3);
		show_text(r, other, v->partner.apology.text, &v->partner.apology.m, 3);
		break;
	case REPAIR_RESPOND:
		show_response(r, &v->me.response, me, other);
		show_response(r, &v->partner.response, other, me);
		break;
	default:
		show_plan(r, &v->me.plan, me, other);
		show_plan(r, &v->partner.plan, other, me);
		h(r, "<p>These are now agreements. <a href=\"/agreements\">See them on the "
		     "agreements page</a>.</p>");
		break;
	}
	h(r, "</section>");
}

/* ---- one repair ------------------------------------------------------- */

static const struct repair_meta *meta(const struct repair_side *s, int step)
{
	const struct repair_meta *m[] = {&s->reflection.m, &s->apology.m, &s->response.m,
	                                 &s->plan.m};
	return m[step];
}

static void step_link(struct req *r, const struct repair_view *v, int k)
{
	if (repair_write_blocked(r, v->steps, k))
		return;
	hf(r, "<a href=\"/repairs/%lld/%s\">%s your %s</a>", (long long)v->row.id, steps[k].path,
	   meta(&v->me, k)->written ? _("Edit") : _("Write"), _(steps[k].noun));
}

static void steps_list(struct req *r, const struct repair_view *v)
{
	h(r, "<ol class=\"steps\">");
	for (int k = 0; k < REPAIR_STEP_COUNT; k++) {
		const char *cls = k < v->status.stage    ? "done"
		                  : k == v->status.stage ? "current"
		                                         : "";
		hf(r, "<li class=\"%s\"><strong>%s</strong> <span class=\"hint\">You: %s · ", cls,
		   _(steps[k].name), meta(&v->me, k)->written ? _("written") : _("not yet"));
		ht(r, partner(r));
		hf(r, ": %s</span> ", meta(&v->partner, k)->written ? _("written") : _("not yet"));
		step_link(r, v, k);
		h(r, "</li>");
	}
	h(r, "</ol>");
}

/* The sentence about the open step, and the button for it. */
static void next_action(struct req *r, const struct repair_view *v)
{
	int k = v->status.stage;
	if (k == REPAIR_DONE) {
		h(r, "<p class=\"status\">Complete. Your plans are now agreements, to look at "
		     "together again in two weeks.</p><p><a class=\"button\" href=\"/agreements\">"
		     "See the agreements</a></p>");
		return;
	}
	h(r, "<p class=\"status\">");
	switch (v->status.waiting) {
	case REPAIR_WAIT_ME:
		ht(r, partner(r));
		hf(r, " has written %s and is waiting for yours.", _(steps[k].a_noun));
		break;
	case REPAIR_WAIT_PARTNER:
		hf(r, "You have written your %s. Once ", _(steps[k].noun));
		ht(r, partner(r));
		hf(r,
		   " has written %s too, you will both see what the other wrote. Until then "
		   "you can still change yours.",
		   _(steps[k].a_noun));
		break;
	default:
		hf(r, "Both of you can write your %s now.", _(steps[k].noun));
		break;
	}
	h(r, "</p>");
	if (!meta(&v->me, k)->written)
		hf(r, "<p><a class=\"button\" href=\"/repairs/%lld/%s\">Write your %s</a></p>",
		   (long long)v->row.id, steps[k].path, _(steps[k].noun));
}

/* When the partner's response (now shown) asks for more, says so once. */
static void still_needed_note(struct req *r, const struct repair_view *v)
{
	if (v->shown[REPAIR_RESPOND] != REVEAL_FULL || v->partner.response.accepted ||
	    v->status.stage == REPAIR_DONE)
		return;
	h(r, "<div class=\"notice-box\"><p>");
	ht(r, partner(r));
	hf(r,
	   " said something is still needed. You can <a href=\"/repairs/%lld/apology\">add to "
	   "your apology</a>; ",
	   (long long)v->row.id);
	ht(r, partner(r));
	h(r, " can then change the response.</p></div>");
}

int repair_page_show(struct req *r)
{
	struct repair_view v;
	struct db *db;
	if (repair_view_load(r, req_param_id(r, 0), &v) < 0 || !(db = db_get(&r->err)) ||
	    notice_mark_repair(r, db, v.row.id) < 0) /* the partner's news about it is seen */
		return -1;
	page_begin(r, 200, v.row.title, "repairs");
	h(r, "<section class=\"card\"><p><a href=\"/repairs\">All repairs</a></p><h1>");
	ht(r, v.row.title);
	h(r, "</h1><p class=\"hint\">Happened on ");
	ht(r, time_human(&r->arena, v.row.happened_on));
	if (v.row.started_by) {
		if (v.row.started_by == r->user->id) {
			h(r, " · started by you");
		} else {
			h(r, " · started by ");
			ht(r, partner(r));
		}
	}
	h(r, "</p>");
	next_action(r, &v);
	still_needed_note(r, &v);
	steps_list(r, &v);
	h(r, "</section>");
	for (int k = 0; k < REPAIR_STEP_COUNT; k++)
		revealed(r, &v, k);
	return page_end(r);
}

/* ---- the step pages ----------------------------------------------------- */

/* The viewer's own entry of step k as it is saved now, in full, for a page
 * that shows it beside what the person has just written (an edit conflict). */
static void saved_now(struct req *r, const struct repair_view *v, int k)
{
	const struct repair_side *me = &v->me;
	h(r, "<div class=\"conflict\" id=\"conflict\"><p><strong>Saved now</strong></p>"
	     "<blockquote class=\"item-text\">");
	if (!meta(me, k)->written) {
		h(r, "(nothing saved yet)");
	} else if (k == REPAIR_REFLECT) {
		h(r, "<dl class=\"entry\">");
		feelings_field(r, me->reflection.feelings);
		field(r, N_("Reality"), me->reflection.reality);
		field(r, N_("What it touched"), me->reflection.triggers);
		field(r, N_("My part"), me->reflection.my_part);
		h(r, "</dl>");
	} else if (k == REPAIR_APOLOGISE) {
		ht(r, me->apology.text);
	} else if (k == REPAIR_RESPOND) {
		h(r, me->response.accepted ? "<p>I accept it.</p>"
		                           : N_("<p>Something is still needed.</p>"));
		if (*me->response.still_needed) {
			h(r, "<p class=\"prose\">");
			ht(r, me->response.still_needed);
			h(r, "</p>");
		}
	} else {
		const char *label = arena_printf(&r->arena, "Asks of %s", partner(r));
		h(r, "<dl class=\"entry\">");
		field(r, N_("Will do next time"), me->plan.mine);
		field(r, label ? label : "Asks", me->plan.partners);
		h(r, "</dl>");
	}
	h(r, "</blockquote><p class=\"hint\">The form holds what you just wrote. Change it as you "
	     "like; saving it replaces what is saved now.</p></div>");
}

/* Starts a step's page; when the step cannot be written now, says why and
 * returns 1 (the caller ends the page). */
static int step_begin(struct req *r, struct repair_view *v, int status, int k, const char *intro,
                      const char *error)
{
	page_begin(r, status, _(steps[k].name), "repairs");
	h(r, "<section class=\"card\">");
	back_link(r, v);
	hf(r, "<h1>Step %d of 4: %s</h1><p>", k + 1, _(steps[k].name));
	ht(r, intro);
	h(r, "</p>");
	const char *blocked = repair_write_blocked(r, v->steps, k);
	if (blocked) {
		h(r, "<p><strong>");
		ht(r, blocked);
		h(r, "</strong></p></section>");
		return 1;
	}
	if (error)
		page_alert(r, error);
	const struct repair_meta *m = meta(&v->me, k);
	if (repair_conflict_get(r)) /* changed elsewhere: what is saved now, above the form */
		saved_now(r, v, k);
	hf(r, "<form method=\"post\" action=\"/repairs/%lld/%s\">", (long long)v->row.id,
	   steps[k].path);
	page_csrf(r);
	hf(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
	   (long long)(m->written ? m->version : 0));
	return 0;
}

/* The value to show in a field: what was just posted (when the form comes back
 * with a mistake), else what is saved. */
static const char *value(struct req *r, const char *name, const char *saved)
{
	return r->form ? req_form(r, name) : saved;
}

static int line_listed(const char *lines, const char *word)
{
	size_t n = strlen(word);
	for (const char *s = lines; s && *s;) {
		size_t k = strcspn(s, "\n");
		if (k == n && !strncmp(s, word, n))
			return 1;
		s += k + (s[k] == '\n');
	}
	return 0;
}

static int feeling_checked(struct req *r, const char *saved, const char *word)
{
	if (!r->form)
		return line_listed(saved, word);
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].name, "feelings") && !strcmp(r->form[i].value, word))
			return 1;
	return 0;
}

/* The saved feelings that are not on our list, as "a, b". */
static const char *own_feelings(struct req *r, const char *saved)
{
	struct buf b = BUF_INIT(8192);
	for (const char *s = saved; s && *s;) {
		size_t k = strcspn(s, "\n");
		int listed = 0;
		for (size_t i = 0; i < repair_feelings_count; i++)
			listed |=
			    strlen(repair_feelings[i]) == k && !strncmp(repair_feelings[i], s, k);
		if (!listed && ((b.len && buf_puts(&b, ", ") < 0) || buf_append(&b, s, k) < 0))
			break;
		s += k + (s[k] == '\n');
	}
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_release(&b);
	return out;
}

/* "Check with the coach": posts the same form, comes back at the coach's view. */
static void check_button(struct req *r, int64_t id, const char *step)
{
	hf(r, "<button type=\"submit\" name=\"action\" value=\"check\" class=\"secondary\" "
	      "formaction=\"/repairs/%lld/%s#coach\">Check with the coach</button>",
	   (long long)id, step);
}

/* Said after a check: nothing was saved (in a neutral colour, not a success). */
static void unsaved_note(struct req *r)
{
	h(r, "<p class=\"unsaved-note\" role=\"status\">Not saved yet. Change it if you like, "
	     "then save it.</p>");
}

/* The reflection form; with `coach` (the coach's view of `text`, the reality
 * as written), after "Check with the coach", which saves nothing. */
static int reflection_view(struct req *r, int status, const char *error, json_t *coach,
                           const char *text)
{
	struct repair_view v;
	if (repair_view_load(r, req_param_id(r, 0), &v) < 0)
		return -1;
	const struct repair_reflection *x = &v.me.reflection;
	const char *intro = arena_printf(
	    &r->arena,
	    "Write this on your own. Only your side: what you felt and saw, not what %s "
	    "should have done. When you have both written yours, you will each see the "
	    "other’s.",
	    partner(r));
	if (step_begin(r, &v, status, REPAIR_REFLECT, intro, error))
		return page_end(r);
	if (coach)
		unsaved_note(r);
	h(r, "<fieldset class=\"choice feelings\"><legend>How did you feel?</legend>"
	     "<p class=\"hint\">Choose any that fit. Just the feelings for now; the why comes "
	     "next.</p><div class=\"grid2\">");
	for (size_t i = 0; i < repair_feelings_count; i++) {
		const char *w = repair_feelings[i];
		h(r, "<label><input type=\"checkbox\" name=\"feelings\" value=\"");
		ht(r, w);
		h(r, "\"");
		if (feeling_checked(r, x->feelings, w))
			h(r, " checked");
		h(r, "> ");
		ht(r, w);
		h(r, "</label>");
	}
	h(r, "</div></fieldset><div class=\"field\"><label for=\"feelings_own\">Other feelings, in "
	     "your own words</label><p class=\"hint\" id=\"feelings_own-hint\">Separate them "
	     "with commas.</p><input id=\"feelings_own\" name=\"feelings_own\" type=\"text\" "
	     "autocomplete=\"off\" aria-describedby=\"feelings_own-hint\" value=\"");
	ht(r, value(r, "feelings_own", own_feelings(r, x->feelings)));
	h(r, "\"></div>");
	page_textarea(r, "reality", "My reality", value(r, "reality", x->reality),
	              "What you saw and heard, and what it meant to you. Your side is real even "
	              "if the other remembers it differently.",
	              REPAIR_TEXT_MAX, 1);
	page_textarea(r, "triggers", "What it touched in me", value(r, "triggers", x->triggers),
	              "Older hurts or sore spots it brushed against, from this relationship or "
	              "before it. Optional.",
	              REPAIR_TEXT_MAX, 0);
	page_textarea(r, "my_part", "My part", value(r, "my_part", x->my_part),
	              "What you own, however small: what set you up to react as you did, what "
	              "you wish you had done differently. Optional.",
	              REPAIR_TEXT_MAX, 0);
	h(r, "<button type=\"submit\">Save my reflection</button>");
	check_button(r, v.row.id, "reflection");
	h(r, "<p class=\"hint\">Checking saves nothing. The coach looks at “My reality”.</p>"
	     "</form></section>");
	if (coach && text && *text)
		coach_view(r, coach, text, partner(r));
	return page_end(r);
}

static int reflection_form(struct req *r, int status, const char *error)
{
	return reflection_view(r, status, error, NULL, NULL);
}

static int apology_page(struct req *r, int64_t id, int status, const char *error, const char *text,
                        json_t *coach, const char *note)
{
	struct repair_view v;
	if (repair_view_load(r, id, &v) < 0)
		return -1;
	const char *other = partner(r);
	const char *intro = arena_printf(
	    &r->arena,
	    "An apology for your part. It tends to land when it owns what you did, names "
	    "how it affected %s, and says what you will do differently, without “if” or "
	    "“but”. The coach points out what is there and what might help. It never stops "
	    "you saving.",
	    other);
	if (step_begin(r, &v, status, REPAIR_APOLOGISE, intro, error))
		return page_end(r);
	if (note) {
		h(r, "<p class=\"notice\">");
		ht(r, note);
		h(r, "</p>");
	} else if (coach) {
		unsaved_note(r);
	}
	const char *label = arena_printf(&r->arena, "My apology to %s", other);
	page_textarea(r, "text", label ? label : "My apology", text, NULL, REPAIR_TEXT_MAX, 1);
	h(r, "<button type=\"submit\" name=\"action\" value=\"save\">Save my apology</button>");
	check_button(r, id, "apology");
	h(r, "<p class=\"hint\">Checking saves nothing. ");
	ht(r, other);
	h(r, " sees your apology once you have both written yours.</p></form>");
	if (v.shown[REPAIR_REFLECT] == REVEAL_FULL) {
		h(r, "<details class=\"aside\"><summary>What ");
		ht(r, other);
		h(r, " wrote in the reflection</summary>");
		show_reflection(r, &v.partner.reflection, other, 2);
		h(r, "</details>");
	}
	h(r, "</section>");
	if (coach && text && *text)
		coach_view(r, coach, text, other);
	return page_end(r);
}

int repair_apology_draft(struct req *r, int64_t id, const char *draft, const char *note)
{
	json_t *coach = coach_check(r, draft);
	if (!coach && r->err.status >= 500)
		return -1;
	err_clear(&r->err); /* a draft too long for the coach is shown without it */
	int rc = apology_page(r, id, 200, NULL, draft, coach, note);
	json_decref(coach);
	return rc;
}

static int apology_retry(struct req *r, int status, const char *error)
{
	return apology_page(r, req_param_id(r, 0), status, error, req_form(r, "text"), NULL, NULL);
}

static int response_form(struct req *r, int status, const char *error)
{
	struct repair_view v;
	if (repair_view_load(r, req_param_id(r, 0), &v) < 0)
		return -1;
	const char *other = partner(r);
	const struct repair_response *x = &v.me.response;
	if (step_begin(r, &v, status, REPAIR_RESPOND,
	               "Read the apology, then accept it, or say what is still needed. Accepting "
	               "does not mean it didn’t matter; it means you have heard it.",
	               error))
		return page_end(r);
	h(r, "<div class=\"quote\">");
	show_text(r, arena_printf(&r->arena, "%s’s apology", other), v.partner.apology.text,
	          &v.partner.apology.m, 2);
	h(r, "</div>");
	const char *acc = r->form         ? req_form(r, "accepted")
	                  : !x->m.written ? ""
	                  : x->accepted   ? "yes"
	                                  : "no";
	h(r, "<fieldset class=\"choice\"><legend>Your response</legend>"
	     "<label><input type=\"radio\" name=\"accepted\" value=\"yes\" required");
	if (acc && !strcmp(acc, "yes"))
		h(r, " checked");
	h(r, "> I accept it</label><label><input type=\"radio\" name=\"accepted\" value=\"no\"");
	if (acc && !strcmp(acc, "no"))
		h(r, " checked");
	h(r, "> Something is still needed</label></fieldset>");
	const char *hint =
	    arena_printf(&r->arena,
	                 "What would help you let this go? For example, to hear that %s "
	                 "understands what it was like for you. Needed only if "
	                 "something is still missing.",
	                 other);
	page_textarea(r, "still_needed", "What is still needed",
	              value(r, "still_needed", x->still_needed), hint, REPAIR_TEXT_MAX, 0);
	h(r, "<button type=\"submit\">Save my response</button></form></section>");
	return page_end(r);
}

static int plan_form(struct req *r, int status, const char *error)
{
	struct repair_view v;
	if (repair_view_load(r, req_param_id(r, 0), &v) < 0)
		return -1;
	const char *other = partner(r);
	const struct repair_plan *x = &v.me.plan;
	if (step_begin(r, &v, status, REPAIR_PLAN,
	               "For next time. Each of you writes one thing you will do, and one thing "
	               "you ask of the other. Once you have both written yours, each becomes an "
	               "agreement, and duet brings them back in two weeks so you can look at how "
	               "it went.",
	               error))
		return page_end(r);
	page_textarea(r, "mine", "One thing I will do next time", value(r, "mine", x->mine),
	              "Small and concrete works best, for example: when I am running late, I "
	              "will text before, not after.",
	              REPAIR_PLAN_MAX, 1);
	const char *label = arena_printf(&r->arena, "One thing I ask of %s", other);
	page_textarea(r, "partners", label ? label : "One thing I ask",
	              value(r, "partners", x->partners), "A request, not a rule. Optional.",
	              REPAIR_PLAN_MAX, 0);
	h(r, "<button type=\"submit\">Save my plan</button></form></section>");
	return page_end(r);
}

int repair_page_reflection(struct req *r)
{
	return reflection_form(r, 200, NULL);
}

int repair_page_apology(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	struct repair_view v;
	if (repair_view_load(r, id, &v) < 0)
		return -1;
	const char *saved = v.me.apology.m.written ? v.me.apology.text : NULL;
	json_t *coach = saved ? json_loads(v.me.apology.coach, 0, NULL) : NULL;
	const char *note = NULL;
	const char *flag = req_query(r, "saved");
	if (saved && flag && !strcmp(flag, "1"))
		note = v.shown[REPAIR_APOLOGISE] == REVEAL_FULL
		           ? "Saved. You can both read each other’s apology now."
		           : "Saved. The coach’s view of it is below.";
	int rc = apology_page(r, id, 200, NULL, saved, coach, note);
	json_decref(coach);
	return rc;
}

/* Saves a step from a form, then shows the repair (or, for the apology, the
 * coach's view of what was saved). */
static int post_step(struct req *r, enum repair_step step,
                     int (*retry)(struct req *r, int status, const char *error))
{
	int64_t id = req_param_id(r, 0);
	int made;
	if (repair_do_step(r, id, step, NULL, &made) < 0) {
		return page_retry(r, retry);
	}
	char *loc =
	    step == REPAIR_APOLOGISE
	        ? arena_printf(&r->arena, "/repairs/%lld/apology?saved=1#coach", (long long)id)
	        : arena_printf(&r->arena, "/repairs/%lld", (long long)id);
	return resp_redirect(r, loc ? loc : "/repairs");
}

/* A step's form that has "Check with the coach": checking saves nothing and
 * shows the form again with the coach's view of `field` (checked()); any
 * other action saves the step. */
static int post_or_check(struct req *r, enum repair_step step, const char *field,
                         const char *label, int (*retry)(struct req *r, int status, const char *error),
                         int (*checked)(struct req *r, json_t *coach, const char *text))
{
	const char *action = req_form(r, "action");
	if (!action || strcmp(action, "check"))
		return post_step(r, step, retry);
	const char *text = req_text(r, field, label, REPAIR_TEXT_MAX, 1);
	json_t *coach = text ? coach_check(r, text) : NULL;
	if (!coach)
		return page_retry(r, retry);
	int rc = checked(r, coach, text);
	json_decref(coach);
	return rc;
}

static int reflection_checked(struct req *r, json_t *coach, const char *text)
{
	return reflection_view(r, 200, NULL, coach, text);
}

static int apology_checked(struct req *r, json_t *coach, const char *text)
{
	return apology_page(r, req_param_id(r, 0), 200, NULL, text, coach, NULL);
}

int repair_post_reflection(struct req *r)
{
	return post_or_check(r, REPAIR_REFLECT, "reality", "reality", reflection_form,
	                     reflection_checked);
}

int repair_post_apology(struct req *r)
{
	return post_or_check(r, REPAIR_APOLOGISE, "text", "apology", apology_retry, apology_checked);
}

int repair_page_response(struct req *r)
{
	return response_form(r, 200, NULL);
}

int repair_post_response(struct req *r)
{
	return post_step(r, REPAIR_RESPOND, response_form);
}

int repair_page_plan(struct req *r)
{
	return plan_form(r, 200, NULL);
}

int repair_post_plan(struct req *r)
{
	return post_step(r, REPAIR_PLAN, plan_form);
}
