/* offline.c: GET /offline, the page the service worker (static/sw.js) keeps
 * and shows when a page cannot load, in the reader's language. It is kept on
 * the device, so it holds nothing of the person: no menu, no names, no token.
 * The worker fetches it again when a page arrives in another language. */
#include "home.h"

#include "lib/lang.h"
#include "web/page.h"

int offline_page(struct req *r)
{
	resp_html_start(r, 200);
	h(r, "<!doctype html>\n<html lang=\"");
	(void)!buf_puts(&r->out, lang_code(r->lang) ? lang_code(r->lang) : "en");
	h(r, "\"><head><meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<meta name=\"color-scheme\" content=\"light dark\"><title>");
	ht(r, page_tr(r, "Offline"));
	h(r, " · duet</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
	     "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\"></head>\n"
	     "<body><header class=\"top\"><a class=\"brand\" href=\"/\">duet</a></header>\n"
	     "<main id=\"main\"><section class=\"card\">");
	h(r, "<h1>No connection just now</h1><p>duet needs a connection to show what the two of "
	     "you have written, and to save anything new. Nothing you write is kept on this "
	     "device, so there is nothing to read here while offline.</p>"
	     "<p>When the connection is back, <a href=\"/\">open duet again</a>.</p>");
	h(r, "</section></main>\n<footer class=\"foot\"><p class=\"foot-safety\">"
	     "<a href=\"/safety\">Feeling unsafe?</a> "
	     "<a class=\"quick-exit\" href=\"/exit\">Quick exit</a></p></footer>"
	     "<script src=\"/static/exit.js\" defer></script></body></html>\n");
	return 0;
}
