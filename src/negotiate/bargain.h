/* bargain.h: the rules of a negotiation between two partners, as pure logic.
 *
 * A negotiation has a topic, a kind (a split of several issues, or a choice of
 * one option) and a list of items (the issues or options). Each partner
 * privately gives values to the items (points that total 100, or ratings 0–10
 * with a rating of having no agreement), then the method of negotiate/fair.h makes
 * a proposal, which both accept or reopen. This module holds what may happen
 * when, checks an allocation, and writes the words of a proposal and of the
 * agreements it becomes. See docs/internals/negotiate.md.
 *
 * States, from what the two partners ("sides") have done in this round:
 *   open        the list of items may still change: not both have started
 *   allocating  both have started giving values; the list is fixed
 *   proposed    both are done; the proposal is shown to both
 *   accepted    both accepted; the results became agreements (final)
 * Reopening starts a new round: values stay as drafts, flags are cleared.
 *
 * Everything here is pure: no I/O, no allocation. Messages are written for a
 * person and set through `struct err` (status 400 for a person's mistake, 409
 * for an action that does not fit the state).
 */
#ifndef DUET_BARGAIN_H
#define DUET_BARGAIN_H

#include <stddef.h>

#include "negotiate/fair.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/err.h"

#define BARGAIN_TOPIC_MAX 120    /* characters in a topic */
#define BARGAIN_ITEM_MAX 50      /* characters in an item's name (at most FAIR_NAME_MAX bytes) */
#define BARGAIN_NONE (-1)        /* a value not given (yet) */
#define BARGAIN_TEXT_MAX 1024    /* a buffer this size holds any agreement text */

enum bargain_kind { BARGAIN_SPLIT, BARGAIN_CHOICE };

enum bargain_state { BARGAIN_OPEN, BARGAIN_ALLOCATING, BARGAIN_PROPOSED, BARGAIN_ACCEPTED };

/* What one partner has done in the current round. */
struct bargain_side {
	int started;  /* has saved values (a draft or done) */
	int done;     /* has said the values are final */
	int accepted; /* has accepted the proposal */
};

/* The state that follows from the two sides (see the table above). */
enum bargain_state bargain_state(const struct bargain_side s[2]);

/* "open", "allocating", "proposed", "accepted". */
const char *bargain_state_name(enum bargain_state st);

/* "split" or "choice". */
const char *bargain_kind_name(enum bargain_kind k);

/* Parses "split" or "choice"; -1 (400, with a message) otherwise. */
int bargain_kind_parse(const char *s, enum bargain_kind *out, struct err *e) WARN_UNUSED_RESULT;

/* "issue" or "option", for messages and pages. */
const char *bargain_noun(enum bargain_kind k);

/* The most items a negotiation of this kind may have (50 issues, 20 options). */
size_t bargain_max_items(enum bargain_kind k);

/* Checks an item's name: one line, not blank, at most BARGAIN_ITEM_MAX
 * characters of valid UTF-8, not already among names[0..n). Returns 0, or -1
 * with a message (400; 409 when the list is full). */
int bargain_check_item(enum bargain_kind k, const char *name, const char *const *names, size_t n,
		       struct err *e) WARN_UNUSED_RESULT;

/* Whether an action fits the state; 0 when it does, else -1 with a 409
 * message that says what to do instead. `nitems` is the number of items. */
int bargain_can_change_items(enum bargain_kind k, enum bargain_state st, struct err *e)
	WARN_UNUSED_RESULT;
int bargain_can_allocate(enum bargain_kind k, enum bargain_state st, size_t nitems, struct err *e)
	WARN_UNUSED_RESULT;
int bargain_can_accept(enum bargain_state st, struct err *e) WARN_UNUSED_RESULT;
int bargain_can_reopen(enum bargain_state st, struct err *e) WARN_UNUSED_RESULT;

/* Checks one partner's values for the n items (BARGAIN_NONE where not given)
 * and, for a choice, the rating of having no agreement. Every value given must
 * be in range (0..100 points, 0..10 ratings). When `done`, a split's points
 * must total exactly 100 (the message names the total), and a choice needs
 * every rating and the status quo. Returns 0, or -1 with a message (400). */
int bargain_check_values(enum bargain_kind k, const char *const *names, size_t n,
			 const long long *values, long long status_quo, int done, struct err *e)
	WARN_UNUSED_RESULT;

/* Who an agreement is for: partner a, partner b, or both. */
enum bargain_who { BARGAIN_A, BARGAIN_B, BARGAIN_BOTH };

/* A shared issue in real life: how a share strictly between 0 and 1 can be
 * lived, as turns or as time: "take turns: Ana 3 times in 4 and Ben 1 in 4
 * (3 years in 4 for something yearly), or split the time the same way". A
 * share with a large denominator is said as the nearest turns out of at most
 * 10 ("about"). Returns the length, or -1 when `size` is too small. */
int bargain_turns(char *out, size_t size, const char *const names[2],
		  const struct aw_share *share);

/* The words of the agreement that issue `item` of a split becomes, with who
 * does it: "Chores: Ana decides about Cooking." or, for the shared issue,
 * "Chores: Ana and Ben share Cooking: take turns, Ana 5 times in 6 and Ben 1
 * in 6 (…), or split the time the same way." `names` are the partners a and
 * b. Returns the length, or -1 when `size` is too small (BARGAIN_TEXT_MAX
 * always suffices for bounded input). */
int bargain_split_agreement(char *out, size_t size, const char *topic, const char *item,
			    const char *const names[2], const struct aw_share *share,
			    enum bargain_who *who /* OUT */);

/* The words of the agreement a choice becomes ("Holidays: we go with Lisbon."),
 * done by both. Returns the length, or -1 when `size` is too small. */
int bargain_choice_agreement(char *out, size_t size, const char *topic, const char *option);

/* Appends a short plain explanation of why a split is fair, one reason a line
 * (lines separated by "\n"): each gets the same share by their own values,
 * neither would swap, nothing better for both exists, and which issue (if
 * any) is shared. `names` are partners a and b. Returns 0, or -1 when the
 * buffer failed. */
int bargain_split_explain(struct buf *out, const char *const names[2], const struct aw_item *items,
			  size_t n, const struct aw_result *r) WARN_UNUSED_RESULT;

/* Appends the explanation of a choice: what a gain is, a "\n", then
 * nash_reason(). */
int bargain_choice_explain(struct buf *out, const struct nash_option *opts,
			   const struct nash_result *r) WARN_UNUSED_RESULT;

/* Writes x as a decimal with at most two places, exactly rounded ("56.67",
 * "50", "12.5"). Returns out. */
const char *bargain_decimal(char *out, size_t size, struct frac x);

#endif
