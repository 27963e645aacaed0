/* timefmt.c: date formatting and parsing (see timefmt.h). */
#include "timefmt.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define ZONE_DIR "/usr/share/zoneinfo/"

static _Thread_local char zone_now[48]; /* "" for UTC */

/* The C library converts to local time only in one process-wide zone (TZ), so
 * conversions to a person's zone set TZ and convert under this lock. Nothing
 * else in duet uses local time. */
static pthread_mutex_t zone_lock = PTHREAD_MUTEX_INITIALIZER;

int time_zone_known(const char *zone)
{
	size_t n = strlen(zone);
	if (!n || n >= sizeof zone_now || zone[0] == '/' || strstr(zone, ".."))
		return 0;
	for (const char *p = zone; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || strchr("/_+-", *p)))
			return 0;
	if (!strcmp(zone, "UTC"))
		return 1;
	char path[sizeof ZONE_DIR + sizeof zone_now], magic[4];
	snprintf(path, sizeof path, "%s%s", ZONE_DIR, zone);
	struct stat sb;
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	FILE *f = fopen(path, "rb");
	int ok = f && fread(magic, 1, 4, f) == 4 && !memcmp(magic, "TZif", 4);
	if (f)
		fclose(f);
	return ok;
}

void time_zone_use(const char *zone)
{
	if (zone && *zone && strcmp(zone, "UTC") && strlen(zone) < sizeof zone_now)
		memcpy(zone_now, zone, strlen(zone) + 1);
	else
		zone_now[0] = '\0';
}

static const char *fmt_in(struct arena *a, int64_t t, const char *f, int local)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char *s = arena_alloc(a, 48);
	if (!s)
		return "";
	struct tm *ok;
	if (local && zone_now[0]) {
		char tz[sizeof zone_now + 1];
		snprintf(tz, sizeof tz, ":%s", zone_now);
		pthread_mutex_lock(&zone_lock);
		const char *was = getenv("TZ");
		if (!was || strcmp(was, tz)) {
			setenv("TZ", tz, 1);
			tzset();
		}
		ok = localtime_r(&tt, &tm);
		pthread_mutex_unlock(&zone_lock);
	} else {
		ok = gmtime_r(&tt, &tm);
	}
	if (!ok || !strftime(s, 48, f, &tm))
		s[0] = '\0';
	return s;
}

static const char *fmt(struct arena *a, int64_t t, const char *f)
{
	return fmt_in(a, t, f, 0);
}

const char *time_iso(struct arena *a, int64_t t)
{
	return fmt(a, t, "%Y-%m-%dT%H:%M:%SZ");
}

/* %e pads single-digit days with a space: "Thursday  3 December". */
static const char *one_space(const char *s)
{
	char *two = strstr((char *)s, "  ");
	if (two)
		memmove(two, two + 1, strlen(two));
	return s;
}

const char *time_human(struct arena *a, int64_t t)
{
	return one_space(fmt(a, t, "%A %e %B"));
}

const char *time_when(struct arena *a, int64_t t)
{
	return one_space(fmt_in(a, t, "%A %e %B", 1));
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
