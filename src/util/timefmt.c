/* timefmt.c: date formatting and parsing (see timefmt.h). */
#include "timefmt.h"

#include "i18n.h"

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

const char *time_human(struct arena *a, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return "";
	int l = lang_now();
	const char *day = day_names[l][tm.tm_wday], *month = month_names[l][tm.tm_mon];
	const char *s = l == LANG_DE   ? arena_printf(a, "%s, %d. %s", day, tm.tm_mday, month)
			: l == LANG_ES ? arena_printf(a, "%s %d de %s", day, tm.tm_mday, month)
				       : arena_printf(a, "%s %d %s", day, tm.tm_mday, month);
	return s ? s : "";
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
