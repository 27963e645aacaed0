/* fuzz_po.c: libFuzzer target for the .po reader (lib/po.c) and the
 * Accept-Language parser (lib/lang.c): every entry handed out is a set of
 * NUL-terminated strings, a refusal names its line, and any header gives a
 * language duet speaks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lang.h"
#include "lib/po.h"

static int check(void *ctx, const struct po_entry *en, struct err *e)
{
	(void)e;
	size_t *n = ctx;
	if (!en->id || en->nstr < 1 || en->line < 1)
		abort();
	for (int i = 0; i < PO_MAX_FORMS; i++)
		*n += strlen(en->str[i]);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = { 0 };
	size_t n = 0;
	if (po_parse((const char *)data, size, check, &n, &e) < 0 && strncmp(e.msg, "line ", 5) &&
	    strcmp(e.code, "no_memory"))
		abort();
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	int l = lang_accept(s);
	if (l < 0 || l >= LANG_COUNT)
		abort();
	(void)po_plural_forms(s);
	free(s);
	return 0;
}
