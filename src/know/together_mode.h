/* together_mode.h: together mode, for a couple side by side on one screen: one
 * prompt at a time, light to deep, taking turns at answering first, a gentle
 * set timer and a gentle end. Answers are spoken; each prompt is recorded as
 * talked about (with an optional note) so that it does not come back.
 *
 * Consent for the deeper levels: `next` accepts only the prompt it showed, and
 * records the step as the person's who pressed it; such steps count toward
 * opening a level only once the other partner confirms them (`confirm`, for
 * example from their own phone). */
#ifndef DUET_TOGETHER_MODE_H
#define DUET_TOGETHER_MODE_H

#include "http/request.h"

int together_api_start(struct req *r);
int together_api_get(struct req *r);
int together_api_next(struct req *r);
int together_api_end(struct req *r);
int together_api_confirm(struct req *r);

int together_page(struct req *r);
int together_post_start(struct req *r);
int together_page_session(struct req *r);
int together_post_next(struct req *r);
int together_post_end(struct req *r);
int together_post_confirm(struct req *r);

#endif
