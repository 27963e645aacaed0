/* page.h: writing HTML pages. Escaping is the default: ht() for text and
 * attribute values, h() only for literal markup written in our own code.
 * Writers append to r->out; a failed append sticks and is caught once when the
 * response is sent. */
#ifndef DUET_PAGE_H
#define DUET_PAGE_H

#include "http/request.h"

/* Literal markup (never user text). */
void h(struct req *r, const char *markup);

/* Text, escaped for both element content and quoted attributes. */
void ht(struct req *r, const char *text);

/* printf for literal markup and numbers; never pass user text as an argument. */
void hf(struct req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* h() and hf() write duet's own words in the reader's language
 * (r->lang; util/i18n.h): the markup string or format is the msgid. ht() is
 * for people's text and is never translated. */

/* hf() with one of two formats by n, as the language's grammar wants:
 * hn(r, n, "%ld prompt", "%ld prompts", n). Never build plurals by hand. */
void hn(struct req *r, long n, const char *one, const char *many, ...)
	__attribute__((format(printf, 4, 5)));

/* s in the reader's language, for text written with ht() or put in an
 * attribute or JSON (a label from a table, a word chosen by a branch). */
const char *page_tr(struct req *r, const char *s);

/* The layout: <head>, the top bar with navigation (`current` marks the active
 * item: "home", "couple", "account", …), and <main>. */
int page_begin(struct req *r, int status, const char *title, const char *current);

/* Closes <main>, writes the footer and ends the document. Returns 0. */
int page_end(struct req *r);

/* <script src="/static/NAME" defer> with the script's words in the reader's
 * language (web/words.h, static/words.js). */
void page_script(struct req *r, const char *name);

/* The hidden CSRF field every state-changing form carries. */
void page_csrf(struct req *r);

/* A one-button POST form (sign out, confirm, …) with the CSRF field. */
void page_button_form(struct req *r, const char *action, const char *label, const char *cls);

/* Links to the page before and the page after of a paginated list at `path`
 * (?page=N), the next only when `more`; nothing on a single page. */
void page_pager(struct req *r, const char *path, int64_t page, int more, const char *older);

/* A labelled <input> (required) with an optional hint; every text escaped.
 * value may be NULL. */
void page_field(struct req *r, const char *name, const char *label, const char *type,
		const char *value, const char *autocomplete, const char *hint);

/* A labelled <textarea> with an optional hint and a limit of maxlen characters
 * (data-max: said when passed, never cut; see static/limits.js). */
void page_textarea(struct req *r, const char *name, const char *label, const char *value,
		   const char *hint, size_t maxlen, int required);

/* A code shown to copy or type (recovery codes, invites): <p class="code
 * groups" id="ID"> with each dash-separated group kept whole on one line. */
void page_code(struct req *r, const char *id, const char *code);

/* A notice box with an error for the person (text escaped). */
void page_alert(struct req *r, const char *text);

/* After a failed form action: a person's mistake (status < 500) is shown on
 * the form again, with the message, by calling form(r, status, message);
 * a server error is passed on as it is. */
int page_retry(struct req *r, int (*form)(struct req *r, int status, const char *error));

/* Renders r->err in the site's layout. */
int page_error(struct req *r);

/* Sends a person who is not signed in to the sign-in page, coming back after. */
int page_redirect_signin(struct req *r);

/* A safe local `next` target from the query or form ("/" otherwise). */
const char *page_next(struct req *r);

#endif
