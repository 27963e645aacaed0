/* i18n.c: catalogues in hash tables (see i18n.h). */
#include "i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/po.h"
#include "util/datadir.h"
#include "util/log.h"

struct slot {
	char *id;
	char *str[PO_MAX_FORMS];
};

struct table {
	struct slot *slots; /* open addressing, size a power of two */
	size_t size, count;
	int nforms;
};

static struct table tables[LANG_COUNT];
static _Thread_local int thread_lang;

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct slot *find(const struct table *t, const char *id)
{
	if (!t->size)
		return NULL;
	for (size_t i = hash(id) & (t->size - 1);; i = (i + 1) & (t->size - 1)) {
		struct slot *s = &t->slots[i];
		if (!s->id)
			return NULL;
		if (!strcmp(s->id, id))
			return s;
	}
}

/* The printf conversions of s, in argument order, as letters ("dsd"); -1 when
 * there are more than fit. Positional ones (%2$s) are put in their place. */
static int conversions(const char *s, char *out, size_t size)
{
	memset(out, 0, size);
	size_t next = 0;
	for (; *s; s++) {
		if (*s != '%')
			continue;
		s++;
		if (*s == '%')
			continue;
		size_t pos = next++;
		const char *d = s;
		size_t n = 0;
		while (*d >= '0' && *d <= '9')
			n = n * 10 + (size_t)(*d++ - '0');
		if (*d == '$' && n > 0) {
			pos = n - 1;
			s = d + 1;
		}
		while (*s && strchr("-+ #0123456789.*'", *s))
			s++;
		char len = 0;
		while (*s && strchr("hlLqjzt", *s))
			len = *s++;
		if (!*s || pos + 1 >= size)
			return -1;
		out[pos] = (char)(len ? len : *s); /* %zu and %u read the same width */
		if (len)
			out[pos] = (char)(len + *s);
		else
			out[pos] = *s == 'i' ? 'd' : *s;
	}
	return 0;
}

/* A translation may drop a number ("ein Impuls" for "1 prompt") but never add
 * a conversion or change one's type: printf would read what was not passed. */
static int fits(const char *src, const char *tr)
{
	char cs[16], ct[16];
	if (conversions(src, cs, sizeof cs) < 0 || conversions(tr, ct, sizeof ct) < 0)
		return 0;
	for (size_t i = 0; i < sizeof ct; i++)
		if (ct[i] && ct[i] != cs[i])
			return 0;
	return 1;
}

struct load {
	struct table *t;
	const char *file;
};

static int put(struct table *t, const struct po_entry *en, struct err *e)
{
	if (t->count * 2 + 2 > t->size) {
		size_t size = t->size ? t->size * 2 : 1024;
		struct slot *slots = calloc(size, sizeof *slots);
		if (!slots)
			return err_set(e, 500, "no_memory", "out of memory");
		for (size_t i = 0; i < t->size; i++) {
			if (!t->slots[i].id)
				continue;
			size_t j = hash(t->slots[i].id) & (size - 1);
			while (slots[j].id)
				j = (j + 1) & (size - 1);
			slots[j] = t->slots[i];
		}
		free(t->slots);
		t->slots = slots;
		t->size = size;
	}
	size_t j = hash(en->id) & (t->size - 1);
	while (t->slots[j].id) {
		if (!strcmp(t->slots[j].id, en->id))
			return 0; /* the first one stands */
		j = (j + 1) & (t->size - 1);
	}
	struct slot s = { .id = strdup(en->id) };
	int ok = s.id != NULL;
	for (int i = 0; i < PO_MAX_FORMS && ok; i++) {
		s.str[i] = strdup(i < en->nstr && *en->str[i] ? en->str[i] : en->str[0]);
		ok = s.str[i] != NULL;
	}
	if (!ok) {
		free(s.id);
		for (int i = 0; i < PO_MAX_FORMS; i++)
			free(s.str[i]);
		return err_set(e, 500, "no_memory", "out of memory");
	}
	t->slots[j] = s;
	t->count++;
	return 0;
}

static int on_entry(void *ctx, const struct po_entry *en, struct err *e)
{
	struct load *l = ctx;
	if (!*en->id) {
		l->t->nforms = po_plural_forms(en->str[0]);
		if (l->t->nforms < 0)
			return err_set(e, 400, "po", "%s: a Plural-Forms rule duet does not know",
				       l->file);
		return 0;
	}
	if (en->ctxt || !*en->str[0])
		return 0;
	int ok = fits(en->id, en->str[0]);
	if (en->id_plural)
		ok = ok && fits(en->id_plural, en->nstr > 1 ? en->str[1] : en->str[0]);
	if (!ok) {
		log_msg("%s:%d: the translation's %% conversions differ from the English; "
			"left in English",
			l->file, en->line);
		return 0;
	}
	return put(l->t, en, e);
}

int i18n_load(const char *dir, struct err *e)
{
	char path[1024];
	for (int lang = 1; lang < LANG_COUNT; lang++) {
		int w = dir ? snprintf(path, sizeof path, "%s/%s.po", dir, lang_code(lang))
			    : snprintf(path, sizeof path, "%s/../po/%s.po", datadir(), lang_code(lang));
		if (w < 0 || (size_t)w >= sizeof path)
			return err_set(e, 500, "po", "the path of the catalogues is too long");
		FILE *f = fopen(path, "rb");
		if (!f) {
			log_msg("no catalogue %s: %s stays in English", path, lang_code(lang));
			continue;
		}
		char *text = NULL;
		size_t len = 0, cap = 0;
		for (;;) {
			if (len + 65536 > cap) {
				cap = cap ? cap * 2 : 262144;
				char *p = realloc(text, cap);
				if (!p) {
					free(text);
					fclose(f);
					return err_set(e, 500, "no_memory", "out of memory");
				}
				text = p;
			}
			size_t n = fread(text + len, 1, cap - len, f);
			len += n;
			if (n == 0)
				break;
		}
		fclose(f);
		tables[lang].nforms = 2;
		struct load l = { &tables[lang], path };
		int rc = po_parse(text, len, on_entry, &l, e);
		free(text);
		if (rc < 0) {
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			return err_set(e, 500, "po", "%s: %s", path, msg);
		}
	}
	return 0;
}

void i18n_unload(void)
{
	for (int lang = 0; lang < LANG_COUNT; lang++) {
		struct table *t = &tables[lang];
		for (size_t i = 0; i < t->size; i++) {
			free(t->slots[i].id);
			for (int k = 0; k < PO_MAX_FORMS; k++)
				free(t->slots[i].str[k]);
		}
		free(t->slots);
		memset(t, 0, sizeof *t);
	}
}

const char *i18n_tr(int lang, const char *msgid)
{
	if (lang <= LANG_EN || lang >= LANG_COUNT || !msgid)
		return msgid;
	const struct slot *s = find(&tables[lang], msgid);
	return s ? s->str[0] : msgid;
}

const char *i18n_ntr(int lang, const char *one, const char *many, long n)
{
	if (lang <= LANG_EN || lang >= LANG_COUNT)
		return n == 1 ? one : many;
	const struct table *t = &tables[lang];
	const struct slot *s = find(t, one);
	if (!s)
		return n == 1 ? one : many;
	return s->str[po_plural_index(t->nforms, n)];
}

size_t i18n_count(int lang)
{
	return lang > LANG_EN && lang < LANG_COUNT ? tables[lang].count : 0;
}

void i18n_set_thread(int lang)
{
	thread_lang = lang;
}

int i18n_thread(void)
{
	return thread_lang;
}
