/* hub.c: the areas as tiles on the home page (see hub.h). */
#include "hub.h"

#include "page.h"

static const struct {
	const char *href;
	const char *title;
	const char *words;
	int pair; /* 1: needs both partners */
} tiles[] = {
	{ "/know", "Know each other", "A question for the two of you, answered apart", 1 },
	{ "/checkin", "Check-in", "How close you feel this week", 0 },
	{ "/differences", "Differences", "What each of you loves or could do without", 1 },
	{ "/dreams", "Dream table", "Ideas, dreams and wishes to explore together", 1 },
	{ "/repairs", "Repair", "Step by step after a hurt", 1 },
	{ "/negotiations", "Negotiate", "A fair way through when you want different things", 1 },
	{ "/agreements", "Agreements", "What you agreed, and how it is going", 1 },
	{ "/trends", "Trends", "Your check-ins over time", 0 },
	{ "/journal", "Journal", "Private: for you alone", 0 },
	{ "/coach", "Message coach", "Look at a message before you send it", 0 },
	{ "/counsellor", "Counsellor", "Invite one, and choose together what is shared", 1 },
};

void hub_card(struct req *r)
{
	int pair = r->user && r->user->partner_id;
	h(r, "<section class=\"card hub\" aria-labelledby=\"hub-title\"><h2 id=\"hub-title\">"
	     "Everything in duet</h2><ul class=\"tiles\">");
	for (size_t i = 0; i < ARRAY_LEN(tiles); i++) {
		if (tiles[i].pair && !pair)
			continue;
		h(r, "<li><a href=\"");
		h(r, tiles[i].href);
		h(r, "\"><strong>");
		h(r, tiles[i].title);
		h(r, "</strong><span>");
		h(r, tiles[i].words);
		h(r, "</span></a></li>");
	}
	h(r, "</ul></section>");
}
