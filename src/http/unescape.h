/* unescape.h: decoding %XX escapes in a request's path and query (the
 * callback libmicrohttpd calls for both; also fuzzed, tests/fuzz/fuzz_path.c). */
#ifndef DUET_UNESCAPE_H
#define DUET_UNESCAPE_H

#include <stddef.h>

/* The value of a hex digit (either case), or -1. */
int url_hexdigit(char c);

/* Decodes %XX escapes in the NUL-terminated s in place and returns the new
 * length. A %00 becomes 0xFF, which is not UTF-8, so the request is refused
 * instead of the path being cut short at the NUL ("style.css%00.txt" must not
 * serve style.css). A '%' not followed by two hex digits stays as it is. */
size_t url_unescape(char *s);

#endif
