/* agreement.h: the couple's agreements, from repairs, negotiations or made
 * directly: who does what, a review day, and whether it was kept. Pages and
 * JSON API. */
#ifndef DUET_AGREEMENT_H
#define DUET_AGREEMENT_H

#include "agreement_store.h"
#include "http/request.h"

#define AGREEMENT_TEXT_MAX 500
#define AGREEMENTS_PAGE 50 /* agreements on one page of the list */

/* The JSON object of an agreement, as the viewer sees it ("who" is me,
 * partner or both from the viewer's side). */
json_t *agreement_json(struct req *r, const struct agreement *g);

/* "me", "partner", "both": parses who does it into doer id and both flag, for
 * the signed-in person; -1 with r->err set (400) otherwise. */
int agreement_parse_who(struct req *r, const char *who, int64_t *doer_id, int *both_do)
	WARN_UNUSED_RESULT;

/* An agreement's fields as a person gives them. */
struct agreement_input {
	const char *text;  /* owned by the request */
	int64_t doer_id;   /* 0 with both_do */
	int both_do;
	int64_t review_on; /* 00:00 UTC of the review day */
};

/* Reads text, who ("me", "partner", "both"; default both) and review_on
 * ("YYYY-MM-DD"; default `default_days` from today) from the JSON body or form.
 * -1 with r->err set (400) when one is missing or wrong. */
int agreement_read(struct req *r, int default_days, struct agreement_input *in)
	WARN_UNUSED_RESULT;

/* Writes the "who does it" choice and the review-day field of an agreement
 * form (both checked; `review_on` filled in). */
void agreement_form_fields(struct req *r, int64_t review_on);

int agreement_api_list(struct req *r);
int agreement_api_create(struct req *r);
int agreement_api_update(struct req *r);
int agreement_page(struct req *r);
int agreement_post_create(struct req *r);
int agreement_post_mark(struct req *r);

#endif
