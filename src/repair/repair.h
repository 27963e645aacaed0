/* repair.h: repair after a hurt, as pages and JSON API. A repair goes through
 * four steps that each partner writes on their own (repair/repair_stage.h): a
 * reflection, an apology (with the message coach alongside), a response to the
 * other's apology, and a plan whose items become agreements once both have
 * written theirs. What a partner wrote for a step is shown to the other only
 * once both have written theirs (lib/reveal.h).
 *
 * repair.c holds the rules, loading and the API; repair_page.c the pages. */
#ifndef DUET_REPAIR_H
#define DUET_REPAIR_H

#include "agreements/agreement.h"
#include "lib/reveal.h"
#include "http/request.h"
#include "repair_store.h"

#define REPAIR_TITLE_MAX 120
#define REPAIR_TEXT_MAX 4000 /* reality, triggers, my part, apology, still needed */
#define REPAIR_PLAN_MAX AGREEMENT_TEXT_MAX
#define REPAIR_FEELINGS_MAX 16
#define REPAIR_FEELING_CHARS 40
#define REPAIR_REVIEW_DAYS 14 /* the plan's agreements are looked at again then */
#define REPAIR_LIST_MAX 500

/* One repair as the signed-in partner may see it. The partner's entries hold
 * only `m.written` unless shown[step] is REVEAL_FULL; the partner's coach result
 * is never loaded into it. */
struct repair_view {
	struct repair_row row;
	struct repair_side me, partner;
	struct repair_steps steps;
	struct repair_status status;
	enum reveal_view shown[REPAIR_STEP_COUNT];
};

/* A repair in the couple's list. */
struct repair_item {
	struct repair_row row;
	struct repair_steps steps;
	struct repair_status status;
};

/* Loads repair `id` for the signed-in partner, hiding what the reveal rule hides
 * and recording what the partner has now seen. -1 with r->err (404 when it is
 * not the couple's). */
int repair_view_load(struct req *r, int64_t id, struct repair_view *v) WARN_UNUSED_RESULT;

/* The couple's repairs with their stages, newest first; *out owned by the request. */
int repair_items_load(struct req *r, struct repair_item **out, size_t *n) WARN_UNUSED_RESULT;

/* Starts a repair from the request's "title" and "happened_on"; *id set. */
int repair_do_start(struct req *r, int64_t *id) WARN_UNUSED_RESULT;

/* Saves the signed-in partner's entry for `step` from the request (JSON or form).
 * For the apology, *coach receives the coach's result (caller decrefs) when coach
 * is not NULL. *agreements is set to 1 when this save turned both plans into
 * agreements. -1 with r->err: 400 bad input, 404 no such repair, 409 the step is
 * not open yet or the repair is finished. */
int repair_do_step(struct req *r, int64_t id, enum repair_step step, json_t **coach,
                   int *agreements) WARN_UNUSED_RESULT;

/* After repair_do_step() failed with 409 edit_conflict: the step and the
 * caller's entries as they are now (borrowed, owned by the request), so that
 * the reply can show them beside what the person wrote. NULL otherwise. */
struct repair_conflict {
	enum repair_step step;
	struct repair_side saved;
};
const struct repair_conflict *repair_conflict_get(struct req *r);

/* Why "me" cannot write `step` now, for a person ("The apology opens once Ben has
 * written a reflection too."), owned by the request; NULL when they can. */
const char *repair_write_blocked(struct req *r, struct repair_steps s, enum repair_step step);

/* The apology page for repair `id` with its text box holding `draft` (the
 * journal's "start an apology from this"); `note` says where the draft came from.
 * Nothing is saved until the person saves it there. */
int repair_apology_draft(struct req *r, int64_t id, const char *draft, const char *note);

/* The feeling words offered on the reflection page. */
extern const char *const repair_feelings[];
extern const size_t repair_feelings_count;

/* JSON API */
int repair_api_create(struct req *r);
int repair_api_list(struct req *r);
int repair_api_get(struct req *r);
int repair_api_reflection(struct req *r);
int repair_api_apology(struct req *r);
int repair_api_response(struct req *r);
int repair_api_plan(struct req *r);

/* pages (repair_page.c) */

/* The home page's note: the repairs where the partner waits for the signed-in
 * person; for someone without a partner yet, what works alone. */
int repair_home(struct req *r) WARN_UNUSED_RESULT;

int repair_page_list(struct req *r);
int repair_page_new(struct req *r);
int repair_post_create(struct req *r);
int repair_page_show(struct req *r);
int repair_page_reflection(struct req *r);
int repair_post_reflection(struct req *r);
int repair_page_apology(struct req *r);
int repair_post_apology(struct req *r);
int repair_page_response(struct req *r);
int repair_post_response(struct req *r);
int repair_page_plan(struct req *r);
int repair_post_plan(struct req *r);

#endif
