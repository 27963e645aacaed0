/* share.h: what a counsellor sees of one shared scope of a couple.
 *
 * The counsellor's routes check, in one place (counsellor.c), that the couple
 * invited this counsellor, that both partners approved, and that the scope is
 * in the intersection of their choices; they log the opening; only then do
 * they call the scope's share_fn. A share_fn therefore only has to show its
 * area's shared data of couple c->id, filtering every query by it.
 *
 * Plugging in a scope (repair_plans, difference_map): write one share_fn in
 * your area and name it in the table in counsel_share.c. Until then the scope
 * can be chosen, and the counsellor sees "nothing shared yet".
 * Never prompt answers, never journal entries: those are not scopes.
 */
#ifndef DUET_SHARE_H
#define DUET_SHARE_H

#include <jansson.h>
#include <stdint.h>

#include "http/request.h"
#include "store/db.h"

struct share_couple {
	int64_t id;           /* the couple */
	size_t n;             /* members, normally 2 */
	int64_t ids[2];       /* in the order they joined */
	const char *names[2]; /* display names, owned by the request */
};

/* Serves one scope. With `json` set: *json becomes the scope's data (a new
 * object). With `json` NULL: writes the scope's HTML (sections with <h2>
 * headings and text escaped) into the page being built. 0, or -1 with r->err set. */
typedef int (*share_fn)(struct req *r, struct db *db, const struct share_couple *c, json_t **json);

/* The function serving a scope bit (counsel/scope.h); NULL when its area has not
 * plugged in yet. */
share_fn share_for(unsigned bit);

/* The two scopes served here. */
int share_checkins(struct req *r, struct db *db, const struct share_couple *c, json_t **json);
int share_agreements(struct req *r, struct db *db, const struct share_couple *c, json_t **json);

/* Scopes served by their areas. */
int share_difference_map(struct req *r, struct db *db, const struct share_couple *c,
                         json_t **json);

#endif
