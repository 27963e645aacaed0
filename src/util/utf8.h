/* utf8.h: UTF-8 validation and counting. */
#ifndef DUET_UTF8_H
#define DUET_UTF8_H

#include <stddef.h>

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, surrogates or code points
 * past U+10FFFF) and holds no NUL byte; 0 otherwise. */
int utf8_valid(const char *s, size_t n);

/* Number of code points in a valid UTF-8 string of n bytes. */
size_t utf8_count(const char *s, size_t n);

/* 1 when a valid UTF-8 string of n bytes may stand as one line of text that a
 * terminal, a log or a page shows as it is: no control characters (C0, DEL, C1,
 * so no line breaks), no direction overrides or isolates (U+202A..U+202E,
 * U+2066..U+2069, U+200E, U+200F, U+061C), no zero-width or invisible
 * characters (U+200B..U+200D, U+2060, U+FEFF) and no line or paragraph
 * separators (U+2028, U+2029); 0 otherwise. */
int utf8_line_ok(const char *s, size_t n);

#endif
