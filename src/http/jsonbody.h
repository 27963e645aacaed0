/* jsonbody.h: parsing a JSON request body. */
#ifndef DUET_JSONBODY_H
#define DUET_JSONBODY_H

#include <jansson.h>
#include <stddef.h>

#include "util/common.h"
#include "util/err.h"

#define JSONBODY_MAX_DEPTH 32

/* Parses len bytes as one JSON object (duplicate keys, other top-level values,
 * nesting deeper than JSONBODY_MAX_DEPTH and invalid UTF-8 are refused).
 * Returns the object (caller decrefs) or NULL with e set to a 400 that says
 * what was wrong and where. */
json_t *jsonbody_parse(const char *text, size_t len, struct err *e) WARN_UNUSED_RESULT;

#endif
