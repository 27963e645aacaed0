/* words.c: a page script's words in a language (see words.h). */
#include "words.h"

#include <jansson.h>
#include <string.h>

#include "util/html.h"
#include "util/i18n.h"
#include "util/wipe.h"

#define WORDS_MAX_LITERAL 1024

static int ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || c == '.';
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* Reads the string literal at p (in ' or ") into out, NUL-terminated: the
 * position after it; p itself when there is no literal there; NULL when there
 * is one with an escape or a length this reader does not take. */
static const char *literal(const char *p, const char *end, char *out, size_t size)
{
	if (p >= end || (*p != '\'' && *p != '"'))
		return p;
	char quote = *p++;
	size_t n = 0;
	for (; p < end && *p != quote; p++) {
		char c = *p;
		if (c == '\n')
			return NULL;
		if (c == '\\') {
			if (++p == end)
				return NULL;
			c = *p == 'n' ? '\n' : *p;
			if (!*p || !strchr("n\\'\"", *p))
				return NULL;
		}
		if (n + 1 >= size)
			return NULL;
		out[n++] = c;
	}
	if (p == end)
		return NULL;
	out[n] = '\0';
	return p + 1;
}

/* Adds what the call at *p (just after "t(" or "tn(") asks for to o (plural
 * tells which) and moves *p past what it read: 0, or -1 with e set. */
static int one_call(const char **p, const char *end, int plural, int lang, json_t *o, struct err *e)
{
	char one[WORDS_MAX_LITERAL], many[WORDS_MAX_LITERAL];
	const char *q = literal(*p, end, one, sizeof one);
	if (q == *p)
		return 0; /* t(something) that is not a literal: not ours */
	if (q && plural) {
		q = skip_space(q, end);
		const char *m = q < end && *q == ',' ? skip_space(q + 1, end) : NULL;
		q = m ? literal(m, end, many, sizeof many) : NULL;
		if (q == m) /* no literal plural: make po could not take it either */
			q = NULL;
	}
	if (!q)
		return err_set(e, 500, "words",
		               "a t() or tn() literal with an escape, a line "
		               "break or a length duet does not read");
	*p = q;
	int rc = 0;
	if (plural) {
		const char *f1 = i18n_ntr(lang, one, many, 1), *f2 = i18n_ntr(lang, one, many, 2);
		if (strcmp(f1, one) || strcmp(f2, many))
			rc = json_object_set_new(o, one, json_pack("[ss]", f1, f2));
	} else {
		const char *tr = i18n_tr(lang, one);
		if (strcmp(tr, one))
			rc = json_object_set_new(o, one, json_string(tr));
	}
	return rc < 0 ? err_set(e, 500, "no_memory", "out of memory") : 0;
}

int words_attr(struct buf *out, const char *js, size_t len, int lang, struct err *e)
{
	if (lang == LANG_EN)
		return 0;
	json_t *o = json_object();
	if (!o)
		return err_set(e, 500, "no_memory", "out of memory");
	const char *end = js + len;
	for (const char *p = js; p + 2 < end; p++) {
		if (*p != 't' || (p > js && ident_char(p[-1])))
			continue;
		int plural = p[1] == 'n';
		if (p[1 + plural] != '(')
			continue;
		p += 2 + plural;
		if (one_call(&p, end, plural, lang, o, e) < 0) {
			json_decref(o);
			return -1;
		}
	}
	int rc = 0;
	if (json_object_size(o)) {
		char *s = json_dumps(o, JSON_COMPACT);
		if (!s || buf_puts(out, " data-words=\"") < 0 || html_escape(out, s) < 0 ||
		    buf_putc(out, '"') < 0)
			rc = err_set(e, 500, "no_memory", "out of memory");
		wipe_free(s);
	}
	json_decref(o);
	return rc;
}
