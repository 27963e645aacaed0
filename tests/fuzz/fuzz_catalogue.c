/* fuzz_catalogue.c: libFuzzer target for the difference catalogue parser. The
 * input is split at its first form feed into two files added one after the
 * other, so ids repeated across files are reached too. Whatever is accepted must
 * keep the invariants of catalogue.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "differences/catalogue.h"
#include "util/utf8.h"

static void check(const struct catalogue *c)
{
	size_t next = 0;
	for (size_t k = 0; k < c->ncategories; k++) {
		const struct catalogue_category *cat = &c->categories[k];
		if (cat->first != next || cat->count == 0 ||
		    catalogue_category_find(c, cat->key) != (long)k)
			abort();
		next += cat->count;
	}
	if (next != c->nitems)
		abort();
	for (size_t i = 0; i < c->nitems; i++) {
		const struct catalogue_item *it = &c->items[i];
		if (catalogue_find(c, it->id) != (long)i || it->category >= c->ncategories ||
		    catalogue_text_problem(it->text, strlen(it->text)) != NULL)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *ff = memchr(text, '\f', size);
	size_t first = ff ? (size_t)(ff - text) : size;
	struct err e = {0};
	struct catalogue *c = catalogue_parse("one.tsv", text, first, &e);
	if (!c) {
		if (!utf8_valid(e.msg, strlen(e.msg)) && utf8_valid(text, first))
			abort(); /* messages built from valid input stay valid text */
		return 0;
	}
	check(c);
	if (ff) {
		size_t items = c->nitems, categories = c->ncategories;
		if (catalogue_add(c, "two.tsv", ff + 1, size - first - 1, &e) < 0 &&
		    (c->nitems != items || c->ncategories != categories))
			abort(); /* a failed add leaves the catalogue as it was */
		check(c);
	}
	catalogue_free(c);
	(void)catalogue_text_problem(text, size);
	return 0;
}
