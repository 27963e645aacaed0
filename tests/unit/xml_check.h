/* xml_check.h: a small well-formedness check for the SVG and HTML that unit
 * tests produce: tags balanced and properly nested, every '&' an entity we
 * write. Not a parser of outside input; tests only. */
#ifndef DUET_XML_CHECK_H
#define DUET_XML_CHECK_H

#include <string.h>

/* 1 when `s` is balanced and its entities are known, else 0. */
static inline int xml_balanced(const char *s)
{
	static const char *const entities[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
	char stack[32][16];
	int depth = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '&') {
			size_t i = 0;
			while (i < 5 && strncmp(p, entities[i], strlen(entities[i])))
				i++;
			if (i == 5)
				return 0;
			continue;
		}
		if (*p != '<')
			continue;
		const char *end = strchr(p, '>');
		if (!end)
			return 0;
		int closing = p[1] == '/';
		const char *name = p + 1 + closing;
		size_t n = strcspn(name, " />");
		if (n == 0 || n >= sizeof stack[0] || name[0] == '!')
			return 0;
		if (closing) {
			if (depth == 0 || strlen(stack[depth - 1]) != n ||
			    strncmp(stack[depth - 1], name, n))
				return 0;
			depth--;
		} else if (end[-1] != '/') {
			if (depth == 32)
				return 0;
			memcpy(stack[depth], name, n);
			stack[depth++][n] = '\0';
		}
		p = end;
	}
	return depth == 0;
}

/* How many times `needle` occurs in `s`. */
static inline int count_of(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

#endif
