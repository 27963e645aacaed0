/* agreement.h: the couple's agreements, from repairs, negotiations or made
 * directly: who does what, a review day, and whether it was kept. Pages and
 * JSON API. */
#ifndef DUET_AGREEMENT_H
#define DUET_AGREEMENT_H

#include "agreement_store.h"
#include "http/request.h"

#define AGREEMENT_TEXT_MAX 500

/* The JSON object of an agreement, as the viewer sees it ("who" is me,
 * partner or both from the viewer's side). */
json_t *agreement_json(struct req *r, const struct agreement *g);

/* "me", "partner", "both": parses who does it into doer id and both flag, for
 * the signed-in person; -1 with r->err set (400) otherwise. */
int agreement_parse_who(struct req *r, const char *who, int64_t *doer_id, int *both_do)
	WARN_UNUSED_RESULT;

int agreement_api_list(struct req *r);
int agreement_api_create(struct req *r);
int agreement_api_update(struct req *r);
int agreement_page(struct req *r);
int agreement_post_create(struct req *r);
int agreement_post_mark(struct req *r);

#endif
