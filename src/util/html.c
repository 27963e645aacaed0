/* html.c: HTML escaping (see html.h). */
#include "html.h"

#include <string.h>

int html_escape_n(struct buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		if (buf_append(b, s + start, i - start) < 0 || buf_puts(b, rep) < 0)
			return -1;
		start = i + 1;
	}
	return buf_append(b, s + start, n - start);
}

int html_escape(struct buf *b, const char *s)
{
	return html_escape_n(b, s, strlen(s));
}
