/* deck.h: prompt decks for "Know each other": the pure parser of a deck file,
 * merging several decks into one, and read-only accessors.
 *
 * A deck file holds one prompt a line:  id | level | topic | text
 * (format in docs/internals/decks.md). The parser does no I/O; reading
 * data/decks/ from disk is src/know/deck_load.c's job.
 *
 * Invariants of a parsed deck: it holds at least one prompt; every id is unique
 * within it, matches [a-z][a-z0-9-]*, is at most DECK_ID_MAX bytes and never starts
 * with "own-" (kept for couples' own prompts); every level is 1..DECK_LEVELS;
 * every text is valid UTF-8 without control characters, at most DECK_TEXT_MAX
 * bytes. A deck is immutable once built, so any number of threads may read it.
 *
 * Ids are stored with a couple's answers: an id must never be changed or reused
 * for a different question, or answers would attach to the wrong prompt.
 */
#ifndef DUET_DECK_H
#define DUET_DECK_H

#include "util/common.h"
#include "util/err.h"

#include <stddef.h>
#include <stdint.h>

#define DECK_LEVELS 3               /* 1 light, 2 personal, 3 vulnerable */
#define DECK_ID_MAX 48              /* bytes in an id */
#define DECK_TEXT_MAX 300           /* bytes in a prompt's text */
#define DECK_LINE_MAX 512           /* bytes in a line, without its line ending */
#define DECK_FILE_MAX (1024 * 1024) /* bytes in one deck file */
#define DECK_OWN_PREFIX "own-"      /* ids of couples' own prompts start with this */

enum deck_topic {
	DECK_THOUGHTS,
	DECK_DREAMS,
	DECK_DESIRES,
	DECK_BELIEFS,
	DECK_PASSIONS,
	DECK_GOALS,
	DECK_FEARS,
	DECK_MEMORIES,
	DECK_US,
	DECK_INTIMACY, /* intimacy and desire: warm, never explicit */
	DECK_MONEY,
	DECK_FAMILY, /* family and origins */
	DECK_STRESS, /* stress and support */
	DECK_APPRECIATION,
	DECK_EVERYDAY,
	DECK_FUTURE,
	DECK_MEANING, /* faith and meaning */
	DECK_FRIENDS,
	DECK_CHANGE,
	DECK_TOPICS /* count, not a topic */
};

struct deck_prompt {
	const char *id;   /* stable slug, e.g. "dreams-2-05" */
	const char *text; /* the question, UTF-8 */
	const char *deck; /* deck name: the file's base name without extension ("dreams") */
	const char *file; /* the name given to deck_parse, for messages ("decks/dreams.deck") */
	enum deck_topic topic;
	int level;        /* 1..DECK_LEVELS */
	int line;         /* line in `file`, from 1 */
	uint64_t id_hash; /* deck_id_hash(id), kept for per-couple shuffles */
};

struct deck;

/* Parses one deck file. `name` (e.g. "decks/dreams.deck") is used in error
 * messages and gives the deck its name; `text` need not be NUL-terminated.
 * Returns the deck (caller frees with deck_free), or NULL with `e` set to a
 * message naming the file and line ("decks/dreams.deck line 12: …"). A file
 * with any bad line yields no deck at all. */
struct deck *deck_parse(const char *name, const char *text, size_t len,
                        struct err *e) WARN_UNUSED_RESULT;

/* Builds one deck holding copies of every prompt of parts[0..n), in that order.
 * Returns it (caller frees), or NULL with `e` set when an id is used twice
 * (the message names both files and lines) or memory runs out. The parts stay
 * the caller's. */
struct deck *deck_merge(struct deck *const *parts, size_t n, struct err *e) WARN_UNUSED_RESULT;

/* Frees a deck and everything it holds; NULL is fine. */
void deck_free(struct deck *d);

/* Number of prompts. */
size_t deck_count(const struct deck *d);

/* The i-th prompt (i < deck_count), in file order. Borrowed from the deck. */
const struct deck_prompt *deck_at(const struct deck *d, size_t i);

/* Index of the prompt with this id, or -1. O(log n). */
long deck_find(const struct deck *d, const char *id);

/* Number of prompts at a level. */
size_t deck_count_level(const struct deck *d, int level);

/* A stable 64-bit hash of an id (FNV-1a), the same on every machine and run. */
uint64_t deck_id_hash(const char *id);

/* The topic's slug as written in deck files ("fears"), or NULL when out of range. */
const char *deck_topic_slug(enum deck_topic t);

/* The topic whose slug is `slug` ("fears"), or -1 when there is none. */
int deck_topic_from_slug(const char *slug);

/* The topic's name for people ("Fears and insecurities"), or NULL when out of range. */
const char *deck_topic_title(enum deck_topic t);

/* The level's name for people ("Light", "Personal", "Vulnerable"), or NULL. */
const char *deck_level_title(int level);

/* 1 when `text` (n bytes) opens with a word that invites a yes-or-no answer
 * ("Do", "Is", "Would", "Can't", …), 0 otherwise. Case-insensitive. The data
 * files never do; the page for a couple's own prompt may use it for a gentle hint. */
int deck_closed_question(const char *text, size_t n);

#endif
