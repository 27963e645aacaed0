/* arena.c: per-request bump allocator (see arena.h). */
#include "arena.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 16384
#define ARENA_ALIGN 16

struct arena_block {
	struct arena_block *next;
	size_t size;  /* usable bytes after the header */
	size_t used;
	_Alignas(ARENA_ALIGN) unsigned char mem[];
};

void arena_init(struct arena *a, size_t cap)
{
	a->head = NULL;
	a->total = 0;
	a->cap = cap;
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	struct arena_block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
		if (a->cap && a->total + size > a->cap)
			return NULL;
		struct arena_block *nb = malloc(sizeof *nb + size);
		if (!nb)
			return NULL;
		nb->size = size;
		nb->used = 0;
		a->total += size;
		if (b && n > ARENA_BLOCK) {
			/* A big one-off block goes behind the current one so that the
			 * current block's free space stays usable. */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->mem + b->used;
	b->used += n;
	return p;
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	void *p = arena_alloc(a, count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

#define ARENA_GROW_FIRST 16

void *arena_grow(struct arena *a, void *old, size_t n, size_t *cap, size_t max, size_t size)
{
	if (old && n < *cap)
		return old;
	size_t c = old ? *cap * 2 : ARENA_GROW_FIRST;
	if (c > max)
		c = max;
	if (c <= n)
		c = n + 1;
	void *p = arena_calloc(a, c, size);
	if (!p)
		return NULL;
	if (old && n)
		memcpy(p, old, n * size);
	*cap = c;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	/* Formatted once into the current block's free room when it fits; else
	 * measured, wiped (it may hold private text past `used`), and formatted
	 * again into room of the right size. */
	struct arena_block *b = a->head;
	if (b && b->size > b->used) {
		size_t room = b->size - b->used;
		char *p = (char *)b->mem + b->used;
		va_start(ap, fmt);
		int n = vsnprintf(p, room, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < room) {
			b->used += ((size_t)n + 1 + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
			if (b->used > b->size)
				b->used = b->size;
			return p;
		}
		sodium_memzero(p, room);
	}
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		sodium_memzero(b->mem, b->used);
		free(b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}
