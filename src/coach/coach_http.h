/* coach_http.h: the message coach on the server: the lexicon loaded once at
 * start, POST /api/v1/coach, the /coach page, and the HTML view of a coach
 * result that the coach page and a repair's apology step share.
 *
 * The coach suggests; it never blocks, scores or judges a person. Design and
 * data format: docs/internals/coach.md. */
#ifndef DUET_COACH_HTTP_H
#define DUET_COACH_HTTP_H

#include <jansson.h>

#include "http/request.h"

/* Loads DATA/coach/<code>/ for every language duet speaks (lib/lang.h), once, at
 * server start; a language without its folder gets the English coach, which must
 * be there. -1 with e saying what is wrong (the server then refuses to start). */
int coach_server_load(struct err *e) WARN_UNUSED_RESULT;

/* Frees the lexicon at shutdown. */
void coach_server_free(void);

/* Runs the coach over text for a request, in the request's language (the
 * person's, so pages and repair steps coach in it): the JSON object that `duet coach`
 * prints (a new reference), or NULL with r->err set: 400 when the text passes
 * 16 KiB or is not valid UTF-8. */
json_t *coach_check(struct req *r, const char *text);

/* coach_check in language `lang` (lib/lang.h) rather than the request's: the
 * English coach when that language has no lexicon. */
json_t *coach_check_lang(struct req *r, const char *text, int lang);

/* The coach's view as HTML: the text with the findings marked (escaped), each
 * finding's advice and rewrite pattern, and the parts of an apology present and
 * missing. `coach` is an object from coach_check (or one stored from it) for
 * exactly this text; `other` names the person the message is for ("Ben"), or
 * NULL. */
void coach_view(struct req *r, json_t *coach, const char *text, const char *other);

int coach_api_check(struct req *r);
int coach_page(struct req *r);
int coach_post(struct req *r);

#endif
