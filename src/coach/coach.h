/* coach.h: the message coach. Reads one message and points out, with byte spans,
 * what tends to hurt a conversation (findings), and which parts of an apology are
 * present. It suggests; it never blocks anything.
 *
 * The matcher is pure: no I/O, no allocation, no state between calls. Its language
 * knowledge is a compiled lexicon (struct coach), parsed from text by
 * coach/coach_lexicon.c and loaded from data/coach/<lang>/ by coach/coach_data.c.
 * Design notes and the data format: docs/internals/coach.md.
 *
 * Invariants of a result: findings are sorted by start, then kind; every span lies
 * on UTF-8 character boundaries inside the analysed text; `advice` and `rewrite`
 * are borrowed from the lexicon and live as long as it does.
 */
#ifndef DUET_COACH_H
#define DUET_COACH_H

#include <stddef.h>

#include "util/common.h"

/* Kinds of finding, in the order a result lists ties. */
enum coach_kind {
	COACH_ABSOLUTE,
	COACH_BLAME,
	COACH_CHARACTER,
	COACH_CONTEMPT,
	COACH_DEFENSIVE,
	COACH_NON_APOLOGY,
	COACH_STONEWALLING,
	COACH_KIND_COUNT
};

/* Parts of an apology, most important first (see docs/internals/coach.md for why
 * impact sits third). */
enum coach_component {
	COACH_RESPONSIBILITY,
	COACH_REPAIR,
	COACH_IMPACT,
	COACH_REGRET,
	COACH_EXPLANATION,
	COACH_REPENTANCE,
	COACH_FORGIVENESS,
	COACH_COMPONENT_COUNT
};

/* A lexicon rule targets a kind (0 .. COACH_KIND_COUNT-1) or a component
 * (COACH_KIND_COUNT + component). */
#define COACH_TARGET_COUNT (COACH_KIND_COUNT + COACH_COMPONENT_COUNT)

#define COACH_MAX_INPUT 16384 /* bytes; longer messages are refused */
#define COACH_MAX_FINDINGS 64 /* more are dropped and `truncated` is set */

struct coach;

struct coach_finding {
	enum coach_kind kind;
	size_t start;        /* byte offset of the span */
	size_t end;          /* one past its last byte */
	const char *advice;  /* borrowed from the lexicon */
	const char *rewrite; /* borrowed from the lexicon */
};

struct coach_result {
	size_t n_findings;
	int truncated;       /* 1 when findings were dropped for space */
	unsigned components; /* bit (1u << enum coach_component) per part present */
	struct coach_finding findings[COACH_MAX_FINDINGS];
};

/* Analyses text[0..len) with lexicon `c` into `out` (overwritten). Returns 0, or -1
 * when len > COACH_MAX_INPUT or the text is not valid UTF-8 (out is then empty).
 * Allocates nothing; uses about 14 KiB of stack. */
int coach_analyse(const struct coach *c, const char *text, size_t len,
                  struct coach_result *out) WARN_UNUSED_RESULT;

/* 1 when the analysed message apologises: it says sorry or owns a part
 * (regret, responsibility), asks forgiveness, or is a non-apology (an apology
 * that takes itself back). A kind request or a plan is not an apology, so the
 * parts of an apology are not worth listing for it. */
int coach_apologises(const struct coach_result *r);

/* "absolute", "blame", …; NULL for a value out of range. Static strings. */
const char *coach_kind_name(enum coach_kind k);

/* "responsibility", "repair", …; NULL for a value out of range. Static strings. */
const char *coach_component_name(enum coach_component k);

/* The target (see COACH_TARGET_COUNT) named by s[0..n), or -1. */
int coach_target_from_name(const char *s, size_t n);

/* Folds s[0..n) to the form the matcher compares: lower case (ASCII, Latin-1,
 * Greek, Cyrillic) and the typographic apostrophe as "'". Writes at most cap-1
 * bytes and a NUL into out. Returns the folded length, or 0 when s is not exactly
 * one word as the matcher reads words, or does not fit. */
size_t coach_fold_word(const char *s, size_t n, char *out, size_t cap);

/* Takes the accent off each Latin-1 vowel of the folded word w[0..n) in place ("cálmate"
 * -> "calmate"; ñ and ç keep theirs) and NUL-terminates it. Returns the new length.
 * Used for a lexicon with `setting fold-accents 1`, where writers often leave the
 * accents out. */
size_t coach_strip_accents(char *w, size_t n);

#endif
