/* datadir.h: where duet's plain data files (decks, catalogue, coach lexicons) live. */
#ifndef DUET_DATADIR_H
#define DUET_DATADIR_H

#include <stddef.h>

/* Returns the data folder: $DUET_DATA if set, else ./data if it exists, else the
 * installed PREFIX/share/duet/data. Borrowed; valid for the life of the process. */
const char *datadir(void);

/* Writes "<datadir>/<rel>" into out; -1 when it does not fit. */
int datadir_path(char *out, size_t size, const char *rel);

#endif
