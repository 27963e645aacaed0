/* log.c: logging to stderr (see log.h). Each line is written with one call so
 * lines from different threads do not interleave. */
#include "log.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "utf8.h"

static int requests_on = 1;
static enum log_format format = LOG_TEXT;

void log_set_requests(int on)
{
	requests_on = on;
}

void log_set_format(enum log_format f)
{
	format = f;
}

/* The length of s[0..n) without a UTF-8 sequence cut at its end. */
static size_t whole_chars(const char *s, size_t n)
{
	size_t k = n;
	while (k > 0 && ((unsigned char)s[k - 1] & 0xc0) == 0x80)
		k--;
	if (k == 0 || (unsigned char)s[k - 1] < 0xc0)
		return n;
	unsigned char lead = (unsigned char)s[k - 1];
	size_t want = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
	return n - (k - 1) < want ? k - 1 : n;
}

size_t log_escape(char *out, size_t size, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
	int c1 = 0; /* bytes of a C1 control still to escape */
	int utf8 = utf8_valid(s, strlen(s)); /* then bytes from 0x80 are kept */
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[4];
		size_t k;
		/* a C1 control (U+0080..U+009F, C2 80..C2 9F): both bytes escaped */
		if (utf8 && c == 0xc2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9f)
			c1 = 2;
		if (c == '\\') {
			esc[0] = esc[1] = '\\';
			k = 2;
		} else if (c1 == 0 && ((c >= 0x20 && c < 0x7f) || (c >= 0x80 && utf8))) {
			esc[0] = (char)c;
			k = 1;
		} else {
			esc[0] = '\\';
			esc[1] = 'x';
			esc[2] = hex[c >> 4];
			esc[3] = hex[c & 15];
			k = 4;
		}
		if (n + k >= size) {
			n = whole_chars(out, n);
			break;
		}
		memcpy(out + n, esc, k);
		n += k;
		if (c1)
			c1--;
	}
	out[n] = '\0';
	return n;
}

/* Writes one line (adds the newline); a JSON object is dumped compact. */
static void write_line(const char *text)
{
	size_t n = strlen(text);
	char line[2048];
	if (n > sizeof line - 2)
		n = sizeof line - 2;
	memcpy(line, text, n);
	line[n++] = '\n';
	(void)!write(2, line, n);
}

static void write_json(json_t *j)
{
	if (!j)
		return;
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (!s)
		return;
	write_line(s);
	free(s);
}

/* "2026-12-03T08:50:00.123Z" */
static void now_iso(char out[32])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

void log_request(const char *method, const char *path, int status, uint64_t micros, int cached)
{
	if (!requests_on)
		return;
	char m[32], p[512];
	log_escape(m, sizeof m, method);
	log_escape(p, sizeof p, path);
	if (format == LOG_JSON) {
		char t[32];
		now_iso(t);
		write_json(json_pack("{s:s,s:s,s:s,s:i,s:I,s:b}", "time", t, "method", m, "path", p,
				     "status", status, "duration_us", (json_int_t)micros, "cached",
				     cached));
		return;
	}
	char line[640];
	snprintf(line, sizeof line, "%s %s %d %" PRIu64 "us%s", m, p, status, micros,
		 cached ? " cached" : "");
	write_line(line);
}

void log_msg(const char *fmt, ...)
{
	char raw[1024], msg[1024];
	va_list ap;
	va_start(ap, fmt);
	int m = vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	log_escape(msg, sizeof msg, raw);
	if (format == LOG_JSON) {
		char t[32];
		now_iso(t);
		write_json(json_pack("{s:s,s:s}", "time", t, "msg", msg));
		return;
	}
	char line[1100];
	snprintf(line, sizeof line, "duet: %s", msg);
	write_line(line);
}
