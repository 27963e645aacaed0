/* prompt.h: "Know each other" prompts as pages and JSON API: the current
 * prompt, a prompt's page with both answers (as the reveal rule allows), the
 * "tell me more" thread, browsing, and the couple's own prompts. Routes in
 * src/http/routes.c; shapes in docs/API.md. */
#ifndef DUET_PROMPT_H
#define DUET_PROMPT_H

#include "http/request.h"

/* The home page's card with the couple's current question. */
int prompt_home(struct req *r) WARN_UNUSED_RESULT;

int prompt_api_current(struct req *r);
int prompt_api_get(struct req *r);
int prompt_api_answer(struct req *r);
int prompt_api_more(struct req *r);
/* PUT /api/v1/prompts/{id}/reaction {"reaction": "heart" | "thanks" | null}. */
int prompt_api_reaction(struct req *r);
int prompt_api_additions(struct req *r);
int prompt_api_list(struct req *r);
int prompt_api_create(struct req *r);

int prompt_page_current(struct req *r);
int prompt_page(struct req *r);
int prompt_post_answer(struct req *r);
int prompt_post_more(struct req *r);
int prompt_post_reaction(struct req *r);
int prompt_post_addition(struct req *r);
int prompt_page_browse(struct req *r);
int prompt_page_own(struct req *r);
int prompt_post_own(struct req *r);

#endif
