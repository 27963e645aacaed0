/* difference_page.c: the pages of "Not a mirror image": the categories, a
 * rating form per category, adding own items, and the map (see difference.h). */
#include "difference.h"

#include "util/i18n.h"

#include <string.h>

#include "differences/difflink.h"
#include "differences/difference_store.h"
#include "differences/overlap.h"
#include "http/events.h"
#include "store/db.h"
#include "web/page.h"

#define RATE_PATH "/differences/rate/"
#define MAP_OPEN_MAX 5 /* a map list longer than this starts folded */

/* The category named by the route, or by the form's "category" field (adding
 * an item from a category's page); -1 when there is none such. */
static long current_category(struct req *r)
{
	const char *key = r->nparams ? r->params[0] : req_form(r, "category");
	return key ? catalogue_category_find(difference_catalogue(), key) : -1;
}

static int no_category(struct req *r)
{
	return req_fail(r, 404, "not_found", "There is no such category.");
}

/* "+2 (love it)" for a rating. */
static void rating_text(struct req *r, int v)
{
	hf(r, "%s (%s)", difflink_sign(v), difflink_words(v));
}

/* A form that adds an own item: to the given category (hidden field), or with
 * a choice of category when `category` is -1. */
static void add_form(struct req *r, long category, const char *error)
{
	const struct catalogue *c = difference_catalogue();
	h(r, "<form method=\"post\" action=\"/differences/items\">");
	page_csrf(r);
	if (category >= 0) {
		h(r, "<input type=\"hidden\" name=\"back\" value=\"rate\">"
		     "<input type=\"hidden\" name=\"category\" value=\"");
		ht(r, c->categories[category].key);
		h(r, "\">");
	} else {
		h(r, "<div class=\"field\"><label for=\"category\">Category</label>"
		     "<select id=\"category\" name=\"category\">");
		for (size_t i = 0; i < c->ncategories; i++) {
			h(r, "<option value=\"");
			ht(r, c->categories[i].key);
			h(r, "\">");
			ht(r, difference_category_name(i));
			h(r, "</option>");
		}
		h(r, "</select></div>");
	}
	if (error)
		page_alert(r, error);
	page_field(r, "text", "Your item", "text", error ? req_form(r, "text") : NULL, "off",
	           "A friend's name, a city, a hobby: up to 80 characters. You both rate it.");
	h(r, "<button type=\"submit\">Add item</button></form>");
}

/* "Saved your ratings for Money" after a category's form (?saved=KEY), then
 * `tail` (literal markup). */
static void saved_notice(struct req *r, const char *tail)
{
	const struct catalogue *c = difference_catalogue();
	const char *saved = req_query(r, "saved");
	long cat = saved ? catalogue_category_find(c, saved) : -1;
	if (cat < 0)
		return;
	h(r, "<p class=\"notice\" role=\"status\">Saved your ratings for ");
	ht(r, difference_category_name((size_t)cat));
	h(r, tail);
	h(r, "</p>");
}

/* ---- the categories ---------------------------------------------------- */

static int overview_view(struct req *r, int status, const char *error)
{
	const struct catalogue *c = difference_catalogue();
	struct difference_item *items;
	size_t n;
	if (difference_items_load(r, -1, &items, &n) < 0)
		return -1;
	size_t *total = arena_calloc(&r->arena, 3 * c->ncategories, sizeof *total);
	if (!total)
		return req_fail(r, 500, "no_memory", "out of memory");
	size_t *mine = total + c->ncategories, *theirs = mine + c->ncategories;
	for (size_t i = 0; i < n; i++) {
		total[items[i].category]++;
		mine[items[i].category] += items[i].mine != DIFFMAP_NONE || items[i].skipped;
		theirs[items[i].category] += items[i].partner_rated != 0;
	}
	const char *partner = r->user->partner_name;
	page_begin(r, status, "Not a mirror image", "differences");
	h(r, "<section class=\"card\"><h1>Not a mirror image</h1><p>Two people who love each "
	     "other still like different things. Here each of you rates everyday things on your "
	     "own, from strongly dislike to love it. ");
	ht(r, partner);
	h(r, " sees your rating of an item only after rating it too, and the same goes for "
	     "you.</p><p><a class=\"button\" href=\"/differences/map\">See your map</a></p>");
	saved_notice(r, ".");
	h(r, "</section><section class=\"card\"><h2>Rate by category</h2><ul class=\"items\">");
	for (size_t i = 0; i < c->ncategories; i++) {
		h(r, "<li class=\"item\"><a href=\"" RATE_PATH);
		ht(r, c->categories[i].key);
		h(r, "\">");
		ht(r, difference_category_name(i));
		if (total[i] && mine[i] == total[i])
			hf(r, "</a><p class=\"hint\">You: all %zu done · ", total[i]);
		else
			hf(r, "</a><p class=\"hint\">You: %zu of %zu done · ", mine[i], total[i]);
		ht(r, partner);
		hf(r, ": %zu of %zu</p></li>", theirs[i], total[i]);
	}
	h(r, "</ul></section><section class=\"card\"><h2>Add an item of your own</h2>");
	add_form(r, -1, error);
	h(r, "</section>");
	return page_end(r);
}

int difference_page(struct req *r)
{
	return overview_view(r, 200, NULL);
}

/* ---- rating a category ------------------------------------------------- */

/* One item of the rating form: five steps and skip, the mark, the guess. */
static void rate_item(struct req *r, const struct difference_item *it)
{
	const char *partner = r->user->partner_name;
	h(r, "<fieldset class=\"rate\" id=\"item-");
	ht(r, it->id);
	h(r, "\"><legend>");
	ht(r, it->text);
	h(r, "</legend>");
	if (it->added_by_me) {
		h(r, "<p class=\"hint\">You added this. <a href=\"/differences/items/");
		ht(r, it->id);
		h(r, "/delete\">Delete it…</a></p>");
	}
	if (it->partner_rated) {
		h(r, "<p class=\"hint\">");
		ht(r, partner);
		h(r, " has rated this.</p>");
	}
	h(r, "<div class=\"rate-scale\">");
	for (int v = DIFFMAP_MIN; v <= DIFFMAP_MAX + 1; v++) {
		int skip = v > DIFFMAP_MAX;
		int checked = skip ? it->skipped : it->mine == v;
		h(r, "<label class=\"rate-pick\"><input type=\"radio\" name=\"r-");
		ht(r, it->id);
		if (skip)
			hf(r, "\" value=\"skip\"%s><span>Skip</span></label>",
			   checked ? " checked" : "");
		else
			hf(r,
			   "\" value=\"%d\"%s><span>%s<span class=\"vh\"> %s</span></span></label>",
			   v, checked ? " checked" : "", difflink_sign(v), difflink_words(v));
	}
	h(r,
	  "</div><p class=\"rate-ends\" aria-hidden=\"true\"><span>strongly dislike</span>"
	  "<span>love it</span></p><label class=\"rate-check\"><input type=\"checkbox\" name=\"i-");
	ht(r, it->id);
	hf(r, "\"%s> This matters a lot to me</label>", it->important ? " checked" : "");
	h(r, "<div class=\"rate-guess\"><label for=\"g-");
	ht(r, it->id);
	h(r, "\">Your guess of ");
	ht(r, partner);
	h(r, "'s rating</label><select id=\"g-");
	ht(r, it->id);
	h(r, "\" name=\"g-");
	ht(r, it->id);
	h(r, "\"><option value=\"\">No guess</option>");
	for (int v = DIFFMAP_MAX; v >= DIFFMAP_MIN; v--) {
		hf(r, "<option value=\"%d\"%s>", v, it->guess == v ? " selected" : "");
		rating_text(r, v);
		h(r, "</option>");
	}
	h(r, "</select></div></fieldset>");
}

static int rate_view(struct req *r, int status, const char *error)
{
	const struct catalogue *c = difference_catalogue();
	long cat = current_category(r);
	if (cat < 0)
		return no_category(r);
	struct difference_item *items;
	size_t n;
	if (difference_items_load(r, cat, &items, &n) < 0)
		return -1;
	const char *name = difference_category_name(cat), *key = c->categories[cat].key;
	const char *partner = r->user->partner_name;
	page_begin(r, status, name, "differences");
	h(r, "<section class=\"card\"><p class=\"hint\"><a href=\"/differences\">All categories"
	     "</a></p><h1>");
	ht(r, name);
	h(r, "</h1><p>For each item, choose how you feel about it, from −2 (strongly dislike) to "
	     "+2 (love it), or skip it. ");
	ht(r, partner);
	h(r, " sees your rating only after rating the item too.</p><p class=\"hint\">If you "
	     "like, mark what matters a lot to you, and guess how ");
	ht(r, partner);
	h(r, " rated it: your guesses show on the map as how well you know each other.</p>");
	int add_error = error && req_form(r, "back");
	if (error && !add_error)
		page_alert(r, error);
	saved_notice(r, ". On to the next.");
	if (req_query(r, "deleted"))
		h(r, "<p class=\"notice\" role=\"status\">Your item is deleted, with both of your "
		     "ratings of it.</p>");
	size_t done = 0;
	for (size_t i = 0; i < n; i++)
		done += items[i].mine != DIFFMAP_NONE || items[i].skipped;
	/* The same words as static/quickrate.js writes there: one msgid. */
	h(r, "<p class=\"rate-done\" id=\"rate-done\">");
	hf(r, "You have done %zu of %zu here (a skip counts).", done, n);
	h(r, "</p>");
	h(r, "<form method=\"post\" class=\"quick-rate\" action=\"" RATE_PATH);
	ht(r, key);
	h(r, "\" data-category=\"");
	ht(r, name);
	h(r, "\">");
	page_csrf(r);
	/* which items this form shows: one added meanwhile is left as it is */
	h(r, "<input type=\"hidden\" name=\"shown\" value=\"");
	for (size_t i = 0; i < n; i++) {
		if (i)
			h(r, " ");
		ht(r, items[i].id);
	}
	h(r, "\">");
	for (size_t i = 0; i < n; i++)
		rate_item(r, &items[i]);
	h(r, "<button type=\"submit\">");
	if ((size_t)cat + 1 < c->ncategories)
		h(r, "Save and go on to the next category");
	else
		h(r, "Save these ratings");
	h(r, "</button></form>");
	page_script(r, "quickrate.js");
	h(r, "</section><section class=\"card\"><h2>Add your own item</h2>");
	add_form(r, cat, add_error ? error : NULL);
	h(r, "</section>");
	return page_end(r);
}

int difference_page_rate(struct req *r)
{
	return rate_view(r, 200, NULL);
}

/* Reads a rating field: absent (*v untouched), "skip", or -2..2. */
static int form_rating(struct req *r, const char *field, int *v)
{
	const char *s = req_form(r, field);
	if (!s)
		return 0;
	if (!strcmp(s, "skip")) {
		*v = DIFFMAP_NONE;
		return 0;
	}
	static const char *const values[] = {"-2", "-1", "0", "1", "2"};
	for (int k = DIFFMAP_MIN; k <= DIFFMAP_MAX; k++)
		if (!strcmp(s, values[k - DIFFMAP_MIN])) {
			*v = k;
			return 0;
		}
	return req_fail(r, 400, "out_of_range",
	                "A rating must be from -2 to 2, or skip. Please choose again.");
}

/* Saves the whole category form in one transaction; only items that changed
 * are written. */
static int do_rate_category(struct req *r, long cat)
{
	struct difference_item *items;
	size_t n;
	if (difference_items_load(r, cat, &items, &n) < 0)
		return -1;
	const char *shown = req_form(r, "shown");
	char *padded = arena_printf(&r->arena, " %s ", shown ? shown : "");
	if (!padded)
		return req_fail(r, 500, "no_memory", "out of memory");
	struct db *db = db_get(&r->err);
	int changed = 0;
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct difference_item *it = &items[i];
		char *token = arena_printf(&r->arena, " %s ", it->id);
		if (!token) {
			req_fail(r, 500, "no_memory", "out of memory");
			goto fail;
		}
		if (shown && !strstr(padded, token))
			continue; /* not on the form that was sent */
		int rating = it->mine, important, guess = DIFFMAP_NONE;
		int had = it->mine != DIFFMAP_NONE || it->skipped;
		char *rf = arena_printf(&r->arena, "r-%s", it->id);
		char *imf = arena_printf(&r->arena, "i-%s", it->id);
		char *gf = arena_printf(&r->arena, "g-%s", it->id);
		int64_t g;
		int has_guess;
		if (!rf || !imf || !gf) {
			req_fail(r, 500, "no_memory", "out of memory");
			goto fail;
		}
		int given = req_form(r, rf) != NULL;
		if (form_rating(r, rf, &rating) < 0 || req_bool(r, imf, "mark", &important) < 0 ||
		    req_int(r, gf, "guess", DIFFMAP_MIN, DIFFMAP_MAX, 0, &g, &has_guess) < 0)
			goto fail;
		if (has_guess)
			guess = (int)g;
		/* unchanged, or nothing chosen for an item never touched: no write */
		if (rating == it->mine && important == it->important && guess == it->guess &&
		    (had || !given))
			continue;
		if (difference_put(r, it, rating, important, guess) < 0)
			goto fail;
		changed = 1;
	}
	if (changed && event_emit(r, "difference", NULL, "/differences") < 0)
		goto fail;
	return db_commit(db, &r->err);
fail:
	db_rollback(db);
	return -1;
}

int difference_post_rate(struct req *r)
{
	long cat = current_category(r);
	if (cat < 0)
		return no_category(r);
	if (do_rate_category(r, cat) < 0)
		return page_retry(r, rate_view);
	/* straight on to the next category; after the last, the list */
	const struct catalogue *c = difference_catalogue();
	char *loc = (size_t)cat + 1 < c->ncategories
	                ? arena_printf(&r->arena, RATE_PATH "%s?saved=%s",
	                               c->categories[cat + 1].key, c->categories[cat].key)
	                : arena_printf(&r->arena, "/differences?saved=%s", c->categories[cat].key);
	return resp_redirect(r, loc ? loc : "/differences");
}

int difference_post_add(struct req *r)
{
	struct difference_item it;
	const char *back = req_form(r, "back");
	if (difference_add(r, &it) < 0)
		return page_retry(r, back && !strcmp(back, "rate") ? rate_view : overview_view);
	char *loc = arena_printf(&r->arena, RATE_PATH "%s#item-%s",
	                         difference_catalogue()->categories[it.category].key, it.id);
	return resp_redirect(r, loc ? loc : "/differences");
}

/* ---- deleting an item of one's own ------------------------------------- */

/* Where the item's category is rated ("/differences" when it has none now). */
static const char *rate_path(struct req *r, long cat, const char *query)
{
	if (cat < 0)
		return "/differences";
	char *p = arena_printf(&r->arena, RATE_PATH "%s%s",
	                       difference_catalogue()->categories[cat].key, query);
	return p ? p : "/differences";
}

int difference_page_delete(struct req *r)
{
	struct difference_own o;
	if (difference_own_mine(r, &o) < 0)
		return -1;
	long cat = catalogue_category_find(difference_catalogue(), o.category);
	char *action = arena_printf(&r->arena, "/differences/items/%lld/delete", (long long)o.id);
	page_begin(r, 200, "Delete this item?", "differences");
	h(r, "<section class=\"card narrow\"><h1>Delete this item?</h1><p class=\"quote "
	     "item-text\">");
	ht(r, o.text);
	h(r, "</p><p>It goes for good, with your rating of it and ");
	ht(r, r->user->partner_name);
	h(r, "'s. Every other item and rating stays.</p>");
	page_button_form(r, action ? action : "/differences", "Delete it", "danger");
	h(r, " <a class=\"button secondary\" href=\"");
	ht(r, rate_path(r, cat, ""));
	h(r, "\">No, keep it</a></section>");
	return page_end(r);
}

int difference_post_delete(struct req *r)
{
	long cat;
	if (difference_delete(r, &cat) < 0)
		return -1;
	return resp_redirect(r, rate_path(r, cat, "?deleted=1"));
}

/* ---- the map ----------------------------------------------------------- */

static void map_intro(struct req *r)
{
	h(r, "<section class=\"card\"><h1>Your difference map</h1><p>No two people are a mirror "
	     "image of each other. Differences are expected and normal: you grew up in different "
	     "homes, with different habits, friends and hopes, and you are still two people. "
	     "Seeing them clearly helps: some you can simply accept, some are worth talking "
	     "through, and some may turn into something new to try together.</p></section>");
}

static void map_empty(struct req *r)
{
	h(r, "<section class=\"card\"><h2>Nothing to compare yet</h2><p>The map shows only items "
	     "you have both rated. Rate a category, and ask ");
	ht(r, r->user->partner_name);
	h(r, " to rate the same one; your map fills in from there.</p><p><a class=\"button\" "
	     "href=\"/differences\">Rate some items</a></p></section>");
}

static void map_overall(struct req *r, const struct difference_map *m)
{
	const struct diffmap *d = m->map;
	h(r, "<section class=\"card\"><h2>How alike you are</h2><figure class=\"overlap-fig\">");
	(void)!overlap_svg(&r->out, d->overall.percent, r->user->name, r->user->partner_name);
	hn(r, (long)d->overall.items,
	   "<figcaption>Over the %zu item you have both rated, your ratings are %d%% "
	   "alike.</figcaption></figure>",
	   "<figcaption>Over the %zu items you have both rated, your ratings are %d%% "
	   "alike.</figcaption></figure>",
	   d->overall.items, d->overall.percent);
	h(r, "<p class=\"hint\">100% would mean you rated every item the same, 0% that every "
	     "item was love it for one of you and strongly dislike for the other.</p>"
	     "<h3>By category</h3><ul class=\"diff-bars\">");
	for (size_t i = 0; i < d->ncategories; i++) {
		const struct diffmap_score *s = &d->categories[i];
		h(r, "<li><p class=\"diff-bar-head\"><span>");
		ht(r, difference_category_name(i));
		if (s->percent < 0)
			h(r, "</span><span class=\"hint\">not rated by both yet</span></p>");
		else
			hn(r, (long)s->items,
			   "</span><span>%d%% <span class=\"hint\">· %zu item</span></span></p>",
			   "</span><span>%d%% <span class=\"hint\">· %zu items</span></span></p>",
			   s->percent, s->items);
		(void)!overlap_bar_svg(&r->out, s->percent);
		h(r, "</li>");
	}
	h(r, "</ul></section>");
}

/* One tap puts a difference on the dream table (a form posted there); a link
 * starts a negotiation about it (its form, filled in, saved only when sent). */
static void map_actions(struct req *r, const struct difference_item *it,
                        const struct diffmap_row *row)
{
	struct buf text = BUF_INIT(1024), talk = BUF_INIT(2048);
	if (difflink_dream_text(&text, r->user->name, row->a, r->user->partner_name, row->b) == 0 &&
	    difflink_negotiation(&talk, it->text) == 0) {
		h(r, "<div class=\"diff-actions\"><form method=\"post\" action=\"/dreams\">");
		page_csrf(r);
		h(r, "<input type=\"hidden\" name=\"kind\" value=\"idea\">"
		     "<input type=\"hidden\" name=\"title\" value=\"");
		ht(r, it->text);
		h(r, "\"><input type=\"hidden\" name=\"text\" value=\"");
		ht(r, text.data);
		h(r, "\"><button type=\"submit\" class=\"secondary\">Put <span class=\"vh\">“");
		ht(r, it->text);
		h(r, "” </span>on the dream table</button></form><a class=\"button secondary\" "
		     "href=\"");
		ht(r, talk.data);
		h(r, "\">Negotiate<span class=\"vh\"> “");
		ht(r, it->text);
		h(r, "”</span></a></div>");
	}
	buf_release(&text);
	buf_release(&talk);
}

/* One group of the map as a card. `explained` is NULL for a group without the
 * dream table and negotiation actions; otherwise they are offered on every item,
 * and said once per page what they do (*explained is set then). */
static void map_list(struct req *r, const struct difference_map *m, const struct diffmap_list *l,
                     const char *title, const char *hint, const char *none, int *explained)
{
	const char *partner = r->user->partner_name;
	h(r, "<section class=\"card\"><h2>");
	ht(r, title);
	hf(r, " <span class=\"hint\">(%zu)</span></h2><p class=\"hint\">", l->n);
	ht(r, l->n ? hint : none);
	h(r, "</p>");
	if (explained && l->n && !*explained) {
		h(r,
		  "<p class=\"hint\">“Put on the dream table” shares the item there at once, for "
		  "you both to explore. “Negotiate” opens a new negotiation for you to fill in "
		  "first.</p>");
		*explained = 1;
	}
	/* a long list folds away, so that the map is a few screens on a phone */
	int fold = l->n > MAP_OPEN_MAX;
	if (fold)
		hf(r, "<details class=\"map-items\"><summary>Show the %zu items</summary>", l->n);
	if (l->n)
		h(r, "<ul class=\"items\">");
	for (size_t i = 0; i < l->n; i++) {
		const struct diffmap_row *row = &m->rows[l->rows[i]];
		const struct difference_item *it = &m->items[l->rows[i]];
		h(r, "<li class=\"item\"><p class=\"item-text\">");
		ht(r, it->text);
		h(r, "</p><p class=\"hint\">");
		ht(r, difference_category_name(it->category));
		h(r, "</p><p>You: ");
		rating_text(r, row->a);
		h(r, " · ");
		ht(r, partner);
		h(r, ": ");
		rating_text(r, row->b);
		h(r, "</p>");
		if (row->important_a || row->important_b) {
			h(r, "<p class=\"diff-matters\">Matters a lot to ");
			if (row->important_a && row->important_b)
				h(r, "both of you");
			else if (row->important_a)
				h(r, "you");
			else
				ht(r, partner);
			h(r, "</p>");
		}
		if (explained)
			map_actions(r, it, row);
		h(r, "</li>");
	}
	if (l->n)
		h(r, "</ul>");
	if (fold)
		h(r, "</details>");
	h(r, "</section>");
}

/* One partner's line of "how well you know each other". */
static void knowing_line(struct req *r, const struct diffmap_knowing *k, int mine)
{
	const char *partner = r->user->partner_name;
	h(r, "<p>");
	if (mine)
		h(r, "You");
	else
		ht(r, partner);
	if (!k->guesses) {
		h(r, mine ? " have not guessed any of " : N_(" has not guessed any of "));
		if (mine) {
			ht(r, partner);
			h(r, "'s ratings yet.");
		} else {
			h(r, "your ratings yet.");
		}
		h(r, "</p>");
		return;
	}
	hf(r, " guessed %zu of ", k->guesses);
	if (mine) {
		ht(r, partner);
		h(r, "'s ratings");
	} else {
		h(r, "your ratings");
	}
	if (k->exact == k->guesses)
		h(r, k->guesses == 1 ? ", exactly right.</p>" : N_(", all exactly right.</p>"));
	else
		hn(r, k->mean_error == 1.0 ? 1 : 2,
		   ": %zu exactly right, and on average %.1f step away.</p>",
		   ": %zu exactly right, and on average %.1f steps away.</p>", k->exact,
		   k->mean_error);
}

static void map_knowing(struct req *r, const struct diffmap *d)
{
	h(r, "<section class=\"card\"><h2>How well you know each other</h2>");
	knowing_line(r, &d->me, 1);
	knowing_line(r, &d->partner, 0);
	h(r, "<p class=\"hint\">Counted over items you have both rated. Guessing is optional: on "
	     "each item you can say how you think the other rated it. A wrong guess is just "
	     "something new to learn.</p></section>");
}

int difference_page_map(struct req *r)
{
	struct difference_map m;
	if (difference_map_load(r, &m) < 0)
		return -1;
	const struct diffmap *d = m.map;
	int explained = 0;
	page_begin(r, 200, "Your difference map", "differences");
	map_intro(r);
	if (!d->overall.items) {
		map_empty(r);
		return page_end(r);
	}
	map_overall(r, &m);
	map_list(r, &m, &d->shared_loves, "You both love", "Both of you rated these +1 or +2.",
	         "Nothing you both love yet, among the items you have both rated.", NULL);
	map_list(r, &m, &d->shared_dislikes, "You both dislike",
	         "Both of you rated these −1 or −2.",
	         "Nothing you both dislike yet, among the items you have both rated.", NULL);
	map_list(r, &m, &d->differences, "Differences",
	         "Two steps apart on the scale. Worth being curious about.",
	         "No differences of two steps so far.", &explained);
	map_list(r, &m, &d->conflicts, "Strong differences",
	         "Three or more steps apart, or two steps on something that matters a lot to one "
	         "of you. Good ones to talk through calmly, when you both have time.",
	         "No strong differences so far.", &explained);
	map_knowing(r, d);
	h(r, "<p><a href=\"/differences\">Rate more items</a></p>");
	return page_end(r);
}
