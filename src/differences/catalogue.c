/* catalogue.c: parsing the difference catalogue (see catalogue.h and
 * docs/internals/differences.md). Each added text is copied once into a chunk;
 * lines are cut in place, so every string of the catalogue points into a chunk. */
#include "catalogue.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

struct catalogue_chunk {
	struct catalogue_chunk *next;
	char data[];
};

struct catalogue_index {
	const char *id;
	size_t item;
};

enum text_fault { TEXT_OK, TEXT_EMPTY, TEXT_LONG, TEXT_CONTROL, TEXT_SPACE, TEXT_UTF8 };

/* What is wrong with a piece of display text of at most `max` code points. */
static enum text_fault text_fault(const char *s, size_t n, size_t max)
{
	if (!utf8_valid(s, n))
		return TEXT_UTF8;
	if (n == 0)
		return TEXT_EMPTY;
	if (s[0] == ' ' || s[n - 1] == ' ')
		return TEXT_SPACE;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		if (u[i] < 0x20 || u[i] == 0x7f)
			return TEXT_CONTROL;
		if (u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f)
			return TEXT_CONTROL; /* C1 controls, U+0080..U+009F */
		if (u[i] == 0xe2 && u[i + 1] == 0x80 && (u[i + 2] == 0xa8 || u[i + 2] == 0xa9))
			return TEXT_CONTROL; /* line and paragraph separators */
	}
	if (utf8_count(s, n) > max)
		return TEXT_LONG;
	return TEXT_OK;
}

const char *catalogue_text_problem(const char *s, size_t n)
{
	static const char *const sentences[] = {
	    [TEXT_OK] = NULL,
	    [TEXT_EMPTY] = "An item needs some text.",
	    [TEXT_LONG] = "Please keep an item to 80 characters or fewer.",
	    [TEXT_CONTROL] = "An item fits on one line, without tabs or line breaks.",
	    [TEXT_SPACE] = "Please take out the spaces at the start or end of the item.",
	    [TEXT_UTF8] = "That text could not be read. Please type it again.",
	};
	return sentences[text_fault(s, n, CATALOGUE_TEXT_MAX)];
}

int catalogue_check_text(const char *s, size_t n, struct err *e)
{
	const char *problem = catalogue_text_problem(s, n);
	return problem ? err_set(e, 400, "invalid", "%s", problem) : 0;
}

/* 1 when s[0..n) is a slug of at most `max` bytes: [a-z][a-z0-9-]*. */
static int is_slug(const char *s, size_t n, size_t max)
{
	if (n == 0 || n > max || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (size_t i = 1; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'))
			return 0;
	}
	return 1;
}

static int cmp_index(const void *pa, const void *pb)
{
	const struct catalogue_index *a = pa, *b = pb;
	int r = strcmp(a->id, b->id);
	if (r)
		return r;
	return (a->item > b->item) - (a->item < b->item);
}

struct catalogue *catalogue_new(void)
{
	return calloc(1, sizeof(struct catalogue));
}

void catalogue_free(struct catalogue *c)
{
	if (!c)
		return;
	struct catalogue_chunk *k = c->chunks;
	while (k) {
		struct catalogue_chunk *next = k->next;
		free(k);
		k = next;
	}
	free(c->categories);
	free(c->items);
	free(c->by_id);
	free(c);
}

/* Grows an array to hold at least `want` elements of `size` bytes. */
static int reserve(void **arr, size_t want, size_t size)
{
	void *p = realloc(*arr, want ? want * size : 1);
	if (!p)
		return -1;
	*arr = p;
	return 0;
}

/* The state of one catalogue_add() call. */
struct parse {
	struct catalogue *c;
	const char *name;
	unsigned line;
	struct err *e;
	long open;          /* index of the category being filled, -1 before the first */
	unsigned open_line; /* where it was declared */
};

static int fail(struct parse *p, unsigned line, const char *what)
{
	return err_set(p->e, 500, "catalogue", "%s line %u: %s", p->name, line, what);
}

static const char *const text_faults[] = {
    [TEXT_OK] = "",
    [TEXT_EMPTY] = "is empty",
    [TEXT_LONG] = "is too long",
    [TEXT_CONTROL] = "holds a control character",
    [TEXT_SPACE] = "starts or ends with a space",
    [TEXT_UTF8] = "is not valid UTF-8",
};

/* Ends the open category; a category without items is an error. */
static int close_category(struct parse *p)
{
	if (p->open < 0)
		return 0;
	struct catalogue_category *cat = &p->c->categories[p->open];
	if (cat->count == 0)
		return err_set(p->e, 500, "catalogue",
		               "%s line %u: the category \"%s\" has no items", p->name,
		               p->open_line, cat->key);
	return 0;
}

/* Splits a line at tabs in place; returns the number of fields (at most `max`,
 * with the rest of the line left in the last field). */
static size_t split_tabs(char *line, char **fields, size_t max)
{
	size_t n = 0;
	fields[n++] = line;
	for (char *s = line; *s && n < max; s++) {
		if (*s == '\t') {
			*s = '\0';
			fields[n++] = s + 1;
		}
	}
	return n;
}

static int parse_category(struct parse *p, char *line)
{
	char *f[4];
	size_t n = split_tabs(line, f, 4);
	if (strcmp(f[0], "@category") != 0)
		return fail(p, p->line, "unknown directive; the only one is @category");
	if (n != 3)
		return fail(p, p->line, "expected @category, a tab, the key, a tab and the name");
	if (close_category(p) < 0)
		return -1;
	struct catalogue *c = p->c;
	if (!is_slug(f[1], strlen(f[1]), CATALOGUE_KEY_MAX))
		return fail(
		    p, p->line,
		    "a category key is 1 to 16 of a-z, 0-9 and '-', starting with a letter");
	if (catalogue_category_find(c, f[1]) >= 0)
		return err_set(p->e, 500, "catalogue",
		               "%s line %u: the category \"%s\" is already declared", p->name,
		               p->line, f[1]);
	enum text_fault fault = text_fault(f[2], strlen(f[2]), CATALOGUE_NAME_MAX);
	if (fault != TEXT_OK)
		return err_set(p->e, 500, "catalogue", "%s line %u: the category name %s", p->name,
		               p->line, text_faults[fault]);
	if (c->ncategories >= CATALOGUE_CATEGORIES_MAX)
		return fail(p, p->line, "too many categories (at most 64)");
	struct catalogue_category *cat = &c->categories[c->ncategories];
	cat->key = f[1];
	cat->name = f[2];
	cat->first = c->nitems;
	cat->count = 0;
	p->open = (long)c->ncategories++;
	p->open_line = p->line;
	return 0;
}

static int parse_item(struct parse *p, char *line)
{
	char *f[3];
	size_t n = split_tabs(line, f, 3);
	if (n != 2)
		return fail(p, p->line, "expected an id, one tab and the item's text");
	if (p->open < 0)
		return fail(p, p->line, "an item comes before any @category line");
	if (!is_slug(f[0], strlen(f[0]), CATALOGUE_ID_MAX))
		return fail(p, p->line,
		            "an id is 1 to 40 of a-z, 0-9 and '-', starting with a letter");
	enum text_fault fault = text_fault(f[1], strlen(f[1]), CATALOGUE_TEXT_MAX);
	if (fault != TEXT_OK)
		return err_set(p->e, 500, "catalogue", "%s line %u: the item's text %s", p->name,
		               p->line, text_faults[fault]);
	struct catalogue *c = p->c;
	if (c->nitems >= CATALOGUE_ITEMS_MAX)
		return fail(p, p->line, "too many items (at most 4096)");
	struct catalogue_item *it = &c->items[c->nitems++];
	it->id = f[0];
	it->text = f[1];
	it->category = (size_t)p->open;
	it->file = p->name;
	it->line = p->line;
	c->categories[p->open].count++;
	return 0;
}

/* 1 when the line holds only spaces and tabs. */
static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* Parses every line of the chunk's text, which is NUL-terminated at `len`. */
static int parse_lines(struct parse *p, char *text, size_t len)
{
	char *s = text, *end = text + len;
	while (s < end) {
		p->line++;
		char *eol = memchr(s, '\n', (size_t)(end - s));
		if (!eol)
			eol = end;
		size_t n = (size_t)(eol - s);
		*eol = '\0';
		if (n && s[n - 1] == '\r')
			s[--n] = '\0';
		if (n > CATALOGUE_LINE_MAX)
			return fail(p, p->line, "the line is longer than 1024 bytes");
		if (!utf8_valid(s, n))
			return fail(p, p->line, "the line is not valid UTF-8 text");
		int rc = 0;
		if (is_blank(s, n) || s[0] == '#')
			rc = 0;
		else if (s[0] == '@')
			rc = parse_category(p, s);
		else
			rc = parse_item(p, s);
		if (rc < 0)
			return -1;
		s = eol + 1;
	}
	return close_category(p);
}

/* Builds the id index over every item and reports the first repeated id. */
static struct catalogue_index *index_ids(struct parse *p)
{
	struct catalogue *c = p->c;
	struct catalogue_index *ix = malloc((c->nitems ? c->nitems : 1) * sizeof *ix);
	if (!ix) {
		err_set(p->e, 500, "no_memory", "%s: out of memory", p->name);
		return NULL;
	}
	for (size_t i = 0; i < c->nitems; i++) {
		ix[i].id = c->items[i].id;
		ix[i].item = i;
	}
	qsort(ix, c->nitems, sizeof *ix, cmp_index);
	for (size_t i = 1; i < c->nitems; i++) {
		if (strcmp(ix[i - 1].id, ix[i].id) == 0) {
			const struct catalogue_item *first = &c->items[ix[i - 1].item];
			const struct catalogue_item *again = &c->items[ix[i].item];
			err_set(p->e, 500, "catalogue",
			        "%s line %u: the id \"%s\" is already used (%s line %u); ids must "
			        "be unique",
			        again->file, again->line, again->id, first->file, first->line);
			free(ix);
			return NULL;
		}
	}
	return ix;
}

/* Counts lines, an upper bound for the items or categories a text can add. */
static size_t count_lines(const char *text, size_t len)
{
	size_t n = 1;
	for (const char *s = text; (s = memchr(s, '\n', (size_t)(text + len - s))); s++)
		n++;
	return n;
}

int catalogue_add(struct catalogue *c, const char *name, const char *text, size_t len,
                  struct err *e)
{
	if (len > CATALOGUE_FILE_MAX)
		return err_set(e, 500, "catalogue", "%s: the file is larger than 1 MiB", name);
	size_t lines = count_lines(text, len);
	size_t max_items = c->nitems + (lines < CATALOGUE_ITEMS_MAX ? lines : CATALOGUE_ITEMS_MAX);
	size_t max_cats =
	    c->ncategories + (lines < CATALOGUE_CATEGORIES_MAX ? lines : CATALOGUE_CATEGORIES_MAX);
	size_t name_len = strlen(name);
	struct catalogue_chunk *k = malloc(sizeof *k + name_len + 1 + len + 1);
	if (!k || reserve((void **)&c->items, max_items, sizeof *c->items) < 0 ||
	    reserve((void **)&c->categories, max_cats, sizeof *c->categories) < 0) {
		free(k);
		return err_set(e, 500, "no_memory", "%s: out of memory", name);
	}
	char *name_copy = k->data, *copy = k->data + name_len + 1;
	memcpy(name_copy, name, name_len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';

	size_t old_items = c->nitems, old_cats = c->ncategories;
	struct parse p = {c, name_copy, 0, e, -1, 0};
	struct catalogue_index *ix = NULL;
	if (parse_lines(&p, copy, len) < 0 || !(ix = index_ids(&p))) {
		c->nitems = old_items;
		c->ncategories = old_cats;
		free(k);
		return -1;
	}
	free(c->by_id);
	c->by_id = ix;
	k->next = c->chunks;
	c->chunks = k;
	return 0;
}

struct catalogue *catalogue_parse(const char *name, const char *text, size_t len, struct err *e)
{
	struct catalogue *c = catalogue_new();
	if (!c) {
		err_set(e, 500, "no_memory", "%s: out of memory", name);
		return NULL;
	}
	if (catalogue_add(c, name, text, len, e) < 0) {
		catalogue_free(c);
		return NULL;
	}
	return c;
}

long catalogue_find(const struct catalogue *c, const char *id)
{
	size_t lo = 0, hi = c->nitems;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->by_id[mid].id, id);
		if (r == 0)
			return (long)c->by_id[mid].item;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

long catalogue_category_find(const struct catalogue *c, const char *key)
{
	for (size_t i = 0; i < c->ncategories; i++)
		if (strcmp(c->categories[i].key, key) == 0)
			return (long)i;
	return -1;
}
