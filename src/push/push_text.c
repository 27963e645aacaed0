/* push_text.c: notification text and quiet hours (see push_text.h). */
#include "push_text.h"
#include "util/i18n.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


const struct push_kind push_kinds[] = {
	{ "prompt", N_("Answers to questions"), N_("%s answered a question"), "/know" },
	{ "conversation", N_("Asking to hear more"), N_("%s would like to hear more"), "/know" },
	{ "together", N_("Together mode"), N_("%s is in together mode"), "/together" },
	{ "dream", N_("The dream table"), N_("%s added to the dream table"), "/dreams" },
	{ "difference", N_("Differences"), N_("%s rated some differences"), "/differences" },
	{ "repair", N_("Repair"), N_("%s took a step in a repair"), "/repairs" },
	{ "negotiation", N_("Negotiations"), N_("%s took a step in a negotiation"), "/negotiations" },
	{ "agreement", N_("Agreements"), N_("%s changed an agreement"), "/agreements" },
	{ "checkin", N_("Check-ins"), N_("%s checked in"), "/checkin" },
	{ "reminder", N_("Reminders"), N_("Something is waiting for you in duet"), "/" },
	{ "other", N_("Anything else"), N_("%s did something new in duet"), "/" },
};
const size_t push_kinds_count = ARRAY_LEN(push_kinds);

int64_t push_kinds_all(void)
{
	return ((int64_t)1 << push_kinds_count) - 1;
}

size_t push_kind_index(const char *kind)
{
	for (size_t i = 0; i + 1 < push_kinds_count; i++)
		if (kind && !strcmp(kind, push_kinds[i].kind))
			return i;
	return push_kinds_count - 1;
}

int push_text(struct buf *out, const char *kind, const char *name, int discreet, int lang)
{
	const struct push_kind *k = &push_kinds[push_kind_index(kind)];
	char line[1024]; /* names are at most 60 characters (240 bytes) */
	const char *body = i18n_tr(lang, N_("Something new in duet")), *url = "/";
	if (!discreet) {
		snprintf(line, sizeof line, i18n_tr(lang, k->line),
		         name ? name : i18n_tr(lang, N_("Your partner")));
		body = line;
		url = k->url;
	}
	json_t *j = json_pack("{s:s,s:s,s:s}", "title", PUSH_DISCREET_TITLE, "body", body, "url", url);
	char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(j);
	int rc = text ? buf_puts(out, text) : -1;
	free(text);
	return rc;
}

int64_t push_due_at(int64_t now, int quiet, int from, int to, int utc_offset)
{
	if (!quiet || from == to)
		return now;
	int64_t local = now + (int64_t)utc_offset * 60;
	int m = (int)(((local / 60) % 1440 + 1440) % 1440);
	int in = from < to ? (m >= from && m < to) : (m >= from || m < to);
	if (!in)
		return now;
	int wait = (to - m + 1440) % 1440; /* minutes until the quiet hours end */
	return (now - ((now % 60) + 60) % 60) + (int64_t)wait * 60;
}

int push_parse_hhmm(const char *s, int *minutes)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int hh = (s[0] - '0') * 10 + (s[1] - '0'), mm = (s[3] - '0') * 10 + (s[4] - '0');
	if (hh > 23 || mm > 59)
		return -1;
	*minutes = hh * 60 + mm;
	return 0;
}

void push_hhmm(int minutes, char out[6])
{
	minutes = ((minutes % 1440) + 1440) % 1440;
	snprintf(out, 6, "%02d:%02d", minutes / 60, minutes % 60);
}
