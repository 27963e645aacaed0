/* datadir.h: where duet's plain data files (decks, catalogue, coach lexicons) live. */
#ifndef DUET_DATADIR_H
#define DUET_DATADIR_H

#include <stddef.h>

/* Returns the data folder: $DUET_DATA if set, else ./data if it exists, else
 * PREFIX/share/duet/data where the running binary is PREFIX/bin/duet (found at
 * run time, so any PREFIX works without a rebuild), else /usr/share/duet/data.
 * Borrowed; valid for the life of the process. Not thread-safe on its first
 * call: call it once at start, before the worker threads. */
const char *datadir(void);

/* Writes "<datadir>/<rel>" into out; -1 when it does not fit. */
int datadir_path(char *out, size_t size, const char *rel);

#endif
