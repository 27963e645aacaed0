/* coach_lexicon.h: the compiled form of a coach lexicon, and its parser.
 *
 * A lexicon is built from one or more text files (format in
 * docs/internals/coach.md): coach_lexicon_new(), coach_lexicon_parse() once per
 * file in order, coach_lexicon_finish(), then it is read-only and may be shared by
 * any number of threads calling coach_analyse(). Parsing does no I/O; the caller
 * hands in each file's text and a name used in error messages ("words.tsv:12: …").
 *
 * Layout: words are interned (id = index into `words`); a pattern is a run of
 * elements; a word set (literals, classes, alternatives) is a sorted run of ids in
 * `ids` plus a run of prefixes. Every array is a struct buf used as a typed array,
 * so its size is capped; nothing moves once the lexicon is finished.
 */
#ifndef DUET_COACH_LEXICON_H
#define DUET_COACH_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "coach/coach.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/err.h"

#define COACH_WORD_MAX 32     /* a word longer than 31 bytes never matches */
#define COACH_PATTERN_MAX 24  /* elements in one pattern */
#define COACH_BRANCH_MAX 6    /* optional elements and gaps in one pattern */
#define COACH_EXPANSION_MAX 3 /* words one contraction may stand for */

enum coach_elem_type {
	COACH_EL_SET,          /* one token from a word set */
	COACH_EL_ANY,          /* `_`: any one token */
	COACH_EL_GAP,          /* `...`: 0..gap_max tokens inside one clause */
	COACH_EL_CLAUSE_START, /* `^` */
	COACH_EL_SENT_START,   /* `^^` */
	COACH_EL_CLAUSE_END,   /* `$` */
	COACH_EL_SENT_END      /* `$$` */
};

#define COACH_EL_OPTIONAL 1u
#define COACH_EL_FOCUS_OPEN 2u
#define COACH_EL_FOCUS_CLOSE 4u

/* Where an exception must match to cancel a match of its target. */
enum coach_scope {
	COACH_SCOPE_OVERLAP,  /* its tokens overlap the match */
	COACH_SCOPE_CLAUSE,   /* it starts in the clause where the match starts */
	COACH_SCOPE_SENTENCE, /* anywhere in the same sentence */
	COACH_SCOPE_MESSAGE   /* anywhere in the message */
};

struct coach_word {
	uint32_t off; /* into strings */
	uint32_t len;
	uint32_t expand;   /* into ids: what this contraction stands for */
	uint32_t n_expand; /* 0 when the word is not a contraction */
};

/* A word start ("apologi*") or, with `suffix`, a word end ("*aste") that matches
 * any word beginning or ending so; an ending needs a stem of two bytes or more. */
struct coach_prefix {
	uint32_t off; /* into strings */
	uint32_t len;
	uint32_t suffix; /* 1 for an ending */
};

struct coach_wordset {
	uint32_t ids, n_ids;           /* sorted run in `ids` */
	uint32_t prefixes, n_prefixes; /* run in `prefixes` */
};

struct coach_elem {
	uint8_t type;             /* enum coach_elem_type */
	uint8_t flags;            /* COACH_EL_* */
	struct coach_wordset set; /* COACH_EL_SET only */
};

struct coach_rule {
	uint8_t except; /* 1 for an exception, 0 for a match rule */
	uint8_t target; /* see COACH_TARGET_COUNT */
	uint8_t scope;  /* enum coach_scope, exceptions only */
	uint8_t n_elems;
	uint32_t elems; /* into elems */
	uint32_t first; /* index (within the rule) of the first word set */
	/* Set by coach_lexicon_finish(): */
	uint32_t span;       /* the most tokens a match can cover */
	uint64_t next_bloom; /* bit (id % 64) per word the token after the first may
	                      * be; all ones when any token may follow */
};

struct coach_class {
	uint32_t name; /* into strings */
	struct coach_wordset set;
};

struct coach_suffix {
	uint32_t off, len; /* the ending, e.g. "n't" */
	int32_t id;        /* the word it stands for */
};

struct coach {
	struct buf strings;                /* NUL-terminated strings */
	struct buf words;                  /* struct coach_word[] */
	struct buf ids;                    /* int32_t[]: word sets and expansions */
	struct buf prefixes;               /* struct coach_prefix[] */
	struct buf elems;                  /* struct coach_elem[] */
	struct buf rules;                  /* struct coach_rule[] */
	struct buf classes;                /* struct coach_class[] */
	struct buf suffixes;               /* struct coach_suffix[] */
	uint32_t *slots;                   /* open-addressing hash of words: id + 1, 0 empty */
	uint32_t n_slots;                  /* a power of two */
	uint32_t advice[COACH_KIND_COUNT]; /* into strings; 0 = unset */
	uint32_t rewrite[COACH_KIND_COUNT];

	/* Set by coach_lexicon_finish(). */
	int finished;
	int window_finding;                  /* tokens before a finding searched for a negator */
	int window_apology;                  /* the same for apology parts */
	int gap_max;                         /* most tokens one `...` may skip */
	int fold_accents;                    /* 1: "cálmate" and "calmate" are one word */
	struct coach_wordset negators;       /* class "negator" */
	struct coach_wordset negation_stops; /* class "negation_stop": "and", "but", … */
	uint32_t *bucket_start;              /* per word id: run in bucket_rules (n_words + 1) */
	uint32_t *bucket_rules;              /* rules whose first word set holds that id */
	uint32_t *prefix_rules;              /* rules whose first word set has prefixes */
	uint32_t n_prefix_rules;
	uint32_t except_start[COACH_TARGET_COUNT + 1]; /* runs in except_rules */
	uint32_t *except_rules;                        /* non-message exceptions by target */
	const char *advice_text[COACH_KIND_COUNT];
	const char *rewrite_text[COACH_KIND_COUNT];
};

/* Returns an empty lexicon (caller frees with coach_lexicon_free), or NULL when out
 * of memory. */
struct coach *coach_lexicon_new(void) WARN_UNUSED_RESULT;

/* Parses one file's text into `c`; `name` is used in error messages. Returns 0, or
 * -1 with e set to "NAME:LINE: what is wrong". Files are read in order: a class
 * or contraction must be defined before a pattern uses it. */
int coach_lexicon_parse(struct coach *c, const char *name, const char *text, size_t len,
                        struct err *e) WARN_UNUSED_RESULT;

/* Checks completeness (advice and rewrite for every kind) and builds the indexes.
 * `name` (the lexicon folder) is used in error messages. Returns 0 or -1 with e. */
int coach_lexicon_finish(struct coach *c, const char *name, struct err *e) WARN_UNUSED_RESULT;

/* Frees everything; c may be NULL. */
void coach_lexicon_free(struct coach *c);

/* The id of folded word w[0..n), or -1. */
int32_t coach_lexicon_find(const struct coach *c, const char *w, size_t n);

/* 1 when word `id` (or, for prefixes, folded text w[0..n)) is in `set`. */
int coach_lexicon_in_set(const struct coach *c, const struct coach_wordset *set, int32_t id,
                         const char *w, size_t n);

/* Typed views of the arrays. */
#define COACH_ARR(buf, type) ((type *)(void *)(buf).data)
#define COACH_LEN(buf, type) ((buf).len / sizeof(type))

#endif
