/* repair.c: the rules of a repair, loading it as a partner may see it, and the
 * JSON API (see repair.h; the pages are in repair_page.c). */
#include "repair.h"

#include "util/i18n.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "coach/coach_http.h"
#include "http/events.h"
#include "http/reqlist.h"
#include "util/timefmt.h"
#include "util/wipe.h"

const char *const repair_feelings[] = {
    "hurt",         "lonely",      "sad",         "angry",      "frustrated",   "scared",
    "worried",      "embarrassed", "ashamed",     "guilty",     "disappointed", "overwhelmed",
    "unheard",      "invisible",   "unimportant", "criticised", "left out",     "rejected",
    "defensive",    "tired",       "confused",    "jealous",    "powerless",    "misunderstood",
    "disrespected", "unloved",     "numb",        "tense",
};
const size_t repair_feelings_count = ARRAY_LEN(repair_feelings);

static const char *const step_nouns[] = {"reflection", "apology", "response", "plan"};

static int64_t today(void)
{
	int64_t now = db_now();
	return now - now % 86400;
}

/* The bookkeeping of a side's entry for a step. */
static struct repair_meta *meta_of(struct repair_side *s, int step)
{
	switch (step) {
	case REPAIR_REFLECT:
		return &s->reflection.m;
	case REPAIR_APOLOGISE:
		return &s->apology.m;
	case REPAIR_RESPOND:
		return &s->response.m;
	default:
		return &s->plan.m;
	}
}

static unsigned written_bits(struct repair_side *s)
{
	unsigned bits = 0;
	for (int k = 0; k < REPAIR_STEP_COUNT; k++)
		if (meta_of(s, k)->written)
			bits |= 1u << k;
	return bits;
}

/* Empties a side's entry for a step, keeping only whether it is written. */
static void hide(struct repair_side *s, int step)
{
	int written = meta_of(s, step)->written;
	switch (step) {
	case REPAIR_REFLECT:
		s->reflection = (struct repair_reflection){{0}};
		break;
	case REPAIR_APOLOGISE:
		s->apology = (struct repair_apology){{0}};
		break;
	case REPAIR_RESPOND:
		s->response = (struct repair_response){{0}};
		break;
	default:
		s->plan = (struct repair_plan){{0}};
		break;
	}
	meta_of(s, step)->written = written;
}

/* Loads the repair row and both sides (inside or outside a transaction). */
static int load_all(struct req *r, struct db *db, int64_t id, struct repair_row *row,
                    struct repair_side *me, struct repair_side *partner)
{
	int64_t couple = r->user->couple_id;
	int found = repair_get(db, &r->arena, couple, id, row, &r->err);
	if (found < 0)
		return -1;
	if (!found)
		return req_fail(r, 404, "not_found", "There is no such repair.");
	if (repair_side_load(db, &r->arena, couple, id, r->user->id, me, &r->err) < 0 ||
	    repair_side_load(db, &r->arena, couple, id, r->user->partner_id, partner, &r->err) < 0)
		return -1;
	return 0;
}

int repair_view_load(struct req *r, int64_t id, struct repair_view *v)
{
	memset(v, 0, sizeof *v);
	if (id < 0)
		return req_fail(r, 404, "not_found", "There is no such repair.");
	struct db *db = db_get(&r->err);
	if (!db || load_all(r, db, id, &v->row, &v->me, &v->partner) < 0)
		return -1;
	v->steps = (struct repair_steps){written_bits(&v->me), written_bits(&v->partner)};
	v->status = repair_stage_of(v->steps);
	for (int k = 0; k < REPAIR_STEP_COUNT; k++) {
		struct repair_meta *m = meta_of(&v->partner, k);
		struct reveal_input in = {REVEAL_PARTNER, m->written, meta_of(&v->me, k)->written};
		v->shown[k] = reveal_view(&in);
		if (v->shown[k] != REVEAL_FULL)
			hide(&v->partner, k);
		else if (reveal_marks_seen(REVEAL_PARTNER, v->shown[k]) && !m->seen &&
		         repair_mark_seen(db, r->user->couple_id, id, r->user->partner_id, k,
		                          &r->err) < 0)
			return -1;
	}
	v->partner.apology.coach = NULL; /* the coach speaks to the writer alone */
	return 0;
}

struct steps_ctx {
	struct req *r;
	struct repair_item *items;
	size_t n;
};

static void note_step(void *ctx, int64_t repair_id, int64_t user_id, int step)
{
	struct steps_ctx *c = ctx;
	for (size_t i = 0; i < c->n; i++) {
		if (c->items[i].row.id != repair_id)
			continue;
		if (user_id == c->r->user->id)
			c->items[i].steps.me |= 1u << step;
		else if (user_id == c->r->user->partner_id)
			c->items[i].steps.partner |= 1u << step;
	}
}

int repair_items_load(struct req *r, struct repair_item **out, size_t *n)
{
	struct db *db = db_get(&r->err);
	struct repair_row *rows;
	size_t count;
	if (!db || repair_list(db, &r->arena, r->user->couple_id, REPAIR_LIST_MAX, &rows, &count,
	                       &r->err) < 0)
		return -1;
	struct repair_item *items = arena_calloc(&r->arena, count ? count : 1, sizeof *items);
	if (!items)
		return req_fail(r, 500, "no_memory", "out of memory");
	for (size_t i = 0; i < count; i++)
		items[i].row = rows[i];
	struct steps_ctx ctx = {r, items, count};
	if (repair_steps_written(db, r->user->couple_id, note_step, &ctx, &r->err) < 0)
		return -1;
	for (size_t i = 0; i < count; i++)
		items[i].status = repair_stage_of(items[i].steps);
	*out = items;
	*n = count;
	return 0;
}

/* ---- input -------------------------------------------------------------- */

/* An optional text field, "" when absent or blank. */
static const char *opt_text(struct req *r, const char *name, const char *label, size_t max)
{
	const char *s = req_text(r, name, label, max, 0);
	if (s && s[strspn(s, " \t\r\n")] == '\0')
		return "";
	return s;
}

int repair_do_start(struct req *r, int64_t *id)
{
	const char *title = req_line(r, "title", "name for what happened", REPAIR_TITLE_MAX, 1);
	const char *day = title ? opt_text(r, "happened_on", "day it happened", 10) : NULL;
	if (!day)
		return -1;
	int64_t on = today();
	if (*day && time_parse_day(day, &on) < 0)
		return req_fail(r, 400, "invalid_date",
		                "The day it happened must be a real date written like 2026-03-14.");
	if (on > today() + 86400)
		return req_fail(r, 400, "invalid_date",
		                "The day it happened can't be in the future.");
	struct db *db = db_get(&r->err);
	if (!db || repair_insert(db, r->user->couple_id, title, on, r->user->id, id, &r->err) < 0)
		return -1;
	(void)event_emit_id(r, "repair", *id, "/repairs/{id}"); /* begun either way */
	return 0;
}

/* Joins a list with line breaks, into the request's arena. */
static const char *join_lines(struct req *r, const char **items, size_t n)
{
	struct buf b = BUF_INIT(64 * 1024);
	for (size_t i = 0; i < n; i++)
		if ((i && buf_putc(&b, '\n') < 0) || buf_puts(&b, items[i]) < 0)
			break;
	const char *s = buf_ok(&b) ? arena_strdup(&r->arena, b.data ? b.data : "") : NULL;
	buf_release(&b);
	if (!s)
		req_fail(r, 500, "no_memory", "out of memory");
	return s;
}

static int read_reflection(struct req *r, struct repair_reflection *v)
{
	const char **feel;
	size_t n;
	if (req_list(r, "feelings", "feelings_own", "feelings", REPAIR_FEELINGS_MAX,
	             REPAIR_FEELING_CHARS, &feel, &n) < 0)
		return -1;
	if (!n)
		return req_fail(r, 400, "missing", "Please choose or write at least one feeling.");
	if (!(v->feelings = join_lines(r, feel, n)) ||
	    !(v->reality = req_text(r, "reality", "your reality", REPAIR_TEXT_MAX, 1)) ||
	    !(v->triggers = opt_text(r, "triggers", "what it touched in you", REPAIR_TEXT_MAX)) ||
	    !(v->my_part = opt_text(r, "my_part", "your part", REPAIR_TEXT_MAX)))
		return -1;
	return 0;
}

static int read_apology(struct req *r, struct repair_apology *v, json_t **coach)
{
	if (!(v->text = req_text(r, "text", "apology", REPAIR_TEXT_MAX, 1)) ||
	    !(*coach = coach_check(r, v->text)))
		return -1;
	char *s = json_dumps(*coach, JSON_COMPACT);
	v->coach = s ? arena_strdup(&r->arena, s) : NULL;
	wipe_free(s);
	return v->coach ? 0 : req_fail(r, 500, "no_memory", "out of memory");
}

static int read_response(struct req *r, struct repair_response *v)
{
	if (r->json) {
		json_t *j = json_object_get(r->json, "accepted");
		if (!json_is_boolean(j))
			return req_fail(r, 400, "missing",
			                "Please say whether you accept the apology: \"accepted\" "
			                "must be true or false.");
		v->accepted = json_is_true(j);
	} else {
		const char *a = req_form(r, "accepted");
		if (!a || (strcmp(a, "yes") && strcmp(a, "no")))
			return req_fail(r, 400, "missing",
			                "Please choose: accept the apology, or say what is still "
			                "needed.");
		v->accepted = !strcmp(a, "yes");
	}
	v->still_needed = opt_text(r, "still_needed", "what is still needed", REPAIR_TEXT_MAX);
	if (!v->still_needed)
		return -1;
	if (!v->accepted && !*v->still_needed)
		return req_fail(
		    r, 400, "missing",
		    "Please say what is still needed, so that %s knows what would help.",
		    r->user->partner_name);
	return 0;
}

static int read_plan(struct req *r, struct repair_plan *v)
{
	if (!(v->mine = req_text(r, "mine", "thing you will do", REPAIR_PLAN_MAX, 1)) ||
	    !(v->partners = opt_text(r, "partners", "thing you ask", REPAIR_PLAN_MAX)))
		return -1;
	return 0;
}

/* ---- saving a step -------------------------------------------------------- */

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* 1 when the new entry differs from the old one. */
static int changed(int step, const struct repair_side *old, const struct repair_side *in)
{
	switch (step) {
	case REPAIR_REFLECT:
		return !same(old->reflection.feelings, in->reflection.feelings) ||
		       !same(old->reflection.reality, in->reflection.reality) ||
		       !same(old->reflection.triggers, in->reflection.triggers) ||
		       !same(old->reflection.my_part, in->reflection.my_part);
	case REPAIR_APOLOGISE:
		return !same(old->apology.text, in->apology.text);
	case REPAIR_RESPOND:
		return old->response.accepted != in->response.accepted ||
		       !same(old->response.still_needed, in->response.still_needed);
	default:
		return !same(old->plan.mine, in->plan.mine) ||
		       !same(old->plan.partners, in->plan.partners);
	}
}

const char *repair_write_blocked(struct req *r, struct repair_steps s, enum repair_step step)
{
	enum repair_write may = repair_stage_may_write(s, step);
	if (may == REPAIR_WRITE_OK)
		return NULL;
	if (may == REPAIR_WRITE_CLOSED)
		return "This repair is complete, and its plan is now on the agreements page. You "
		       "can change the agreements there.";
	const char *before = step_nouns[step - 1];
	int mine = (s.me >> (step - 1)) & 1, theirs = (s.partner >> (step - 1)) & 1;
	const char *msg;
	if (!mine && !theirs)
		msg = arena_printf(&r->arena, "The %s opens once you have both written your %s.",
		                   step_nouns[step], before);
	else if (!mine)
		msg = arena_printf(
		    &r->arena, "First write your %s; the %s opens once you have both done that.",
		    before, step_nouns[step]);
	else
		msg = arena_printf(&r->arena, "The %s opens once %s has written a %s too.",
		                   step_nouns[step], r->user->partner_name, before);
	return msg ? msg : "This step is not open yet.";
}

/* Turns both plans into agreements, once: each person's "mine" for them, their
 * "partners" for the other. Inside the caller's transaction. */
static int make_agreements(struct req *r, struct db *db, int64_t id, const struct repair_plan *mine,
                           const struct repair_plan *theirs, int *made)
{
	int64_t couple = r->user->couple_id, me = r->user->id, partner = r->user->partner_id;
	*made = 0;
	if (repair_claim_plan(db, couple, id, made, &r->err) < 0)
		return -1;
	if (!*made)
		return 0; /* made already, by an earlier save */
	struct {
		int64_t author, other;
		const struct repair_plan *p;
	} sides[2] = {{me, partner, mine}, {partner, me, theirs}};
	int64_t review = today() + REPAIR_REVIEW_DAYS * 86400, aid;
	for (int i = 0; i < 2; i++) {
		int k = me < partner ? i : 1 - i; /* the same order whoever finishes */
		if (agreement_insert(db, couple, sides[k].author, sides[k].p->mine, sides[k].author,
		                     0, review, "repair", id, &aid, &r->err) < 0)
			return -1;
		if (*sides[k].p->partners &&
		    agreement_insert(db, couple, sides[k].author, sides[k].p->partners,
		                     sides[k].other, 0, review, "repair", id, &aid, &r->err) < 0)
			return -1;
	}
	return 0;
}

static int write_step(struct req *r, struct db *db, int64_t id, enum repair_step step,
                      const struct repair_side *in, struct repair_side *me,
                      struct repair_side *partner, int *agreements)
{
	int64_t couple = r->user->couple_id, uid = r->user->id;
	struct repair_meta *old = meta_of(me, step);
	int edited = old->written && reveal_edit_marked_edited(old->seen) && changed(step, me, in);
	switch (step) {
	case REPAIR_REFLECT:
		return repair_put_reflection(db, couple, id, uid, &in->reflection, edited, &r->err);
	case REPAIR_APOLOGISE:
		return repair_put_apology(db, couple, id, uid, &in->apology, edited, &r->err);
	case REPAIR_RESPOND:
		return repair_put_response(db, couple, id, uid, &in->response, edited, &r->err);
	default:
		if (repair_put_plan(db, couple, id, uid, &in->plan, &r->err) < 0)
			return -1;
		return partner->plan.m.written
		           ? make_agreements(r, db, id, &in->plan, &partner->plan, agreements)
		           : 0;
	}
}

static const char conflict_key; /* req_memo: the entry saved now (repair_conflict) */

const struct repair_conflict *repair_conflict_get(struct req *r)
{
	return req_memo_get(r, &conflict_key);
}

/* Edits from two devices: a change may say which version of the caller's
 * entry it was made from ("version", 0 for none yet); when the entry has
 * moved on since, nothing is saved (409 edit_conflict) and the entry as it is
 * now is kept in the request for the reply (repair_conflict_get). */
static int check_version(struct req *r, const struct repair_side *me, enum repair_step step)
{
	const struct repair_meta *m = meta_of((struct repair_side *)me, step);
	int64_t version;
	int present;
	if (req_int(r, "version", "version", 0, INT64_MAX, 0, &version, &present) < 0)
		return -1;
	if (!present || version == (m->written ? m->version : 0))
		return 0;
	struct repair_conflict *c = arena_alloc(&r->arena, sizeof *c);
	if (c) {
		c->step = step;
		c->saved = *me; /* its strings are the request's already */
		req_memo_put(r, &conflict_key, c);
	}
	return req_fail(r, 409, "edit_conflict",
	                "This step was changed somewhere else (another device or tab) after this "
	                "page was opened, so this change wasn't saved. Compare the two and save "
	                "the one you want to keep.");
}

int repair_do_step(struct req *r, int64_t id, enum repair_step step, json_t **coach,
                   int *agreements)
{
	struct repair_side in = {0};
	json_t *result = NULL;
	int rc = 0;
	*agreements = 0;
	if (id < 0)
		return req_fail(r, 404, "not_found", "There is no such repair.");
	switch (step) {
	case REPAIR_REFLECT:
		rc = read_reflection(r, &in.reflection);
		break;
	case REPAIR_APOLOGISE:
		rc = read_apology(r, &in.apology, &result);
		break;
	case REPAIR_RESPOND:
		rc = read_response(r, &in.response);
		break;
	default:
		rc = read_plan(r, &in.plan);
		break;
	}
	struct db *db = rc < 0 ? NULL : db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0) {
		json_decref(result);
		return -1;
	}
	struct repair_row row;
	struct repair_side me, partner;
	rc = load_all(r, db, id, &row, &me, &partner);
	if (rc == 0) {
		struct repair_steps s = {written_bits(&me), written_bits(&partner)};
		const char *blocked = repair_write_blocked(r, s, step);
		if (blocked)
			rc = req_fail(r, 409,
			              repair_stage_may_write(s, step) == REPAIR_WRITE_CLOSED
			                  ? "finished"
			                  : "not_yet",
			              "%s", blocked);
		else if (check_version(r, &me, step) < 0)
			rc = -1;
		else
			rc = write_step(r, db, id, step, &in, &me, &partner, agreements);
	}
	if (rc == 0)
		rc = event_emit_id(r, "repair", id, "/repairs/{id}");
	if (rc < 0 || db_commit(db, &r->err) < 0) {
		db_rollback(db);
		json_decref(result);
		*agreements = 0;
		return -1;
	}
	if (coach)
		*coach = result;
	else
		json_decref(result);
	return 0;
}

/* ---- JSON --------------------------------------------------------------- */

static json_t *person_json(struct req *r, int64_t id)
{
	if (id && id == r->user->id)
		return json_pack("{s:I,s:s}", "id", (json_int_t)id, "name", r->user->name);
	if (id && id == r->user->partner_id)
		return json_pack("{s:I,s:s}", "id", (json_int_t)id, "name", r->user->partner_name);
	return json_null();
}

static json_t *summary_json(struct req *r, const struct repair_row *row,
                            const struct repair_status *st)
{
	const char *waiting = repair_waiting_name(st->waiting);
	return json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,s:o}", "id", (json_int_t)row->id, "title",
	                 row->title, "happened_on", time_day(&r->arena, row->happened_on),
	                 "started_by", person_json(r, row->started_by), "created_at",
	                 time_iso(&r->arena, row->created), "stage", repair_stage_name(st->stage),
	                 "waiting_for", waiting ? json_string(waiting) : json_null());
}

static json_t *lines_json(const char *s)
{
	json_t *arr = json_array();
	while (s && *s) {
		size_t n = strcspn(s, "\n");
		json_array_append_new(arr, json_stringn(s, n));
		s += n + (s[n] == '\n');
	}
	return arr;
}

/* One entry: {"written": false}, or {"written": true} alone when it is hidden,
 * or the entry in full. */
static json_t *entry_json(struct req *r, struct repair_side *s, int step, int full, int own)
{
	struct repair_meta *m = meta_of(s, step);
	if (!m->written || !full)
		return json_pack("{s:b}", "written", m->written);
	json_t *o = json_pack("{s:b,s:s,s:s}", "written", 1, "written_at",
	                      time_iso(&r->arena, m->written_at), "updated_at",
	                      time_iso(&r->arena, m->updated_at));
	if (step != REPAIR_PLAN)
		json_object_set_new(o, "edited", json_boolean(m->edited));
	if (own)
		json_object_set_new(o, "version", json_integer(m->version));
	switch (step) {
	case REPAIR_REFLECT:
		json_object_set_new(o, "feelings", lines_json(s->reflection.feelings));
		json_object_set_new(o, "reality", json_string(s->reflection.reality));
		json_object_set_new(o, "triggers", json_string(s->reflection.triggers));
		json_object_set_new(o, "my_part", json_string(s->reflection.my_part));
		break;
	case REPAIR_APOLOGISE:
		json_object_set_new(o, "text", json_string(s->apology.text));
		if (own) {
			json_t *c = json_loads(s->apology.coach, 0, NULL);
			json_object_set_new(o, "coach", c ? c : json_null());
		}
		break;
	case REPAIR_RESPOND:
		json_object_set_new(o, "accepted", json_boolean(s->response.accepted));
		json_object_set_new(o, "still_needed", json_string(s->response.still_needed));
		break;
	default:
		json_object_set_new(o, "mine", json_string(s->plan.mine));
		json_object_set_new(o, "partners", json_string(s->plan.partners));
		break;
	}
	return o;
}

static json_t *side_json(struct req *r, struct repair_view *v, int own)
{
	static const char *const keys[] = {"reflection", "apology", "response", "plan"};
	struct repair_side *s = own ? &v->me : &v->partner;
	json_t *o = own ? json_object()
	                : json_pack("{s:I,s:s}", "id", (json_int_t)r->user->partner_id, "name",
	                            r->user->partner_name);
	for (int k = 0; k < REPAIR_STEP_COUNT; k++)
		json_object_set_new(o, keys[k],
		                    entry_json(r, s, k, own || v->shown[k] == REVEAL_FULL, own));
	return o;
}

static json_t *repair_json(struct req *r, struct repair_view *v)
{
	json_t *o = summary_json(r, &v->row, &v->status);
	json_object_set_new(o, "completed_at",
	                    v->row.planned_at ? json_string(time_iso(&r->arena, v->row.planned_at))
	                                      : json_null());
	json_object_set_new(o, "me", side_json(r, v, 1));
	json_object_set_new(o, "partner", side_json(r, v, 0));
	return o;
}

/* ---- API handlers ------------------------------------------------------- */

/* Answers {"repair": …} (plus `extra`'s members) for repair id. */
static int answer(struct req *r, int status, int64_t id, json_t *extra)
{
	struct repair_view v;
	if (repair_view_load(r, id, &v) < 0) {
		json_decref(extra);
		return -1;
	}
	json_t *o = extra ? extra : json_object();
	json_object_set_new(o, "repair", repair_json(r, &v));
	return resp_json(r, status, o);
}

int repair_api_create(struct req *r)
{
	int64_t id;
	return repair_do_start(r, &id) < 0 ? -1 : answer(r, 201, id, NULL);
}

int repair_api_list(struct req *r)
{
	struct repair_item *items;
	size_t n;
	if (repair_items_load(r, &items, &n) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, summary_json(r, &items[i].row, &items[i].status));
	return resp_json(r, 200, json_pack("{s:o}", "repairs", arr));
}

int repair_api_get(struct req *r)
{
	return answer(r, 200, req_param_id(r, 0), NULL);
}

/* PUT of one step's entry. */
static int api_step(struct req *r, enum repair_step step)
{
	int64_t id = req_param_id(r, 0);
	json_t *coach = NULL;
	int made;
	if (repair_do_step(r, id, step, step == REPAIR_APOLOGISE ? &coach : NULL, &made) < 0) {
		const struct repair_conflict *c = repair_conflict_get(r);
		if (!c || strcmp(r->err.code, "edit_conflict"))
			return -1;
		/* the entry as it is now, in the shape GET gives it, beside the error */
		struct repair_side saved = c->saved;
		json_t *cur = entry_json(r, &saved, c->step, 1, 1);
		if (cur && !json_object_get(cur, "version")) /* nothing saved now: version 0 */
			json_object_set_new(cur, "version", json_integer(0));
		json_t *j = json_pack("{s:{s:s,s:s},s:o}", "error", "code", r->err.code, "message",
		                      r->err.msg, "current", cur);
		err_clear(&r->err);
		return resp_json(r, 409, j);
	}
	json_t *extra = json_object();
	if (coach)
		json_object_set_new(extra, "coach", coach);
	if (step == REPAIR_PLAN)
		json_object_set_new(extra, "agreements_made", json_boolean(made));
	return answer(r, 200, id, extra);
}

int repair_api_reflection(struct req *r)
{
	return api_step(r, REPAIR_REFLECT);
}

int repair_api_apology(struct req *r)
{
	return api_step(r, REPAIR_APOLOGISE);
}

int repair_api_response(struct req *r)
{
	return api_step(r, REPAIR_RESPOND);
}

int repair_api_plan(struct req *r)
{
	return api_step(r, REPAIR_PLAN);
}
