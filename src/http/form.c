/* form.c: urlencoded form parsing (see form.h). */
#include "form.h"

#include <string.h>

#include "unescape.h"
#include "util/utf8.h"

/* Decodes s[0..n) into arena memory; -1 on a broken escape or bad UTF-8. */
static int decode(struct arena *a, const char *s, size_t n, const char **out, size_t *outlen)
{
	char *d = arena_alloc(a, n + 1);
	if (!d)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			d[k++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= n)
				return -1;
			int hi = url_hexdigit(s[i + 1]), lo = url_hexdigit(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			d[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			d[k++] = s[i];
		}
	}
	d[k] = '\0';
	if (!utf8_valid(d, k))
		return -2;
	*out = d;
	*outlen = k;
	return 0;
}

int form_parse(struct arena *a, const char *text, size_t len, struct field **out, size_t *count,
	       size_t max, struct err *e)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '&')
			n++;
	n++;
	if (n > max)
		return err_set(e, 400, "too_many_fields", "The form has more than %zu fields.", max);
	struct field *f = arena_calloc(a, n, sizeof *f);
	if (!f)
		return err_set(e, 500, "no_memory", "out of memory");
	size_t k = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		if (stop > p) {
			const char *eq = memchr(p, '=', (size_t)(stop - p));
			const char *nend = eq ? eq : stop;
			size_t nl, vl;
			int rc = decode(a, p, (size_t)(nend - p), &f[k].name, &nl);
			if (rc == 0)
				rc = eq ? decode(a, eq + 1, (size_t)(stop - eq - 1), &f[k].value, &vl)
					: decode(a, "", 0, &f[k].value, &vl);
			if (rc == -2)
				return err_set(e, 400, "invalid_utf8",
					       "The form contains text that is not valid UTF-8.");
			if (rc < 0)
				return err_set(e, 400, "invalid_form",
					       "The form data is malformed (a broken %%-escape).");
			f[k].len = vl;
			k++;
		}
		p = stop + 1;
	}
	*out = f;
	*count = k;
	return 0;
}

const char *form_get(const struct field *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(f[i].name, name))
			return f[i].value;
	return NULL;
}
