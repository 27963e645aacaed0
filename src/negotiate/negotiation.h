/* negotiation.h: the Negotiate area, as JSON API (negotiation.c) and pages
 * (negotiation_page.c). A couple opens a negotiation, gathers its issues or
 * options, each partner gives values in private, duet proposes the fair split
 * or the fair choice (negotiate/fair.h), and once both accept, the results become
 * agreements. The rules of what may happen when are negotiate/bargain.h; who may
 * see a partner's values is lib/reveal.h. See docs/internals/negotiate.md.
 *
 * The two partners are the sides 0 and 1 of a negotiation, 0 being the one
 * with the lower user id, so that both see the same proposal (the methods
 * break level ties in favour of partner a).
 */
#ifndef DUET_NEGOTIATION_H
#define DUET_NEGOTIATION_H

#include "agreements/agreement_store.h"
#include "negotiate/bargain.h"
#include "negotiate/fair.h"
#include "http/request.h"
#include "negotiation_store.h"

#define NEGOTIATIONS_PAGE 50 /* listed on one page */
#define NEGOTIATION_REVIEW_DAYS 14

/* A negotiation as the signed-in partner may see it; owned by the request. */
struct neg_view {
	struct negotiation n;
	enum bargain_kind kind;
	enum bargain_state state;
	int me;                /* the viewer's side, 0 or 1 */
	int64_t uid[2];        /* the partners' user ids by side */
	const char *names[2];  /* their names by side */
	long long *values[2];  /* per item, -1 for none; NULL where the viewer may not see them */
	/* the proposal, once both are done (state proposed or accepted) */
	struct aw_item *aw;
	struct aw_result split;
	struct nash_option *opts;
	struct nash_result choice;
	/* the agreements it became, once accepted */
	struct agreement *agreements;
	size_t nagreements;
};

/* Loads negotiation `id` of the viewer's couple: 0, or -1 with r->err set
 * (404 when there is no such negotiation in the couple). */
int neg_load(struct req *r, struct db *db, int64_t id, struct neg_view *v) WARN_UNUSED_RESULT;

/* The value the viewer posted for item_id in this request, as neg_do_allocate
 * read and checked it (0 to 1,000,000, or -1 for an empty field); *found 0
 * when no values were read (none posted, or one was not a number in range).
 * Views show this rather than parse the form again. */
long long neg_posted_value(struct req *r, int64_t item_id, int *found);
/* One page (?page=N) of the couple's negotiations, most recently changed
 * first: *n of them, *more when another page follows; 400 for a bad page. */
int neg_list_page(struct req *r, struct db *db, const int64_t uid[2], struct negotiation **list,
		  size_t *n, int64_t *page, int *more) WARN_UNUSED_RESULT;

/* The actions, shared by the API and the forms. Each runs in one transaction
 * and, on success, leaves the negotiation as it is afterwards in *v. Input is
 * read with the request helpers (JSON body or form). */
int neg_do_create(struct req *r, int64_t *id /* OUT */) WARN_UNUSED_RESULT;
int neg_do_add_item(struct req *r, int64_t id, struct neg_view *v) WARN_UNUSED_RESULT;
int neg_do_remove_item(struct req *r, int64_t id, struct neg_view *v) /* item: capture 1 */
	WARN_UNUSED_RESULT;
int neg_do_allocate(struct req *r, int64_t id, struct neg_view *v) WARN_UNUSED_RESULT;
int neg_do_accept(struct req *r, int64_t id, struct neg_view *v) WARN_UNUSED_RESULT;
int neg_do_reopen(struct req *r, int64_t id, struct neg_view *v) WARN_UNUSED_RESULT;
/* Deletes the negotiation when the signed-in person started it (403 not). */
int neg_do_delete(struct req *r, int64_t id, struct neg_view *v) WARN_UNUSED_RESULT;

/* JSON API (negotiation.c) */
int negotiation_api_list(struct req *r);
int negotiation_api_create(struct req *r);
int negotiation_api_get(struct req *r);
int negotiation_api_add_item(struct req *r);
int negotiation_api_remove_item(struct req *r);
int negotiation_api_allocate(struct req *r);
int negotiation_api_accept(struct req *r);
int negotiation_api_reopen(struct req *r);
/* DELETE: the one who started a negotiation deletes it (403 for the other). */
int negotiation_api_delete(struct req *r);

/* Pages and forms (negotiation_page.c) */
int negotiation_page_list(struct req *r);
int negotiation_page_new(struct req *r);
int negotiation_post_create(struct req *r);
int negotiation_page(struct req *r);
int negotiation_post_add_item(struct req *r);
int negotiation_post_remove_item(struct req *r);
int negotiation_post_allocate(struct req *r);
int negotiation_post_accept(struct req *r);
int negotiation_post_reopen(struct req *r);
int negotiation_page_delete(struct req *r);
int negotiation_post_delete(struct req *r);

/* The home page's note of negotiations waiting for the viewer (nothing when
 * none). Returns 0, or -1 with r->err set. */
int negotiation_home_note(struct req *r) WARN_UNUSED_RESULT;

#endif
