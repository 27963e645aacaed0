/* negotiation_page.c: the Negotiate pages and their forms (see
 * negotiation.h): the list, a new negotiation (prefilled from the query),
 * and a negotiation's page, which shows what fits its state: the items, the
 * viewer's private values, the proposal with its picture, the agreements.
 * Works without JavaScript; static/negotiate.js only keeps the points
 * counter up to date while typing. */
#include <stdlib.h>
#include <string.h>

#include "negotiate/pairbars.h"
#include "negotiation.h"
#include "util/html.h"
#include "util/timefmt.h"
#include "util/utf8.h"
#include "util/i18n.h"
#include "web/page.h"

/* ---- words -------------------------------------------------------------- */

static const char *values_word(enum bargain_kind k)
{
	return k == BARGAIN_CHOICE ? _("ratings") : _("points");
}

/* One line on where a negotiation stands, for the viewer. */
static void status_words(struct req *r, const struct negotiation *n, enum bargain_kind kind,
			 enum bargain_state st, int me)
{
	const struct neg_side *mine = &n->side[me], *theirs = &n->side[1 - me];
	const char *partner = r->user->partner_name;
	switch (st) {
	case BARGAIN_ACCEPTED:
		h(r, "Agreed by both of you");
		return;
	case BARGAIN_PROPOSED:
		if (!mine->accepted) {
			h(r, "A proposal is ready for you to look at");
		} else {
			h(r, "You accepted; waiting for ");
			ht(r, partner);
		}
		return;
	case BARGAIN_OPEN:
	case BARGAIN_ALLOCATING:
		break;
	}
	if (n->nitems < 2) {
		hf(r, "Add at least two %ss to begin", bargain_noun(kind));
	} else if (mine->done) {
		h(r, "You are done; waiting for ");
		ht(r, partner);
	} else if (mine->started) {
		hf(r, "Your %s are saved, not yet marked done", values_word(kind));
	} else {
		hf(r, "Ready for your %s", values_word(kind));
		if (theirs->done) {
			h(r, " (");
			ht(r, partner);
			h(r, " is done)");
		}
	}
}

static void kind_words(struct req *r, enum bargain_kind kind, size_t nitems)
{
	if (kind == BARGAIN_CHOICE)
		hn(r, (long)nitems, "Choosing one of %zu option", "Choosing one of %zu options", nitems);
	else
		hn(r, (long)nitems, "Sharing out %zu issue", "Sharing out %zu issues", nitems);
}

static void how_it_works(struct req *r)
{
	h(r, "<section class=\"card\"><h2>How it works</h2>"
	     "<h3>Sharing out several issues</h3>"
	     "<p>For a decision with several parts (who does which chores, how the holidays "
	     "are spent), each of you spreads 100 points over the issues, in private: more "
	     "points for what matters more to you. duet then gives each issue to the one who "
	     "cares more about it and evens things out, so that each of you ends up with the "
	     "same share by your own points. At most one issue is shared.</p>"
	     "<h3>Choosing one option</h3>"
	     "<p>For one choice among several (where to spend the holidays), each of you rates "
	     "every option from 0 to 10, and also rates having no agreement at all. duet "
	     "proposes the option that leaves both of you better off, in the most balanced "
	     "way.</p>"
	     "<p class=\"hint\">Neither of you sees the other's numbers until both are done, so "
	     "that each can say honestly what matters. Once you both accept, the result "
	     "becomes agreements you look at again later.</p></section>");
}

/* ---- the list ----------------------------------------------------------- */

int negotiation_page_list(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct negotiation *list;
	size_t n;
	int me = r->user->id < r->user->partner_id ? 0 : 1;
	int64_t uid[2];
	uid[me] = r->user->id;
	uid[1 - me] = r->user->partner_id;
	int64_t page;
	int more;
	if (!db || neg_list_page(r, db, uid, &list, &n, &page, &more) < 0)
		return -1;
	page_begin(r, 200, "Negotiate", "negotiate");
	h(r, "<section class=\"card\"><h1>Negotiate</h1><p>When you want different things, "
	     "neither of you has to simply give in. Each says in private what matters, and duet "
	     "proposes a way through that is fair by both of your measures.</p>"
	     "<p><a class=\"button\" href=\"/negotiations/new\">Start a negotiation</a></p>"
	     "</section><section class=\"card\"><h2>Your negotiations</h2>");
	if (!n)
		h(r, "<p class=\"muted\">Nothing here yet. Start one about something you are "
		     "deciding together, big or small: the holidays, the chores, a weekend.</p>");
	else
		h(r, "<ul class=\"items\">");
	for (size_t i = 0; i < n; i++) {
		const struct negotiation *g = &list[i];
		enum bargain_kind kind;
		if (bargain_kind_parse(g->kind, &kind, NULL) < 0)
			continue;
		struct bargain_side s[2];
		for (int k = 0; k < 2; k++)
			s[k] = (struct bargain_side){ g->side[k].started, g->side[k].done,
						      g->side[k].accepted };
		hf(r, "<li class=\"item\"><p class=\"item-text\"><a href=\"/negotiations/%lld\">",
		   (long long)g->id);
		ht(r, g->topic);
		h(r, "</a></p><p class=\"hint\">");
		kind_words(r, kind, g->nitems);
		h(r, " · ");
		status_words(r, g, kind, bargain_state(s), me);
		h(r, "</p></li>");
	}
	if (n)
		h(r, "</ul>");
	page_pager(r, "/negotiations", page, more, "Older negotiations");
	h(r, "</section>");
	how_it_works(r);
	return page_end(r);
}

/* ---- a new negotiation -------------------------------------------------- */

/* A query argument that is valid UTF-8 of at most max bytes, else NULL. */
static const char *query_text(struct req *r, const char *name, size_t max)
{
	const char *s = req_query(r, name);
	if (!s || strlen(s) > max || !utf8_valid(s, strlen(s)))
		return NULL;
	return s;
}

static int new_view(struct req *r, int status, const char *error)
{
	const char *topic, *kind, *items;
	if (r->form) {
		topic = req_form(r, "topic");
		kind = req_form(r, "kind");
		items = req_form(r, "items");
	} else {
		topic = query_text(r, "topic", BARGAIN_TOPIC_MAX * 4);
		kind = query_text(r, "kind", 10);
		items = query_text(r, "items", 4000);
	}
	int choice = kind && !strcmp(kind, "choice");
	page_begin(r, status, "Start a negotiation", "negotiate");
	h(r, "<section class=\"card\"><h1>Start a negotiation</h1>");
	if (error)
		page_alert(r, error);
	h(r, "<form method=\"post\" action=\"/negotiations\">");
	page_csrf(r);
	page_field(r, "topic", "What is it about?", "text", topic, "off",
		   "For example: our summer holidays, or who does which chores.");
	hf(r, "<fieldset class=\"choice\"><legend>What kind of decision?</legend>"
	      "<label><input type=\"radio\" name=\"kind\" value=\"split\"%s> <span>Share out "
	      "several issues<br><span class=\"hint\">Each of you spreads 100 points over the "
	      "issues.</span></span></label>"
	      "<label><input type=\"radio\" name=\"kind\" value=\"choice\"%s> <span>Choose one "
	      "option<br><span class=\"hint\">Each of you rates every option from 0 to "
	      "10.</span></span></label></fieldset>",
	   choice ? "" : N_(" checked"), choice ? " checked" : "");
	page_textarea(r, "items", "The issues or options, one a line", items,
		      "You can both add more later, until you have both started giving points.",
		      4000, 0);
	h(r, "<button type=\"submit\">Start</button> <a class=\"button secondary\" "
	     "href=\"/negotiations\">Cancel</a></form></section>");
	how_it_works(r);
	return page_end(r);
}

int negotiation_page_new(struct req *r)
{
	return new_view(r, 200, NULL);
}

int negotiation_post_create(struct req *r)
{
	int64_t id;
	if (neg_do_create(r, &id) < 0)
		return page_retry(r, new_view);
	char *loc = arena_printf(&r->arena, "/negotiations/%lld", (long long)id);
	return resp_redirect(r, loc ? loc : "/negotiations");
}

/* ---- a negotiation's page ----------------------------------------------- */

/* Where a form's error belongs on the page, from the path it was posted to. */
enum section { SEC_TOP, SEC_ITEMS, SEC_VALUES, SEC_PROPOSAL };

/* The section shown in state st that a form posted to r->path belongs to;
 * the top of the page when that section is not shown. */
static enum section section_of(struct req *r, enum bargain_state st)
{
	enum section s = SEC_PROPOSAL;
	if (r->method != M_POST)
		return SEC_TOP;
	if (strstr(r->path, "/items"))
		s = SEC_ITEMS;
	else if (strstr(r->path, "/allocation"))
		s = SEC_VALUES;
	if (s == SEC_PROPOSAL)
		return st == BARGAIN_PROPOSED ? s : SEC_TOP;
	return st <= BARGAIN_ALLOCATING ? s : SEC_TOP;
}

static void alert(struct req *r, const char *error)
{
	if (error)
		page_alert(r, error);
}

static void post_button(struct req *r, const struct neg_view *v, const char *what,
			const char *label, const char *cls)
{
	char *action = arena_printf(&r->arena, "/negotiations/%lld/%s", (long long)v->n.id, what);
	page_button_form(r, action ? action : "/negotiations", label, cls);
}

/* The value to show in the viewer's input for item i: what was just posted
 * when the form comes back with a mistake, else what is saved. */
static void value_attr(struct req *r, const char *field, long long saved)
{
	const char *posted = r->form && r->method == M_POST ? req_form(r, field) : NULL;
	if (posted) {
		h(r, " value=\"");
		ht(r, posted);
		h(r, "\"");
	} else if (saved >= 0) {
		hf(r, " value=\"%lld\"", saved);
	}
}

static void items_card(struct req *r, const struct neg_view *v, const char *error)
{
	const char *noun = bargain_noun(v->kind);
	hf(r, "<section class=\"card\" id=\"items\"><h2>The %ss</h2>", noun);
	if (v->state == BARGAIN_OPEN && (v->n.side[0].started || v->n.side[1].started))
		hf(r, "<p class=\"hint\">Removing an %s also removes the %s given to it, and "
		      "adding one asks both of you to look at your %s again.</p>",
		   noun, values_word(v->kind), values_word(v->kind));
	alert(r, error);
	if (!v->n.nitems)
		hf(r, "<p class=\"muted\">No %ss yet. Add the first one below.</p>", noun);
	else
		h(r, "<ul class=\"items\">");
	for (size_t i = 0; i < v->n.nitems; i++) {
		const struct neg_item *it = &v->n.items[i];
		h(r, "<li class=\"item item-row\"><span class=\"item-text\">");
		ht(r, it->name);
		h(r, "</span>");
		if (v->state == BARGAIN_OPEN) {
			hf(r, "<form method=\"post\" "
			      "action=\"/negotiations/%lld/items/%lld/remove\" class=\"inline\">",
			   (long long)v->n.id, (long long)it->id);
			page_csrf(r);
			h(r, "<button type=\"submit\" class=\"secondary small\">Remove<span "
			     "class=\"visually-hidden\"> ");
			ht(r, it->name);
			h(r, "</span></button></form>");
		}
		h(r, "</li>");
	}
	if (v->n.nitems)
		h(r, "</ul>");
	if (v->state == BARGAIN_OPEN) {
		hf(r, "<form method=\"post\" action=\"/negotiations/%lld/items\">",
		   (long long)v->n.id);
		page_csrf(r);
		h(r, "<div class=\"field\"><label for=\"name\">");
		hf(r, "Add an %s</label><p class=\"hint\" id=\"name-hint\">Either of you can add "
		      "%ss until you have both started giving %s.</p>",
		   noun, noun, values_word(v->kind));
		hf(r, "<input id=\"name\" name=\"name\" type=\"text\" autocomplete=\"off\" "
		      "data-max=\"%d\" required aria-describedby=\"name-hint\"",
		   BARGAIN_ITEM_MAX);
		value_attr(r, "name", -1);
		h(r, "></div>");
		h(r, "<button type=\"submit\" class=\"secondary\">Add</button></form>");
	} else if (v->state == BARGAIN_ALLOCATING) {
		hf(r, "<p class=\"hint\">You have both started giving %s, so the %ss are fixed. "
		      "To change them, reopen the negotiation: what you have entered stays as a "
		      "draft.</p>",
		   values_word(v->kind), noun);
		post_button(r, v, "reopen", N_("Reopen to change the list"), "secondary");
	}
	h(r, "</section>");
}

static long long mine_at(const struct neg_view *v, size_t i)
{
	return v->values[v->me] ? v->values[v->me][i] : -1;
}

static void partner_progress(struct req *r, const struct neg_view *v)
{
	const struct neg_side *t = &v->n.side[1 - v->me];
	const char *word = values_word(v->kind);
	h(r, "<p class=\"partner-status\">");
	ht(r, r->user->partner_name);
	if (t->done)
		hf(r, " is done. You will see each other's %s once you are done too.", word);
	else if (t->started)
		hf(r, " has started giving %s.", word);
	else
		hf(r, " has not started giving %s yet.", word);
	h(r, "</p>");
}

static void values_card(struct req *r, const struct neg_view *v, const char *error)
{
	int choice = v->kind == BARGAIN_CHOICE;
	const struct neg_side *mine = &v->n.side[v->me];
	hf(r, "<section class=\"card\" id=\"values\"><h2>Your %s</h2>", values_word(v->kind));
	if (choice)
		h(r, "<p>Rate each option from 0 (not for me at all) to 10 (the best for me), and "
		     "rate having no agreement at all, too.</p>");
	else
		h(r, "<p>Spread exactly 100 points over the issues: more points for what matters "
		     "more to you.</p>");
	h(r, "<p class=\"hint\">");
	ht(r, r->user->partner_name);
	hf(r, " won't see your %s until you are both done, and you won't see ",
	   values_word(v->kind));
	ht(r, r->user->partner_name);
	h(r, "'s.</p>");
	partner_progress(r, v);
	alert(r, error);
	if (v->n.nitems < 2) {
		hf(r, "<p class=\"muted\">Once there are at least two %ss, you can give your %s "
		      "here.</p></section>",
		   bargain_noun(v->kind), values_word(v->kind));
		return;
	}
	if (mine->done) {
		hf(r, "<p class=\"notice\">You are done. You can still change your %s until ",
		   values_word(v->kind));
		ht(r, r->user->partner_name);
		h(r, " is done too.</p>");
	} else if (mine->started) {
		hf(r, "<p class=\"hint\">Your %s are saved as a draft.</p>", values_word(v->kind));
	}
	hf(r, "<form method=\"post\" action=\"/negotiations/%lld/allocation\" "
	      "class=\"allocate\"%s>",
	   (long long)v->n.id, choice ? "" : " data-total=\"100\"");
	page_csrf(r);
	long long sum = 0;
	char field[32];
	for (size_t i = 0; i < v->n.nitems; i++) {
		const struct neg_item *it = &v->n.items[i];
		long long saved = mine_at(v, i);
		snprintf(field, sizeof field, "v%lld", (long long)it->id);
		int found;
		long long posted = neg_posted_value(r, it->id, &found);
		long long shown = found ? posted : saved;
		sum += shown > 0 ? shown : 0;
		hf(r, "<div class=\"field value-field\"><label for=\"%s\">", field);
		ht(r, it->name);
		hf(r, "</label><input id=\"%s\" name=\"%s\" type=\"number\" inputmode=\"numeric\" "
		      "min=\"0\" max=\"%d\" step=\"1\"%s",
		   field, field, choice ? NASH_RATING_MAX : AW_POINTS,
		   choice ? " required" : " data-points");
		value_attr(r, field, saved);
		h(r, "></div>");
	}
	if (choice) {
		h(r, "<div class=\"field value-field\"><label for=\"status_quo\">Having no "
		     "agreement</label><p class=\"hint\" id=\"status_quo-hint\">How good would "
		     "it be for you if you agreed on none of these?</p><input id=\"status_quo\" "
		     "name=\"status_quo\" type=\"number\" inputmode=\"numeric\" min=\"0\" "
		     "max=\"10\" step=\"1\" required aria-describedby=\"status_quo-hint\"");
		value_attr(r, "status_quo", mine->status_quo);
		h(r, "></div>");
	} else {
		/* Without JavaScript this line cannot follow the typing (static/
		 * negotiate.js turns it into a live counter): it says what the
		 * numbers on the page came to when it was made, never "100 left"
		 * beside numbers typed since. */
		long long left = AW_POINTS - sum;
		h(r, "<p class=\"remaining\"><output id=\"remaining\">");
		if (sum == 0)
			hf(r, "Give %d points in all; duet adds them up when you save.", AW_POINTS);
		else if (left >= 0)
			hf(r, "Points left to give: <strong>%lld</strong>", left);
		else
			hf(r, "That is <strong>%lld</strong> too many.", -left);
		h(r, "</output></p>");
	}
	h(r, "<button type=\"submit\" name=\"done\" value=\"1\">I'm done</button>"
	     "<button type=\"submit\" name=\"done\" value=\"0\" class=\"secondary\" "
	     "formnovalidate>Save for later</button></form></section>");
}

/* The result in real words: what each of you decides, and how a shared
 * issue can be lived (turns or time, bargain_turns). */
static void split_gets(struct req *r, const struct neg_view *v)
{
	struct frac one = frac_int(1);
	h(r, "<h3>Who decides what</h3><ul class=\"gets\">");
	for (int k = 0; k < 2; k++) {
		int any = 0;
		h(r, "<li><strong>");
		ht(r, v->names[k]);
		h(r, "</strong> decides about ");
		for (size_t i = 0; i < v->n.nitems; i++) {
			struct frac s = k ? v->split.share[i].b : v->split.share[i].a;
			if (frac_cmp(s, one))
				continue;
			if (any++)
				h(r, ", ");
			ht(r, v->aw[i].name);
		}
		if (!any)
			h(r, "nothing on its own");
		h(r, ".</li>");
	}
	for (size_t i = 0; i < v->n.nitems; i++) {
		const struct aw_share *s = &v->split.share[i];
		char turns[BARGAIN_TEXT_MAX];
		if (!frac_cmp(s->a, one) || !frac_cmp(s->b, one) ||
		    bargain_turns(turns, sizeof turns, v->names, s) < 0)
			continue;
		h(r, "<li class=\"shared\"><strong>");
		ht(r, v->aw[i].name);
		h(r, "</strong> is shared. In real life you could ");
		ht(r, turns);
		h(r, ".</li>");
	}
	h(r, "</ul>");
}

static const char *dec(struct req *r, struct frac x)
{
	char s[32];
	return arena_strdup(&r->arena, bargain_decimal(s, sizeof s, x));
}

static const char *outcome_of(const struct neg_view *v, const struct aw_share *s)
{
	if (!frac_cmp(s->a, frac_int(1)))
		return v->names[0];
	if (!frac_cmp(s->b, frac_int(1)))
		return v->names[1];
	return "shared";
}

/* Writes the picture p (its desc in `desc`, which is released); rc is the
 * result of writing desc. */
static int draw(struct req *r, const struct pairbars *p, struct buf *desc, int rc)
{
	int bad = rc || pairbars_svg(&r->out, p) < 0;
	buf_release(desc);
	return bad ? req_fail(r, 500, "picture", "The picture could not be drawn.") : 0;
}

static int split_picture(struct req *r, const struct neg_view *v)
{
	size_t n = v->n.nitems;
	struct pairbar_row *rows = arena_calloc(&r->arena, n + 1, sizeof *rows);
	struct buf desc = BUF_INIT(16384);
	if (!rows)
		return req_fail(r, 500, "no_memory", "out of memory");
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		const struct aw_share *s = &v->split.share[i];
		struct frac share[2] = { s->a, s->b };
		long long pts[2] = { v->aw[i].a, v->aw[i].b };
		rows[i].label = v->aw[i].name;
		rows[i].outcome = outcome_of(v, s);
		rc |= buf_printf(&desc, "%s: ", v->aw[i].name);
		for (int k = 0; k < 2; k++) {
			char f[48];
			rows[i].value[k] = (double)pts[k];
			rows[i].fill[k] =
				(double)pts[k] * (double)share[k].num / (double)share[k].den;
			rows[i].text[k] = arena_printf(&r->arena, "%lld", pts[k]);
			if (frac_format(share[k], f, sizeof f) < 0)
				return req_fail(r, 500, "no_memory", "out of memory");
			rc |= buf_printf(&desc, "%s gave %lld points and gets %s%s", v->names[k],
					 pts[k], !strcmp(f, "1") ? "all of it" : f,
					 k ? ". " : "; ");
		}
	}
	struct pairbar_row *t = &rows[n];
	t->label = "In total";
	t->highlight = 1;
	t->outcome = arena_printf(&r->arena, "%s each", dec(r, v->split.total_a));
	for (int k = 0; k < 2; k++) {
		struct frac total = k ? v->split.total_b : v->split.total_a;
		t->value[k] = AW_POINTS;
		t->fill[k] = (double)total.num / (double)total.den;
		t->text[k] = dec(r, total);
	}
	rc |= buf_printf(&desc, "In total, each of you gets %s of your own 100 points.",
			 dec(r, v->split.total_a));
	struct pairbars p = {
		.title = "How the issues are shared, by each of your points",
		.desc = desc.data,
		.names = { v->names[0], v->names[1] },
		.max = AW_POINTS,
		.fill_label = "the part each of you gets",
		.outline_label = "the points each of you gave",
		.marker = { -1, -1 },
		.n = n + 1,
		.rows = rows,
	};
	return draw(r, &p, &desc, rc);
}

static int choice_picture(struct req *r, const struct neg_view *v)
{
	size_t n = v->n.nitems;
	struct pairbar_row *rows = arena_calloc(&r->arena, n, sizeof *rows);
	struct buf desc = BUF_INIT(16384);
	if (!rows)
		return req_fail(r, 500, "no_memory", "out of memory");
	int best = v->choice.nranked ? (int)v->choice.ranking[0].index : -1;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		long long val[2] = { v->opts[i].a, v->opts[i].b };
		rows[i].label = v->opts[i].name;
		rows[i].highlight = (int)i == best;
		rows[i].outcome = (int)i == best ? "proposed" : NULL;
		for (int k = 0; k < 2; k++) {
			rows[i].value[k] = rows[i].fill[k] = (double)val[k];
			rows[i].text[k] = arena_printf(&r->arena, "%lld", val[k]);
		}
		rc |= buf_printf(&desc, "%s: %s %lld, %s %lld. ", v->opts[i].name, v->names[0],
				 val[0], v->names[1], val[1]);
	}
	long long sq[2] = { v->n.side[0].status_quo, v->n.side[1].status_quo };
	rc |= buf_printf(&desc, "Having no agreement: %s %lld, %s %lld.", v->names[0], sq[0],
			 v->names[1], sq[1]);
	struct pairbars p = {
		.title = "Your ratings of each option, from 0 to 10",
		.desc = desc.data,
		.names = { v->names[0], v->names[1] },
		.max = NASH_RATING_MAX,
		.fill_label = "each one's rating",
		.marker = { (double)sq[0], (double)sq[1] },
		.marker_label = "each one's rating of having no agreement",
		.n = n,
		.rows = rows,
	};
	return draw(r, &p, &desc, rc);
}

static void values_table(struct req *r, const struct neg_view *v)
{
	hf(r, "<details class=\"both-values\"><summary>Both of your %s</summary><table><thead><tr>"
	      "<th scope=\"col\">%s</th><th scope=\"col\">",
	   values_word(v->kind), v->kind == BARGAIN_CHOICE ? _("Option") : _("Issue"));
	ht(r, v->names[0]);
	h(r, "</th><th scope=\"col\">");
	ht(r, v->names[1]);
	h(r, "</th></tr></thead><tbody>");
	for (size_t i = 0; i < v->n.nitems; i++) {
		h(r, "<tr><th scope=\"row\">");
		ht(r, v->n.items[i].name);
		h(r, "</th>");
		for (int k = 0; k < 2; k++)
			hf(r, "<td>%lld</td>", v->values[k][i] < 0 ? 0 : v->values[k][i]);
		h(r, "</tr>");
	}
	if (v->kind == BARGAIN_CHOICE)
		hf(r, "<tr><th scope=\"row\">Having no agreement</th><td>%lld</td>"
		      "<td>%lld</td></tr>",
		   v->n.side[0].status_quo, v->n.side[1].status_quo);
	h(r, "</tbody></table></details>");
}

static void acceptance(struct req *r, const struct neg_view *v, const char *error)
{
	const struct neg_side *mine = &v->n.side[v->me], *theirs = &v->n.side[1 - v->me];
	alert(r, error);
	if (theirs->accepted) {
		h(r, "<p class=\"notice\">");
		ht(r, r->user->partner_name);
		h(r, " has accepted.</p>");
	}
	if (mine->accepted) {
		h(r, "<p class=\"notice\">You have accepted. Once ");
		ht(r, r->user->partner_name);
		h(r, " accepts too, it becomes agreements.</p>");
	} else {
		hf(r, "<p>When you have both accepted, %s becomes an agreement, to look at "
		      "together again in two weeks.</p>",
		   v->kind == BARGAIN_CHOICE ? _("the choice") : _("each issue"));
		post_button(r, v, "accept", N_("Accept"), NULL);
	}
	h(r, "<p class=\"hint\">Not quite right? Reopen it: your numbers stay as drafts, either of "
	     "you can change them or the list, and they are hidden again until you are both "
	     "done.</p>");
	post_button(r, v, "reopen", N_("Reopen and adjust"), "secondary");
}

static int proposal_card(struct req *r, const struct neg_view *v, const char *error)
{
	hf(r, "<section class=\"card\" id=\"proposal\"><h2>%s</h2>",
	   v->state == BARGAIN_ACCEPTED ? _("The proposal you accepted") : _("The proposal"));
	if (v->kind == BARGAIN_CHOICE && v->choice.choice < 0) {
		h(r, "<p>None of these options is better than having no agreement, for both of "
		     "you. That happens, and it is worth knowing: it may be that the real question "
		     "lies somewhere else.</p><p>You could put it on the <a href=\"/dreams\">dream "
		     "table</a> and explore it together, without having to decide yet, or talk "
		     "it through with a counsellor (see <a href=\"/resources\">finding "
		     "help</a>).</p>");
		if (choice_picture(r, v) < 0)
			return -1;
		values_table(r, v);
		alert(r, error);
		post_button(r, v, "reopen", N_("Reopen and rethink the options"), "secondary");
		h(r, "</section>");
		return 0;
	}
	if (v->kind == BARGAIN_CHOICE) {
		h(r, "<p class=\"proposal-choice\">duet proposes: <strong>");
		ht(r, v->opts[v->choice.ranking[0].index].name);
		h(r, "</strong></p>");
		if (choice_picture(r, v) < 0)
			return -1;
	} else {
		if (split_picture(r, v) < 0)
			return -1;
		split_gets(r, v);
	}
	struct buf ex = BUF_INIT(4096);
	int rc = v->kind == BARGAIN_CHOICE ? bargain_choice_explain(&ex, v->opts, &v->choice)
					   : bargain_split_explain(&ex, v->names, v->aw,
								   v->n.nitems, &v->split);
	h(r, "<h3>Why this is fair</h3><ul class=\"reasons\">");
	for (const char *line = rc < 0 ? "" : ex.data; *line;) {
		size_t len = strcspn(line, "\n");
		h(r, "<li>");
		(void)!html_escape_n(&r->out, line, len);
		h(r, "</li>");
		line += len + (line[len] == '\n');
	}
	h(r, "</ul>");
	buf_release(&ex);
	values_table(r, v);
	if (v->state == BARGAIN_PROPOSED)
		acceptance(r, v, error);
	h(r, "</section>");
	return 0;
}

static void agreements_card(struct req *r, const struct neg_view *v)
{
	h(r, "<section class=\"card\" id=\"agreements\"><h2>Your agreements</h2><p>You both "
	     "accepted this on ");
	ht(r, time_when(&r->arena, v->n.accepted_at));
	hn(r, (long)v->nagreements, ". It became this agreement:</p><ul class=\"items\">",
	   ". It became these agreements:</p><ul class=\"items\">");
	for (size_t i = 0; i < v->nagreements; i++) {
		const struct agreement *g = &v->agreements[i];
		hf(r, "<li class=\"item\"><p class=\"item-text\">"
		      "<a href=\"/agreements#agreement-%lld\">",
		   (long long)g->id);
		ht(r, g->text);
		h(r, "</a></p><p class=\"hint\">Look at it again on ");
		ht(r, time_human(&r->arena, g->review_on));
		h(r, "</p></li>");
	}
	h(r, "</ul><p><a href=\"/agreements\">All agreements</a></p></section>");
}

static int negotiation_view(struct req *r, int status, const char *error)
{
	int64_t id = req_param_id(r, 0);
	struct neg_view v;
	struct db *db = db_get(&r->err);
	if (id < 0)
		return req_fail(r, 404, "not_found", "There is no such negotiation.");
	if (!db || neg_load(r, db, id, &v) < 0)
		return -1;
	page_begin(r, status, v.n.topic, "negotiate");
	h(r, "<section class=\"card\"><p class=\"crumbs\"><a href=\"/negotiations\">"
	     "Negotiations</a></p><h1>");
	ht(r, v.n.topic);
	h(r, "</h1><p class=\"hint\">");
	kind_words(r, v.kind, v.n.nitems);
	h(r, " · ");
	status_words(r, &v.n, v.kind, v.state, v.me);
	h(r, "</p>");
	enum section where = section_of(r, v.state);
	alert(r, where == SEC_TOP ? error : NULL);
	h(r, "</section>");
	if (v.state <= BARGAIN_ALLOCATING && v.n.nitems >= 2) { /* giving values comes first */
		values_card(r, &v, where == SEC_VALUES ? error : NULL);
		items_card(r, &v, where == SEC_ITEMS ? error : NULL);
	} else if (v.state <= BARGAIN_ALLOCATING) {
		items_card(r, &v, where == SEC_ITEMS ? error : NULL);
		values_card(r, &v, where == SEC_VALUES ? error : NULL);
	} else {
		if (v.state == BARGAIN_ACCEPTED)
			agreements_card(r, &v);
		if (proposal_card(r, &v, where == SEC_PROPOSAL ? error : NULL) < 0)
			return -1;
	}
	if (v.n.created_by == r->user->id)
		hf(r, "<p><a href=\"/negotiations/%lld/delete\">Delete this negotiation…</a></p>",
		   (long long)v.n.id);
	page_script(r, "negotiate.js");
	return page_end(r);
}

int negotiation_page(struct req *r)
{
	return negotiation_view(r, 200, NULL);
}

/* Runs a form's action on the route's negotiation, then goes back to its
 * page at the part that fits what happened, or shows the page again with the
 * person's mistake explained. */
static int post_action(struct req *r, int (*act)(struct req *, int64_t, struct neg_view *))
{
	struct neg_view v;
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return req_fail(r, 404, "not_found", "There is no such negotiation.");
	if (act(r, id, &v) < 0)
		return page_retry(r, negotiation_view);
	const char *anchor = v.state == BARGAIN_ACCEPTED   ? "agreements"
			     : v.state == BARGAIN_PROPOSED ? "proposal"
			     : strstr(r->path, "/items")   ? "items"
							   : "values";
	char *loc = arena_printf(&r->arena, "/negotiations/%lld#%s", (long long)id, anchor);
	return resp_redirect(r, loc ? loc : "/negotiations");
}

int negotiation_post_add_item(struct req *r)
{
	return post_action(r, neg_do_add_item);
}

int negotiation_post_remove_item(struct req *r)
{
	return post_action(r, neg_do_remove_item);
}

int negotiation_post_allocate(struct req *r)
{
	return post_action(r, neg_do_allocate);
}

int negotiation_post_accept(struct req *r)
{
	return post_action(r, neg_do_accept);
}

int negotiation_post_reopen(struct req *r)
{
	return post_action(r, neg_do_reopen);
}

int negotiation_page_delete(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct neg_view v;
	int64_t id = req_param_id(r, 0);
	if (!db)
		return -1;
	if (id < 0)
		return req_fail(r, 404, "not_found", "There is no such negotiation.");
	if (neg_load(r, db, id, &v) < 0)
		return -1;
	if (v.n.created_by != r->user->id)
		return req_fail(r, 403, "not_yours",
				"Only the one who started a negotiation can delete it.");
	page_begin(r, 200, "Delete this negotiation?", "negotiate");
	h(r, "<section class=\"card narrow\"><h1>Delete this negotiation?</h1><p class=\"quote "
	     "item-text\">");
	ht(r, v.n.topic);
	h(r, "</p><p>It goes for good, with its issues and what each of you gave them, for both "
	     "of you. Agreements you already made from it stay.</p>");
	char *action = arena_printf(&r->arena, "/negotiations/%lld/delete", (long long)id);
	page_button_form(r, action ? action : "/negotiations", "Delete it", "danger");
	hf(r, " <a class=\"button secondary\" href=\"/negotiations/%lld\">No, keep it</a>"
	      "</section>",
	   (long long)id);
	return page_end(r);
}

int negotiation_post_delete(struct req *r)
{
	struct neg_view v;
	if (neg_do_delete(r, req_param_id(r, 0), &v) < 0)
		return -1;
	return resp_redirect(r, "/negotiations");
}

int negotiation_home_note(struct req *r)
{
	struct db *db = db_get(&r->err);
	int64_t n = 0;
	if (!db || negotiation_waiting_count(db, r->user->couple_id, r->user->id, &n, &r->err) < 0)
		return -1;
	if (n)
		hn(r, (long)n,
		   "<section class=\"card\"><h2>Negotiations</h2><p><a href=\"/negotiations\">"
		   "%lld negotiation is ready for you</a></p></section>",
		   "<section class=\"card\"><h2>Negotiations</h2><p><a href=\"/negotiations\">"
		   "%lld negotiations are ready for you</a></p></section>",
		   (long long)n);
	return 0;
}
