/* html.h: HTML escaping, the only way user text reaches a page. */
#ifndef DUET_HTML_H
#define DUET_HTML_H

#include "buf.h"
#include "common.h"

/* Appends s with & < > " ' escaped, safe in text and in quoted attributes.
 * -1 when the buffer's cap is passed. */
int html_escape(struct buf *b, const char *s) WARN_UNUSED_RESULT;

/* Same for the first n bytes of s. */
int html_escape_n(struct buf *b, const char *s, size_t n) WARN_UNUSED_RESULT;

#endif
