/* counsel.h: a couple's counsellor, on the couple's terms.
 *
 * A partner makes an invitation code; the counsellor (an account of kind
 * "counsellor") enters it; then each partner approves, choosing scopes
 * (counsel/scope.h). Sharing takes effect only when the counsellor has entered
 * the code and both partners have approved, and covers the intersection of
 * their choices. Either partner ends it at any time, at once. Every opening by
 * the counsellor is logged for the couple. See docs/internals/counsellor.md.
 *
 * counsel.c holds the couple's side, counsellor.c the counsellor's, and
 * counsel_share.c what each scope shows (share.h).
 */
#ifndef DUET_COUNSEL_H
#define DUET_COUNSEL_H

#include "counsel/scope.h"
#include "counsel_store.h"
#include "http/events.h"
#include "http/request.h"

#define COUNSEL_INVITE_DAYS 7

/* Who approved what on link l, for the members ids[0..n): ap[i] is member i's
 * approval (approved_at 0 when none); *out the consent for counsel/scope. */
int counsel_consent(struct req *r, struct db *db, const struct counsel_link *l,
                    const int64_t ids[2], size_t n, struct counsel_approval ap[2],
                    struct scope_consent *out) WARN_UNUSED_RESULT;

/* A JSON array of the scope names in set. */
json_t *counsel_scopes_json(unsigned set);

/* Writes "Check-in trends, Agreements" for set (or "nothing"). */
void counsel_scopes_text(struct req *r, unsigned set);

/* For reminders: 1 and *name (the counsellor's, from arena a) when a
 * counsellor has entered the couple's code and user_id has not approved yet;
 * 0 otherwise; -1 on error. */
int counsel_waiting_on(struct db *db, struct arena *a, int64_t couple_id, int64_t user_id,
                       const char **name, struct err *e) WARN_UNUSED_RESULT;

/* Live events for counsellors (http/events.h: events_watch_hook and
 * events_kind_bits). A counsellor's stream watches each couple whose code
 * they entered and that has not ended the link, with the bits of the scopes
 * both partners share now (nothing until both approved) plus EVENTS_REWATCH
 * for the couple's `counsellor` events (sharing started, changed, ended),
 * after which the stream ends and is set up again. So an event of a couple
 * reaches its counsellor only when its kind's area offers a scope that the
 * couple shares with them; the event's url is the counsellor's page of that
 * couple. Anyone else in no couple watches nothing. */
int counsel_event_watches(struct req *r, struct db *db, struct events_watch *out, size_t max,
                          size_t *n);
unsigned counsel_event_bits(const char *kind);

/* The couple's side (R_COUPLE). */
int counsel_api_state(struct req *r);
int counsel_api_invite(struct req *r);
int counsel_api_approve(struct req *r);
int counsel_api_end(struct req *r);
int counsel_api_log(struct req *r);
int counsel_page(struct req *r); /* /counsellor: the couple's page, or a counsellor's list */
int counsel_post_invite(struct req *r);
int counsel_post_approve(struct req *r);
int counsel_page_end(struct req *r);
int counsel_post_end(struct req *r);

/* The counsellor's side (R_AUTH, counsellor accounts only). */
int counsellor_api_accept(struct req *r);
int counsellor_api_couples(struct req *r);
int counsellor_api_scope(struct req *r);
int counsellor_dashboard(struct req *r);
int counsellor_post_accept(struct req *r);
int counsellor_page_couple(struct req *r);
int counsellor_page_scope(struct req *r);

#endif
