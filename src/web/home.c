/* home.c: the home page (see home.h). */
#include "home.h"

#include <string.h>

#include "know/prompt.h"
#include "notice/notice.h"
#include "negotiate/negotiation.h"
#include "repair/repair.h"
#include "trust/reminder.h"
#include "web/page.h"

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
	h(r, "<section class=\"card\"><h1 id=\"names\">");
	if (u->partner_id) {
		ht(r, u->name);
		h(r, " &amp; ");
		ht(r, u->partner_name);
		h(r, "</h1><p>Welcome back, ");
		ht(r, u->name);
		h(r, ".</p>");
	} else {
		h(r, "Hello, ");
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
	if (reminder_home(r) < 0)
		return -1;
	if (u->partner_id) {
		if (notice_home(r) < 0 || prompt_home(r) < 0 || negotiation_home_note(r) < 0)
			return -1;
	}
	if (repair_home(r) < 0)
		return -1;
	return page_end(r);
}
