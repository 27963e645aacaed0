/* home.c: the home page (see home.h). */
#include "home.h"

#include <string.h>

#include "web/area.h"
#include "web/hub.h"
#include "web/page.h"
#include "util/i18n.h"

struct home_parts home_parts;

static int home_signed_out(struct req *r)
{
	page_begin(r, 200, "Welcome", "home");
	h(r, "<section class=\"card hero\"><h1>A quiet place for the two of you</h1>"
	     "<p>duet helps partners get to know each other more deeply, notice where they "
	     "differ, repair after a hurt, and agree on what each needs. It runs on your own "
	     "server; nothing you write goes anywhere else.</p>"
	     "<p><a class=\"button\" href=\"/signup\">Make an account</a> "
	     "<a class=\"button secondary\" href=\"/signin\">Sign in</a></p></section>");
	return page_end(r);
}

int home_page(struct req *r)
{
	struct user *u = r->user;
	if (!u)
		return home_signed_out(r);
	page_begin(r, 200, "Home", "home");
	if (!strcmp(u->kind, "counsellor")) {
		h(r, "<section class=\"card\"><h1 id=\"names\">Hello, ");
		ht(r, u->name);
		h(r, "</h1><p>Couples who invite you give you a code. You see only what both "
		     "partners choose to share.</p><p><a class=\"button\" href=\"/counsellor\">Your "
		     "couples</a></p></section>");
		return page_end(r);
	}
	/* "Welcome" on the very first look, "Welcome back" after */
	const char *welcome = home_parts.welcome ? home_parts.welcome(r) : "Welcome back";
	if (!welcome)
		return -1;
	h(r, "<section class=\"card\"><h1 id=\"names\">");
	if (u->partner_id) {
		ht(r, u->name);
		h(r, " &amp; ");
		ht(r, u->partner_name);
		h(r, "</h1><p>");
		ht(r, page_tr(r, welcome)); /* the greeting in the reader's language */
		h(r, ", ");
		ht(r, u->name);
		h(r, ".</p>");
	} else {
		ht(r, page_tr(r, strcmp(welcome, "Welcome") ? N_("Hello") : "Welcome"));
		h(r, ", ");
		ht(r, u->name);
		h(r, "</h1>");
		if (u->couple_id) {
			h(r, "<p>Your couple space is ready. Once your partner joins with your invite, "
			     "you will both see each other here.</p>"
			     "<p><a class=\"button\" href=\"/couple\">See the invite</a></p>");
		} else {
			h(r, "<p>duet is made for two. Invite your partner to start, or join with "
			     "the code your partner sent you.</p>"
			     "<p><a class=\"button\" href=\"/couple\">Invite or join</a></p>");
		}
	}
	h(r, "</section>");
	/* a new couple's first steps, then every area's card (news, what is
	 * waiting), then a tile for every area */
	if (home_parts.first && home_parts.first(r) < 0)
		return -1;
	h(r, "<div class=\"home-grid\">");
	size_t n;
	const struct area *const *cards = area_home_cards(&n);
	for (size_t i = 0; i < n; i++)
		if (area_who_sees(u, cards[i]->home.who) && cards[i]->home.card(r) < 0)
			return -1;
	h(r, "</div>");
	hub_card(r);
	return page_end(r);
}
