/* log.h: one line per event on stderr. */
#ifndef DUET_LOG_H
#define DUET_LOG_H

#include <stddef.h>
#include <stdint.h>

/* "GET /path 200 1234us" (the path without its query, escaped: log_escape), with " cached" after
 * it when the answer came from the page cache. */
void log_request(const char *method, const char *path, int status, uint64_t micros, int cached);

/* A free-form line, prefixed "duet: "; non-printables escaped (log_escape). */
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Copies src into dst (cap bytes, always NUL-terminated, cut short when it
 * does not fit) with every byte that a terminal could act on written as \xNN:
 * C0 controls, DEL, and UTF-8 C1 controls (C2 80..C2 9F). Log lines and CLI
 * output go through it, so that a name or a path cannot forge lines or move
 * the cursor. Returns dst. */
char *log_escape(char *dst, size_t cap, const char *src);

/* Turns request lines off (the benchmark's quiet mode) or on. */
void log_set_requests(int on);

#endif
