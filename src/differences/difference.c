/* difference.c: the catalogue at start, loading items and the map for the
 * viewer (with the reveal rule), and the JSON API (see difference.h). */
#include "difference.h"

#include "web/area.h"
#include "differences/difflink.h"
#include "http/events.h"
#include "web/page.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "catalogue_load.h"
#include "lib/lang.h"
#include "util/datadir.h"
#include "util/i18n.h"
#include "lib/reveal.h"
#include "difference_store.h"

static struct catalogue *catalogue; /* loaded once at start, read-only after */

/* The catalogue in other languages (data/<code>/differences): the same ids
 * and category keys, other words; NULL where a language has none. An item or
 * category missing there is shown in English; couples' own items as written. */
static struct catalogue *translated[LANG_COUNT];

int difference_load(struct err *e)
{
	catalogue = catalogue_load(e);
	if (!catalogue) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		return err_set(e, 500, "catalogue", "the difference catalogue cannot be used: %s",
		               why);
	}
	for (int l = LANG_EN + 1; l < LANG_COUNT; l++) {
		char rel[32], path[1024];
		struct stat sb;
		snprintf(rel, sizeof rel, "%s/differences", lang_code(l));
		if (datadir_path(path, sizeof path, rel) < 0 || stat(path, &sb) != 0)
			continue;
		translated[l] = catalogue_load_dir(path, e);
		if (!translated[l]) {
			difference_free();
			return -1;
		}
		for (size_t i = 0; i < translated[l]->nitems; i++)
			if (catalogue_find(catalogue, translated[l]->items[i].id) < 0) {
				err_set(e, 500, "catalogue", "%s/differences: the item \"%s\" is not in the English catalogue.",
				        lang_code(l), translated[l]->items[i].id);
				difference_free();
				return -1;
			}
	}
	return 0;
}

void difference_free(void)
{
	catalogue_free(catalogue);
	catalogue = NULL;
	for (int l = 0; l < LANG_COUNT; l++) {
		catalogue_free(translated[l]);
		translated[l] = NULL;
	}
}

const struct catalogue *difference_catalogue(void)
{
	return catalogue;
}

const char *difference_item_text(const char *id, const char *english)
{
	const struct catalogue *t = translated[i18n_thread()];
	long i = t ? catalogue_find(t, id) : -1;
	return i >= 0 ? t->items[i].text : english;
}

const char *difference_category_name(size_t cat)
{
	const struct catalogue *t = translated[i18n_thread()];
	long i = t ? catalogue_category_find(t, catalogue->categories[cat].key) : -1;
	return i >= 0 ? t->categories[i].name : catalogue->categories[cat].name;
}

static size_t own_max(void)
{
	return DIFFERENCE_OWN_PER_CATEGORY * catalogue->ncategories;
}

static int no_memory(struct req *r)
{
	return req_fail(r, 500, "no_memory", "out of memory");
}

static int not_found(struct req *r)
{
	return req_fail(r, 404, "not_found", "There is no such item.");
}

/* An own item's id from its decimal text, as the API writes it (no sign, no
 * leading zero); 0 when `s` is not such a number. */
static int64_t own_id_of(const char *s)
{
	if (s[0] < '1' || s[0] > '9' || strlen(s) > 18)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* 1 when the partner's row says they rated it, as the reveal rule lets the
 * viewer know: from REVEAL_ANSWERED on ("has rated", without the rating). */
static int partner_rated(int mine, int partner)
{
	struct reveal_input in = {REVEAL_PARTNER, partner != DIFFMAP_NONE, mine != DIFFMAP_NONE};
	return reveal_view(&in) >= REVEAL_ANSWERED;
}

/* 1 when the viewer may see the partner's rating itself. */
static int partner_revealed(int mine, int partner)
{
	struct reveal_input in = {REVEAL_PARTNER, partner != DIFFMAP_NONE, mine != DIFFMAP_NONE};
	return reveal_view(&in) == REVEAL_FULL;
}

static void item_blank(struct difference_item *it)
{
	it->mine = DIFFMAP_NONE;
	it->guess = DIFFMAP_NONE;
}

/* A catalogue item, not yet rated. */
static void item_of_catalogue(struct difference_item *it, const struct catalogue_item *ci)
{
	it->id = ci->id;
	it->text = difference_item_text(ci->id, ci->text);
	it->category = ci->category;
	item_blank(it);
}

/* One of the couple's own items in category `cat`, not yet rated; -1 (500) when
 * its id cannot be written. */
static int item_of_own(struct req *r, struct difference_item *it, const struct difference_own *o,
                       size_t cat)
{
	if (!(it->id = arena_printf(&r->arena, "%lld", (long long)o->id)))
		return no_memory(r);
	it->text = o->text;
	it->category = cat;
	it->own_id = o->id;
	it->added_by_me = o->created_by == r->user->id;
	item_blank(it);
	return 0;
}

/* The viewer's own rating row, onto the item. */
static void item_rated(struct difference_item *it, const struct difference_rating *row)
{
	it->mine = row->rating;
	it->skipped = row->rating == DIFFMAP_NONE;
	it->important = row->important;
	it->guess = row->guess;
}

/* Fills items[] with the catalogue items of the range and the own items; *n
 * set; own_ids[j] is the id of items[count + j] (sorted, for lookups). */
static int items_fill(struct req *r, long category, struct difference_item **out, size_t *n,
                      size_t *ncat, int64_t **own_ids)
{
	const struct catalogue *c = catalogue;
	size_t first = 0, count = c->nitems;
	if (category >= 0) {
		first = c->categories[category].first;
		count = c->categories[category].count;
	}
	struct db *db = db_get(&r->err);
	struct difference_own *own;
	size_t nown;
	if (!db || difference_own_list(db, &r->arena, r->user->couple_id,
	                               category >= 0 ? c->categories[category].key : NULL,
	                               own_max(), &own, &nown, &r->err) < 0)
		return -1;
	struct difference_item *items = arena_calloc(&r->arena, count + nown + 1, sizeof *items);
	int64_t *ids = arena_calloc(&r->arena, nown + 1, sizeof *ids);
	if (!items || !ids)
		return no_memory(r);
	for (size_t i = 0; i < count; i++)
		item_of_catalogue(&items[i], &c->items[first + i]);
	size_t k = count;
	for (size_t j = 0; j < nown; j++) {
		long cat = catalogue_category_find(c, own[j].category);
		if (cat < 0)
			continue; /* its category left the catalogue: kept, not shown */
		if (item_of_own(r, &items[k], &own[j], (size_t)cat) < 0)
			return -1;
		ids[k - count] = own[j].id;
		k++;
	}
	*out = items;
	*n = k;
	*ncat = count;
	*own_ids = ids;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The position in items[] of a rating row's item, or -1 when it is not listed. */
static long item_pos(size_t n, size_t ncat, const int64_t *own_ids, long category, const char *id)
{
	const struct catalogue *c = catalogue;
	int64_t own = own_id_of(id);
	if (own) {
		const int64_t *hit = bsearch(&own, own_ids, n - ncat, sizeof *own_ids, cmp_id);
		return hit ? (long)(ncat + (size_t)(hit - own_ids)) : -1;
	}
	long i = catalogue_find(c, id);
	if (i < 0)
		return -1; /* a retired catalogue item */
	size_t first = category >= 0 ? c->categories[category].first : 0;
	if ((size_t)i < first || (size_t)i >= first + ncat)
		return -1;
	return i - (long)first;
}

int difference_items_load(struct req *r, long category, struct difference_item **out, size_t *n)
{
	struct difference_item *items = NULL;
	size_t count = 0, ncat = 0;
	int64_t *own_ids = NULL;
	if (items_fill(r, category, &items, &count, &ncat, &own_ids) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	struct difference_rating *rows;
	size_t nrows;
	if (!db ||
	    difference_ratings(db, &r->arena, r->user->couple_id, r->user->id, r->user->partner_id,
	                       2 * (catalogue->nitems + own_max()), &rows, &nrows, &r->err) < 0)
		return -1;
	int *partner = arena_alloc(&r->arena, (count + 1) * sizeof *partner);
	if (!partner)
		return no_memory(r);
	for (size_t i = 0; i < count; i++)
		partner[i] = DIFFMAP_NONE;
	for (size_t i = 0; i < nrows; i++) {
		long p = item_pos(count, ncat, own_ids, category, rows[i].item);
		if (p < 0)
			continue;
		if (rows[i].user_id != r->user->id)
			partner[p] = rows[i].rating;
		else
			item_rated(&items[p], &rows[i]);
	}
	for (size_t i = 0; i < count; i++)
		items[i].partner_rated = partner_rated(items[i].mine, partner[i]);
	*out = items;
	*n = count;
	return 0;
}

/* Orders map rows as the catalogue, then own items oldest first. */
struct map_entry {
	struct diffmap_row row;
	struct difference_item item;
	size_t key; /* catalogue index, or nitems + position among own items */
	int64_t own_id;
};

static int cmp_entry(const void *a, const void *b)
{
	const struct map_entry *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->own_id < y->own_id ? -1 : x->own_id > y->own_id;
}

int difference_map_load(struct req *r, struct difference_map *out)
{
	return difference_map_load_for(r, r->user->couple_id, r->user->id, r->user->partner_id,
	                               out);
}

int difference_map_load_for(struct req *r, int64_t couple_id, int64_t me, int64_t partner,
                            struct difference_map *out)
{
	const struct catalogue *c = catalogue;
	size_t max = c->nitems + own_max();
	struct db *db = db_get(&r->err);
	struct difference_pair *pairs;
	size_t npairs;
	if (!db || difference_pairs(db, &r->arena, couple_id, me, partner, max, &pairs, &npairs,
	                            &r->err) < 0)
		return -1;
	struct map_entry *e = arena_calloc(&r->arena, npairs + 1, sizeof *e);
	if (!e)
		return no_memory(r);
	size_t n = 0;
	for (size_t i = 0; i < npairs; i++) {
		const struct difference_pair *p = &pairs[i];
		if (!partner_revealed(p->a, p->b))
			continue;
		struct map_entry *m = &e[n];
		long cat, idx = -1;
		if (p->own_id) {
			if (!p->own_category ||
			    (cat = catalogue_category_find(c, p->own_category)) < 0)
				continue;
			m->item.text = p->own_text;
			m->key = c->nitems;
			m->own_id = p->own_id;
		} else {
			if ((idx = catalogue_find(c, p->item)) < 0)
				continue; /* a retired item */
			cat = (long)c->items[idx].category;
			m->item.text = difference_item_text(c->items[idx].id, c->items[idx].text);
			m->key = (size_t)idx;
		}
		m->item.id = p->item;
		m->item.category = (size_t)cat;
		m->item.own_id = p->own_id;
		m->row = (struct diffmap_row){
		    .category = (size_t)cat,
		    .a = (signed char)p->a,
		    .b = (signed char)p->b,
		    .guess_a = (signed char)p->guess_a,
		    .guess_b = (signed char)p->guess_b,
		    .important_a = (unsigned char)p->important_a,
		    .important_b = (unsigned char)p->important_b,
		};
		n++;
	}
	qsort(e, n, sizeof *e, cmp_entry);
	struct diffmap_row *rows = arena_calloc(&r->arena, n + 1, sizeof *rows);
	struct difference_item *items = arena_calloc(&r->arena, n + 1, sizeof *items);
	size_t size = diffmap_size(n, c->ncategories);
	void *mem = size ? arena_alloc(&r->arena, size) : NULL;
	if (!rows || !items || !mem)
		return no_memory(r);
	for (size_t i = 0; i < n; i++) {
		rows[i] = e[i].row;
		items[i] = e[i].item;
	}
	const struct diffmap *map = diffmap_build(mem, size, rows, n, c->ncategories, &r->err);
	if (!map)
		return -1;
	*out = (struct difference_map){map, rows, items, n};
	return 0;
}

int difference_put(struct req *r, const struct difference_item *it, int rating, int important,
                   int guess)
{
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	return difference_rating_put(db, r->user->couple_id, r->user->id, it->id, it->own_id,
	                             rating, important, guess, &r->err);
}

/* Removes spaces at either end, in place in request memory. */
static const char *trim(struct req *r, const char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	char *t = arena_strndup(&r->arena, s, n);
	if (!t)
		no_memory(r);
	return t;
}

int difference_add(struct req *r, struct difference_item *out)
{
	const struct catalogue *c = catalogue;
	const char *key = req_text(r, "category", "category", CATALOGUE_KEY_MAX, 1);
	if (!key)
		return -1;
	long cat = catalogue_category_find(c, key);
	if (cat < 0)
		return req_fail(r, 400, "invalid_category", "Please choose one of the categories.");
	const char *raw = req_text(r, "text", "item", DIFFERENCE_TEXT_INPUT_MAX, 1);
	const char *text = raw ? trim(r, raw) : NULL;
	if (!text || catalogue_check_text(text, strlen(text), &r->err) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int64_t count, id;
	int same;
	if (difference_own_count(db, r->user->couple_id, key, text, &count, &same, &r->err) < 0)
		goto fail;
	if (same) {
		req_fail(r, 409, "duplicate", "That item is already in %s.",
		         difference_category_name(cat));
		goto fail;
	}
	if (count >= DIFFERENCE_OWN_PER_CATEGORY) {
		req_fail(r, 409, "too_many",
		         "%s already holds %d items of your own, the most it can take.",
		         difference_category_name(cat), DIFFERENCE_OWN_PER_CATEGORY);
		goto fail;
	}
	if (difference_own_insert(db, r->user->couple_id, r->user->id, key, text, &id, &r->err) < 0 ||
	    event_emit(r, "difference", NULL, "/differences") < 0)
		goto fail;
	if (db_commit(db, &r->err) < 0)
		return -1;
	*out = (struct difference_item){0};
	out->id = arena_printf(&r->arena, "%lld", (long long)id);
	out->text = text;
	out->category = (size_t)cat;
	out->own_id = id;
	item_blank(out);
	return out->id ? 0 : no_memory(r);
fail:
	db_rollback(db);
	return -1;
}

/* ---- JSON ------------------------------------------------------------- */

static json_t *rating_json(int v)
{
	return v == DIFFMAP_NONE ? json_null() : json_integer(v);
}

static json_t *item_json(const struct difference_item *it)
{
	return json_pack("{s:s,s:s,s:s,s:o,s:b,s:o,s:b}", "id", it->id, "category",
	                 catalogue->categories[it->category].key, "text", it->text, "mine",
	                 rating_json(it->mine), "important", it->important, "guess",
	                 rating_json(it->guess), "partner_rated", it->partner_rated);
}

/* A rounded share or mean for JSON: two decimals. */
static json_t *two_places(double v)
{
	return json_real(round(v * 100.0) / 100.0);
}

static json_t *score_json(const struct diffmap_score *s)
{
	return s->percent < 0 ? json_null() : json_integer(s->percent);
}

static json_t *knowing_json(const struct diffmap_knowing *k)
{
	if (!k->guesses)
		return json_pack("{s:i,s:n,s:n}", "guesses", 0, "exact", "mean_error");
	return json_pack("{s:I,s:o,s:o}", "guesses", (json_int_t)k->guesses, "exact",
	                 two_places(k->exact_share), "mean_error", two_places(k->mean_error));
}

static json_t *list_json(const struct difference_map *m, const struct diffmap_list *l)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct diffmap_row *row = &m->rows[l->rows[i]];
		const struct difference_item *it = &m->items[l->rows[i]];
		json_t *who = json_array();
		if (row->important_a)
			json_array_append_new(who, json_string("me"));
		if (row->important_b)
			json_array_append_new(who, json_string("partner"));
		json_array_append_new(
		    arr, json_pack("{s:s,s:s,s:s,s:i,s:i,s:o}", "id", it->id, "text", it->text,
		                   "category", catalogue->categories[it->category].key, "mine",
		                   row->a, "partner", row->b, "important_to", who));
	}
	return arr;
}

static json_t *map_json(const struct difference_map *m)
{
	const struct diffmap *d = m->map;
	json_t *cats = json_array();
	for (size_t i = 0; i < d->ncategories; i++)
		json_array_append_new(cats, json_pack("{s:s,s:o,s:I}", "name",
		                                      difference_category_name(i), "similarity",
		                                      score_json(&d->categories[i]), "items",
		                                      (json_int_t)d->categories[i].items));
	return json_pack("{s:{s:o,s:I},s:o,s:o,s:o,s:o,s:o,s:{s:o,s:o}}", "overall", "similarity",
	                 score_json(&d->overall), "items", (json_int_t)d->overall.items,
	                 "categories", cats, "shared_loves", list_json(m, &d->shared_loves),
	                 "shared_dislikes", list_json(m, &d->shared_dislikes), "differences",
	                 list_json(m, &d->differences), "conflicts", list_json(m, &d->conflicts),
	                 "knowing", "me", knowing_json(&d->me), "partner",
	                 knowing_json(&d->partner));
}

/* ---- API -------------------------------------------------------------- */

int difference_api_items(struct req *r)
{
	const char *key = req_query(r, "category");
	long cat = -1;
	if (key && *key && (cat = catalogue_category_find(catalogue, key)) < 0)
		return req_fail(r, 400, "invalid_category",
		                "There is no category called that. The categories are listed in "
		                "docs/API.md.");
	struct difference_item *items;
	size_t n;
	if (difference_items_load(r, cat, &items, &n) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, item_json(&items[i]));
	return resp_json(r, 200, json_pack("{s:o}", "items", arr));
}

int difference_api_add(struct req *r)
{
	struct difference_item it;
	if (difference_add(r, &it) < 0)
		return -1;
	return resp_json(r, 201, json_pack("{s:o}", "item", item_json(&it)));
}

/* Finds an item of the couple by its API id in its category's list; -1 with a
 * 404 when there is no such item for this couple. */
/* One item as difference_items_load() describes it, loaded by itself: the
 * rating API needs only the item it changes (loading its whole category, twice,
 * made a rating the costliest write). 0, or -1 with r->err set (404 when the
 * couple has no such item, or its category left the catalogue). */
static int item_load(struct req *r, const char *id, struct difference_item *it)
{
	memset(it, 0, sizeof *it);
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	int64_t own = own_id_of(id);
	if (own) {
		struct difference_own o;
		int found = difference_own_get(db, &r->arena, r->user->couple_id, own, &o, &r->err);
		if (found <= 0)
			return found < 0 ? -1 : not_found(r);
		long cat = catalogue_category_find(catalogue, o.category);
		if (cat < 0)
			return not_found(r); /* its category left the catalogue */
		if (item_of_own(r, it, &o, (size_t)cat) < 0)
			return -1;
	} else {
		long i = catalogue_find(catalogue, id);
		if (i < 0)
			return not_found(r);
		item_of_catalogue(it, &catalogue->items[i]);
	}
	struct difference_rating *rows;
	size_t n;
	if (difference_item_ratings(db, &r->arena, r->user->couple_id, r->user->id,
	                            r->user->partner_id, it->id, &rows, &n, &r->err) < 0)
		return -1;
	int partner = DIFFMAP_NONE;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].user_id != r->user->id)
			partner = rows[i].rating;
		else
			item_rated(it, &rows[i]);
	}
	it->partner_rated = partner_rated(it->mine, partner);
	return 0;
}

int difference_api_rate(struct req *r)
{
	const char *id = r->nparams ? r->params[0] : "";
	struct difference_item it;
	if (item_load(r, id, &it) < 0)
		return -1;
	int64_t rating = DIFFMAP_NONE, guess = DIFFMAP_NONE;
	int has_rating, has_guess, important;
	if (req_int(r, "rating", "rating", DIFFMAP_MIN, DIFFMAP_MAX, 0, &rating, &has_rating) < 0 ||
	    req_bool(r, "important", "mark \"matters a lot to me\"", &important) < 0 ||
	    req_int(r, "guess", "guess", DIFFMAP_MIN, DIFFMAP_MAX, 0, &guess, &has_guess) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	if (difference_put(r, &it, has_rating ? (int)rating : DIFFMAP_NONE, important,
	                   has_guess ? (int)guess : DIFFMAP_NONE) < 0 ||
	    event_emit(r, "difference", NULL, "/differences") < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, &r->err) < 0 || item_load(r, id, &it) < 0)
		return -1;
	return resp_json(r, 200, json_pack("{s:o}", "item", item_json(&it)));
}

int difference_api_map(struct req *r)
{
	struct difference_map m;
	if (difference_map_load(r, &m) < 0)
		return -1;
	return resp_json(r, 200, map_json(&m));
}

/* ---- for a counsellor the couple invited (the difference_map scope) ------- */

static void share_list(struct req *r, const struct difference_map *m, const struct share_couple *c,
                       const char *title, const struct diffmap_list *l)
{
	h(r, "<h3>");
	ht(r, title);
	hf(r, " (%zu)</h3>", l->n);
	if (!l->n)
		return;
	h(r, "<ul>");
	for (size_t i = 0; i < l->n; i++) {
		const struct diffmap_row *row = &m->rows[l->rows[i]];
		h(r, "<li>");
		ht(r, m->items[l->rows[i]].text);
		h(r, " <span class=\"hint\">");
		ht(r, c->names[0]);
		h(r, ": ");
		ht(r, difflink_words(row->a));
		h(r, " · ");
		ht(r, c->names[1]);
		h(r, ": ");
		ht(r, difflink_words(row->b));
		h(r, "</span></li>");
	}
	h(r, "</ul>");
}

int share_difference_map(struct req *r, struct db *db, const struct share_couple *c,
                         json_t **json)
{
	(void)db;
	if (c->n < 2) {
		if (json)
			*json = json_pack("{s:o}", "map", json_null());
		else
			h(r, "<h2>Difference map</h2><p>Nothing shared yet.</p>");
		return 0;
	}
	struct difference_map m;
	if (difference_map_load_for(r, c->id, c->ids[0], c->ids[1], &m) < 0)
		return -1;
	if (json) {
		/* "me" and "partner" in the map are the couple's first and second partner. */
		*json = json_pack("{s:[s,s],s:o}", "partners", c->names[0], c->names[1], "map",
		                  map_json(&m));
		return 0;
	}
	const struct diffmap *d = m.map;
	h(r, "<h2>Difference map</h2>");
	if (d->overall.percent < 0) {
		h(r, "<p>They have not rated anything both of them yet.</p>");
		return 0;
	}
	hf(r, "<p>Alike on %d%% of %zu items both rated.</p><ul>", d->overall.percent,
	   d->overall.items);
	for (size_t i = 0; i < d->ncategories; i++) {
		if (d->categories[i].percent < 0)
			continue;
		h(r, "<li>");
		ht(r, difference_category_name(i));
		hf(r, ": %d%% (%zu items)</li>", d->categories[i].percent, d->categories[i].items);
	}
	h(r, "</ul>");
	share_list(r, &m, c, "Shared loves", &d->shared_loves);
	share_list(r, &m, c, "Shared dislikes", &d->shared_dislikes);
	share_list(r, &m, c, "Differences", &d->differences);
	share_list(r, &m, c, "Strong differences", &d->conflicts);
	return 0;
}

int difference_own_mine(struct req *r, struct difference_own *out)
{
	int64_t id = req_param_id(r, 0);
	struct db *db = db_get(&r->err);
	if (id < 0)
		return not_found(r);
	if (!db)
		return -1;
	int found = difference_own_get(db, &r->arena, r->user->couple_id, id, out, &r->err);
	if (found <= 0)
		return found < 0 ? -1 : not_found(r);
	if (out->created_by != r->user->id)
		return req_fail(r, 403, "not_yours", "Only the one who added an item can delete it.");
	return 0;
}

int difference_delete(struct req *r, long *category)
{
	struct difference_own o;
	struct db *db;
	if (difference_own_mine(r, &o) < 0 || !(db = db_get(&r->err)) ||
	    difference_own_delete(db, r->user->couple_id, o.id, &r->err) < 0)
		return -1;
	*category = catalogue_category_find(catalogue, o.category);
	return 0;
}

int difference_api_delete(struct req *r)
{
	long category;
	return difference_delete(r, &category) < 0 ? -1 : resp_empty(r, 204);
}
