/* buf.h: a growable byte buffer with a size cap.
 *
 * Invariants: `data` is NULL only before the first append; when not NULL it is
 * always NUL-terminated at data[len]. `len + 1 <= alloc`. An append that would
 * pass `max` (or fail to allocate) releases the buffer, sets `failed`, and every
 * later append is a no-op returning -1, so a sequence of appends may be checked
 * once at the end with buf_ok().
 * Every block the buffer lets go of is wiped first (util/wipe.h), and
 * buf_detach()'s result should be freed with wipe_free().
 */
#ifndef DUET_BUF_H
#define DUET_BUF_H

#include "common.h"

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t alloc;
	size_t max;   /* largest allowed len */
	int failed;
};

#define BUF_INIT(maxlen) { NULL, 0, 0, (maxlen), 0 }

/* Prepares an empty buffer that may grow up to `max` bytes. */
void buf_init(struct buf *b, size_t max);

/* Appends bytes; -1 when the cap is passed or memory runs out (buffer released). */
int buf_append(struct buf *b, const void *p, size_t n) WARN_UNUSED_RESULT;
int buf_puts(struct buf *b, const char *s) WARN_UNUSED_RESULT;
int buf_putc(struct buf *b, char c) WARN_UNUSED_RESULT;
int buf_printf(struct buf *b, const char *fmt, ...) WARN_UNUSED_RESULT
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) WARN_UNUSED_RESULT;

/* 1 when no append has failed. */
int buf_ok(const struct buf *b);

/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);

/* Frees the memory; the buffer may be used again. */
void buf_release(struct buf *b);

/* Returns the data (caller frees) and leaves the buffer empty; NULL if it failed.
 * An empty buffer yields an allocated "". */
char *buf_detach(struct buf *b, size_t *len);

#endif
