/* coach_http.c: the lexicon the server loads once, POST /api/v1/coach and the
 * /coach page (see coach_http.h). */
#include "coach/coach_http.h"

#include <stdio.h>
#include <string.h>

#include "coach/coach_data.h"
#include "coach/coach_json.h"
#include "coach/coach.h"
#include "util/datadir.h"
#include "web/page.h"

/* Read-only after start, shared by every worker thread. */
static struct coach *lexicon;

int coach_server_load(struct err *e)
{
	char dir[4096];
	if (datadir_path(dir, sizeof dir, "coach/en") < 0)
		return err_set(e, 500, "lexicon", "the data folder's name is too long");
	lexicon = coach_load(dir, e);
	if (!lexicon) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		return err_set(e, 500, "lexicon",
		               "the message coach's lexicon could not be loaded: %s", why);
	}
	return 0;
}

void coach_server_free(void)
{
	coach_free(lexicon);
	lexicon = NULL;
}

json_t *coach_check(struct req *r, const char *text)
{
	size_t len = strlen(text);
	if (len > COACH_MAX_INPUT) {
		req_fail(r, 400, "too_long",
		         "That message is too long for the coach: at most 16 KiB (about 16,000 "
		         "letters). Try it a part at a time.");
		return NULL;
	}
	if (!lexicon) {
		req_fail(r, 500, "no_coach", "The message coach is not loaded.");
		return NULL;
	}
	struct coach_result *res = arena_alloc(&r->arena, sizeof *res);
	if (!res) {
		req_fail(r, 500, "no_memory", "out of memory");
		return NULL;
	}
	if (coach_analyse(lexicon, text, len, res) < 0) {
		req_fail(r, 400, "invalid_utf8",
		         "The message is not valid UTF-8 text, so the coach cannot read it.");
		return NULL;
	}
	json_t *j = coach_result_json(res, text);
	if (!j)
		req_fail(r, 500, "no_memory", "out of memory");
	return j;
}

/* The message from the request: JSON "text" or the form field. Its length is
 * checked in bytes by coach_check (16 KiB), not here in characters. */
static const char *message_text(struct req *r)
{
	return req_text(r, "text", "message", REQ_BODY_MAX, 1);
}

int coach_api_check(struct req *r)
{
	const char *text = message_text(r);
	json_t *j = text ? coach_check(r, text) : NULL;
	return j ? resp_json(r, 200, j) : -1;
}

/* ---- the page ------------------------------------------------------------ */

static int coach_form(struct req *r, int status, const char *error, const char *text, json_t *coach)
{
	const char *other = r->user->partner_name;
	page_begin(r, status, "Message coach", "coach");
	h(r, "<section class=\"card\"><h1>Message coach</h1>"
	     "<p>Paste a message before you send it. The coach points out words that tend to "
	     "make a hard conversation harder, with a gentler way to say the same thing, and "
	     "which parts of an apology are there. It only suggests: you decide what to "
	     "send.</p><p class=\"hint\">Nothing you paste here is saved or sent to "
	     "anyone.</p>");
	if (error)
		page_alert(r, error);
	h(r, "<form method=\"post\" action=\"/coach#coach\">");
	page_csrf(r);
	page_textarea(r, "text", "Your message", text,
	              "For example, a text you are about to send, or an apology you are writing.",
	              COACH_MAX_INPUT, 1);
	h(r, "<button type=\"submit\">Look at it</button></form></section>");
	if (coach)
		coach_view(r, coach, text, other);
	return page_end(r);
}

static int coach_retry_form(struct req *r, int status, const char *error)
{
	return coach_form(r, status, error, req_form(r, "text"), NULL);
}

int coach_page(struct req *r)
{
	return coach_form(r, 200, NULL, NULL, NULL);
}

int coach_post(struct req *r)
{
	const char *text = message_text(r);
	json_t *coach = text ? coach_check(r, text) : NULL;
	if (!coach)
		return page_retry(r, coach_retry_form);
	int rc = coach_form(r, 200, NULL, text, coach);
	json_decref(coach);
	return rc;
}
