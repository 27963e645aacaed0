/* arena.h: a bump allocator for one request's memory.
 *
 * Everything allocated from an arena lives until arena_release(); nothing is freed
 * one by one. Blocks are chained; an allocation larger than the block size gets a
 * block of its own. Allocation returns NULL only when the system is out of memory
 * or the arena's total cap is reached.
 */
#ifndef DUET_ARENA_H
#define DUET_ARENA_H

#include "common.h"

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total;  /* bytes held in blocks */
	size_t cap;    /* most bytes this arena may hold; 0 for no cap */
};

void arena_init(struct arena *a, size_t cap);

/* Returns `n` bytes aligned for any type, or NULL. Owned by the arena. */
void *arena_alloc(struct arena *a, size_t n) WARN_UNUSED_RESULT;

/* Zeroed variant of arena_alloc. */
void *arena_calloc(struct arena *a, size_t count, size_t size) WARN_UNUSED_RESULT;

/* Room for a growing array of at most `max` elements of `size` bytes, read
 * one by one (rows of a query): with old NULL, a zeroed array of a few
 * elements; otherwise, when `n` == *cap, a zeroed array twice as large (at most
 * max) holding old's n elements. Sets *cap; NULL on failure. Zeroing the
 * largest possible array up front (and wiping it at arena_release) was over
 * 100 KB per home page. Owned by the arena, like old. */
void *arena_grow(struct arena *a, void *old, size_t n, size_t *cap, size_t max, size_t size)
	WARN_UNUSED_RESULT;

/* Copies `n` bytes of `s` and a NUL; NULL on failure. */
char *arena_strndup(struct arena *a, const char *s, size_t n) WARN_UNUSED_RESULT;
char *arena_strdup(struct arena *a, const char *s) WARN_UNUSED_RESULT;

/* printf into arena memory; NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...) WARN_UNUSED_RESULT
	__attribute__((format(printf, 2, 3)));

/* Frees every block (wiping them first, since requests carry private text). */
void arena_release(struct arena *a);

#endif
