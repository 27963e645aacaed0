/* timefmt.h: dates and times for the API (ISO 8601, UTC) and for people.
 *
 * Two kinds of time: moments (when something was written, when an invite
 * expires) and dates (a review day, the day a hurt happened, a check-in week),
 * which are stored as 00:00 UTC of their day. Moments are shown to people by
 * time_when, in the zone this thread was told to use for the request at hand
 * (time_zone_use; the server sets the signed-in person's zone); dates by
 * time_human and time_day, which never shift a day. The API's times are UTC. */
#ifndef DUET_TIMEFMT_H
#define DUET_TIMEFMT_H

#include <stdint.h>

#include "arena.h"

/* "2026-12-03T00:41:24Z"; owned by the arena ("" if it is out of memory). */
const char *time_iso(struct arena *a, int64_t t);

/* 1 when zone names a time zone of the system's zone database (an IANA name
 * such as "Europe/Paris", or "UTC"), 0 otherwise. */
int time_zone_known(const char *zone);

/* Shows this thread's later times for people in zone (NULL or "": UTC). The
 * zone is copied; an unknown one means UTC. */
void time_zone_use(const char *zone);

/* A moment for people: "Thursday 3 December" in the zone in use and the
 * thread's language; owned by the arena. */
const char *time_when(struct arena *a, int64_t t);

/* "Thursday 3 December" (UTC) in the language of the thread's request
 * (util/i18n.h): "Donnerstag, 3. Dezember", "jueves 3 de diciembre"; owned
 * by the arena. */
const char *time_human(struct arena *a, int64_t t);

/* A month's name (0 = January) in the thread's language, full or short
 * ("Dez", "dic"); static. */
const char *time_month(int month, int abbreviated);

/* A date: "2026-12-03" (UTC); owned by the arena. */
const char *time_day(struct arena *a, int64_t t);

/* Parses "YYYY-MM-DD" into unix seconds at 00:00 UTC; -1 when malformed or not a
 * real date. */
int time_parse_day(const char *s, int64_t *out);

#endif
