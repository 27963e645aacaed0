/* buf.c: growable byte buffer with a cap (see buf.h). */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wipe.h"

void buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
	b->failed = 0;
}

static int buf_fail(struct buf *b)
{
	wipe_free(b->data);
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	b->failed = 1;
	return -1;
}

/* Makes room for `extra` more bytes plus the terminating NUL. */
static int buf_grow(struct buf *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (extra > b->max || b->len > b->max - extra)
		return buf_fail(b);
	size_t need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	size_t n = b->alloc ? b->alloc : 64;
	while (n < need)
		n = n * 2;
	/* Not realloc: a block it moves would be freed unwiped (wipe.h). */
	char *p = malloc(n);
	if (!p)
		return buf_fail(b);
	if (b->data) {
		memcpy(p, b->data, b->len + 1);
		wipe_free(b->data);
	}
	b->data = p;
	b->alloc = n;
	return 0;
}

int buf_append(struct buf *b, const void *p, size_t n)
{
	if (buf_grow(b, n) < 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	/* Formatted once into the room already there when it fits (a page makes
	 * dozens of these); measured, then formatted again only when it grows. */
	va_list ap2;
	va_copy(ap2, ap);
	int n;
	if (!b->failed && b->data && b->alloc > b->len) {
		size_t room = b->alloc - b->len;
		n = vsnprintf(b->data + b->len, room, fmt, ap2);
		va_end(ap2);
		if (n >= 0 && (size_t)n < room && (size_t)n <= b->max - b->len) {
			b->len += (size_t)n;
			return 0;
		}
		b->data[b->len] = '\0';
	} else {
		n = vsnprintf(NULL, 0, fmt, ap2);
		va_end(ap2);
	}
	if (n < 0 || buf_grow(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int buf_ok(const struct buf *b)
{
	return !b->failed;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_release(struct buf *b)
{
	wipe_free(b->data);
	buf_init(b, b->max);
}

char *buf_detach(struct buf *b, size_t *len)
{
	if (b->failed)
		return NULL;
	char *p = b->data;
	if (!p && !(p = calloc(1, 1)))
		return NULL;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = 0;
	b->alloc = 0;
	return p;
}
