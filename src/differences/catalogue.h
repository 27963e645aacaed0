/* catalogue.h: the "Not a mirror image" difference catalogue, parsed from text.
 *
 * A catalogue is a list of categories, each holding a contiguous run of items.
 * Invariants after a successful parse or add:
 *   - every category has at least one item; items[c.first .. c.first + c.count)
 *     are exactly the items whose `category` is that category's index;
 *   - item ids and category keys are unique across the whole catalogue;
 *   - every string is NUL-terminated, valid UTF-8 and owned by the catalogue.
 * The text format and the rules are in docs/internals/differences.md. Pure: no I/O;
 * the loader that reads data/differences/ is in differences/catalogue_load.h.
 */
#ifndef DUET_CATALOGUE_H
#define DUET_CATALOGUE_H

#include <stddef.h>

#include "util/common.h"
#include "util/err.h"

#define CATALOGUE_ID_MAX 40        /* bytes in an item id: [a-z][a-z0-9-]* */
#define CATALOGUE_KEY_MAX 16       /* bytes in a category key: [a-z][a-z0-9-]* */
#define CATALOGUE_NAME_MAX 40      /* code points in a category's display name */
#define CATALOGUE_TEXT_MAX 80      /* code points in an item's text (also custom items) */
#define CATALOGUE_LINE_MAX 1024    /* bytes in one line of a catalogue file */
#define CATALOGUE_FILE_MAX 1048576 /* bytes in one catalogue file */
#define CATALOGUE_ITEMS_MAX 4096   /* items in a whole catalogue */
#define CATALOGUE_CATEGORIES_MAX 64

struct catalogue_category {
	const char *key;  /* short slug, e.g. "everyday" */
	const char *name; /* display name, e.g. "Everyday life" */
	size_t first;     /* index of its first item */
	size_t count;     /* number of items, at least 1 */
};

struct catalogue_item {
	const char *id;   /* stable id, e.g. "lazy-sunday-mornings" */
	const char *text; /* what each partner rates */
	size_t category;  /* index into categories */
	const char *file; /* the name given when it was parsed (for messages) */
	unsigned line;    /* its line in that file */
};

struct catalogue_chunk;
struct catalogue_index;

struct catalogue {
	struct catalogue_category *categories;
	size_t ncategories;
	struct catalogue_item *items;
	size_t nitems;
	/* private */
	struct catalogue_index *by_id; /* (id, item) sorted by id, for catalogue_find() */
	struct catalogue_chunk *chunks;
};

/* Returns an empty catalogue, or NULL when out of memory. Free with catalogue_free(). */
struct catalogue *catalogue_new(void) WARN_UNUSED_RESULT;

/* Parses one file's text (`name` is used in error messages) and appends its
 * categories and items. On error sets `e` to "NAME line N: what is wrong" and
 * leaves the catalogue exactly as it was. Ids and category keys must not repeat
 * ones already in the catalogue. Returns 0 or -1. `text` is borrowed (copied). */
int catalogue_add(struct catalogue *c, const char *name, const char *text, size_t len,
                  struct err *e) WARN_UNUSED_RESULT;

/* catalogue_new() followed by catalogue_add(); NULL on error (with `e` set).
 * Caller frees with catalogue_free(). */
struct catalogue *catalogue_parse(const char *name, const char *text, size_t len,
                                  struct err *e) WARN_UNUSED_RESULT;

/* Frees the catalogue and every string in it; NULL is fine. */
void catalogue_free(struct catalogue *c);

/* Returns the index of the item with this id, or -1. O(log n). */
long catalogue_find(const struct catalogue *c, const char *id);

/* Returns the index of the category with this key, or -1. */
long catalogue_category_find(const struct catalogue *c, const char *key);

/* Checks the text of an item (a catalogue line or a couple's own item): valid
 * UTF-8, 1 to CATALOGUE_TEXT_MAX code points, no control characters, no space at
 * either end. Returns NULL when it is fine, else a static sentence for a person. */
const char *catalogue_text_problem(const char *s, size_t n);

/* The same check as an error: 0, or -1 with `e` set (400, "invalid"). */
int catalogue_check_text(const char *s, size_t n, struct err *e) WARN_UNUSED_RESULT;

#endif
