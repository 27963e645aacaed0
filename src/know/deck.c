/* deck.c: the deck file parser, merging and accessors (see deck.h and
 * docs/internals/decks.md).
 *
 * Parsing runs over the text twice: the first pass checks every line and counts
 * the prompts, the second copies them into the deck's arena, so memory is sized
 * exactly and a bad file allocates nothing. All of a deck's memory is one arena,
 * the deck struct included, freed at once by deck_free.
 */
#include "deck.h"

#include "util/i18n.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/utf8.h"

struct deck {
	struct arena mem;                 /* holds this struct and everything below */
	struct deck_prompt *prompts;      /* n, in file order */
	const struct deck_prompt **by_id; /* n, sorted by id */
	size_t n;
	size_t per_level[DECK_LEVELS + 1];
};

static const char *const topic_slugs[DECK_TOPICS] = {
    "thoughts", "dreams",   "desires",  "beliefs",      "passions", "goals",
    "fears",    "memories", "us",       "intimacy",     "money",    "family",
    "stress",   "appreciation", "everyday", "future",   "meaning",  "friends",
    "change",
};

static const char *const topic_titles[DECK_TOPICS] = {
    N_("Thoughts"), N_("Dreams"), N_("Desires"), N_("Beliefs"), N_("Passions"), N_("Goals"), N_("Fears and insecurities"),
    N_("Memories"), N_("Us"), N_("Intimacy and desire"), N_("Money"), N_("Family and origins"), N_("Stress and support"),
    N_("Appreciation"), N_("Everyday life"), N_("The future"), N_("Faith and meaning"), N_("Friends"), N_("Change"),
};

static const char *const level_titles[DECK_LEVELS + 1] = {
    NULL,
    N_("Light"),
    N_("Personal"),
    N_("Vulnerable"),
};

/* The fields of one prompt line, pointing into the parsed text. */
struct fields {
	const char *id, *text;
	size_t id_len, text_len;
	enum deck_topic topic;
	int level;
};

/* Where the parser is, for messages. */
struct spot {
	const char *name;
	int line;
	struct err *e;
};

#define QUOTE_MAX 40 /* bytes of a bad value quoted back in a message */

/* Length of s[0..n) cut to QUOTE_MAX bytes on a code point boundary. */
static int quote_len(const char *s, size_t n)
{
	if (n <= QUOTE_MAX)
		return (int)n;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *n)
{
	while (*n > 0 && is_blank(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && is_blank((*s)[*n - 1]))
		(*n)--;
}

/* Splits off the part of line[0..n) before the next '|'; -1 when there is none. */
static int next_field(const char **line, size_t *n, const char **f, size_t *flen)
{
	const char *bar = memchr(*line, '|', *n);
	if (!bar)
		return -1;
	*f = *line;
	*flen = (size_t)(bar - *line);
	trim(f, flen);
	*n -= (size_t)(bar - *line) + 1;
	*line = bar + 1;
	return 0;
}

static int check_id(const struct spot *at, const char *id, size_t n)
{
	if (n == 0)
		return err_set(at->e, 500, "bad_deck", "%s line %d: the id is missing.", at->name,
		               at->line);
	if (n > DECK_ID_MAX)
		return err_set(at->e, 500, "bad_deck",
		               "%s line %d: the id is %zu bytes long; at most %d are allowed.",
		               at->name, at->line, n, DECK_ID_MAX);
	int ok = id[0] >= 'a' && id[0] <= 'z';
	for (size_t i = 1; ok && i < n; i++)
		ok = (id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		     id[i] == '-';
	if (!ok)
		return err_set(
		    at->e, 500, "bad_deck",
		    "%s line %d: the id \"%.*s\" may hold only lowercase letters, digits "
		    "and hyphens, and must start with a letter.",
		    at->name, at->line, quote_len(id, n), id);
	size_t own = strlen(DECK_OWN_PREFIX);
	if (n >= own && !memcmp(id, DECK_OWN_PREFIX, own))
		return err_set(at->e, 500, "bad_deck",
		               "%s line %d: the id \"%.*s\" starts with \"%s\", which is kept for "
		               "couples' own prompts.",
		               at->name, at->line, quote_len(id, n), id, DECK_OWN_PREFIX);
	return 0;
}

static int parse_topic(const struct spot *at, const char *s, size_t n, enum deck_topic *out)
{
	for (int t = 0; t < DECK_TOPICS; t++) {
		if (strlen(topic_slugs[t]) == n && !memcmp(s, topic_slugs[t], n)) {
			*out = (enum deck_topic)t;
			return 0;
		}
	}
	return err_set(at->e, 500, "bad_deck",
	               "%s line %d: \"%.*s\" is not a topic; use one of thoughts, dreams, desires, "
	               "beliefs, passions, goals, fears, memories, us, intimacy, money, family, "
	               "stress, appreciation, everyday, future, meaning, friends, change.",
	               at->name, at->line, quote_len(s, n), s);
}

/* Checks one line (without its line ending). Returns 1 and fills `f` for a
 * prompt, 0 for a blank or comment line, -1 with the error set. */
static int parse_line(const struct spot *at, const char *line, size_t n, struct fields *f)
{
	if (n > DECK_LINE_MAX)
		return err_set(at->e, 500, "bad_deck",
		               "%s line %d: the line is %zu bytes long; at most %d are allowed.",
		               at->name, at->line, n, DECK_LINE_MAX);
	if (!utf8_valid(line, n))
		return err_set(at->e, 500, "bad_deck", "%s line %d: the line is not valid UTF-8.",
		               at->name, at->line);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)line[i];
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return err_set(
			    at->e, 500, "bad_deck",
			    "%s line %d: the line holds a control character (byte 0x%02X).",
			    at->name, at->line, c);
	}
	const char *s = line;
	size_t len = n;
	trim(&s, &len);
	if (len == 0 || s[0] == '#')
		return 0;

	const char *lv, *tp;
	size_t lv_len, tp_len;
	if (next_field(&s, &len, &f->id, &f->id_len) < 0 ||
	    next_field(&s, &len, &lv, &lv_len) < 0 || next_field(&s, &len, &tp, &tp_len) < 0)
		return err_set(at->e, 500, "bad_deck",
		               "%s line %d: expected four fields, \"id | level | topic | text\".",
		               at->name, at->line);
	f->text = s;
	f->text_len = len;
	trim(&f->text, &f->text_len);

	if (check_id(at, f->id, f->id_len) < 0)
		return -1;
	if (lv_len != 1 || lv[0] < '1' || lv[0] > '0' + DECK_LEVELS)
		return err_set(at->e, 500, "bad_deck",
		               "%s line %d: the level must be 1, 2 or 3, not \"%.*s\".", at->name,
		               at->line, quote_len(lv, lv_len), lv);
	f->level = lv[0] - '0';
	if (parse_topic(at, tp, tp_len, &f->topic) < 0)
		return -1;
	if (f->text_len == 0)
		return err_set(at->e, 500, "bad_deck", "%s line %d: the prompt's text is missing.",
		               at->name, at->line);
	if (f->text_len > DECK_TEXT_MAX)
		return err_set(at->e, 500, "bad_deck",
		               "%s line %d: the prompt is %zu bytes long; at most %d are allowed.",
		               at->name, at->line, f->text_len, DECK_TEXT_MAX);
	if (memchr(f->text, '\t', f->text_len))
		return err_set(at->e, 500, "bad_deck",
		               "%s line %d: the prompt's text holds a tab; use spaces.", at->name,
		               at->line);
	return 1;
}

/* A new, empty deck living in its own arena; NULL when memory runs out. */
static struct deck *deck_new(void)
{
	struct arena mem;
	arena_init(&mem, 0);
	struct deck *d = arena_calloc(&mem, 1, sizeof *d);
	if (!d) {
		arena_release(&mem);
		return NULL;
	}
	d->mem = mem;
	return d;
}

void deck_free(struct deck *d)
{
	if (!d)
		return;
	struct arena mem = d->mem; /* the arena holds `d` itself */
	arena_release(&mem);
}

static int by_id_cmp(const void *a, const void *b)
{
	const struct deck_prompt *x = *(const struct deck_prompt *const *)a;
	const struct deck_prompt *y = *(const struct deck_prompt *const *)b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return (x > y) - (x < y); /* equal ids keep their order, for the message */
}

/* Builds the id index and level counts of d->prompts[0..n), failing with a
 * message on the first line (in prompt order) whose id was already used. */
static int deck_index(struct deck *d, struct err *e)
{
	d->by_id = arena_alloc(&d->mem, d->n * sizeof *d->by_id);
	if (!d->by_id)
		return err_set(e, 500, "no_memory", "Out of memory while reading the decks.");
	for (size_t i = 0; i < d->n; i++) {
		d->by_id[i] = &d->prompts[i];
		d->per_level[d->prompts[i].level]++;
	}
	qsort(d->by_id, d->n, sizeof *d->by_id, by_id_cmp);
	/* Within a run of equal ids the later entries are the repeats; report the
	 * repeat that comes first in prompt order, and where its id was first used. */
	const struct deck_prompt *dup = NULL, *first = NULL;
	for (size_t i = 1; i < d->n; i++) {
		if (!strcmp(d->by_id[i - 1]->id, d->by_id[i]->id) && (!dup || d->by_id[i] < dup))
			dup = d->by_id[i];
	}
	if (!dup)
		return 0;
	for (size_t i = 0; !first; i++)
		if (!strcmp(d->prompts[i].id, dup->id))
			first = &d->prompts[i];
	if (!strcmp(first->file, dup->file))
		return err_set(e, 500, "bad_deck",
		               "%s line %d: the id \"%s\" is already used on line %d; every prompt "
		               "needs an id of its own.",
		               dup->file, dup->line, dup->id, first->line);
	return err_set(e, 500, "bad_deck",
	               "%s line %d: the id \"%s\" is already used in %s line %d; ids must be "
	               "unique across all decks.",
	               dup->file, dup->line, dup->id, first->file, first->line);
}

/* The deck's name from a file name: base name without its extension. */
static void deck_name(const char *name, const char **s, size_t *n)
{
	const char *slash = strrchr(name, '/');
	*s = slash ? slash + 1 : name;
	const char *dot = strrchr(*s, '.');
	*n = dot && dot != *s ? (size_t)(dot - *s) : strlen(*s);
}

/* Runs over every line; with `d` NULL only checks and counts, else stores the
 * prompts in d->prompts. Returns the count of prompts, or -1 with `e` set. */
static long scan(const char *name, const char *text, size_t len, struct deck *d, const char *file,
                 const char *dname, struct err *e)
{
	struct spot at = {name, 0, e};
	long count = 0;
	size_t pos = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		pos += n + (nl ? 1 : 0);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		at.line++;
		struct fields f;
		int rc = parse_line(&at, line, n, &f);
		if (rc < 0)
			return -1;
		if (rc == 0)
			continue;
		if (d) {
			struct deck_prompt *p = &d->prompts[count];
			p->id = arena_strndup(&d->mem, f.id, f.id_len);
			p->text = arena_strndup(&d->mem, f.text, f.text_len);
			if (!p->id || !p->text)
				return err_set(e, 500, "no_memory",
				               "Out of memory while reading the decks.");
			p->deck = dname;
			p->file = file;
			p->topic = f.topic;
			p->level = f.level;
			p->line = at.line;
			p->id_hash = deck_id_hash(p->id);
		}
		count++;
	}
	return count;
}

struct deck *deck_parse(const char *name, const char *text, size_t len, struct err *e)
{
	assert(name && (text || len == 0));
	if (len > DECK_FILE_MAX) {
		err_set(e, 500, "bad_deck",
		        "%s is %zu bytes long; a deck file may hold at most %d.", name, len,
		        DECK_FILE_MAX);
		return NULL;
	}
	long count = scan(name, text, len, NULL, NULL, NULL, e);
	if (count < 0)
		return NULL;
	if (count == 0) {
		err_set(e, 500, "bad_deck", "%s holds no prompts.", name);
		return NULL;
	}
	struct deck *d = deck_new();
	if (!d) {
		err_set(e, 500, "no_memory", "Out of memory while reading the decks.");
		return NULL;
	}
	const char *dn;
	size_t dn_len;
	deck_name(name, &dn, &dn_len);
	char *file = arena_strdup(&d->mem, name);
	char *dname = arena_strndup(&d->mem, dn, dn_len);
	d->prompts = arena_alloc(&d->mem, (size_t)count * sizeof *d->prompts);
	if (!file || !dname || !d->prompts) {
		err_set(e, 500, "no_memory", "Out of memory while reading the decks.");
		deck_free(d);
		return NULL;
	}
	d->n = (size_t)count;
	if (scan(name, text, len, d, file, dname, e) < 0 || deck_index(d, e) < 0) {
		deck_free(d);
		return NULL;
	}
	return d;
}

/* Copies `s` into d's arena, reusing the previous copy when `s` is the same
 * string as last time (prompts of one part share their file and deck names). */
static const char *copy_shared(struct deck *d, const char *s, const char **last_in,
                               const char **last_out)
{
	if (s != *last_in) {
		*last_in = s;
		*last_out = arena_strdup(&d->mem, s);
	}
	return *last_out;
}

struct deck *deck_merge(struct deck *const *parts, size_t n, struct err *e)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += parts[i]->n;
	if (total == 0) {
		err_set(e, 500, "bad_deck", "There are no prompts to serve.");
		return NULL;
	}
	struct deck *d = deck_new();
	if (!d || !(d->prompts = arena_alloc(&d->mem, total * sizeof *d->prompts))) {
		deck_free(d);
		err_set(e, 500, "no_memory", "Out of memory while reading the decks.");
		return NULL;
	}
	const char *file_in = NULL, *file_out = NULL, *deck_in = NULL, *deck_out = NULL;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < parts[i]->n; k++) {
			const struct deck_prompt *src = &parts[i]->prompts[k];
			struct deck_prompt *p = &d->prompts[d->n++];
			*p = *src;
			p->id = arena_strdup(&d->mem, src->id);
			p->text = arena_strdup(&d->mem, src->text);
			p->file = copy_shared(d, src->file, &file_in, &file_out);
			p->deck = copy_shared(d, src->deck, &deck_in, &deck_out);
			if (!p->id || !p->text || !p->file || !p->deck) {
				deck_free(d);
				err_set(e, 500, "no_memory",
				        "Out of memory while reading the decks.");
				return NULL;
			}
		}
	}
	if (deck_index(d, e) < 0) {
		deck_free(d);
		return NULL;
	}
	return d;
}

uint64_t deck_id_hash(const char *id)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	return h;
}

size_t deck_count(const struct deck *d)
{
	return d->n;
}

const struct deck_prompt *deck_at(const struct deck *d, size_t i)
{
	assert(i < d->n);
	return &d->prompts[i];
}

long deck_find(const struct deck *d, const char *id)
{
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(d->by_id[mid]->id, id);
		if (c == 0)
			return (long)(d->by_id[mid] - d->prompts);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

size_t deck_count_level(const struct deck *d, int level)
{
	return level >= 1 && level <= DECK_LEVELS ? d->per_level[level] : 0;
}

const char *deck_topic_slug(enum deck_topic t)
{
	return (unsigned)t < DECK_TOPICS ? topic_slugs[t] : NULL;
}

int deck_topic_from_slug(const char *slug)
{
	for (int t = 0; slug && t < DECK_TOPICS; t++)
		if (!strcmp(slug, topic_slugs[t]))
			return t;
	return -1;
}

const char *deck_topic_title(enum deck_topic t)
{
	return (unsigned)t < DECK_TOPICS ? _(topic_titles[t]) : NULL;
}

const char *deck_level_title(int level)
{
	return level >= 1 && level <= DECK_LEVELS ? _(level_titles[level]) : NULL;
}

int deck_closed_question(const char *text, size_t n)
{
	static const char *const openers[] = {
	    "am",       "are",     "aren't", "can",     "can't",     "cannot",   "could",
	    "couldn't", "did",     "didn't", "do",      "does",      "doesn't",  "don't",
	    "has",      "hasn't",  "have",   "haven't", "is",        "isn't",    "may",
	    "might",    "must",    "shall",  "should",  "shouldn't", "was",      "wasn't",
	    "were",     "weren't", "will",   "won't",   "would",     "wouldn't",
	};
	char word[16];
	size_t w = 0, i = 0;
	while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '"'))
		i++;
	while (i < n && w < sizeof word - 1) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 'A' && c <= 'Z') {
			word[w++] = (char)(c - 'A' + 'a');
			i++;
		} else if ((c >= 'a' && c <= 'z') || c == '\'') {
			word[w++] = (char)c;
			i++;
		} else if (c == 0xE2 && n - i >= 3 && (unsigned char)text[i + 1] == 0x80 &&
		           (unsigned char)text[i + 2] == 0x99) {
			word[w++] = '\''; /* a typographic apostrophe */
			i += 3;
		} else {
			break;
		}
	}
	word[w] = '\0';
	for (size_t k = 0; k < ARRAY_LEN(openers); k++)
		if (!strcmp(word, openers[k]))
			return 1;
	return 0;
}
