/* wipe.h: one rule for private bytes.
 *
 * Memory that may have held what a person wrote or typed goes back to the
 * allocator only after it is overwritten: request bodies (passphrases), the
 * answer being built (pages and JSON with decrypted journal text), JSON trees
 * and the strings json_dumps() makes of them, the request arena. The rule is
 * applied by the types that hold such bytes, not at each call site:
 * - buf (buf.h) wipes what it frees, including the old block when it grows;
 * - the request arena (arena.h) wipes what was used when it is released;
 * - every jansson allocation is freed through wipe_free() (set up once,
 *   before main, by this module), so a tree's strings are wiped by
 *   json_decref(), and a json_dumps() string must be freed with wipe_free();
 * - the server hands finished answers to libmicrohttpd with wipe_free() as
 *   the callback that frees them.
 * Fixed-size secrets (keys, codes) on the stack are wiped where they are used
 * (sodium_memzero). */
#ifndef DUET_WIPE_H
#define DUET_WIPE_H

#include <stddef.h>

/* Overwrites n bytes at p with zeros; never optimised away. */
void wipe(void *p, size_t n);

/* Wipes the whole heap block p (as malloc sized it), then frees it. p may be
 * NULL. Only for blocks from malloc, calloc or realloc. */
void wipe_free(void *p);

#endif
