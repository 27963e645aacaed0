/* fuzz_form.c: arbitrary bytes as an application/x-www-form-urlencoded body or
 * query string (src/http/form.c). Parsing succeeds or refuses with a message;
 * every field it returns is valid UTF-8 without NUL bytes, its length right,
 * and form_get finds the first field of each name. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/form.h"
#include "util/arena.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 0);
	struct field *f = NULL;
	size_t n = 0;
	struct err e = { 0 };
	if (form_parse(&a, (const char *)data, size, &f, &n, 64, &e) < 0) {
		if (e.status != 400 || !e.msg[0])
			abort();
	} else {
		if (n > 64)
			abort();
		for (size_t i = 0; i < n; i++) {
			if (!f[i].name || !f[i].value || strlen(f[i].value) != f[i].len ||
			    !utf8_valid(f[i].name, strlen(f[i].name)) || !utf8_valid(f[i].value, f[i].len))
				abort();
			const char *first = form_get(f, n, f[i].name);
			if (!first)
				abort();
		}
	}
	arena_release(&a);
	return 0;
}
