/* utf8.c: UTF-8 validation (Unicode 15, table 3-7 well-formed byte sequences). */
#include "utf8.h"

int utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		unsigned lo = 0x80, hi = 0xBF;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0;
			else if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90;
			else if (c == 0xF4)
				hi = 0x8F;
		} else {
			return 0;
		}
		if (n - i < len)
			return 0;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (size_t k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xBF)
				return 0;
		i += len;
	}
	return 1;
}

size_t utf8_count(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

/* The code point at s[*i] (valid UTF-8), advancing *i past it. */
static unsigned decode(const unsigned char *s, size_t *i)
{
	unsigned c = s[*i];
	size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	unsigned cp = len == 1 ? c : c & (0xFFu >> (len + 1));
	for (size_t k = 1; k < len; k++)
		cp = (cp << 6) | (s[*i + k] & 0x3Fu);
	*i += len;
	return cp;
}

int utf8_line_ok(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n;) {
		unsigned cp = decode(s, &i);
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
		    (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
		    (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF)
			return 0;
	}
	return 1;
}
