/* timefmt.c: date formatting and parsing (see timefmt.h). */
#include "timefmt.h"

#include "i18n.h"

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

/* t broken down in UTC, or (local) in the zone in use; 0 on success. */
static int to_tm(int64_t t, int local, struct tm *out)
{
	time_t tt = (time_t)t;
	struct tm tm;
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
	if (!ok)
		return -1;
	*out = tm;
	return 0;
}

static const char *fmt_in(struct arena *a, int64_t t, const char *f, int local)
{
	struct tm tm;
	char *s = arena_alloc(a, 48);
	if (!s)
		return "";
	if (to_tm(t, local, &tm) < 0 || !strftime(s, 48, f, &tm))
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

/* Names of days and months in each language (lib/lang.h order), so that
 * dates do not depend on the process's locale. */
static const char *const day_names[LANG_COUNT][7] = {
	{ "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" },
	{ "Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag" },
	{ "domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado" },
};
static const char *const month_names[LANG_COUNT][12] = {
	{ "January", "February", "March", "April", "May", "June", "July", "August",
	  "September", "October", "November", "December" },
	{ "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
	  "Oktober", "November", "Dezember" },
	{ "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
	  "octubre", "noviembre", "diciembre" },
};
static const char *const month_abbr[LANG_COUNT][12] = {
	{ "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" },
	{ "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez" },
	{ "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic" },
};

static int lang_now(void)
{
	int l = i18n_thread();
	return l >= 0 && l < LANG_COUNT ? l : LANG_EN;
}

const char *time_month(int month, int abbreviated)
{
	if (month < 0 || month > 11)
		return "";
	return abbreviated ? month_abbr[lang_now()][month] : month_names[lang_now()][month];
}

/* "Thursday 3 December" in the thread's language, t taken in UTC or (local)
 * the zone in use. */
static const char *human_in(struct arena *a, int64_t t, int local)
{
	struct tm tm;
	if (to_tm(t, local, &tm) < 0)
		return "";
	int l = lang_now();
	const char *day = day_names[l][tm.tm_wday], *month = month_names[l][tm.tm_mon];
	const char *s = l == LANG_DE   ? arena_printf(a, "%s, %d. %s", day, tm.tm_mday, month)
			: l == LANG_ES ? arena_printf(a, "%s %d de %s", day, tm.tm_mday, month)
				       : arena_printf(a, "%s %d %s", day, tm.tm_mday, month);
	return s ? s : "";
}

const char *time_human(struct arena *a, int64_t t)
{
	return human_in(a, t, 0);
}

const char *time_when(struct arena *a, int64_t t)
{
	return human_in(a, t, 1);
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
