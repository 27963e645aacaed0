/* cli_input.c: bounded, validated reading of standard input for the pure tools. */
#include "cli.h"

#include <stdio.h>

#include "util/utf8.h"

int cli_read_input(FILE *f, struct buf *out, const char *what, struct err *e)
{
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (buf_append(out, chunk, n) < 0)
			return err_set(e, 413, "too_large", "%s is longer than %zu bytes", what, out->max);
	}
	if (ferror(f))
		return err_set(e, 500, "io", "could not read %s", what);
	if (!out->data && buf_append(out, "", 0) < 0)
		return err_set(e, 500, "no_memory", "out of memory");
	if (!utf8_valid(out->data, out->len))
		return err_set(e, 400, "invalid_utf8", "%s is not valid UTF-8 text", what);
	return 0;
}
