/* push_text.h: what a push notification says, and when (pure: no I/O).
 *
 * Discreet text, the default, says only "Something new in duet": no name,
 * no kind, and a link to the home page, because a lock screen can be seen by
 * anyone, an abusive partner included. With discreet off it names the kind of
 * thing and the partner who did it ("Ben answered a question"), never what
 * anyone wrote. Each kind can be turned off; quiet hours hold notifications
 * until they end, in the person's own time (a fixed offset from UTC, as the
 * browser reports it). */
#ifndef DUET_PUSH_TEXT_H
#define DUET_PUSH_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/common.h"
#include "util/i18n.h"

struct push_kind {
	const char *kind;   /* the event kind ("prompt"), as the live events name it */
	const char *label;  /* for the settings: "Answers to questions" */
	const char *line;   /* with discreet off; %s is the partner's name */
	const char *url;    /* where the notification leads */
};

extern const struct push_kind push_kinds[];
extern const size_t push_kinds_count;

#define PUSH_DISCREET_TITLE "duet"
#define PUSH_DISCREET_BODY "Something new in duet" /* marked for po in push_text.c */

/* Every kind's bit set. */
int64_t push_kinds_all(void);

/* The index of kind in push_kinds, or the index of "other" for a kind the
 * table does not name. */
size_t push_kind_index(const char *kind);

/* Appends the notification's JSON {"title","body","url"} for an event of
 * `kind` done by `name` (NULL for reminders, which name nobody), in the
 * language lang (lib/lang.h) of the person it goes to. 0, or -1 when out's
 * cap is passed. */
int push_text(struct buf *out, const char *kind, const char *name, int discreet,
              int lang) WARN_UNUSED_RESULT;

/* When a notification made at `now` may go out: now, or the end of the
 * quiet hours [from, to) (minutes after local midnight; from > to spans
 * midnight; from == to means none) at utc_offset minutes east of UTC. */
int64_t push_due_at(int64_t now, int quiet, int from, int to, int utc_offset);

/* "HH:MM" (00:00 to 23:59) as minutes after midnight: 0, or -1 when s is
 * not such a time. push_hhmm writes minutes back as "HH:MM" (6 bytes). */
int push_parse_hhmm(const char *s, int *minutes) WARN_UNUSED_RESULT;
void push_hhmm(int minutes, char out[6]);

#endif
