/* log.h: one line per event on stderr (under systemd, the journal).
 *
 * Lines are text by default, or JSON objects one per line (log_set_format).
 * Every control byte of a path or message (and every byte from 0x80 when the
 * text is not valid UTF-8) is written as \xHH, and a backslash as \\, so
 * that nothing a client sends (a %0A in a path, say) can forge or split a
 * line. Nothing about a person is logged:
 * requests are method, path (without its query), status and duration. */
#ifndef DUET_LOG_H
#define DUET_LOG_H

#include <stddef.h>
#include <stdint.h>

enum log_format { LOG_TEXT, LOG_JSON };

/* Text: "GET /path 200 1234us", with " cached" after it when the answer came
 * from the page cache. JSON: {"time":"…Z","method":"GET","path":"/path",
 * "status":200,"duration_us":1234,"cached":false}. */
void log_request(const char *method, const char *path, int status, uint64_t micros, int cached);

/* A free-form line: text "duet: …", JSON {"time":"…Z","msg":"…"}. */
void log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));


/* Turns request lines off (the benchmark's quiet mode) or on. */
void log_set_requests(int on);

/* Text (the default) or JSON lines; set once before serving. */
void log_set_format(enum log_format f);

/* Copies s into out (size > 0, always terminated) with every byte a terminal
 * could act on written as \xHH: C0 controls, DEL, the UTF-8 C1 controls
 * (C2 80..C2 9F), and bytes from 0x80 when s is not valid UTF-8; '\' as \\.
 * Cut short (at a whole escape) when out is full. Log lines and CLI output go
 * through it, so that a name or a path cannot forge lines or move the cursor.
 * Returns the length written. */
size_t log_escape(char *out, size_t size, const char *s);

#endif
