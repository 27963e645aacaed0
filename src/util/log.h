/* log.h: one line per event on stderr. */
#ifndef DUET_LOG_H
#define DUET_LOG_H

#include <stdint.h>

/* "GET /path 200 1234us" (the path without its query), with " cached" after
 * it when the answer came from the page cache. */
void log_request(const char *method, const char *path, int status, uint64_t micros, int cached);

/* A free-form line, prefixed "duet: ". */
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Turns request lines off (the benchmark's quiet mode) or on. */
void log_set_requests(int on);

#endif
