/* timefmt.c: date formatting and parsing (see timefmt.h). */
#include "timefmt.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *fmt(struct arena *a, int64_t t, const char *f)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char *s = arena_alloc(a, 48);
	if (!s)
		return "";
	if (!gmtime_r(&tt, &tm) || !strftime(s, 48, f, &tm))
		s[0] = '\0';
	return s;
}

const char *time_iso(struct arena *a, int64_t t)
{
	return fmt(a, t, "%Y-%m-%dT%H:%M:%SZ");
}

const char *time_human(struct arena *a, int64_t t)
{
	const char *s = fmt(a, t, "%A %e %B");
	/* %e pads single-digit days with a space: "Thursday  3 December". */
	char *d = (char *)s;
	char *two = strstr(d, "  ");
	if (two)
		memmove(two, two + 1, strlen(two));
	return s;
}

const char *time_day(struct arena *a, int64_t t)
{
	return fmt(a, t, "%Y-%m-%d");
}

int time_parse_day(const char *s, int64_t *out)
{
	int y, m, d;
	char tail;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	time_t t = timegm(&tm);
	struct tm back;
	if (t == (time_t)-1 || !gmtime_r(&t, &back) || back.tm_mday != d || back.tm_mon != m - 1)
		return -1;
	*out = (int64_t)t;
	return 0;
}
