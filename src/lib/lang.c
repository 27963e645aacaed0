/* lang.c: languages and Accept-Language (see lang.h). */
#include "lang.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *code;
	const char *name;
} langs[LANG_COUNT] = {
	[LANG_EN] = { "en", "English" },
	[LANG_DE] = { "de", "Deutsch" },
	[LANG_ES] = { "es", "Español" },
};

const char *lang_code(int lang)
{
	return lang >= 0 && lang < LANG_COUNT ? langs[lang].code : NULL;
}

const char *lang_name(int lang)
{
	return lang >= 0 && lang < LANG_COUNT ? langs[lang].name : NULL;
}

/* The language of the first n bytes of a tag ("de-AT"): its primary subtag. */
static int lang_of_n(const char *s, size_t n)
{
	size_t p = 0;
	while (p < n && s[p] != '-' && s[p] != '_')
		p++;
	for (int i = 0; i < LANG_COUNT; i++)
		if (strlen(langs[i].code) == p && !strncasecmp(s, langs[i].code, p))
			return i;
	return -1;
}

int lang_of(const char *code)
{
	return code ? lang_of_n(code, strlen(code)) : -1;
}

/* q as thousandths: "1", "0.8", "0.125"; -1 when malformed. */
static int qvalue(const char *s, size_t n)
{
	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	int q = (s[0] - '0') * 1000;
	if (n == 1)
		return q;
	if (s[1] != '.' || n > 5)
		return -1;
	int scale = 100;
	for (size_t i = 2; i < n; i++, scale /= 10) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		q += (s[i] - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

int lang_accept(const char *header)
{
	if (!header)
		return LANG_EN;
	int best = LANG_EN, best_q = 0;
	const char *s = header;
	while (*s) {
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		/* one range: tag [; q=x] with optional spaces */
		const char *t = s, *te = s + len;
		while (t < te && (*t == ' ' || *t == '\t'))
			t++;
		const char *tag = t;
		while (t < te && *t != ';' && *t != ' ' && *t != '\t')
			t++;
		size_t tag_len = (size_t)(t - tag);
		int q = 1000;
		const char *semi = memchr(t, ';', (size_t)(te - t));
		if (semi) {
			const char *v = semi + 1;
			while (v < te && (*v == ' ' || *v == '\t'))
				v++;
			if (te - v >= 2 && (v[0] == 'q' || v[0] == 'Q') && v[1] == '=') {
				const char *qe = v + 2;
				while (qe < te && *qe != ' ' && *qe != '\t' && *qe != ';')
					qe++;
				q = qvalue(v + 2, (size_t)(qe - v - 2));
			} else {
				q = -1;
			}
		}
		if (tag_len > 0 && q > best_q) {
			int l = tag_len == 1 && *tag == '*' ? LANG_EN : lang_of_n(tag, tag_len);
			if (l >= 0) {
				best = l;
				best_q = q;
			}
		}
		if (!end)
			break;
		s = end + 1;
	}
	return best;
}
