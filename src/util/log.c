/* log.c: logging to stderr (see log.h). Each line is written with one call so
 * lines from different threads do not interleave. */
#include "log.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

static int requests_on = 1;

void log_set_requests(int on)
{
	requests_on = on;
}

void log_request(const char *method, const char *path, int status, uint64_t micros, int cached)
{
	if (!requests_on)
		return;
	char line[512];
	int n = snprintf(line, sizeof line, "%s %.400s %d %" PRIu64 "us%s\n", method, path, status,
			 micros, cached ? " cached" : "");
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
	size_t len = (size_t)n + ((size_t)m < sizeof line - (size_t)n - 1 ? (size_t)m
									: sizeof line - (size_t)n - 2);
	line[len++] = '\n';
	(void)!write(2, line, len);
}
