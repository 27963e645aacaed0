/* page.c: the HTML writers and the site's layout (see page.h). */
#include "page.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/session.h"
#include "lib/lang.h"
#include "util/html.h"
#include "util/i18n.h"
#include "web/area.h"
#include "web/home.h"

/* The writers translate duet's own words (util/i18n.h); for English there is
 * no lookup at all. */
static const char *tr(struct req *r, const char *s)
{
	return r->lang ? i18n_tr(r->lang, s) : s;
}

void h(struct req *r, const char *markup)
{
	(void)!buf_puts(&r->out, tr(r, markup));
}

void hn(struct req *r, long n, const char *one, const char *many, ...)
{
	va_list ap;
	va_start(ap, many);
	(void)!buf_vprintf(&r->out, i18n_ntr(r->lang, one, many, n), ap);
	va_end(ap);
}

const char *page_tr(struct req *r, const char *s)
{
	return tr(r, s);
}

void ht(struct req *r, const char *text)
{
	(void)!html_escape(&r->out, text ? text : "");
}

void hf(struct req *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	(void)!buf_vprintf(&r->out, tr(r, fmt), ap);
	va_end(ap);
}

/* One menu entry as an <li>, with its count of news. The markup around the
 * link has no words to translate, so it is written as is (no printf: the two
 * menus make 28 entries a page). */
static void nav_link(struct req *r, const struct area_menu *m, const char *current, int news)
{
	(void)!buf_puts(&r->out, "<li><a href=\"");
	(void)!buf_puts(&r->out, m->href);
	(void)!buf_puts(&r->out, current && !strcmp(current, m->key) ? "\" aria-current=\"page\">"
								      : "\">");
	ht(r, tr(r, m->label));
	if (news > 0)
		hf(r, " <span class=\"badge\">%d<span class=\"vh\"> new</span></span>", news);
	h(r, "</a></li>");
}

/* The menu entries the person sees, and Sign out, as <li>s. */
static void nav_links(struct req *r, const struct area_menu *const *items, size_t n,
		      const int *shown, const int *news, const char *current)
{
	for (size_t i = 0; i < n; i++)
		if (shown[i])
			nav_link(r, items[i], current, news[i]);
	h(r, "<li>");
	page_button_form(r, "/signout", "Sign out", "link");
	h(r, "</li>");
}

int page_begin(struct req *r, int status, const char *title, const char *current)
{
	resp_html_start(r, status);
	h(r, "<!doctype html>\n<html lang=\"");
	(void)!buf_puts(&r->out, lang_code(r->lang) ? lang_code(r->lang) : "en");
	h(r, "\"><head><meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<script src=\"/static/words.js\" defer></script><title>");
	ht(r, tr(r, title));
	h(r, " · duet</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
	     "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">"
	     "<link rel=\"manifest\" href=\"/manifest.webmanifest\">"
	     "<link rel=\"apple-touch-icon\" href=\"/apple-touch-icon.png\">"
	     "<meta name=\"theme-color\" content=\"#8a3b5c\">"
	     "<meta name=\"color-scheme\" content=\"light dark\">"
	     "<script src=\"/static/pwa.js\" defer></script></head>\n<body>"
	     "<a class=\"skip\" href=\"#main\">Skip to content</a>"
	     "<header class=\"top\"><a class=\"brand\" href=\"/\">duet</a>");
	if (r->user) {
		/* Every area sits in one menu that opens without JavaScript (<details>),
		 * so the bar stays one line on a phone however many areas there are. */
		size_t n;
		const struct area_menu *const *items = area_menu_items(&n);
		int news[AREA_MENU_MAX] = { 0 }, shown[AREA_MENU_MAX] = { 0 }, total = 0;
		for (size_t i = 0; i < n; i++) {
			shown[i] = !items[i]->hub_only && area_who_sees(r->user, items[i]->who);
			news[i] = shown[i] && items[i]->badge ? items[i]->badge(r) : 0;
			total += news[i] > 0 ? news[i] : 0;
		}
		/* On a wide screen the links stand in a bar (CSS shows one or the other). */
		h(r, "<nav aria-label=\"Main\"><ul class=\"menu-wide\">");
		nav_links(r, items, n, shown, news, current);
		h(r, "</ul><details class=\"menu\"><summary>Menu");
		if (total > 0)
			hf(r, " <span class=\"badge\">%d<span class=\"vh\"> new</span></span>", total);
		h(r, "</summary><ul>");
		nav_links(r, items, n, shown, news, current);
		h(r, "</ul></details></nav>");
	} else {
		h(r, "<nav aria-label=\"Main\"><ul class=\"plain\"><li><a href=\"/signin\">Sign in</a></li>"
		     "<li><a href=\"/signup\">Sign up</a></li></ul></nav>");
	}
	h(r, "</header>\n<main id=\"main\">");
	return 0;
}

int page_end(struct req *r)
{
	h(r, "</main>\n<footer class=\"foot\"><p class=\"foot-safety\"><a href=\"/safety\">"
	     "Feeling unsafe?</a> <a class=\"quick-exit\" href=\"/exit\">Quick exit</a> "
	     "<a href=\"/resources\">Resources</a></p><p>duet keeps what you write on this server "
	     "only.</p></footer><script src=\"/static/exit.js\" defer></script>");
	/* Live updates (static/live.js, http/events.h) from the second this page
	 * was made on (a kept page keeps its time: it is served only while nothing
	 * of the couple has changed since); only on a page fetched with GET, which
	 * the script may fetch again. A counsellor's pages too: their stream
	 * carries only what couples share with them (counsel/counsel.h). */
	if (r->user && (r->user->couple_id || !strcmp(r->user->kind, "counsellor")) &&
	    r->method == M_GET)
		hf(r, "<script src=\"/static/live.js\" data-since=\"%lld\" defer></script>",
		   (long long)time(NULL));
	page_script(r, "limits.js");
	h(r, "</body></html>\n");
	return 0;
}

void page_script(struct req *r, const char *name)
{
	h(r, "<script src=\"/static/");
	ht(r, name);
	h(r, "\"");
	(void)!buf_puts(&r->out, static_words(name, r->lang));
	h(r, " defer></script>");
}

void page_csrf(struct req *r)
{
	h(r, "<input type=\"hidden\" name=\"csrf\" value=\"");
	ht(r, csrf_token(r));
	h(r, "\">");
}

void page_button_form(struct req *r, const char *action, const char *label, const char *cls)
{
	h(r, "<form method=\"post\" action=\"");
	ht(r, action);
	h(r, "\" class=\"inline\">");
	page_csrf(r);
	h(r, "<button type=\"submit\" class=\"");
	ht(r, cls ? cls : "");
	h(r, "\">");
	ht(r, tr(r, label));
	h(r, "</button></form>");
}

void page_pager(struct req *r, const char *path, int64_t page, int more, const char *older)
{
	if (page <= 1 && !more)
		return;
	h(r, "<nav class=\"pager\" aria-label=\"More pages\"><p>");
	if (page > 1) {
		h(r, "<a href=\"");
		ht(r, path);
		hf(r, "?page=%lld\">Back to page %lld</a> ", (long long)page - 1, (long long)page - 1);
	}
	if (more) {
		h(r, "<a href=\"");
		ht(r, path);
		hf(r, "?page=%lld\">", (long long)page + 1);
		ht(r, older);
		h(r, "</a>");
	}
	h(r, "</p></nav>");
}

void page_code(struct req *r, const char *id, const char *code)
{
	h(r, "<p class=\"code groups\" id=\"");
	ht(r, id);
	h(r, "\">");
	for (const char *p = code; *p;) {
		char group[16];
		size_t n = strcspn(p, "-");
		snprintf(group, sizeof group, "%.*s", (int)(n < sizeof group ? n : sizeof group - 1),
		         p);
		h(r, "<span class=\"g\">");
		ht(r, group);
		h(r, "</span>");
		p += n;
		if (*p) {
			h(r, "-<wbr>");
			p++;
		}
	}
	h(r, "</p>");
}

void page_alert(struct req *r, const char *text)
{
	h(r, "<div class=\"alert\" role=\"alert\"><p>");
	ht(r, tr(r, text));
	h(r, "</p></div>");
}

static const char *status_title(const struct err *e)
{
	int status = e->status;
	if (status == 403)
		return strcmp(e->code, "csrf") ? N_("Not shared with you") : N_("That form has expired");
	switch (status) {
	case 400: return N_("Something in that request wasn't right");
	case 401: return N_("Please sign in");
	case 404: return N_("Not found");
	case 405: return N_("Not available here");
	case 409: return N_("That can't be done right now");
	case 410: return N_("No longer valid");
	case 413: return N_("Too much at once");
	case 415: return N_("Unexpected kind of request");
	case 429: return N_("Please wait a moment");
	default: return status >= 500 ? N_("Something went wrong on our side") : N_("Something went wrong");
	}
}

int page_retry(struct req *r, int (*form)(struct req *r, int status, const char *error))
{
	if (r->err.status >= 500)
		return -1;
	int status = r->err.status;
	char *msg = arena_strdup(&r->arena, r->err.msg);
	err_clear(&r->err);
	return form(r, status, msg ? msg : _("Please check the form and try again."));
}

int page_error(struct req *r)
{
	page_begin(r, r->err.status, status_title(&r->err), NULL);
	h(r, "<section class=\"card\"><h1>");
	ht(r, tr(r, status_title(&r->err)));
	h(r, "</h1><p>");
	ht(r, r->err.msg);
	h(r, "</p><p><a href=\"/\">Go to the home page</a></p></section>");
	return page_end(r);
}

int page_redirect_signin(struct req *r)
{
	char *loc = arena_printf(&r->arena, "/signin?next=%s", r->path);
	if (!loc)
		return req_fail(r, 500, "no_memory", "out of memory");
	/* r->path is already checked UTF-8; keep only characters safe in a URL. */
	for (char *p = loc; *p; p++)
		if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e || *p == '"' || *p == '<')
			*p = '_';
	return resp_redirect(r, loc);
}

const char *page_next(struct req *r)
{
	const char *n = r->form ? req_form(r, "next") : NULL;
	if (!n)
		n = req_query(r, "next");
	/* Only local paths: "/x", never "//host" or "/\host". */
	if (!n || n[0] != '/' || n[1] == '/' || n[1] == '\\' || strlen(n) > 200)
		return "/";
	for (const char *p = n; *p; p++)
		if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e)
			return "/";
	return n;
}

void page_field(struct req *r, const char *name, const char *label, const char *type,
		const char *value, const char *autocomplete, const char *hint)
{
	h(r, "<div class=\"field\"><label for=\"");
	ht(r, name);
	h(r, "\">");
	ht(r, tr(r, label));
	h(r, "</label>");
	if (hint) {
		h(r, "<p class=\"hint\" id=\"");
		ht(r, name);
		h(r, "-hint\">");
		ht(r, tr(r, hint));
		h(r, "</p>");
	}
	h(r, "<input id=\"");
	ht(r, name);
	h(r, "\" name=\"");
	ht(r, name);
	h(r, "\" type=\"");
	ht(r, type);
	h(r, "\" autocomplete=\"");
	ht(r, autocomplete);
	h(r, "\" required");
	if (hint) {
		h(r, " aria-describedby=\"");
		ht(r, name);
		h(r, "-hint\"");
	}
	if (value) {
		h(r, " value=\"");
		ht(r, value);
		h(r, "\"");
	}
	h(r, "></div>");
}

void page_textarea(struct req *r, const char *name, const char *label, const char *value,
		   const char *hint, size_t maxlen, int required)
{
	h(r, "<div class=\"field\"><label for=\"");
	ht(r, name);
	h(r, "\">");
	ht(r, tr(r, label));
	h(r, "</label>");
	if (hint) {
		h(r, "<p class=\"hint\" id=\"");
		ht(r, name);
		h(r, "-hint\">");
		ht(r, tr(r, hint));
		h(r, "</p>");
	}
	h(r, "<textarea id=\"");
	ht(r, name);
	h(r, "\" name=\"");
	ht(r, name);
	/* data-max, not maxlength: a browser cuts pasted text at maxlength without
	 * a word; static/limits.js says how far over it is, the server refuses it
	 * with a message and the form keeps the text. */
	hf(r, "\" data-max=\"%zu\"%s", maxlen, required ? " required" : "");
	if (hint) {
		h(r, " aria-describedby=\"");
		ht(r, name);
		h(r, "-hint\"");
	}
	h(r, ">");
	ht(r, value ? value : "");
	h(r, "</textarea></div>");
}
