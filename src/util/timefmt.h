/* timefmt.h: dates and times for the API (ISO 8601, UTC) and for people. */
#ifndef DUET_TIMEFMT_H
#define DUET_TIMEFMT_H

#include <stdint.h>

#include "arena.h"

/* "2026-12-03T00:41:24Z"; owned by the arena ("" if it is out of memory). */
const char *time_iso(struct arena *a, int64_t t);

/* "Thursday 3 December" (UTC) in the language of the thread's request
 * (util/i18n.h): "Donnerstag, 3. Dezember", "jueves 3 de diciembre"; owned
 * by the arena. */
const char *time_human(struct arena *a, int64_t t);

/* A month's name (0 = January) in the thread's language, full or short
 * ("Dez", "dic"); static. */
const char *time_month(int month, int abbreviated);

/* "2026-12-03" (UTC); owned by the arena. */
const char *time_day(struct arena *a, int64_t t);

/* Parses "YYYY-MM-DD" into unix seconds at 00:00 UTC; -1 when malformed or not a
 * real date. */
int time_parse_day(const char *s, int64_t *out);

#endif
