/* form.h: application/x-www-form-urlencoded bodies and query strings. */
#ifndef DUET_FORM_H
#define DUET_FORM_H

#include "request.h"

/* Parses `len` bytes of urlencoded text into fields allocated from `a`.
 * Percent-escapes and '+' are decoded; every name and value must be valid
 * UTF-8 without NUL bytes. At most `max` fields. Returns 0, or -1 with e set
 * (400 with a message saying what was wrong). */
int form_parse(struct arena *a, const char *text, size_t len, struct field **out, size_t *count,
	       size_t max, struct err *e) WARN_UNUSED_RESULT;

/* The value of the first field called name, or NULL. */
const char *form_get(const struct field *f, size_t n, const char *name);

#endif
