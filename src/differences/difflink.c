/* difflink.c: rating words and links out of the difference map (see difflink.h). */
#include "difflink.h"

#include <string.h>

static const char *const signs[] = {"\xe2\x88\x92"
                                    "2",
                                    "\xe2\x88\x92"
                                    "1",
                                    "0", "+1", "+2"};
static const char *const words[] = {"strongly dislike", "dislike", "neutral", "like", "love it"};

const char *difflink_sign(int rating)
{
	return rating >= -2 && rating <= 2 ? signs[rating + 2] : NULL;
}

const char *difflink_words(int rating)
{
	return rating >= -2 && rating <= 2 ? words[rating + 2] : NULL;
}

static int unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

int difflink_query(struct buf *out, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	int first = !out->data || !memchr(out->data, '?', out->len);
	int rc = buf_putc(out, first ? '?' : '&');
	rc |= buf_puts(out, name);
	rc |= buf_putc(out, '=');
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if (unreserved(*p)) {
			rc |= buf_putc(out, (char)*p);
		} else {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			rc |= buf_append(out, esc, 3);
		}
	}
	return rc ? -1 : 0;
}

int difflink_dream_text(struct buf *out, const char *name_a, int a, const char *name_b, int b)
{
	if (!difflink_sign(a) || !difflink_sign(b))
		return -1;
	return buf_printf(out, "From our difference map: %s %s (%s), %s %s (%s).", name_a,
	                  difflink_sign(a), difflink_words(a), name_b, difflink_sign(b),
	                  difflink_words(b));
}

int difflink_negotiation(struct buf *out, const char *item)
{
	int rc = buf_puts(out, "/negotiations/new");
	rc |= difflink_query(out, "topic", item);
	return rc ? -1 : 0;
}
