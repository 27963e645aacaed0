/* coach_http.c: the lexicon the server loads once, POST /api/v1/coach and the
 * /coach page (see coach_http.h). */
#include "coach/coach_http.h"

#include <stdio.h>
#include <string.h>

#include "coach/coach_data.h"
#include "coach/coach_json.h"
#include "coach/coach.h"
#include "lib/lang.h"
#include "util/datadir.h"
#include "util/log.h"
#include "web/page.h"

/* One per language duet speaks, NULL for a language without data/coach/<code>/
 * (its people get the English coach). Read-only after start, shared by every
 * worker thread. */
static struct coach *lexicons[LANG_COUNT];

/* 1 when DATA/coach/<code>/ exists (its first file, words.tsv, can be read). */
static int lexicon_present(const char *dir)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/words.tsv", dir);
	FILE *f = fopen(path, "rb");
	if (f)
		fclose(f);
	return f != NULL;
}

int coach_server_load(struct err *e)
{
	for (int lang = 0; lang < LANG_COUNT; lang++) {
		char rel[32], dir[4096];
		snprintf(rel, sizeof rel, "coach/%s", lang_code(lang));
		if (datadir_path(dir, sizeof dir, rel) < 0)
			return err_set(e, 500, "lexicon", "the data folder's name is too long");
		if (lang != LANG_EN && !lexicon_present(dir)) {
			log_msg("coach: no lexicon in %s; %s messages get the English coach", dir,
			         lang_code(lang));
			continue;
		}
		lexicons[lang] = coach_load(dir, e);
		if (!lexicons[lang]) {
			char why[sizeof e->msg];
			snprintf(why, sizeof why, "%s", e->msg);
			coach_server_free();
			return err_set(e, 500, "lexicon",
			               "the message coach's lexicon could not be loaded: %s", why);
		}
	}
	return 0;
}

void coach_server_free(void)
{
	for (int lang = 0; lang < LANG_COUNT; lang++) {
		coach_free(lexicons[lang]);
		lexicons[lang] = NULL;
	}
}

json_t *coach_check(struct req *r, const char *text)
{
	return coach_check_lang(r, text, r->lang);
}

json_t *coach_check_lang(struct req *r, const char *text, int lang)
{
	const struct coach *lexicon =
	    lang >= 0 && lang < LANG_COUNT && lexicons[lang] ? lexicons[lang] : lexicons[LANG_EN];
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

/* The lexicon's language for the API: "language" when given, else the person's
 * own choice, else English. -1 with r->err set for one duet does not speak. */
static int api_language(struct req *r)
{
	json_t *v = json_is_object(r->json) ? json_object_get(r->json, "language") : NULL;
	if (!v || json_is_null(v))
		return r->user && r->user->lang >= 0 ? r->user->lang : LANG_EN;
	int lang = json_is_string(v) ? lang_of(json_string_value(v)) : -1;
	if (lang < 0 || strcmp(json_string_value(v), lang_code(lang)))
		return req_fail(r, 400, "invalid_language",
		                "The coach reads English (\"en\"), German (\"de\") and Spanish "
		                "(\"es\"); language must be one of those, or left out for your "
		                "own language.");
	return lang;
}

int coach_api_check(struct req *r)
{
	const char *text = message_text(r);
	int lang = text ? api_language(r) : -1;
	json_t *j = lang >= 0 ? coach_check_lang(r, text, lang) : NULL;
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
