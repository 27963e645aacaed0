/* log.c: logging to stderr (see log.h). Each line is written with one call so
 * lines from different threads do not interleave. */
#include "log.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int requests_on = 1;

void log_set_requests(int on)
{
	requests_on = on;
}

char *log_escape(char *dst, size_t cap, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0;
	if (!cap)
		return dst;
	for (; *s; s++) {
		unsigned c = *s;
		int bad = c < 0x20 || c == 0x7F || (c == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F);
		if (!bad) {
			if (o + 1 >= cap)
				break;
			dst[o++] = (char)c;
			continue;
		}
		size_t need = c == 0xC2 ? 8 : 4;
		if (o + need >= cap)
			break;
		dst[o++] = '\\';
		dst[o++] = 'x';
		dst[o++] = hex[c >> 4];
		dst[o++] = hex[c & 15];
		if (c == 0xC2) {
			s++;
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[*s >> 4];
			dst[o++] = hex[*s & 15];
		}
	}
	dst[o] = '\0';
	return dst;
}

void log_request(const char *method, const char *path, int status, uint64_t micros, int cached)
{
	if (!requests_on)
		return;
	char line[512], safe[401], safe_method[33];
	int n = snprintf(line, sizeof line, "%s %s %d %" PRIu64 "us%s\n",
			 log_escape(safe_method, sizeof safe_method, method),
			 log_escape(safe, sizeof safe, path), status, micros, cached ? " cached" : "");
	if (n > 0)
		(void)!write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

void log_msg(const char *fmt, ...)
{
	char line[1024];
	int n = snprintf(line, sizeof line, "duet: ");
	va_list ap;
	va_start(ap, fmt);
	int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	char safe[sizeof line];
	log_escape(safe, sizeof safe - (size_t)n, line + n);
	memcpy(line + n, safe, strlen(safe) + 1);
	m = (int)strlen(line + n);
	size_t len = (size_t)n + ((size_t)m < sizeof line - (size_t)n - 1 ? (size_t)m
									: sizeof line - (size_t)n - 2);
	line[len++] = '\n';
	(void)!write(2, line, len);
}
