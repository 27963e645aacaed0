/* negotiation.c: loading a negotiation as one partner may see it, the
 * actions on it, and the JSON API (see negotiation.h). */
#include "negotiation.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "agreements/agreement.h"
#include "http/events.h"
#include "lib/reveal.h"
#include "fair_json.h"
#include "util/timefmt.h"

#define AGREEMENTS_PER_NEGOTIATION AW_MAX_ITEMS

static const char *not_found = "There is no such negotiation. It may have been in a couple "
			       "space that no longer exists.";

/* ---- loading ------------------------------------------------------------ */

static int side_may_be_seen(const struct neg_view *v, int k)
{
	const struct neg_side *s = v->n.side;
	struct reveal_input in;
	if (k == v->me) /* one's own values, a draft included, even after reopening */
		in = (struct reveal_input){ REVEAL_AUTHOR, 1, s[1 - k].done };
	else
		in = (struct reveal_input){ REVEAL_PARTNER, s[k].done, s[v->me].done };
	return reveal_view(&in) == REVEAL_FULL;
}

static int compute_proposal(struct req *r, struct neg_view *v)
{
	size_t n = v->n.nitems;
	if (v->kind == BARGAIN_SPLIT) {
		v->aw = arena_calloc(&r->arena, n ? n : 1, sizeof *v->aw);
		if (!v->aw)
			return req_fail(r, 500, "no_memory", "out of memory");
		for (size_t i = 0; i < n; i++) {
			long long a = v->values[0][i], b = v->values[1][i]; /* left out: 0 */
			v->aw[i] = (struct aw_item){ v->n.items[i].name, a < 0 ? 0 : a,
						     b < 0 ? 0 : b };
		}
		if (aw_split(v->aw, n, &v->split, &r->err) < 0)
			return req_fail(r, 500, "inconsistent",
					"This negotiation's points no longer add up; reopen it and "
					"check them.");
		return 0;
	}
	v->opts = arena_calloc(&r->arena, n ? n : 1, sizeof *v->opts);
	if (!v->opts)
		return req_fail(r, 500, "no_memory", "out of memory");
	for (size_t i = 0; i < n; i++)
		v->opts[i] = (struct nash_option){ v->n.items[i].name, v->values[0][i],
						   v->values[1][i] };
	if (nash_choose(v->opts, n, v->n.side[0].status_quo, v->n.side[1].status_quo, &v->choice,
			&r->err) < 0)
		return req_fail(r, 500, "inconsistent",
				"This negotiation's ratings are incomplete; reopen it and check "
				"them.");
	return 0;
}

int neg_load(struct req *r, struct db *db, int64_t id, struct neg_view *v)
{
	memset(v, 0, sizeof *v);
	struct user *u = r->user;
	v->me = u->id < u->partner_id ? 0 : 1;
	v->uid[v->me] = u->id;
	v->uid[1 - v->me] = u->partner_id;
	v->names[v->me] = u->name;
	v->names[1 - v->me] = u->partner_name;
	int found = negotiation_get(db, &r->arena, u->couple_id, id, v->uid, &v->n, &r->err);
	if (found <= 0)
		return found < 0 ? -1 : req_fail(r, 404, "not_found", "%s", not_found);
	if (bargain_kind_parse(v->n.kind, &v->kind, NULL) < 0)
		return req_fail(r, 500, "inconsistent", "This negotiation is of an unknown kind.");
	struct bargain_side s[2];
	for (int k = 0; k < 2; k++)
		s[k] = (struct bargain_side){ v->n.side[k].started, v->n.side[k].done,
					      v->n.side[k].accepted };
	v->state = bargain_state(s);
	for (int k = 0; k < 2; k++) {
		if (!side_may_be_seen(v, k))
			continue;
		v->values[k] = arena_calloc(&r->arena, v->n.nitems ? v->n.nitems : 1,
					    sizeof *v->values[k]);
		if (!v->values[k])
			return req_fail(r, 500, "no_memory", "out of memory");
		if (negotiation_values_get(db, u->couple_id, id, v->uid[k], v->n.items, v->n.nitems,
					   v->values[k], &r->err) < 0)
			return -1;
	}
	if (v->state >= BARGAIN_PROPOSED && compute_proposal(r, v) < 0)
		return -1;
	if (v->state == BARGAIN_ACCEPTED &&
	    agreement_list_from(db, &r->arena, u->couple_id, "negotiation", id,
				AGREEMENTS_PER_NEGOTIATION, &v->agreements, &v->nagreements,
				&r->err) < 0)
		return -1;
	return 0;
}

/* ---- actions ------------------------------------------------------------ */

/* s without spaces, tabs and line ends around it; owned by the request. */
static char *trimmed(struct req *r, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return arena_strndup(&r->arena, s, n);
}

/* Adds name to names[0..*n) after checking it; -1 with r->err set. */
static int take_item(struct req *r, enum bargain_kind kind, const char *raw, const char **names,
		     size_t *n)
{
	char *name = trimmed(r, raw);
	if (!name)
		return req_fail(r, 500, "no_memory", "out of memory");
	if (*n >= bargain_max_items(kind))
		return req_fail(r, 400, "too_many_items", "A negotiation can have at most %zu %ss.",
				bargain_max_items(kind), bargain_noun(kind));
	if (bargain_check_item(kind, name, names, *n, &r->err) < 0)
		return -1;
	names[(*n)++] = name;
	return 0;
}

/* The items of a new negotiation: a JSON list of names, or a form's text
 * with one name a line (blank lines skipped). */
static int read_items(struct req *r, enum bargain_kind kind, const char ***out, size_t *n)
{
	size_t max = bargain_max_items(kind);
	const char **names = arena_calloc(&r->arena, max, sizeof *names);
	if (!names)
		return req_fail(r, 500, "no_memory", "out of memory");
	*out = names;
	*n = 0;
	if (r->json) {
		json_t *list = json_object_get(r->json, "items");
		if (!list || json_is_null(list))
			return 0;
		if (!json_is_array(list))
			return req_fail(r, 400, "invalid",
					"The items must be a list of names, like [\"Cooking\", "
					"\"Dishes\"].");
		size_t i;
		json_t *el;
		json_array_foreach(list, i, el) {
			if (!json_is_string(el) ||
			    strlen(json_string_value(el)) != json_string_length(el))
				return req_fail(r, 400, "invalid",
						"Item %zu must be a name, written as text.", i + 1);
			if (take_item(r, kind, json_string_value(el), names, n) < 0)
				return -1;
		}
		return 0;
	}
	const char *text = req_text(r, "items", "list", 8000, 0);
	if (!text)
		return -1;
	while (*text) {
		size_t len = strcspn(text, "\n");
		char *line = arena_strndup(&r->arena, text, len);
		if (!line)
			return req_fail(r, 500, "no_memory", "out of memory");
		char *t = trimmed(r, line);
		if (t && *t && take_item(r, kind, t, names, n) < 0)
			return -1;
		text += len + (text[len] == '\n');
	}
	return 0;
}

int neg_do_create(struct req *r, int64_t *id)
{
	const char *topic = req_line(r, "topic", "topic", BARGAIN_TOPIC_MAX, 1);
	const char *kind_s = topic ? req_text(r, "kind", "kind", 10, 0) : NULL;
	enum bargain_kind kind;
	const char **names = NULL;
	size_t n = 0;
	if (!kind_s || bargain_kind_parse(*kind_s ? kind_s : "split", &kind, &r->err) < 0 ||
	    read_items(r, kind, &names, &n) < 0)
		return -1;
	char *t = trimmed(r, topic);
	if (!t)
		return req_fail(r, 500, "no_memory", "out of memory");
	for (const char *p = t; *p; p++)
		if ((unsigned char)*p < 0x20)
			return req_fail(r, 400, "invalid", "Please keep the topic to one line.");
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	if (negotiation_insert(db, r->user->couple_id, r->user->id, t, bargain_kind_name(kind), id,
			       &r->err) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (negotiation_item_add(db, r->user->couple_id, *id, names[i], r->user->id,
					 &r->err) < 0)
			goto fail;
	if (event_emit_id(r, "negotiation", *id, "/negotiations/{id}") < 0)
		goto fail;
	return db_commit(db, &r->err);
fail:
	db_rollback(db);
	return -1;
}

/* The side flags as negotiate/bargain sees them. */
static enum bargain_state state_of(const struct neg_view *v)
{
	struct bargain_side s[2];
	for (int k = 0; k < 2; k++)
		s[k] = (struct bargain_side){ v->n.side[k].started, v->n.side[k].done,
					      v->n.side[k].accepted };
	return bargain_state(s);
}

/* Stores the state that follows from v's (updated) side flags. */
static int restate(struct req *r, struct db *db, struct neg_view *v, int64_t accepted_at)
{
	v->state = state_of(v);
	return negotiation_set_state(db, r->user->couple_id, v->n.id, bargain_state_name(v->state),
				     accepted_at, &r->err);
}

/* Starts the transaction of an action and loads the negotiation inside it. */
static struct db *begin(struct req *r, int64_t id, struct neg_view *v)
{
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return NULL;
	if (neg_load(r, db, id, v) < 0) {
		db_rollback(db);
		return NULL;
	}
	return db;
}

/* Tells the partner's pages, commits, and loads the negotiation again as it
 * is now. */
static int finish(struct req *r, struct db *db, int64_t id, struct neg_view *v)
{
	if (event_emit_id(r, "negotiation", id, "/negotiations/{id}") < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, &r->err) < 0)
		return -1;
	return neg_load(r, db, id, v);
}

/* After the items changed: nobody is done any more. */
static int items_changed(struct req *r, struct db *db, struct neg_view *v)
{
	for (int k = 0; k < 2; k++)
		v->n.side[k].done = v->n.side[k].accepted = 0;
	if (negotiation_sides_reset(db, r->user->couple_id, v->n.id, 0, &r->err) < 0)
		return -1;
	return restate(r, db, v, 0);
}

int neg_do_add_item(struct req *r, int64_t id, struct neg_view *v)
{
	const char *raw = req_line(r, "name", "name", BARGAIN_ITEM_MAX * 2, 1);
	if (!raw)
		return -1;
	char *name = trimmed(r, raw);
	if (!name)
		return req_fail(r, 500, "no_memory", "out of memory");
	struct db *db = begin(r, id, v);
	if (!db)
		return -1;
	const char **names = arena_calloc(&r->arena, v->n.nitems + 1, sizeof *names);
	if (!names) {
		req_fail(r, 500, "no_memory", "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < v->n.nitems; i++)
		names[i] = v->n.items[i].name;
	if (bargain_can_change_items(v->kind, v->state, &r->err) < 0 ||
	    bargain_check_item(v->kind, name, names, v->n.nitems, &r->err) < 0 ||
	    negotiation_item_add(db, r->user->couple_id, id, name, r->user->id, &r->err) < 0 ||
	    items_changed(r, db, v) < 0)
		goto fail;
	return finish(r, db, id, v);
fail:
	db_rollback(db);
	return -1;
}

int neg_do_remove_item(struct req *r, int64_t id, struct neg_view *v)
{
	int64_t item_id = req_param_id(r, 1);
	if (item_id < 0)
		return req_fail(r, 404, "not_found", "There is no such item.");
	struct db *db = begin(r, id, v);
	if (!db)
		return -1;
	int removed = 0;
	if (bargain_can_change_items(v->kind, v->state, &r->err) < 0 ||
	    (removed = negotiation_item_remove(db, r->user->couple_id, id, item_id, &r->err)) < 0)
		goto fail;
	if (!removed) {
		req_fail(r, 404, "not_found", "That %s is not in this negotiation any more.",
			 bargain_noun(v->kind));
		goto fail;
	}
	if (items_changed(r, db, v) < 0)
		goto fail;
	return finish(r, db, id, v);
fail:
	db_rollback(db);
	return -1;
}

/* A form field holding a whole number, or nothing: *out -1 when empty. */
static int form_value(struct req *r, const char *field, const char *what, const char *label,
		      long long *out)
{
	const char *s = req_form(r, field);
	*out = -1;
	if (!s)
		return 0;
	while (*s == ' ')
		s++;
	if (!*s)
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || errno || v < 0 || v > 1000000)
		return req_fail(r, 400, "invalid",
				"The %s for %s must be a whole number from 0 up.", what, label);
	*out = v;
	return 0;
}

/* Reads the viewer's values for every item, and the status quo, from the
 * JSON body or the form (fields "v<item id>" and "status_quo"). */
static int read_values(struct req *r, const struct neg_view *v, long long *values,
		       long long *status_quo, int *done)
{
	size_t n = v->n.nitems;
	int choice = v->kind == BARGAIN_CHOICE;
	const char *what = choice ? "rating" : "points";
	if (r->json) {
		const char **names = arena_calloc(&r->arena, n ? n : 1, sizeof *names);
		if (!names)
			return req_fail(r, 500, "no_memory", "out of memory");
		for (size_t i = 0; i < n; i++)
			names[i] = v->n.items[i].name;
		json_t *d = json_object_get(r->json, "done");
		if (d && !json_is_null(d) && !json_is_boolean(d))
			return req_fail(r, 400, "invalid", "\"done\" must be true or false.");
		*done = !d || json_is_null(d) || json_is_true(d);
		return fair_alloc_from_json(r->json, choice, names, n, values, status_quo, &r->err);
	}
	const char *d = req_form(r, "done");
	*done = d && !strcmp(d, "1");
	char field[32], label[FAIR_LABEL_MAX];
	for (size_t i = 0; i < n; i++) {
		snprintf(field, sizeof field, "v%lld", (long long)v->n.items[i].id);
		fair_label(label, sizeof label, bargain_noun(v->kind), i, v->n.items[i].name);
		if (form_value(r, field, what, label, &values[i]) < 0)
			return -1;
	}
	*status_quo = -1;
	return choice ? form_value(r, "status_quo", "rating", "having no agreement", status_quo)
		      : 0;
}

/* The request's memo of the values the viewer posted (neg_posted_value). */
static const char posted_key;

struct posted {
	size_t n;
	const struct neg_item *items;
	const long long *values;
};

long long neg_posted_value(struct req *r, int64_t item_id, int *found)
{
	const struct posted *p = req_memo_get(r, &posted_key);
	*found = 0;
	for (size_t i = 0; p && i < p->n; i++)
		if (p->items[i].id == item_id) {
			*found = 1;
			return p->values[i];
		}
	return -1;
}

int neg_do_allocate(struct req *r, int64_t id, struct neg_view *v)
{
	struct db *db = begin(r, id, v);
	if (!db)
		return -1;
	size_t n = v->n.nitems;
	long long *values = arena_calloc(&r->arena, n ? n : 1, sizeof *values), status_quo;
	const char **names = arena_calloc(&r->arena, n ? n : 1, sizeof *names);
	int done = 0;
	if (!values || !names) {
		req_fail(r, 500, "no_memory", "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < n; i++)
		names[i] = v->n.items[i].name;
	if (bargain_can_allocate(v->kind, v->state, n, &r->err) < 0 ||
	    read_values(r, v, values, &status_quo, &done) < 0)
		goto fail;
	struct posted *p = arena_alloc(&r->arena, sizeof *p);
	if (p) {
		*p = (struct posted){ n, v->n.items, values };
		req_memo_put(r, &posted_key, p);
	}
	if (bargain_check_values(v->kind, names, n, values, status_quo, done, &r->err) < 0 ||
	    negotiation_side_save(db, r->user->couple_id, id, r->user->id, v->n.items, n, values,
				  status_quo, done, &r->err) < 0)
		goto fail;
	struct neg_side *mine = &v->n.side[v->me];
	mine->started = 1;
	mine->done = done;
	mine->accepted = 0;
	if (restate(r, db, v, 0) < 0)
		goto fail;
	return finish(r, db, id, v);
fail:
	db_rollback(db);
	return -1;
}

/* Turns the accepted proposal into agreements, one per issue of a split or
 * one for the chosen option, to be looked at again in two weeks. */
static int make_agreements(struct req *r, struct db *db, const struct neg_view *v)
{
	int64_t now = db_now();
	int64_t review = now - now % 86400 + NEGOTIATION_REVIEW_DAYS * 86400;
	char text[BARGAIN_TEXT_MAX];
	int64_t aid;
	if (v->kind == BARGAIN_CHOICE) {
		const char *opt = v->opts[v->choice.ranking[0].index].name;
		if (bargain_choice_agreement(text, sizeof text, v->n.topic, opt) < 0)
			return req_fail(r, 500, "too_long", "The agreement's words grew too long.");
		return agreement_insert(db, r->user->couple_id, r->user->id, text, 0, 1, review,
					"negotiation", v->n.id, &aid, &r->err);
	}
	for (size_t i = 0; i < v->n.nitems; i++) {
		enum bargain_who who;
		if (bargain_split_agreement(text, sizeof text, v->n.topic, v->aw[i].name, v->names,
					    &v->split.share[i], &who) < 0)
			return req_fail(r, 500, "too_long", "The agreement's words grew too long.");
		int64_t doer = who == BARGAIN_BOTH ? 0 : v->uid[who];
		if (agreement_insert(db, r->user->couple_id, r->user->id, text, doer,
				     who == BARGAIN_BOTH, review, "negotiation", v->n.id, &aid,
				     &r->err) < 0)
			return -1;
	}
	return 0;
}

int neg_do_accept(struct req *r, int64_t id, struct neg_view *v)
{
	struct db *db = begin(r, id, v);
	if (!db)
		return -1;
	if (bargain_can_accept(v->state, &r->err) < 0)
		goto fail;
	if (v->n.side[v->me].accepted) { /* already: nothing changes */
		db_rollback(db);
		return 0;
	}
	if (v->kind == BARGAIN_CHOICE && v->choice.choice < 0) {
		req_fail(r, 409, "no_choice",
			 "None of the options is better than no agreement for both of you, so "
			 "there is nothing to accept. Reopen it to add or rethink options.");
		goto fail;
	}
	if (negotiation_side_accept(db, r->user->couple_id, id, r->user->id, &r->err) < 0)
		goto fail;
	v->n.side[v->me].accepted = 1;
	int settled = state_of(v) == BARGAIN_ACCEPTED;
	if ((settled && make_agreements(r, db, v) < 0) ||
	    restate(r, db, v, settled ? db_now() : 0) < 0)
		goto fail;
	return finish(r, db, id, v);
fail:
	db_rollback(db);
	return -1;
}

int neg_do_reopen(struct req *r, int64_t id, struct neg_view *v)
{
	struct db *db = begin(r, id, v);
	if (!db)
		return -1;
	if (bargain_can_reopen(v->state, &r->err) < 0 ||
	    negotiation_sides_reset(db, r->user->couple_id, id, 1, &r->err) < 0)
		goto fail;
	for (int k = 0; k < 2; k++)
		v->n.side[k] = (struct neg_side){ 0, 0, 0, v->n.side[k].status_quo };
	if (restate(r, db, v, 0) < 0)
		goto fail;
	return finish(r, db, id, v);
fail:
	db_rollback(db);
	return -1;
}

/* ---- JSON --------------------------------------------------------------- */

static const char *whose(const struct neg_view *v, int64_t user_id)
{
	if (!user_id)
		return NULL;
	return user_id == v->uid[v->me] ? "me" : "partner";
}

/* The values side k gave, when the viewer may see them and there are any. */
static json_t *allocation_json(const struct neg_view *v, int k)
{
	if (!v->values[k])
		return json_null();
	json_t *map = json_object();
	for (size_t i = 0; i < v->n.nitems; i++)
		if (v->values[k][i] >= 0)
			json_object_set_new(map, v->n.items[i].name,
					    json_integer(v->values[k][i]));
	if (!json_object_size(map) && v->n.side[k].status_quo < 0 && !v->n.side[k].started) {
		json_decref(map);
		return json_null();
	}
	if (v->kind == BARGAIN_SPLIT)
		return json_pack("{s:o}", "points", map);
	long long sq = v->n.side[k].status_quo;
	return json_pack("{s:o,s:o}", "ratings", map, "status_quo",
			 sq >= 0 ? json_integer(sq) : json_null());
}

static json_t *side_json(const struct neg_view *v, int k)
{
	const struct neg_side *s = &v->n.side[k];
	json_t *o = json_pack("{s:b,s:b,s:b,s:o}", "started", s->started, "done", s->done,
			      "accepted", s->accepted, "allocation", allocation_json(v, k));
	if (o && k != v->me) {
		json_object_set_new(o, "id", json_integer(v->uid[k]));
		json_object_set_new(o, "name", json_string(v->names[k]));
	}
	return o;
}

static json_t *split_json(struct req *r, const struct neg_view *v)
{
	int me = v->me, other = 1 - v->me;
	const struct aw_result *s = &v->split;
	json_t *alloc = json_array();
	for (size_t i = 0; i < v->n.nitems; i++) {
		struct frac share[2] = { s->share[i].a, s->share[i].b };
		json_array_append_new(
			alloc, json_pack("{s:s,s:o,s:o,s:o,s:o}", "name", v->aw[i].name, "me",
					 fair_json_frac(share[me]), "partner",
					 fair_json_frac(share[other]), "me_share",
					 fair_json_real6(share[me]), "partner_share",
					 fair_json_real6(share[other])));
	}
	struct frac total[2] = { s->total_a, s->total_b };
	struct buf ex = BUF_INIT(4096);
	if (bargain_split_explain(&ex, v->names, v->aw, v->n.nitems, s) < 0) {
		buf_release(&ex);
		json_decref(alloc);
		req_fail(r, 500, "no_memory", "out of memory");
		return NULL;
	}
	json_t *o = json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:s?,s:s}", "method", "adjusted_winner",
			      "allocation", alloc, "me_total", fair_json_frac(total[me]),
			      "partner_total", fair_json_frac(total[other]), "me_points",
			      fair_json_real6(total[me]), "partner_points",
			      fair_json_real6(total[other]), "split",
			      s->split < 0 ? NULL : v->aw[s->split].name, "explanation", ex.data);
	buf_release(&ex);
	return o;
}

/* The shape of `duet choose`, with the gains from the viewer's side. */
static json_t *choice_json(struct req *r, const struct neg_view *v)
{
	const struct nash_result *c = &v->choice;
	struct buf ex = BUF_INIT(4096);
	json_t *o = fair_choose_to_json(v->opts, c);
	if (!o || bargain_choice_explain(&ex, v->opts, c) < 0) {
		json_decref(o);
		buf_release(&ex);
		req_fail(r, 500, "no_memory", "out of memory");
		return NULL;
	}
	if (c->nranked) {
		json_int_t g[2] = { c->ranking[0].gain_a, c->ranking[0].gain_b };
		json_object_set_new(o, "gains", json_pack("{s:I,s:I}", "me", g[v->me], "partner",
							  g[1 - v->me]));
	}
	json_object_set_new(o, "method", json_string("nash"));
	json_object_set_new(o, "explanation", json_string(ex.data));
	buf_release(&ex);
	return o;
}

/* The negotiation as the viewer sees it; NULL with r->err set on failure. */
static json_t *neg_json(struct req *r, const struct neg_view *v)
{
	json_t *items = json_array();
	for (size_t i = 0; i < v->n.nitems; i++)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s?}", "id",
						       (json_int_t)v->n.items[i].id, "name",
						       v->n.items[i].name, "added_by",
						       whose(v, v->n.items[i].added_by)));
	json_t *proposal = json_null();
	if (v->state >= BARGAIN_PROPOSED) {
		proposal = v->kind == BARGAIN_SPLIT ? split_json(r, v) : choice_json(r, v);
		if (!proposal) {
			json_decref(items);
			return NULL;
		}
	}
	json_t *agreements = json_array();
	for (size_t i = 0; i < v->nagreements; i++)
		json_array_append_new(agreements, agreement_json(r, &v->agreements[i]));
	int64_t acc = v->n.accepted_at;
	json_t *o = json_pack(
		"{s:I,s:s,s:s,s:s,s:o,s:b,s:o,s:o,s:o,s:o,s:s?,s:s,s:s,s:o}", "id",
		(json_int_t)v->n.id, "topic", v->n.topic, "kind", bargain_kind_name(v->kind),
		"state", bargain_state_name(v->state), "items", items, "can_add_items",
		v->state == BARGAIN_OPEN, "me", side_json(v, v->me), "partner",
		side_json(v, 1 - v->me), "proposal", proposal, "agreements", agreements,
		"created_by", whose(v, v->n.created_by), "created_at",
		time_iso(&r->arena, v->n.created_at), "updated_at",
		time_iso(&r->arena, v->n.updated_at), "accepted_at",
		acc ? json_string(time_iso(&r->arena, acc)) : json_null());
	if (!o)
		req_fail(r, 500, "no_memory", "out of memory");
	return o;
}

static int respond(struct req *r, int status, const struct neg_view *v)
{
	json_t *o = neg_json(r, v);
	if (!o)
		return -1;
	return resp_json(r, status, json_pack("{s:o}", "negotiation", o));
}

/* ---- API handlers ------------------------------------------------------- */

int neg_list_page(struct req *r, struct db *db, const int64_t uid[2], struct negotiation **list,
		  size_t *n, int64_t *page, int *more)
{
	if (req_page(r, page) < 0 ||
	    negotiation_list(db, &r->arena, r->user->couple_id, uid,
			     (size_t)(*page - 1) * NEGOTIATIONS_PAGE, NEGOTIATIONS_PAGE + 1, list, n,
			     &r->err) < 0)
		return -1;
	*more = *n > NEGOTIATIONS_PAGE;
	if (*more)
		*n = NEGOTIATIONS_PAGE;
	return 0;
}

int negotiation_api_list(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct negotiation *list;
	size_t n;
	struct neg_view v = { 0 };
	v.me = r->user->id < r->user->partner_id ? 0 : 1;
	v.uid[v.me] = r->user->id;
	v.uid[1 - v.me] = r->user->partner_id;
	int64_t page;
	int more;
	if (!db || neg_list_page(r, db, v.uid, &list, &n, &page, &more) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		v.n = list[i];
		json_t *flags[2];
		for (int k = 0; k < 2; k++)
			flags[k] = json_pack("{s:b,s:b,s:b}", "started", v.n.side[k].started,
					     "done", v.n.side[k].done, "accepted",
					     v.n.side[k].accepted);
		json_array_append_new(
			arr, json_pack("{s:I,s:s,s:s,s:s,s:I,s:o,s:o,s:s}", "id",
				       (json_int_t)v.n.id, "topic", v.n.topic, "kind", v.n.kind,
				       "state", bargain_state_name(state_of(&v)), "item_count",
				       (json_int_t)v.n.nitems, "me", flags[v.me], "partner",
				       flags[1 - v.me], "updated_at",
				       time_iso(&r->arena, v.n.updated_at)));
	}
	return resp_json(r, 200, json_pack("{s:o,s:I,s:b}", "negotiations", arr, "page",
					   (json_int_t)page, "more", more));
}

int negotiation_api_create(struct req *r)
{
	int64_t id;
	struct neg_view v;
	struct db *db;
	if (neg_do_create(r, &id) < 0 || !(db = db_get(&r->err)) || neg_load(r, db, id, &v) < 0)
		return -1;
	return respond(r, 201, &v);
}

/* The negotiation of the route's first capture, or 404. */
static int64_t route_id(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		req_fail(r, 404, "not_found", "%s", not_found);
	return id;
}

int negotiation_api_get(struct req *r)
{
	int64_t id = route_id(r);
	struct neg_view v;
	struct db *db;
	if (id < 0 || !(db = db_get(&r->err)) || neg_load(r, db, id, &v) < 0)
		return -1;
	return respond(r, 200, &v);
}

/* Runs an action on the route's negotiation and answers with it. */
static int api_action(struct req *r, int (*act)(struct req *, int64_t, struct neg_view *),
		      int status)
{
	int64_t id = route_id(r);
	struct neg_view v;
	if (id < 0 || act(r, id, &v) < 0)
		return -1;
	return respond(r, status, &v);
}

int negotiation_api_add_item(struct req *r)
{
	return api_action(r, neg_do_add_item, 201);
}

int negotiation_api_remove_item(struct req *r)
{
	return api_action(r, neg_do_remove_item, 200);
}

int negotiation_api_allocate(struct req *r)
{
	if (!json_is_object(r->json))
		return req_fail(r, 400, "invalid",
				"Send your allocation as a JSON object, like {\"points\": "
				"{\"Cooking\": 60, \"Dishes\": 40}}.");
	return api_action(r, neg_do_allocate, 200);
}

int negotiation_api_accept(struct req *r)
{
	return api_action(r, neg_do_accept, 200);
}

int negotiation_api_reopen(struct req *r)
{
	return api_action(r, neg_do_reopen, 200);
}

int neg_do_delete(struct req *r, int64_t id, struct neg_view *v)
{
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	if (id < 0)
		return req_fail(r, 404, "not_found", "%s", not_found);
	if (neg_load(r, db, id, v) < 0)
		return -1;
	if (v->n.created_by != r->user->id)
		return req_fail(r, 403, "not_yours",
				"Only the one who started a negotiation can delete it.");
	return negotiation_delete(db, r->user->couple_id, id, &r->err);
}

int negotiation_api_delete(struct req *r)
{
	struct neg_view v;
	return neg_do_delete(r, req_param_id(r, 0), &v) < 0 ? -1 : resp_empty(r, 204);
}
