/* difference.h: "Not a mirror image": each partner rates the catalogue's items
 * and the couple's own items privately, and the difference map shows what the
 * two share and where they differ. Pages (difference_page.c) and JSON API
 * (difference.c); SQL in difference_store.c; scoring in differences/diffmap.h.
 *
 * The reveal rule (lib/reveal.h) decides what of a partner's rating the other
 * sees: in the items list only whether the partner has rated an item, never the
 * rating; on the map only items both have rated, with both ratings, marks and
 * guesses. Routes and shapes: docs/API.md, "Not a mirror image".
 */
#ifndef DUET_DIFFERENCE_H
#define DUET_DIFFERENCE_H

#include <stddef.h>
#include <stdint.h>

#include "differences/catalogue.h"
#include "differences/diffmap.h"
#include "http/request.h"
#include "web/area.h"

#define DIFFERENCE_OWN_PER_CATEGORY                                                                \
	40                            /* own items in one category (a rating form                  \
	                                 stays within REQ_MAX_FIELDS) */
#define DIFFERENCE_TEXT_INPUT_MAX 200 /* characters read before trimming and checking */

/* Loads the catalogue from the data folder once, at start; -1 with `e` naming
 * the file, line and problem when it is missing or bad (the server then refuses
 * to start). */
int difference_load(struct err *e) WARN_UNUSED_RESULT;

/* Frees the catalogue at shutdown. */
void difference_free(void);

/* The loaded catalogue (borrowed; NULL before difference_load()). */
const struct catalogue *difference_catalogue(void);

/* An item's or a category's words in the language of this thread's request
 * (util/i18n.h), from data/<code>/differences; English when not translated. */
const char *difference_item_text(const char *id, const char *english);
const char *difference_category_name(size_t cat);

/* ---- API (R_COUPLE) */
int difference_api_items(struct req *r); /* GET  /api/v1/differences/items?category= */
int difference_api_add(struct req *r);
/* DELETE: the one who added an own item deletes it, with both ratings of it
 * (403 for the other). */
int difference_api_delete(struct req *r);   /* POST /api/v1/differences/items */
int difference_api_rate(struct req *r);  /* PUT  /api/v1/differences/items/{id}/rating */
int difference_api_map(struct req *r);   /* GET  /api/v1/differences/map */

/* ---- pages (R_COUPLE) */
int difference_page(struct req *r);      /* GET  /differences: categories, add an item */
int difference_page_rate(struct req *r); /* GET  /differences/rate/{category} */
int difference_post_rate(struct req *r); /* POST /differences/rate/{category}: a whole form */
int difference_post_add(struct req *r);  /* POST /differences/items */
int difference_page_map(struct req *r);  /* GET  /differences/map */
/* GET /differences/items/{id}/delete: "Delete this item?", for its author */
int difference_page_delete(struct req *r);
/* POST /differences/items/{id}/delete: deletes it, back to its category */
int difference_post_delete(struct req *r);

/* Deletes the own item of the route (params[0]) if the viewer added it: 404
 * when the couple has no such item, 403 when the partner added it. Its
 * category's index goes to *category (-1 when the catalogue lost it). 0, or -1
 * with r->err set. */
int difference_delete(struct req *r, long *category) WARN_UNUSED_RESULT;

/* The route's own item (params[0]) if the viewer added it, with the same
 * answers as difference_delete; nothing changes. */
struct difference_own;
int difference_own_mine(struct req *r, struct difference_own *out) WARN_UNUSED_RESULT;

/* ---- shared by the API and the pages */

/* An item as the viewer sees it in the items list: their own row and only
 * whether the partner has rated it. */
struct difference_item {
	const char *id;   /* catalogue id, or the own item's id in decimal */
	const char *text; /* borrowed from the catalogue or owned by the request */
	size_t category;  /* catalogue category index */
	int64_t own_id;   /* 0 for catalogue items */
	int mine;         /* -2..2, or DIFFMAP_NONE (skipped or not rated) */
	int skipped;      /* 1 when the viewer chose "skip" */
	int important;    /* the viewer marked it "matters a lot to me" */
	int guess;        /* the viewer's guess of the partner's rating, or DIFFMAP_NONE */
	int partner_rated;
	int added_by_me;  /* an own item the viewer added (the viewer may delete it) */
};

/* The items of one category (`category` < ncategories), or of all when
 * `category` is -1: catalogue items in catalogue order, then own items oldest
 * first. *out owned by the request. -1 with r->err set. */
int difference_items_load(struct req *r, long category, struct difference_item **out,
                          size_t *n) WARN_UNUSED_RESULT;

/* The viewer's map: rows[i] and items[i] describe the same item (only items
 * both have rated), in catalogue order then own items. Owned by the request. */
struct difference_map {
	const struct diffmap *map;
	const struct diffmap_row *rows;
	const struct difference_item *items; /* id, text, category; the rest unused */
	size_t n;
};

int difference_map_load(struct req *r, struct difference_map *out) WARN_UNUSED_RESULT;

/* The same for any couple and pair of partners (for a counsellor's view). */
int difference_map_load_for(struct req *r, int64_t couple_id, int64_t me, int64_t partner,
                            struct difference_map *out) WARN_UNUSED_RESULT;

/* Saves the viewer's rating, mark and guess of one item, in the caller's
 * transaction. -1 with r->err set. */
int difference_put(struct req *r, const struct difference_item *it, int rating, int important,
                   int guess) WARN_UNUSED_RESULT;

/* Adds an own item from the request's "category" and "text" fields (checked,
 * spaces at either end removed); *out describes it. -1 with r->err set (400 for
 * a bad field, 409 for a repeat or a full category). */
int difference_add(struct req *r, struct difference_item *out) WARN_UNUSED_RESULT;

/* The difference map scope a couple can share with a counsellor (web/area.h):
 * the couple's shared loves, differences and strong differences, never a
 * person's single ratings. */
int share_difference_map(struct req *r, struct db *db, const struct share_couple *c,
                         json_t **json);

#endif
