/* coach.c: the message coach's matcher (see coach.h and docs/internals/coach.md).
 *
 * A message is read one sentence at a time into a fixed array of tokens: words
 * folded to lower case, contractions expanded ("you're" -> "you" "are", both
 * pointing at the bytes of "you're"), each token marked when it starts a clause or
 * sits inside quotation marks. Every rule whose first word set holds a token is
 * tried there; a match is kept unless it is quoted, negated just before, cancelled
 * by an exception, or (for an apology part) shares its sentence with blame, a
 * defence or a non-apology. Nothing is allocated. */
#include "coach/coach.h"

#include <string.h>

#include "coach/coach_lexicon.h"
#include "util/utf8.h"

#define SENT_MAX 256 /* tokens per sentence; a longer one is read in pieces */

#define TOK_CLAUSE 1u /* a clause (or the sentence) starts at this token */
#define TOK_QUOTED 2u /* inside quotation marks */

static const char *const kind_names[COACH_KIND_COUNT] = {
    "absolute", "blame", "character", "contempt", "defensive", "non_apology", "stonewalling",
};

static const char *const component_names[COACH_COMPONENT_COUNT] = {
    "responsibility", "repair", "impact", "regret", "explanation", "repentance", "forgiveness",
};

const char *coach_kind_name(enum coach_kind k)
{
	return (unsigned)k < COACH_KIND_COUNT ? kind_names[k] : NULL;
}

const char *coach_component_name(enum coach_component k)
{
	return (unsigned)k < COACH_COMPONENT_COUNT ? component_names[k] : NULL;
}

int coach_target_from_name(const char *s, size_t n)
{
	for (int t = 0; t < COACH_TARGET_COUNT; t++) {
		const char *name =
		    t < COACH_KIND_COUNT ? kind_names[t] : component_names[t - COACH_KIND_COUNT];
		if (strlen(name) == n && !memcmp(name, s, n))
			return t;
	}
	return -1;
}

/* ---- characters ---- */

enum cclass {
	C_SPACE,  /* separates words, nothing more */
	C_WORD,   /* part of a word */
	C_APOS,   /* ' or ’: inside a word, or a single quotation mark */
	C_HYPHEN, /* inside a word, or a clause break */
	C_DOT,    /* in a number, or the end of a sentence */
	C_CLAUSE, /* , ; : ( ) dashes and the like */
	C_SENT,   /* ! ? … and line breaks */
	C_DQ,     /* " */
	C_LDQ,    /* “ « */
	C_RDQ,    /* ” » */
	C_LSQ,    /* ‘ */
	C_SYMBOL, /* an emoji or pictograph: a word of its own */
	C_IGNORE  /* joiners and variation selectors */
};

/* Decodes the character at s[i] (valid UTF-8) into *cp; returns its length. */
static size_t decode(const unsigned char *s, size_t n, size_t i, uint32_t *cp)
{
	unsigned c = s[i];
	size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (i + len > n)
		len = n - i;
	uint32_t v = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
	for (size_t k = 1; k < len; k++)
		v = (v << 6) | (s[i + k] & 0x3F);
	*cp = v;
	return len;
}

static enum cclass classify(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'))
			return C_WORD;
		switch (cp) {
		case '\'':
			return C_APOS;
		case '-':
			return C_HYPHEN;
		case '.':
			return C_DOT;
		case '!':
		case '?':
		case '\n':
			return C_SENT;
		case '"':
			return C_DQ;
		case ',':
		case ';':
		case ':':
		case '(':
		case ')':
		case '[':
		case ']':
		case '{':
		case '}':
		case '*':
		case '/':
		case '|':
			return C_CLAUSE;
		default:
			return C_SPACE;
		}
	}
	if (cp < 0xC0) {
		if (cp == 0xAB)
			return C_LDQ;
		if (cp == 0xBB)
			return C_RDQ;
		return (cp == 0xA1 || cp == 0xBF) ? C_CLAUSE : C_SPACE;
	}
	if (cp == 0xD7 || cp == 0xF7)
		return C_SPACE;
	if (cp >= 0x2000 && cp <= 0x206F) {
		switch (cp) {
		case 0x2018:
			return C_LSQ;
		case 0x2019:
			return C_APOS;
		case 0x201C:
			return C_LDQ;
		case 0x201D:
			return C_RDQ;
		case 0x201A: /* ‚ opens a German single quotation */
			return C_LSQ;
		case 0x201E: /* „ opens a German double quotation */
			return C_LDQ;
		case 0x2013:
		case 0x2014:
			return C_CLAUSE;
		case 0x2026:
		case 0x2028:
		case 0x2029:
			return C_SENT;
		case 0x200D:
			return C_IGNORE;
		default:
			return C_SPACE;
		}
	}
	if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF))
		return C_IGNORE;
	if ((cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF))
		return C_SYMBOL;
	if (cp >= 0x3000 && cp <= 0x303F)
		return cp == 0x3002 ? C_SENT : cp == 0x3001 ? C_CLAUSE : C_SPACE;
	if (cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E)
		return C_SENT;
	if (cp == 0xFF0C)
		return C_CLAUSE;
	return C_WORD;
}

/* The class of the character at s[i], or C_SPACE outside the text. */
static enum cclass class_at(const unsigned char *s, size_t n, size_t i)
{
	if (i >= n)
		return C_SPACE;
	uint32_t cp;
	decode(s, n, i, &cp);
	return classify(cp);
}

/* The class of the character ending just before s[i], or C_SPACE at the start. */
static enum cclass class_before(const unsigned char *s, size_t n, size_t i)
{
	if (i == 0)
		return C_SPACE;
	size_t k = i - 1;
	while (k > 0 && (s[k] & 0xC0) == 0x80)
		k--;
	return class_at(s, n, k);
}

static uint32_t fold_cp(uint32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
	    (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp == 0x2019 ? '\'' : cp;
}

/* Appends the UTF-8 form of cp to out[*o]; 0 when it does not fit (cap holds a NUL). */
static int encode(uint32_t cp, char *out, size_t *o, size_t cap)
{
	unsigned char b[4];
	size_t len;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		len = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		len = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		len = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		len = 4;
	}
	if (*o + len >= cap)
		return 0;
	memcpy(out + *o, b, len);
	*o += len;
	return 1;
}

static int ascii_digit(const unsigned char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/* The end of the word starting at s[i]: letters and digits, with an apostrophe or
 * hyphen between two word characters ("don't", "self-centred") and a dot between
 * two digits. */
static size_t word_end(const unsigned char *s, size_t n, size_t i)
{
	while (i < n) {
		uint32_t cp;
		size_t len = decode(s, n, i, &cp);
		enum cclass k = classify(cp);
		if (k == C_WORD) {
			i += len;
			continue;
		}
		if ((k == C_APOS || k == C_HYPHEN) && class_at(s, n, i + len) == C_WORD) {
			i += len;
			continue;
		}
		if (k == C_DOT && i > 0 && ascii_digit(s, n, i - 1) && ascii_digit(s, n, i + 1)) {
			i++;
			continue;
		}
		break;
	}
	return i;
}

/* Folds s[from..to) into out; returns the length or 0 when it does not fit. */
static size_t fold_range(const unsigned char *s, size_t from, size_t to, char *out, size_t cap)
{
	size_t o = 0;
	while (from < to) {
		uint32_t cp;
		from += decode(s, to, from, &cp);
		if (!encode(fold_cp(cp), out, &o, cap))
			return 0;
	}
	out[o] = '\0';
	return o;
}

size_t coach_fold_word(const char *str, size_t n, char *out, size_t cap)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0 || cap == 0 || !utf8_valid(str, n))
		return 0;
	uint32_t cp;
	decode(s, n, 0, &cp);
	enum cclass k = classify(cp);
	if (k == C_SYMBOL)
		return decode(s, n, 0, &cp) == n ? fold_range(s, 0, n, out, cap) : 0;
	if (k != C_WORD || word_end(s, n, 0) != n)
		return 0;
	return fold_range(s, 0, n, out, cap);
}

/* The base letter of each Latin-1 lower-case letter U+00E0..U+00FF, or 0 for one
 * that keeps its mark: ñ ("año" is not "ano"), ç, æ, ø and the like. */
static const char accent_base[32] = {
    'a', 'a', 'a', 'a', 'a', 'a', 0,   0,   'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    0,   0,   'o', 'o', 'o', 'o', 'o', 0,   0,   'u', 'u', 'u', 'u', 'y', 0,   'y',
};

size_t coach_strip_accents(char *w, size_t n)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)w[i];
		if (b == 0xC3 && i + 1 < n && (unsigned char)w[i + 1] >= 0xA0 &&
		    (unsigned char)w[i + 1] <= 0xBF && accent_base[(unsigned char)w[i + 1] - 0xA0]) {
			w[o++] = accent_base[(unsigned char)w[++i] - 0xA0];
			continue;
		}
		w[o++] = (char)b;
	}
	w[o] = '\0';
	return o;
}

/* ---- reading sentences ---- */

struct token {
	uint32_t start, end;       /* bytes of the word in the message */
	int32_t id;                /* lexicon word id, or -1 */
	uint8_t flags;             /* TOK_* */
	uint8_t len;               /* of norm; 0 when the word is too long to match */
	char norm[COACH_WORD_MAX]; /* the folded word */
};

struct sentence {
	int n;
	struct token t[SENT_MAX];
};

enum quote_kind {
	Q_STRAIGHT_DOUBLE,
	Q_CURLY_DOUBLE,
	Q_GUILLEMET,
	Q_LOW_DOUBLE, /* „…“ (German), closed by “ or ” */
	Q_SINGLE,
	Q_LOW_SINGLE, /* ‚…‘, closed by ‘ or ’ */
	Q_KINDS
};

struct scanner {
	const struct coach *c;
	const unsigned char *s;
	size_t n, pos;
	size_t q_end; /* offset of the mark that closes the open quotation; 0 when none */
	struct {
		size_t from, stop, hit; /* the last search for a closing mark */
	} cache[Q_KINDS];
};

static int closes(const struct scanner *sc, enum quote_kind q, size_t i, uint32_t cp)
{
	switch (q) {
	case Q_STRAIGHT_DOUBLE:
		return cp == '"';
	case Q_CURLY_DOUBLE:
		return cp == 0x201D;
	case Q_GUILLEMET:
		return cp == 0xBB;
	case Q_LOW_DOUBLE:
		return cp == 0x201C || cp == 0x201D;
	default:
		/* a single mark closes after a word or punctuation, not before a letter; ‚…
		 * closes with ‘ as well */
		return (cp == '\'' || cp == 0x2019 || (q == Q_LOW_SINGLE && cp == 0x2018)) &&
		       class_before(sc->s, sc->n, i) != C_SPACE &&
		       class_at(sc->s, sc->n, i + (cp == '\'' ? 1 : 3)) != C_WORD;
	}
}

/* Offset of the mark closing a quotation of kind q opened before `from`, searched
 * up to the end of the line; 0 when there is none. Remembers its last search, so
 * that reading a message stays linear however many marks it holds. */
static size_t find_close(struct scanner *sc, enum quote_kind q, size_t from)
{
	if (sc->cache[q].from <= from && from < sc->cache[q].stop)
		return sc->cache[q].hit;
	size_t i = from, hit = 0;
	while (i < sc->n) {
		uint32_t cp;
		size_t len = decode(sc->s, sc->n, i, &cp);
		if (cp == '\n')
			break;
		if (closes(sc, q, i, cp)) {
			hit = i;
			break;
		}
		i += len;
	}
	sc->cache[q].from = from;
	sc->cache[q].stop = hit ? hit : i + 1;
	sc->cache[q].hit = hit;
	return hit;
}

static void push_token(struct sentence *st, size_t start, size_t end, int32_t id, const char *norm,
                       size_t len, unsigned flags)
{
	struct token *t = &st->t[st->n++];
	t->start = (uint32_t)start;
	t->end = (uint32_t)end;
	t->id = id;
	t->flags = (uint8_t)flags;
	t->len = (uint8_t)len;
	memcpy(t->norm, norm, len);
	t->norm[len] = '\0';
}

/* Adds the word s[start..end) as one token, or as the words it stands for. */
static void emit_word(const struct scanner *sc, struct sentence *st, size_t start, size_t end,
                      unsigned flags)
{
	const struct coach *c = sc->c;
	char norm[COACH_WORD_MAX];
	size_t len = fold_range(sc->s, start, end, norm, sizeof norm);
	if (c->fold_accents)
		len = coach_strip_accents(norm, len);
	int32_t id = coach_lexicon_find(c, norm, len);
	const struct coach_word *words = COACH_ARR(c->words, struct coach_word);
	if (id >= 0 && words[id].n_expand) {
		const int32_t *ex = COACH_ARR(c->ids, int32_t) + words[id].expand;
		for (uint32_t k = 0; k < words[id].n_expand; k++) {
			const struct coach_word *w = &words[ex[k]];
			push_token(st, start, end, ex[k], c->strings.data + w->off, w->len,
			           k ? flags & TOK_QUOTED : flags);
		}
		return;
	}
	const struct coach_suffix *sf = COACH_ARR(c->suffixes, struct coach_suffix);
	size_t n_sf = COACH_LEN(c->suffixes, struct coach_suffix);
	for (size_t k = 0; k < n_sf; k++) {
		if (sf[k].len >= len ||
		    memcmp(norm + len - sf[k].len, c->strings.data + sf[k].off, sf[k].len))
			continue;
		size_t stem = len - sf[k].len;
		const struct coach_word *w = &words[sf[k].id];
		push_token(st, start, end, coach_lexicon_find(c, norm, stem), norm, stem, flags);
		push_token(st, start, end, sf[k].id, c->strings.data + w->off, w->len,
		           flags & TOK_QUOTED);
		return;
	}
	push_token(st, start, end, id, norm, len, flags);
}

/* Handles a quotation mark at sc->pos; returns 1 when it opened or closed a quote. */
static int quote_mark(struct scanner *sc, enum cclass k, uint32_t cp, size_t len)
{
	if (sc->q_end) {
		if (sc->pos != sc->q_end)
			return 0;
		sc->q_end = 0;
		return 1;
	}
	enum quote_kind q;
	if (k == C_DQ)
		q = Q_STRAIGHT_DOUBLE;
	else if (k == C_LDQ)
		q = cp == 0xAB ? Q_GUILLEMET : cp == 0x201E ? Q_LOW_DOUBLE : Q_CURLY_DOUBLE;
	else if (k == C_LSQ)
		q = cp == 0x201A ? Q_LOW_SINGLE : Q_SINGLE;
	else if (k == C_APOS && class_before(sc->s, sc->n, sc->pos) != C_WORD &&
	         class_at(sc->s, sc->n, sc->pos + len) == C_WORD)
		q = Q_SINGLE;
	else
		return 0;
	sc->q_end = find_close(sc, q, sc->pos + len);
	return sc->q_end != 0;
}

/* Reads the next sentence (or piece of one) into st; 0 at the end of the text. */
static int next_sentence(struct scanner *sc, struct sentence *st)
{
	st->n = 0;
	unsigned clause = TOK_CLAUSE;
	while (sc->pos < sc->n) {
		uint32_t cp;
		size_t len = decode(sc->s, sc->n, sc->pos, &cp);
		enum cclass k = classify(cp);
		unsigned quoted = sc->q_end ? TOK_QUOTED : 0;
		if (k == C_WORD || k == C_SYMBOL) {
			if (st->n + COACH_EXPANSION_MAX > SENT_MAX)
				return 1;
			size_t end = k == C_WORD ? word_end(sc->s, sc->n, sc->pos) : sc->pos + len;
			emit_word(sc, st, sc->pos, end, clause | quoted);
			clause = 0;
			sc->pos = end;
			continue;
		}
		if ((k == C_DQ || k == C_LDQ || k == C_RDQ || k == C_LSQ || k == C_APOS) &&
		    quote_mark(sc, k, cp, len))
			clause = TOK_CLAUSE;
		else if (k == C_CLAUSE || k == C_HYPHEN)
			clause = TOK_CLAUSE;
		sc->pos += len;
		if ((k == C_SENT || k == C_DOT) && st->n)
			return 1;
	}
	return st->n > 0;
}

/* ---- matching ---- */

struct match {
	int end;                    /* one past the last token */
	int focus_start, focus_end; /* the part to show; empty when unmarked */
};

static int token_in(const struct coach *c, const struct coach_wordset *set, const struct token *t)
{
	return t->len && coach_lexicon_in_set(c, set, t->id, t->norm, t->len);
}

static int match_from(const struct coach *c, const struct coach_elem *els, int n_els, int e,
                      const struct sentence *st, int i, struct match *m)
{
	if (e == n_els) {
		m->end = i;
		return 1;
	}
	const struct coach_elem *el = &els[e];
	int used = -1; /* tokens the element consumed on success */
	switch (el->type) {
	case COACH_EL_SET:
	case COACH_EL_ANY:
		if (i < st->n && (el->type == COACH_EL_ANY || token_in(c, &el->set, &st->t[i])) &&
		    match_from(c, els, n_els, e + 1, st, i + 1, m))
			used = 1;
		break;
	case COACH_EL_GAP:
		for (int k = 0; k <= c->gap_max; k++) {
			if (k > 0 && (i + k > st->n || (st->t[i + k - 1].flags & TOK_CLAUSE)))
				break;
			if (match_from(c, els, n_els, e + 1, st, i + k, m))
				return 1;
		}
		return 0;
	case COACH_EL_CLAUSE_START:
		return (i == 0 || (i < st->n && (st->t[i].flags & TOK_CLAUSE))) &&
		       match_from(c, els, n_els, e + 1, st, i, m);
	case COACH_EL_SENT_START:
		return i == 0 && match_from(c, els, n_els, e + 1, st, i, m);
	case COACH_EL_CLAUSE_END:
		return (i == st->n || (st->t[i].flags & TOK_CLAUSE)) &&
		       match_from(c, els, n_els, e + 1, st, i, m);
	case COACH_EL_SENT_END:
		return i == st->n && match_from(c, els, n_els, e + 1, st, i, m);
	}
	if (used < 0 && (el->flags & COACH_EL_OPTIONAL) &&
	    match_from(c, els, n_els, e + 1, st, i, m))
		used = 0;
	if (used < 0)
		return 0;
	if (el->flags & COACH_EL_FOCUS_OPEN)
		m->focus_start = i;
	if (el->flags & COACH_EL_FOCUS_CLOSE)
		m->focus_end = i + used;
	return 1;
}

/* Tries rule r with its first word at token i (anchors before it are checked at i).
 * `first_known` says the caller found token i in the rule's first word set already. */
static int match_rule(const struct coach *c, const struct coach_rule *r, const struct sentence *st,
                      int i, int first_known, struct match *m)
{
	if (i >= st->n)
		return 0;
	if (r->next_bloom != ~(uint64_t)0 &&
	    (i + 1 >= st->n || st->t[i + 1].id < 0 ||
	     !(r->next_bloom & ((uint64_t)1 << (st->t[i + 1].id & 63)))))
		return 0;
	const struct coach_elem *els = COACH_ARR(c->elems, struct coach_elem) + r->elems;
	if (!first_known && !token_in(c, &els[r->first].set, &st->t[i]))
		return 0;
	m->focus_start = m->focus_end = 0;
	return match_from(c, els, r->n_elems, 0, st, i, m);
}

/* ---- deciding ---- */

struct analysis {
	const struct coach *c;
	const struct sentence *st;
	struct coach_result *out;
	size_t match_start[COACH_MAX_FINDINGS], match_end[COACH_MAX_FINDINGS];
	unsigned sentence_parts; /* apology parts seen in this sentence */
	unsigned message_except; /* targets cancelled for the whole message */
	/* Exceptions with clause or sentence scope give one answer per clause or sentence;
	 * they are worked out once (bit per target) and remembered here. */
	unsigned sentence_known, sentence_hit;
	int clause_known[COACH_TARGET_COUNT]; /* clause start the answer is for; -1 none */
	unsigned clause_hit;
};

static int clause_start(const struct sentence *st, int i)
{
	while (i > 0 && !(st->t[i].flags & TOK_CLAUSE))
		i--;
	return i;
}

static int clause_end(const struct sentence *st, int i)
{
	i++;
	while (i < st->n && !(st->t[i].flags & TOK_CLAUSE))
		i++;
	return i;
}

/* 1 when a negator ("not", "never", …) stands within `window` tokens before t0 in
 * its clause, with no negation stop ("and", "but", …) between: "I don't think
 * you're lazy" is negated, "I hadn't slept and I took it out on you" is not. */
static int negated(const struct coach *c, const struct sentence *st, int t0, int window)
{
	for (int j = t0; j > 0 && t0 - j < window; j--) {
		const struct token *before = &st->t[j - 1];
		if ((st->t[j].flags & TOK_CLAUSE) || token_in(c, &c->negation_stops, before))
			return 0;
		if (token_in(c, &c->negators, before))
			return 1;
	}
	return 0;
}

/* 1 when one of the exceptions for `target` with `scope` matches: starting in
 * [from, to), and for overlap, ending after t0. */
static int except_in(const struct coach *c, const struct sentence *st, int target,
                     enum coach_scope scope, int from, int to, int t0)
{
	const struct coach_rule *rules = COACH_ARR(c->rules, struct coach_rule);
	for (uint32_t k = c->except_start[target]; k < c->except_start[target + 1]; k++) {
		const struct coach_rule *r = &rules[c->except_rules[k]];
		if (r->scope != scope)
			continue;
		int s = from;
		if (scope == COACH_SCOPE_OVERLAP && t0 - (int)r->span + 1 > s)
			s = t0 - (int)r->span + 1; /* earlier starts cannot reach t0 */
		for (; s < to; s++) {
			struct match m;
			if (match_rule(c, r, st, s, 0, &m) &&
			    (scope != COACH_SCOPE_OVERLAP || m.end > t0))
				return 1;
		}
	}
	return 0;
}

/* 1 when an exception for `target` cancels the match [t0, t1). */
static int excepted(struct analysis *a, int target, int t0, int t1)
{
	const struct sentence *st = a->st;
	unsigned bit = 1u << target;
	if (!(a->sentence_known & bit)) {
		a->sentence_known |= bit;
		if (except_in(a->c, st, target, COACH_SCOPE_SENTENCE, 0, st->n, 0))
			a->sentence_hit |= bit;
	}
	if (a->sentence_hit & bit)
		return 1;
	int cs = clause_start(st, t0);
	if (a->clause_known[target] != cs) {
		a->clause_known[target] = cs;
		a->clause_hit &= ~bit;
		if (except_in(a->c, st, target, COACH_SCOPE_CLAUSE, cs, clause_end(st, t0), 0))
			a->clause_hit |= bit;
	}
	if (a->clause_hit & bit)
		return 1;
	return except_in(a->c, st, target, COACH_SCOPE_OVERLAP, 0, t1, t0);
}

static void add_finding(struct analysis *a, enum coach_kind kind, int t0, const struct match *m)
{
	const struct sentence *st = a->st;
	struct coach_result *out = a->out;
	size_t ms = st->t[t0].start, me = st->t[m->end - 1].end;
	for (size_t k = 0; k < out->n_findings; k++)
		if (out->findings[k].kind == kind && a->match_start[k] < me && ms < a->match_end[k])
			return;
	for (int j = t0; j < m->end; j++)
		if (st->t[j].flags & TOK_QUOTED)
			return;
	if (negated(a->c, st, t0, a->c->window_finding) || excepted(a, (int)kind, t0, m->end))
		return;
	if (out->n_findings == COACH_MAX_FINDINGS) {
		out->truncated = 1;
		return;
	}
	int fs = t0, fe = m->end;
	if (m->focus_start < m->focus_end) {
		fs = m->focus_start;
		fe = m->focus_end;
	}
	struct coach_finding *f = &out->findings[out->n_findings];
	f->kind = kind;
	f->start = st->t[fs].start;
	f->end = st->t[fe - 1].end;
	f->advice = a->c->advice_text[kind];
	f->rewrite = a->c->rewrite_text[kind];
	a->match_start[out->n_findings] = ms;
	a->match_end[out->n_findings] = me;
	out->n_findings++;
}

static void add_part(struct analysis *a, int target, int t0, const struct match *m)
{
	unsigned bit = 1u << (target - COACH_KIND_COUNT);
	if (a->sentence_parts & bit)
		return;
	for (int j = t0; j < m->end; j++)
		if (a->st->t[j].flags & TOK_QUOTED)
			return;
	if (negated(a->c, a->st, t0, a->c->window_apology) || excepted(a, target, t0, m->end))
		return;
	a->sentence_parts |= bit;
}

static void try_rule(struct analysis *a, uint32_t rule, int i, int first_known)
{
	const struct coach_rule *r = &COACH_ARR(a->c->rules, struct coach_rule)[rule];
	struct match m;
	if (!match_rule(a->c, r, a->st, i, first_known, &m))
		return;
	if (r->except)
		a->message_except |= 1u << r->target;
	else if (r->target < COACH_KIND_COUNT)
		add_finding(a, (enum coach_kind)r->target, i, &m);
	else
		add_part(a, r->target, i, &m);
}

static void analyse_sentence(struct analysis *a)
{
	const struct coach *c = a->c;
	size_t first = a->out->n_findings;
	a->sentence_parts = 0;
	a->sentence_known = a->sentence_hit = a->clause_hit = 0;
	for (int t = 0; t < COACH_TARGET_COUNT; t++)
		a->clause_known[t] = -1;
	for (int i = 0; i < a->st->n; i++) {
		int32_t id = a->st->t[i].id;
		if (id >= 0)
			for (uint32_t k = c->bucket_start[id]; k < c->bucket_start[id + 1]; k++)
				try_rule(a, c->bucket_rules[k], i, 1);
		for (uint32_t k = 0; k < c->n_prefix_rules; k++)
			try_rule(a, c->prefix_rules[k], i, 0);
	}
	/* "Sorry, but you…": an apology part does not count beside blame or a defence. */
	for (size_t k = first; k < a->out->n_findings; k++) {
		enum coach_kind kind = a->out->findings[k].kind;
		if (kind == COACH_BLAME || kind == COACH_DEFENSIVE || kind == COACH_NON_APOLOGY)
			a->sentence_parts = 0;
	}
	a->out->components |= a->sentence_parts;
}

static void finish(struct analysis *a)
{
	struct coach_result *out = a->out;
	size_t kept = 0;
	for (size_t k = 0; k < out->n_findings; k++)
		if (!(a->message_except & (1u << out->findings[k].kind)))
			out->findings[kept++] = out->findings[k];
	out->n_findings = kept;
	out->components &= ~(a->message_except >> COACH_KIND_COUNT);
	/* An explanation alone is an account, not part of an apology. */
	if (out->components == 1u << COACH_EXPLANATION)
		out->components = 0;
	for (size_t k = 1; k < out->n_findings; k++) {
		struct coach_finding f = out->findings[k];
		size_t j = k;
		while (j > 0 && (out->findings[j - 1].start > f.start ||
		                 (out->findings[j - 1].start == f.start &&
		                  out->findings[j - 1].kind > f.kind))) {
			out->findings[j] = out->findings[j - 1];
			j--;
		}
		out->findings[j] = f;
	}
}

int coach_analyse(const struct coach *c, const char *text, size_t len, struct coach_result *out)
{
	out->n_findings = 0;
	out->truncated = 0;
	out->components = 0;
	if (len > COACH_MAX_INPUT || !utf8_valid(text, len))
		return -1;
	struct scanner sc;
	memset(&sc, 0, sizeof sc);
	sc.c = c;
	sc.s = (const unsigned char *)text;
	sc.n = len;
	struct sentence st;
	struct analysis a;
	memset(&a, 0, sizeof a);
	a.c = c;
	a.st = &st;
	a.out = out;
	while (next_sentence(&sc, &st))
		analyse_sentence(&a);
	finish(&a);
	return 0;
}

int coach_apologises(const struct coach_result *r)
{
	const unsigned own = 1u << COACH_REGRET | 1u << COACH_RESPONSIBILITY | 1u << COACH_FORGIVENESS;
	if (r->components & own)
		return 1;
	for (size_t i = 0; i < r->n_findings; i++)
		if (r->findings[i].kind == COACH_NON_APOLOGY)
			return 1;
	return 0;
}
