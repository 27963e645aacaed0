/* hub.c: every area as a tile on the home page (see hub.h). The tiles are the
 * areas' menu entries that say what they are for (web/area.h, `words`), in
 * menu order, for whoever may see them. */
#include "hub.h"

#include "page.h"
#include "web/area.h"

void hub_card(struct req *r)
{
	size_t n;
	const struct area_menu *const *items = area_menu_items(&n);
	h(r, "<section class=\"card hub\" aria-labelledby=\"hub-title\"><h2 id=\"hub-title\">"
	     "Everything in duet</h2><ul class=\"tiles\">");
	for (size_t i = 0; i < n; i++) {
		const struct area_menu *m = items[i];
		if (!m->words || !r->user || !area_who_sees(r->user, m->who))
			continue;
		h(r, "<li><a href=\"");
		ht(r, m->href);
		h(r, "\"><strong>");
		ht(r, page_tr(r, m->label));
		h(r, "</strong><span>");
		ht(r, page_tr(r, m->words));
		h(r, "</span></a></li>");
	}
	h(r, "</ul></section>");
}
