/* utf8.h: UTF-8 validation and counting. */
#ifndef DUET_UTF8_H
#define DUET_UTF8_H

#include <stddef.h>

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, surrogates or code points
 * past U+10FFFF) and holds no NUL byte; 0 otherwise. */
int utf8_valid(const char *s, size_t n);

/* Number of code points in a valid UTF-8 string of n bytes. */
size_t utf8_count(const char *s, size_t n);

#endif
