/* deck_load.h: reading the prompt decks from disk (the .deck files in data/decks) at start.
 * The parsing itself is know/deck.c's; this module only finds and reads files. */
#ifndef DUET_DECK_LOAD_H
#define DUET_DECK_LOAD_H

#include "know/deck.h"
#include "util/common.h"
#include "util/err.h"

/* Reads every "*.deck" file in `dir` (NULL for the data folder's "decks"), in
 * name order, and merges them into one deck. Returns it (caller frees with
 * deck_free), or NULL with `e` set to a message naming the file and line
 * ("decks/dreams.deck line 12: …") when any file is bad, an id is used twice
 * across files, a file cannot be read, or there are no deck files at all.
 * Nothing is served from a half-read set of decks. */
struct deck *deck_load(const char *dir, struct err *e) WARN_UNUSED_RESULT;

#endif
