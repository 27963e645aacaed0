/* unescape.c: %XX decoding of paths and queries (see unescape.h). */
#include "unescape.h"

int url_hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t url_unescape(char *s)
{
	char *w = s;
	for (const char *p = s; *p; p++) {
		int hi, lo;
		if (p[0] == '%' && p[1] && p[2] && (hi = url_hexdigit(p[1])) >= 0 &&
		    (lo = url_hexdigit(p[2])) >= 0) {
			int v = hi * 16 + lo;
			*w++ = v ? (char)v : (char)0xFF;
			p += 2;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}
