/* po.c: reading .po catalogues (see po.h). */
#include "po.h"

#include <stdlib.h>
#include <string.h>

/* The strings of the entry being read, kept in one growing buffer each. */
struct strb {
	char *s;
	size_t len, cap;
	int set;
};

enum field { F_NONE, F_CTXT, F_ID, F_PLURAL, F_STR0, F_STR1 };

struct parser {
	struct strb f[6];
	int fuzzy, line, entry_line, nstr;
	enum field cur;
};

static int sb_add(struct strb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p)
			return -1;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
	return 0;
}

static void reset(struct parser *p)
{
	for (int i = 0; i < 6; i++) {
		p->f[i].len = 0;
		p->f[i].set = 0;
		if (p->f[i].s)
			p->f[i].s[0] = 0;
	}
	p->fuzzy = 0;
	p->nstr = 0;
	p->cur = F_NONE;
}

static const char *val(struct parser *p, enum field f)
{
	return p->f[f].set ? (p->f[f].s ? p->f[f].s : "") : NULL;
}

static int flush(struct parser *p, po_entry_fn fn, void *ctx, struct err *e)
{
	if (!p->f[F_ID].set)
		return 0;
	if (!p->nstr)
		return err_set(e, 400, "po", "line %d: an entry without its msgstr", p->line);
	int rc = 0;
	if (!p->fuzzy || !*val(p, F_ID)) {
		struct po_entry en = { .ctxt = val(p, F_CTXT), .id = val(p, F_ID),
			               .id_plural = val(p, F_PLURAL), .nstr = p->nstr,
			               .line = p->entry_line };
		for (int i = 0; i < PO_MAX_FORMS; i++)
			en.str[i] = val(p, F_STR0 + i) ? val(p, F_STR0 + i) : "";
		rc = fn(ctx, &en, e);
	}
	reset(p);
	return rc;
}

/* Appends the quoted string at *s (just past the opening quote) to b. */
static int quoted(struct parser *p, const char *s, const char *end, struct strb *b, struct err *e)
{
	while (s < end && *s != '"') {
		char c = *s++;
		if (c == '\\') {
			if (s >= end)
				break;
			char x = *s++;
			c = x == 'n' ? '\n' : x == 't' ? '\t' : x == '"' ? '"' : x == '\\' ? '\\' : 0;
			if (!c)
				return err_set(e, 400, "po", "line %d: an escape duet does not know (\\%c)",
					       p->line, x);
		}
		if (sb_add(b, &c, 1) < 0)
			return err_set(e, 500, "no_memory", "out of memory");
	}
	if (s >= end)
		return err_set(e, 400, "po", "line %d: a string without its closing quote", p->line);
	s++;
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	if (s < end)
		return err_set(e, 400, "po", "line %d: text after the closing quote", p->line);
	b->set = 1;
	if (!b->s && sb_add(b, "", 0) < 0)
		return err_set(e, 500, "no_memory", "out of memory");
	return 0;
}

static int keyword(struct parser *p, const char *s, const char *end, po_entry_fn fn, void *ctx,
		   struct err *e)
{
	static const struct {
		const char *word;
		enum field f;
	} words[] = { { "msgctxt", F_CTXT },       { "msgid_plural", F_PLURAL },
		      { "msgid", F_ID },           { "msgstr[0]", F_STR0 },
		      { "msgstr[1]", F_STR1 },     { "msgstr", F_STR0 } };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n = strlen(words[i].word);
		if ((size_t)(end - s) <= n || strncmp(s, words[i].word, n) || (s[n] != ' ' && s[n] != '\t'))
			continue;
		enum field f = words[i].f;
		/* A new msgctxt or msgid after a msgstr starts the next entry. */
		if ((f == F_CTXT || f == F_ID) && p->cur >= F_STR0 && flush(p, fn, ctx, e) < 0)
			return -1;
		if (f == F_ID && p->cur != F_CTXT)
			p->entry_line = p->line;
		if (f == F_CTXT)
			p->entry_line = p->line;
		if (p->f[f].set)
			return err_set(e, 400, "po", "line %d: %s given twice", p->line, words[i].word);
		if (f >= F_STR0 && !p->f[F_ID].set)
			return err_set(e, 400, "po", "line %d: msgstr before its msgid", p->line);
		s += n;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		if (s >= end || *s != '"')
			return err_set(e, 400, "po", "line %d: %s needs a quoted string", p->line,
				       words[i].word);
		p->cur = f;
		if (f >= F_STR0)
			p->nstr++;
		return quoted(p, s + 1, end, &p->f[f], e);
	}
	return err_set(e, 400, "po", "line %d: a line duet does not understand", p->line);
}

int po_parse(const char *text, size_t len, po_entry_fn fn, void *ctx, struct err *e)
{
	struct parser p = { .line = 0 };
	const char *s = text, *end = text + len;
	int rc = 0;
	while (s < end && rc == 0) {
		const char *eol = memchr(s, '\n', (size_t)(end - s));
		const char *le = eol ? eol : end;
		p.line++;
		const char *t = s;
		while (t < le && (*t == ' ' || *t == '\t' || *t == '\r'))
			t++;
		if (t == le) {
			rc = flush(&p, fn, ctx, e);
		} else if (*t == '#') {
			if (p.cur >= F_STR0)
				rc = flush(&p, fn, ctx, e);
			if (rc == 0 && le - t >= 2 && t[1] == ',') {
				const char *f = t + 2;
				size_t n = (size_t)(le - f);
				for (size_t i = 0; i + 5 <= n; i++)
					if (!strncmp(f + i, "fuzzy", 5))
						p.fuzzy = 1;
			}
		} else if (*t == '"') {
			if (p.cur == F_NONE)
				rc = err_set(e, 400, "po", "line %d: a string outside any entry", p.line);
			else
				rc = quoted(&p, t + 1, le, &p.f[p.cur], e);
		} else {
			rc = keyword(&p, t, le, fn, ctx, e);
		}
		s = eol ? eol + 1 : end;
	}
	if (rc == 0) {
		if (p.cur != F_NONE && p.cur < F_STR0)
			rc = err_set(e, 400, "po", "line %d: an entry without its msgstr", p.line);
		else
			rc = flush(&p, fn, ctx, e);
	}
	for (int i = 0; i < 6; i++)
		free(p.f[i].s);
	return rc;
}

int po_plural_forms(const char *header)
{
	const char *pf = header ? strstr(header, "Plural-Forms:") : NULL;
	if (!pf)
		return 2; /* gettext's default: the English rule */
	char rule[96];
	size_t n = 0;
	for (const char *s = pf + 13; *s && *s != '\n' && n + 1 < sizeof rule; s++)
		if (*s != ' ' && *s != '\t')
			rule[n++] = *s;
	rule[n] = 0;
	if (!strcmp(rule, "nplurals=2;plural=(n!=1);") || !strcmp(rule, "nplurals=2;plural=n!=1;"))
		return 2;
	if (!strcmp(rule, "nplurals=1;plural=0;"))
		return 1;
	return -1;
}

int po_plural_index(int nforms, long n)
{
	return nforms == 2 && n != 1 ? 1 : 0;
}
