/* coach_lexicon.c: parsing coach lexicon text into the compiled form the matcher
 * reads (see coach_lexicon.h; the format is in docs/internals/coach.md). Pure: the
 * caller supplies each file's text. */
#include "coach/coach_lexicon.h"

#include "util/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

#define LEX_ARRAY_MAX (8u << 20) /* bytes per array: far above any real lexicon */
#define LEX_SET_MAX 4096         /* ids in one word set */
#define LEX_WORDS_MAX (1u << 20)
#define LEX_SETTING_MAX 8

static const char *const scope_names[] = {"overlap", "clause", "sentence", "message"};

struct line_ctx {
	const char *name;
	unsigned line;
	struct err *e;
};

static int lex_err(const struct line_ctx *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int lex_err(const struct line_ctx *x, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_set(x->e, 500, "lexicon", "%s:%u: %s", x->name, x->line, msg);
}

static int push(struct buf *b, const void *item, size_t size)
{
	return buf_append(b, item, size);
}

struct coach *coach_lexicon_new(void)
{
	struct coach *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	struct buf *arrays[] = {&c->strings, &c->words, &c->ids,     &c->prefixes,
	                        &c->elems,   &c->rules, &c->classes, &c->suffixes};
	for (size_t i = 0; i < ARRAY_LEN(arrays); i++)
		buf_init(arrays[i], LEX_ARRAY_MAX);
	c->n_slots = 1024;
	c->slots = calloc(c->n_slots, sizeof *c->slots);
	/* Offset 0 holds "" so that 0 can mean "unset" for advice and rewrites. */
	if (!c->slots || buf_putc(&c->strings, '\0') < 0) {
		coach_lexicon_free(c);
		return NULL;
	}
	c->window_finding = 2;
	c->window_apology = 4;
	c->gap_max = 6;
	return c;
}

void coach_lexicon_free(struct coach *c)
{
	if (!c)
		return;
	struct buf *arrays[] = {&c->strings, &c->words, &c->ids,     &c->prefixes,
	                        &c->elems,   &c->rules, &c->classes, &c->suffixes};
	for (size_t i = 0; i < ARRAY_LEN(arrays); i++)
		buf_release(arrays[i]);
	free(c->slots);
	free(c->bucket_start);
	free(c->bucket_rules);
	free(c->prefix_rules);
	free(c->except_rules);
	free(c);
}

static uint32_t hash_word(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

int32_t coach_lexicon_find(const struct coach *c, const char *w, size_t n)
{
	if (n == 0 || n >= COACH_WORD_MAX)
		return -1;
	const struct coach_word *words = COACH_ARR(c->words, struct coach_word);
	uint32_t mask = c->n_slots - 1;
	for (uint32_t i = hash_word(w, n) & mask;; i = (i + 1) & mask) {
		uint32_t s = c->slots[i];
		if (!s)
			return -1;
		const struct coach_word *cw = &words[s - 1];
		if (cw->len == n && !memcmp(c->strings.data + cw->off, w, n))
			return (int32_t)(s - 1);
	}
}

static void slot_insert(uint32_t *slots, uint32_t n_slots, uint32_t h, uint32_t id)
{
	uint32_t mask = n_slots - 1;
	uint32_t i = h & mask;
	while (slots[i])
		i = (i + 1) & mask;
	slots[i] = id + 1;
}

static int grow_slots(struct coach *c)
{
	uint32_t n = c->n_slots * 2;
	uint32_t *slots = calloc(n, sizeof *slots);
	if (!slots)
		return -1;
	const struct coach_word *words = COACH_ARR(c->words, struct coach_word);
	size_t count = COACH_LEN(c->words, struct coach_word);
	for (size_t id = 0; id < count; id++)
		slot_insert(slots, n, hash_word(c->strings.data + words[id].off, words[id].len),
		            (uint32_t)id);
	free(c->slots);
	c->slots = slots;
	c->n_slots = n;
	return 0;
}

/* Offset of a new NUL-terminated copy of s[0..n) in strings, or 0 on failure. */
static uint32_t add_string(struct coach *c, const char *s, size_t n)
{
	size_t off = c->strings.len;
	if (buf_append(&c->strings, s, n) < 0 || buf_putc(&c->strings, '\0') < 0)
		return 0;
	return (uint32_t)off;
}

/* The id of folded word w[0..n), added when new; -1 when out of memory or room. */
static int32_t intern(struct coach *c, const char *w, size_t n)
{
	int32_t id = coach_lexicon_find(c, w, n);
	if (id >= 0)
		return id;
	size_t count = COACH_LEN(c->words, struct coach_word);
	if (count >= LEX_WORDS_MAX || (count + 1) * 2 > c->n_slots) {
		if (count >= LEX_WORDS_MAX || grow_slots(c) < 0)
			return -1;
	}
	struct coach_word cw = {add_string(c, w, n), (uint32_t)n, 0, 0};
	if (!cw.off || push(&c->words, &cw, sizeof cw) < 0)
		return -1;
	slot_insert(c->slots, c->n_slots, hash_word(w, n), (uint32_t)count);
	return (int32_t)count;
}

int coach_lexicon_in_set(const struct coach *c, const struct coach_wordset *set, int32_t id,
                         const char *w, size_t n)
{
	if (id >= 0 && set->n_ids) {
		const int32_t *ids = COACH_ARR(c->ids, int32_t) + set->ids;
		size_t lo = 0, hi = set->n_ids;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (ids[mid] == id)
				return 1;
			if (ids[mid] < id)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	if (!set->n_prefixes)
		return 0; /* a lexicon without prefixes has no prefix array at all */
	const struct coach_prefix *p = COACH_ARR(c->prefixes, struct coach_prefix) + set->prefixes;
	for (uint32_t i = 0; i < set->n_prefixes; i++) {
		const char *s = c->strings.data + p[i].off;
		if (p[i].suffix ? p[i].len + 2 <= n && !memcmp(s, w + n - p[i].len, p[i].len)
		                : p[i].len <= n && !memcmp(s, w, p[i].len))
			return 1;
	}
	return 0;
}

static const struct coach_class *find_class(const struct coach *c, const char *name, size_t n)
{
	const struct coach_class *cl = COACH_ARR(c->classes, struct coach_class);
	size_t count = COACH_LEN(c->classes, struct coach_class);
	for (size_t i = 0; i < count; i++) {
		const char *s = c->strings.data + cl[i].name;
		if (strlen(s) == n && !memcmp(s, name, n))
			return &cl[i];
	}
	return NULL;
}

/* Folds an ending such as "n't" or "’re": ASCII lower case, typographic apostrophe
 * to "'". Returns the length, or 0 when it is empty or too long. */
static size_t fold_ending(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			ch = '\'';
			i += 2;
		} else if (ch >= 'A' && ch <= 'Z') {
			ch = (char)(ch - 'A' + 'a');
		}
		if (o + 1 >= cap)
			return 0;
		out[o++] = ch;
	}
	out[o] = '\0';
	return o;
}

/* coach_fold_word, then the accents off when the lexicon says so (fold-accents). */
static size_t fold(const struct coach *c, const char *s, size_t n, char *out, size_t cap)
{
	size_t wn = coach_fold_word(s, n, out, cap);
	return wn && c->fold_accents ? coach_strip_accents(out, wn) : wn;
}

/* 1 when folded word w[0..n) would be split by the tokenizer (a contraction or a
 * word with a known ending), so that a pattern could never match it. */
static int is_contracted(const struct coach *c, const char *w, size_t n)
{
	int32_t id = coach_lexicon_find(c, w, n);
	if (id >= 0 && COACH_ARR(c->words, struct coach_word)[id].n_expand)
		return 1;
	const struct coach_suffix *sf = COACH_ARR(c->suffixes, struct coach_suffix);
	size_t count = COACH_LEN(c->suffixes, struct coach_suffix);
	for (size_t i = 0; i < count; i++)
		if (sf[i].len < n &&
		    !memcmp(w + n - sf[i].len, c->strings.data + sf[i].off, sf[i].len))
			return 1;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

struct set_builder {
	int32_t ids[LEX_SET_MAX];
	size_t n_ids;
	size_t prefixes_start;
};

static int add_id(struct set_builder *sb, int32_t id, const struct line_ctx *x)
{
	if (sb->n_ids >= LEX_SET_MAX)
		return lex_err(x, "a word set may hold at most %d words", LEX_SET_MAX);
	sb->ids[sb->n_ids++] = id;
	return 0;
}

/* Adds one item of a set: "@class", "prefix*" or a literal word. */
static int add_item(struct coach *c, struct set_builder *sb, const char *s, size_t n,
                    const struct line_ctx *x)
{
	if (n > 1 && s[0] == '@') {
		const struct coach_class *cl = find_class(c, s + 1, n - 1);
		if (!cl)
			return lex_err(x, "unknown class '%.*s' (define it before using it)",
			               (int)n, s);
		const int32_t *ids = COACH_ARR(c->ids, int32_t) + cl->set.ids;
		for (uint32_t i = 0; i < cl->set.n_ids; i++)
			if (add_id(sb, ids[i], x) < 0)
				return -1;
		for (uint32_t i = 0; i < cl->set.n_prefixes; i++) {
			struct coach_prefix p =
			    COACH_ARR(c->prefixes, struct coach_prefix)[cl->set.prefixes + i];
			if (push(&c->prefixes, &p, sizeof p) < 0)
				return err_set(x->e, 500, "no_memory", "out of memory");
		}
		return 0;
	}
	int suffix = n > 1 && s[0] == '*';
	int prefix = !suffix && n > 1 && s[n - 1] == '*';
	char w[COACH_WORD_MAX];
	size_t wn = fold(c, s + suffix, n - (size_t)prefix - (size_t)suffix, w, sizeof w);
	if (!wn)
		return lex_err(x, "'%.*s' is not a single word (or is longer than %d bytes)",
		               (int)n, s, COACH_WORD_MAX - 1);
	if (!prefix && is_contracted(c, w, wn))
		return lex_err(x, "'%.*s' is a contraction: write the words it stands for", (int)n,
		               s);
	if (prefix || suffix) {
		struct coach_prefix p = {add_string(c, w, wn), (uint32_t)wn, (uint32_t)suffix};
		if (!p.off || push(&c->prefixes, &p, sizeof p) < 0)
			return err_set(x->e, 500, "no_memory", "out of memory");
		return 0;
	}
	int32_t id = intern(c, w, wn);
	if (id < 0)
		return err_set(x->e, 500, "no_memory", "out of memory");
	return add_id(sb, id, x);
}

/* Parses items of s[0..n) separated by `sep` into a word set. */
static int parse_set(struct coach *c, const char *s, size_t n, char sep, struct coach_wordset *out,
                     const struct line_ctx *x)
{
	struct set_builder *sb = calloc(1, sizeof *sb);
	if (!sb)
		return err_set(x->e, 500, "no_memory", "out of memory");
	sb->prefixes_start = COACH_LEN(c->prefixes, struct coach_prefix);
	int rc = 0;
	size_t i = 0;
	while (rc == 0 && i <= n) {
		size_t j = i;
		while (j < n && s[j] != sep)
			j++;
		if (j > i)
			rc = add_item(c, sb, s + i, j - i, x);
		else if (sep == '|')
			rc = lex_err(x, "empty alternative in '%.*s'", (int)n, s);
		i = j + 1;
	}
	if (rc == 0) {
		qsort(sb->ids, sb->n_ids, sizeof sb->ids[0], cmp_id);
		size_t u = 0;
		for (size_t k = 0; k < sb->n_ids; k++)
			if (u == 0 || sb->ids[u - 1] != sb->ids[k])
				sb->ids[u++] = sb->ids[k];
		out->ids = (uint32_t)COACH_LEN(c->ids, int32_t);
		out->n_ids = (uint32_t)u;
		out->prefixes = (uint32_t)sb->prefixes_start;
		out->n_prefixes =
		    (uint32_t)(COACH_LEN(c->prefixes, struct coach_prefix) - sb->prefixes_start);
		if (u && push(&c->ids, sb->ids, u * sizeof sb->ids[0]) < 0)
			rc = err_set(x->e, 500, "no_memory", "out of memory");
		else if (!u && !out->n_prefixes)
			rc = lex_err(x, "an empty word set");
	}
	free(sb);
	return rc;
}

static int valid_name(const char *s, size_t n)
{
	if (n == 0 || n > 40)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' ||
		      (i && s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

static int parse_class(struct coach *c, const char *name, size_t nn, const char *v, size_t vn,
                       const struct line_ctx *x)
{
	if (!valid_name(name, nn))
		return lex_err(x, "a class name is lower-case letters, digits and _, not '%.*s'",
		               (int)nn, name);
	if (find_class(c, name, nn))
		return lex_err(x, "class '%.*s' is defined twice", (int)nn, name);
	struct coach_class cl = {add_string(c, name, nn), {0, 0, 0, 0}};
	if (!cl.name)
		return err_set(x->e, 500, "no_memory", "out of memory");
	if (parse_set(c, v, vn, ' ', &cl.set, x) < 0)
		return -1;
	if (push(&c->classes, &cl, sizeof cl) < 0)
		return err_set(x->e, 500, "no_memory", "out of memory");
	return 0;
}

static int parse_contraction(struct coach *c, const char *f, size_t fn, const char *v, size_t vn,
                             const struct line_ctx *x)
{
	char w[COACH_WORD_MAX];
	size_t wn = fold(c, f, fn, w, sizeof w);
	if (!wn)
		return lex_err(x, "'%.*s' is not a single word", (int)fn, f);
	int32_t expand[COACH_EXPANSION_MAX];
	size_t k = 0, i = 0;
	while (i < vn) {
		size_t j = i;
		while (j < vn && v[j] != ' ')
			j++;
		if (j > i) {
			char t[COACH_WORD_MAX];
			size_t tn = fold(c, v + i, j - i, t, sizeof t);
			if (!tn)
				return lex_err(x, "'%.*s' is not a single word", (int)(j - i),
				               v + i);
			if (k == COACH_EXPANSION_MAX)
				return lex_err(x, "a contraction stands for at most %d words",
				               COACH_EXPANSION_MAX);
			if ((expand[k++] = intern(c, t, tn)) < 0)
				return err_set(x->e, 500, "no_memory", "out of memory");
		}
		i = j + 1;
	}
	if (k == 0)
		return lex_err(x, "say what '%.*s' stands for", (int)fn, f);
	int32_t id = intern(c, w, wn);
	if (id < 0)
		return err_set(x->e, 500, "no_memory", "out of memory");
	struct coach_word *cw = &COACH_ARR(c->words, struct coach_word)[id];
	if (cw->n_expand)
		return lex_err(x, "contraction '%.*s' is defined twice", (int)fn, f);
	uint32_t at = (uint32_t)COACH_LEN(c->ids, int32_t);
	if (push(&c->ids, expand, k * sizeof expand[0]) < 0)
		return err_set(x->e, 500, "no_memory", "out of memory");
	cw = &COACH_ARR(c->words, struct coach_word)[id];
	cw->expand = at;
	cw->n_expand = (uint32_t)k;
	return 0;
}

static int parse_suffix(struct coach *c, const char *f, size_t fn, const char *v, size_t vn,
                        const struct line_ctx *x)
{
	char end[16], w[COACH_WORD_MAX];
	size_t en = fold_ending(f, fn, end, sizeof end);
	size_t wn = fold(c, v, vn, w, sizeof w);
	if (!en)
		return lex_err(x, "an ending is 1 to 15 bytes, not '%.*s'", (int)fn, f);
	if (!wn)
		return lex_err(x, "'%.*s' is not a single word", (int)vn, v);
	struct coach_suffix sf = {add_string(c, end, en), (uint32_t)en, intern(c, w, wn)};
	if (!sf.off || sf.id < 0 || push(&c->suffixes, &sf, sizeof sf) < 0)
		return err_set(x->e, 500, "no_memory", "out of memory");
	return 0;
}

static int parse_setting(struct coach *c, const char *f, size_t fn, const char *v, size_t vn,
                         const struct line_ctx *x)
{
	int value = 0;
	if (vn == 0 || vn > 2)
		return lex_err(x, "a setting is a number from 0 to %d", LEX_SETTING_MAX);
	for (size_t i = 0; i < vn; i++) {
		if (v[i] < '0' || v[i] > '9')
			return lex_err(x, "a setting is a number from 0 to %d", LEX_SETTING_MAX);
		value = value * 10 + (v[i] - '0');
	}
	if (value > LEX_SETTING_MAX)
		return lex_err(x, "a setting is a number from 0 to %d", LEX_SETTING_MAX);
	static const char *const names[] = {"negation-window-finding", "negation-window-apology",
	                                    "gap-max", "fold-accents"};
	int *fields[] = {&c->window_finding, &c->window_apology, &c->gap_max, &c->fold_accents};
	if (fn == 12 && !memcmp(f, "fold-accents", 12) && value > 1)
		return lex_err(x, "fold-accents is 0 or 1");
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		if (strlen(names[i]) == fn && !memcmp(names[i], f, fn)) {
			*fields[i] = value;
			return 0;
		}
	}
	return lex_err(x, "unknown setting '%.*s'", (int)fn, f);
}

#define GROUP_ALTS_MAX 17 /* runs in one ( … | … ) group: 16 longer ones and the words */
#define GROUP_ALT_LEN 6   /* items in one alternative */
#define EXPANSIONS_MAX 64 /* rules one pattern line may expand to */

/* One item of a pattern: a single element, or a group of alternatives, each a short
 * run of elements. */
struct slot {
	uint8_t flags; /* COACH_EL_* of the whole item */
	int group;     /* 1 for a multi-word group */
	int n_alts;
	int len[GROUP_ALTS_MAX];
	struct coach_elem el[GROUP_ALTS_MAX][GROUP_ALT_LEN];
};

/* Parses the core of one item (no brackets, no "?") into `el`. */
static int parse_core(struct coach *c, const char *s, size_t n, struct coach_elem *el,
                      const struct line_ctx *x)
{
	static const struct {
		const char *text;
		enum coach_elem_type type;
	} specials[] = {
	    {"^", COACH_EL_CLAUSE_START}, {"^^", COACH_EL_SENT_START}, {"$", COACH_EL_CLAUSE_END},
	    {"$$", COACH_EL_SENT_END},    {"_", COACH_EL_ANY},         {"...", COACH_EL_GAP},
	};
	memset(el, 0, sizeof *el);
	for (size_t i = 0; i < ARRAY_LEN(specials); i++) {
		if (strlen(specials[i].text) == n && !memcmp(specials[i].text, s, n)) {
			el->type = (uint8_t)specials[i].type;
			return 0;
		}
	}
	el->type = COACH_EL_SET;
	return parse_set(c, s, n, '|', &el->set, x);
}

/* Parses "(a b|c|d)" into the alternatives of slot `sl`. The one-word alternatives
 * share one word set ("c|d"); each longer one is a run of elements. */
static int parse_group(struct coach *c, const char *s, size_t n, struct slot *sl,
                       const struct line_ctx *x)
{
	char words[512];
	size_t wn = 0;
	size_t i = 0;
	while (i <= n) {
		size_t j = i;
		while (j < n && s[j] != '|')
			j++;
		if (j == i)
			return lex_err(x, "empty alternative in '(%.*s)' (use '?' for optional)",
			               (int)n, s);
		if (!memchr(s + i, ' ', j - i)) {
			if (wn + (j - i) + 1 >= sizeof words)
				return lex_err(x, "a group is too long");
			if (wn)
				words[wn++] = '|';
			memcpy(words + wn, s + i, j - i);
			wn += j - i;
			i = j + 1;
			continue;
		}
		if (sl->n_alts == GROUP_ALTS_MAX)
			return lex_err(x, "a group holds at most %d alternatives of several words",
			               GROUP_ALTS_MAX - 1);
		int a = sl->n_alts++;
		for (size_t k = i; k < j;) {
			size_t m = k;
			while (m < j && s[m] != ' ')
				m++;
			if (m > k) {
				if (sl->len[a] == GROUP_ALT_LEN)
					return lex_err(x, "an alternative holds at most %d words",
					               GROUP_ALT_LEN);
				struct coach_elem *el = &sl->el[a][sl->len[a]++];
				if (parse_core(c, s + k, m - k, el, x) < 0)
					return -1;
				if (el->type != COACH_EL_SET && el->type != COACH_EL_ANY)
					return lex_err(x,
					               "a group holds words, classes and _ only");
			}
			k = m + 1;
		}
		i = j + 1;
	}
	if (wn) {
		int a = sl->n_alts++;
		sl->len[a] = 1;
		memset(&sl->el[a][0], 0, sizeof sl->el[a][0]);
		sl->el[a][0].type = COACH_EL_SET;
		if (parse_set(c, words, wn, '|', &sl->el[a][0].set, x) < 0)
			return -1;
	}
	/* a group of single words is one plain element */
	sl->group = sl->n_alts > 1 || sl->len[0] > 1;
	return 0;
}

/* Reads the item starting at p[i] into `sl`; returns the offset after it, or 0. */
static size_t parse_item(struct coach *c, const char *p, size_t pn, size_t i, struct slot *sl,
                         const struct line_ctx *x)
{
	size_t start = i;
	memset(sl, 0, sizeof *sl);
	if (p[i] == '[' && i + 1 < pn && p[i + 1] != ' ') {
		sl->flags |= COACH_EL_FOCUS_OPEN;
		i++;
	}
	size_t core = i, core_end;
	if (p[i] == '(') {
		const char *close = memchr(p + i, ')', pn - i);
		const char *open = memchr(p + i + 1, '(', pn - i - 1);
		if (!close || (open && open < close)) {
			lex_err(x, "a '(' without its ')', or groups inside groups");
			return 0;
		}
		core_end = (size_t)(close - p) + 1;
		i = core_end;
		while (i < pn && p[i] != ' ')
			i++;
	} else {
		while (i < pn && p[i] != ' ')
			i++;
		core_end = i;
	}
	size_t end = i;
	while (core_end > core + 1 && (p[core_end - 1] == ']' || p[core_end - 1] == '?'))
		core_end--;
	for (size_t k = core_end; k < end; k++) {
		unsigned f = p[k] == ']'   ? COACH_EL_FOCUS_CLOSE
		             : p[k] == '?' ? COACH_EL_OPTIONAL
		                           : 0;
		if (!f || (sl->flags & f)) {
			lex_err(x, "'%.*s': after an item, one ']' and one '?' at most",
			        (int)(end - start), p + start);
			return 0;
		}
		sl->flags |= (uint8_t)f;
	}
	int rc;
	if (p[core] == '(' && core_end > core + 1 && p[core_end - 1] == ')') {
		rc = parse_group(c, p + core + 1, core_end - core - 2, sl, x);
	} else {
		sl->n_alts = 1;
		sl->len[0] = 1;
		rc = parse_core(c, p + core, core_end - core, &sl->el[0][0], x);
		if (rc == 0 && sl->el[0][0].type != COACH_EL_SET &&
		    sl->el[0][0].type != COACH_EL_ANY && sl->flags)
			rc = lex_err(x, "'%.*s' cannot be optional or marked with [ ]",
			             (int)(core_end - core), p + core);
	}
	return rc < 0 ? 0 : end;
}

/* Checks one expanded pattern and adds it as a rule. A pattern that begins with an
 * optional word becomes two rules, with and without it, so that every rule starts
 * with a word the index can file it under. */
static int emit_rule(struct coach *c, struct coach_rule r, const struct coach_elem *els, size_t n,
                     const struct line_ctx *x)
{
	size_t lead = 0;
	while (lead < n && els[lead].type >= COACH_EL_CLAUSE_START)
		lead++;
	if (lead < n && els[lead].type == COACH_EL_SET && (els[lead].flags & COACH_EL_OPTIONAL)) {
		struct coach_elem copy[COACH_PATTERN_MAX * 2];
		if (n > ARRAY_LEN(copy))
			return lex_err(x, "a pattern has at most %d items", COACH_PATTERN_MAX);
		memcpy(copy, els, n * sizeof els[0]);
		copy[lead].flags &= (uint8_t)~COACH_EL_OPTIONAL;
		if (emit_rule(c, r, copy, n, x) < 0)
			return -1;
		uint8_t focus = els[lead].flags & (COACH_EL_FOCUS_OPEN | COACH_EL_FOCUS_CLOSE);
		memmove(copy + lead, els + lead + 1, (n - lead - 1) * sizeof els[0]);
		if (focus == COACH_EL_FOCUS_OPEN && lead < n - 1)
			copy[lead].flags |= COACH_EL_FOCUS_OPEN;
		return emit_rule(c, r, copy, n - 1, x);
	}
	int branches = 0, opens = 0, closes = 0, first = -1;
	for (size_t k = 0; k < n; k++) {
		const struct coach_elem *el = &els[k];
		branches += (el->flags & COACH_EL_OPTIONAL) || el->type == COACH_EL_GAP;
		if ((el->flags & COACH_EL_FOCUS_OPEN) && closes)
			return lex_err(x, "'[' must come before ']'");
		opens += (el->flags & COACH_EL_FOCUS_OPEN) != 0;
		closes += (el->flags & COACH_EL_FOCUS_CLOSE) != 0;
		if (first < 0 && el->type >= COACH_EL_CLAUSE_START)
			continue;
		if (first < 0) {
			if (el->type != COACH_EL_SET || (el->flags & COACH_EL_OPTIONAL))
				return lex_err(
				    x, "a pattern must begin with a word that is not optional "
				       "(anchors may come before it)");
			first = (int)k;
		}
	}
	if (first < 0)
		return lex_err(x, "a pattern needs at least one word");
	if (n > COACH_PATTERN_MAX)
		return lex_err(x, "a pattern has at most %d items", COACH_PATTERN_MAX);
	if (branches > COACH_BRANCH_MAX)
		return lex_err(x, "a pattern may hold at most %d optional items and gaps",
		               COACH_BRANCH_MAX);
	if (opens > 1 || closes > 1 || opens != closes)
		return lex_err(x, "mark the part to show with one '[' and one ']'");
	r.elems = (uint32_t)COACH_LEN(c->elems, struct coach_elem);
	r.n_elems = (uint8_t)n;
	r.first = (uint32_t)first;
	if (push(&c->elems, els, n * sizeof els[0]) < 0 || push(&c->rules, &r, sizeof r) < 0)
		return err_set(x->e, 500, "no_memory", "out of memory");
	return 0;
}

struct expansion {
	struct coach *c;
	struct coach_rule rule;
	const struct slot *slots;
	int n_slots;
	struct coach_elem out[COACH_PATTERN_MAX * 2];
	int count;
	const struct line_ctx *x;
};

/* Emits every rule that the groups of slots k.. expand to, after out[0..len). */
static int expand(struct expansion *ex, int k, size_t len, unsigned pending_open)
{
	if (k == ex->n_slots) {
		if (++ex->count > EXPANSIONS_MAX)
			return lex_err(ex->x, "a pattern may expand to at most %d rules",
			               EXPANSIONS_MAX);
		return emit_rule(ex->c, ex->rule, ex->out, len, ex->x);
	}
	const struct slot *sl = &ex->slots[k];
	if (!sl->group) {
		if (len == ARRAY_LEN(ex->out))
			return lex_err(ex->x, "a pattern has at most %d items", COACH_PATTERN_MAX);
		ex->out[len] = sl->el[0][0];
		ex->out[len].flags = (uint8_t)(sl->flags | pending_open);
		return expand(ex, k + 1, len + 1, 0);
	}
	unsigned open = (sl->flags & COACH_EL_FOCUS_OPEN) | pending_open;
	for (int a = 0; a < sl->n_alts; a++) {
		if (len + (size_t)sl->len[a] > ARRAY_LEN(ex->out))
			return lex_err(ex->x, "a pattern has at most %d items", COACH_PATTERN_MAX);
		for (int i = 0; i < sl->len[a]; i++) {
			ex->out[len + (size_t)i] = sl->el[a][i];
			ex->out[len + (size_t)i].flags = 0;
		}
		ex->out[len].flags |= (uint8_t)open;
		ex->out[len + (size_t)sl->len[a] - 1].flags |= sl->flags & COACH_EL_FOCUS_CLOSE;
		if (expand(ex, k + 1, len + (size_t)sl->len[a], 0) < 0)
			return -1;
	}
	if (!(sl->flags & COACH_EL_OPTIONAL))
		return 0;
	/* the group left out: a pending '[' moves on, a ']' closes after what came before */
	if ((sl->flags & COACH_EL_FOCUS_CLOSE) && !open && len == 0)
		return lex_err(ex->x, "']' needs a word before it");
	uint8_t saved = len ? ex->out[len - 1].flags : 0;
	if ((sl->flags & COACH_EL_FOCUS_CLOSE) && !open)
		ex->out[len - 1].flags |= COACH_EL_FOCUS_CLOSE;
	int rc = expand(ex, k + 1, len, (sl->flags & COACH_EL_FOCUS_CLOSE) ? 0 : open);
	if (len)
		ex->out[len - 1].flags = saved;
	return rc;
}

static int parse_pattern(struct coach *c, struct coach_rule r, const char *p, size_t pn,
                         const struct line_ctx *x)
{
	struct expansion *ex = calloc(1, sizeof *ex);
	struct slot *slots = calloc(COACH_PATTERN_MAX, sizeof *slots);
	int rc = 0, n = 0;
	if (!ex || !slots)
		rc = err_set(x->e, 500, "no_memory", "out of memory");
	size_t i = 0;
	while (rc == 0 && i < pn) {
		if (p[i] == ' ') {
			i++;
			continue;
		}
		if (n == COACH_PATTERN_MAX) {
			rc = lex_err(x, "a pattern has at most %d items", COACH_PATTERN_MAX);
			break;
		}
		i = parse_item(c, p, pn, i, &slots[n++], x);
		if (i == 0)
			rc = -1;
	}
	if (rc == 0) {
		ex->c = c;
		ex->rule = r;
		ex->slots = slots;
		ex->n_slots = n;
		ex->x = x;
		rc = expand(ex, 0, 0, 0);
	}
	free(slots);
	free(ex);
	return rc;
}

static int parse_rule(struct coach *c, int except, const char *t, size_t tn, const char *p,
                      size_t pn, const struct line_ctx *x)
{
	struct coach_rule r = {(uint8_t)except, 0, COACH_SCOPE_OVERLAP, 0, 0, 0};
	const char *slash = memchr(t, '/', tn);
	size_t name_len = slash ? (size_t)(slash - t) : tn;
	int target = coach_target_from_name(t, name_len);
	if (target < 0)
		return lex_err(x, "unknown kind or apology part '%.*s'", (int)name_len, t);
	r.target = (uint8_t)target;
	if (slash) {
		if (!except)
			return lex_err(x, "only an exception takes a scope ('/%.*s')",
			               (int)(tn - name_len - 1), slash + 1);
		size_t sn = tn - name_len - 1;
		size_t k = 0;
		while (k < ARRAY_LEN(scope_names) &&
		       (strlen(scope_names[k]) != sn || memcmp(scope_names[k], slash + 1, sn)))
			k++;
		if (k == ARRAY_LEN(scope_names))
			return lex_err(x,
			               "unknown scope '%.*s' (overlap, clause, sentence, message)",
			               (int)sn, slash + 1);
		r.scope = (uint8_t)k;
	}
	return parse_pattern(c, r, p, pn, x);
}

static int parse_text(struct coach *c, int rewrite, const char *k, size_t kn, const char *v,
                      size_t vn, const struct line_ctx *x)
{
	int target = coach_target_from_name(k, kn);
	if (target < 0 || target >= COACH_KIND_COUNT)
		return lex_err(x, "unknown kind '%.*s'", (int)kn, k);
	uint32_t *slot = rewrite ? &c->rewrite[target] : &c->advice[target];
	if (*slot)
		return lex_err(x, "%s for '%.*s' is given twice", rewrite ? "rewrite" : "advice",
		               (int)kn, k);
	if (vn == 0)
		return lex_err(x, "the text is empty");
	if (!(*slot = add_string(c, v, vn)))
		return err_set(x->e, 500, "no_memory", "out of memory");
	return 0;
}

/* Splits a line into directive, name and value at the first two runs of tabs. */
static int parse_line(struct coach *c, const char *s, size_t n, const struct line_ctx *x)
{
	const char *f[3] = {s, NULL, NULL};
	size_t fl[3] = {0, 0, 0};
	size_t i = 0;
	for (int k = 0; k < 3; k++) {
		f[k] = s + i;
		size_t j = i;
		while (j < n && (k == 2 || s[j] != '\t'))
			j++;
		fl[k] = j - i;
		while (j < n && s[j] == '\t' && k < 2)
			j++;
		i = j;
	}
	while (fl[2] && (f[2][fl[2] - 1] == ' ' || f[2][fl[2] - 1] == '\t'))
		fl[2]--;
	if (!fl[1] || !fl[2])
		return lex_err(x, "expected DIRECTIVE<tab>NAME<tab>VALUE");
#define IS(word) (fl[0] == sizeof(word) - 1 && !memcmp(f[0], word, fl[0]))
	if (IS("class"))
		return parse_class(c, f[1], fl[1], f[2], fl[2], x);
	if (IS("contraction"))
		return parse_contraction(c, f[1], fl[1], f[2], fl[2], x);
	if (IS("suffix"))
		return parse_suffix(c, f[1], fl[1], f[2], fl[2], x);
	if (IS("setting"))
		return parse_setting(c, f[1], fl[1], f[2], fl[2], x);
	if (IS("rule") || IS("except"))
		return parse_rule(c, IS("except"), f[1], fl[1], f[2], fl[2], x);
	if (IS("advice") || IS("rewrite"))
		return parse_text(c, IS("rewrite"), f[1], fl[1], f[2], fl[2], x);
#undef IS
	return lex_err(x, "unknown directive '%.*s'", (int)fl[0], f[0]);
}

int coach_lexicon_parse(struct coach *c, const char *name, const char *text, size_t len,
                        struct err *e)
{
	struct line_ctx x = {name, 0, e};
	if (c->finished)
		return err_set(e, 500, "lexicon", "%s: the lexicon is already finished", name);
	if (!utf8_valid(text, len))
		return err_set(e, 500, "lexicon", "%s: not valid UTF-8 text", name);
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && text[j] != '\n')
			j++;
		x.line++;
		size_t n = j - i;
		if (n && text[i + n - 1] == '\r')
			n--;
		if (n && text[i] != '#' && parse_line(c, text + i, n, &x) < 0)
			return -1;
		i = j + 1;
	}
	return 0;
}

/* Fills the per-word buckets of match rules and message-wide exceptions, the list of
 * rules that start with a prefix, and the per-target lists of other exceptions. */
static int build_index(struct coach *c)
{
	size_t n_words = COACH_LEN(c->words, struct coach_word);
	size_t n_rules = COACH_LEN(c->rules, struct coach_rule);
	const struct coach_rule *rules = COACH_ARR(c->rules, struct coach_rule);
	const struct coach_elem *elems = COACH_ARR(c->elems, struct coach_elem);
	const int32_t *ids = COACH_ARR(c->ids, int32_t);
	c->bucket_start = calloc(n_words + 2, sizeof *c->bucket_start);
	c->prefix_rules = calloc(n_rules + 1, sizeof *c->prefix_rules);
	c->except_rules = calloc(n_rules + 1, sizeof *c->except_rules);
	if (!c->bucket_start || !c->prefix_rules || !c->except_rules)
		return -1;
	size_t total = 0;
	uint32_t except_count[COACH_TARGET_COUNT] = {0};
	for (size_t r = 0; r < n_rules; r++) {
		if (rules[r].except && rules[r].scope != COACH_SCOPE_MESSAGE) {
			except_count[rules[r].target]++;
			continue;
		}
		const struct coach_wordset *set = &elems[rules[r].elems + rules[r].first].set;
		for (uint32_t k = 0; k < set->n_ids; k++)
			c->bucket_start[ids[set->ids + k] + 1]++;
		total += set->n_ids;
		if (set->n_prefixes)
			c->prefix_rules[c->n_prefix_rules++] = (uint32_t)r;
	}
	for (size_t w = 0; w < n_words; w++)
		c->bucket_start[w + 1] += c->bucket_start[w];
	c->bucket_rules = calloc(total + 1, sizeof *c->bucket_rules);
	uint32_t *fill = calloc(n_words + 1, sizeof *fill);
	if (!c->bucket_rules || !fill) {
		free(fill);
		return -1;
	}
	for (size_t t = 0; t < COACH_TARGET_COUNT; t++)
		c->except_start[t + 1] = c->except_start[t] + except_count[t];
	memset(except_count, 0, sizeof except_count);
	for (size_t r = 0; r < n_rules; r++) {
		const struct coach_rule *rule = &rules[r];
		if (rule->except && rule->scope != COACH_SCOPE_MESSAGE) {
			c->except_rules[c->except_start[rule->target] +
			                except_count[rule->target]++] = (uint32_t)r;
			continue;
		}
		const struct coach_wordset *set = &elems[rule->elems + rule->first].set;
		for (uint32_t k = 0; k < set->n_ids; k++) {
			int32_t w = ids[set->ids + k];
			c->bucket_rules[c->bucket_start[w] + fill[w]++] = (uint32_t)r;
		}
	}
	free(fill);
	return 0;
}

/* Fills each rule's span and next_bloom, the matcher's cheap early checks. */
static void rule_filters(struct coach *c)
{
	struct coach_rule *rules = COACH_ARR(c->rules, struct coach_rule);
	const struct coach_elem *elems = COACH_ARR(c->elems, struct coach_elem);
	const int32_t *ids = COACH_ARR(c->ids, int32_t);
	size_t n_rules = COACH_LEN(c->rules, struct coach_rule);
	for (size_t r = 0; r < n_rules; r++) {
		const struct coach_elem *els = elems + rules[r].elems;
		uint32_t span = 0;
		for (uint32_t k = 0; k < rules[r].n_elems; k++)
			span += els[k].type == COACH_EL_GAP   ? (uint32_t)c->gap_max
			        : els[k].type <= COACH_EL_ANY ? 1
			                                      : 0;
		rules[r].span = span;
		/* The token after the first is one of the words of the optional sets that
		 * follow, up to and including the first required set; anything else
		 * (a gap, _, an anchor, a prefix, the end) lets any token through. */
		uint64_t bloom = 0;
		uint32_t k = rules[r].first + 1;
		for (; k < rules[r].n_elems; k++) {
			const struct coach_elem *el = &els[k];
			if (el->type != COACH_EL_SET || el->set.n_prefixes)
				break;
			for (uint32_t w = 0; w < el->set.n_ids; w++)
				bloom |= (uint64_t)1 << (ids[el->set.ids + w] & 63);
			if (!(el->flags & COACH_EL_OPTIONAL))
				break;
		}
		int required = k < rules[r].n_elems && els[k].type == COACH_EL_SET &&
		               !els[k].set.n_prefixes && !(els[k].flags & COACH_EL_OPTIONAL);
		rules[r].next_bloom = required ? bloom : ~(uint64_t)0;
	}
}

int coach_lexicon_finish(struct coach *c, const char *name, struct err *e)
{
	for (int k = 0; k < COACH_KIND_COUNT; k++) {
		if (!c->advice[k] || !c->rewrite[k])
			return err_set(e, 500, "lexicon", "%s: no %s for '%s' (add an '%s' line)",
			               name, c->advice[k] ? "rewrite" : "advice",
			               coach_kind_name((enum coach_kind)k),
			               c->advice[k] ? "rewrite" : "advice");
	}
	const struct coach_class *neg = find_class(c, "negator", strlen("negator"));
	const struct coach_class *stop = find_class(c, "negation_stop", strlen("negation_stop"));
	if (neg)
		c->negators = neg->set;
	if (stop)
		c->negation_stops = stop->set;
	rule_filters(c);
	if (build_index(c) < 0)
		return err_set(e, 500, "no_memory", "out of memory");
	for (int k = 0; k < COACH_KIND_COUNT; k++) {
		c->advice_text[k] = c->strings.data + c->advice[k];
		c->rewrite_text[k] = c->strings.data + c->rewrite[k];
	}
	c->finished = 1;
	return 0;
}
