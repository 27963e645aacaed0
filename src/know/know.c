/* know.c: the deck, a couple's prompt state, the current prompt, and prompts
 * as the viewer may see them (see know.h). */
#include "know.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "deck_load.h"
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "lib/lang.h"
#include "util/datadir.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/timefmt.h"

#define THREAD_MAX 400 /* thread posts read for one prompt */

static struct deck *deck; /* loaded once at start, read by every thread */

/* The decks in other languages (data/<code>/decks): the same ids, levels and
 * topics, other words. NULL for English and for a language without a folder;
 * a prompt missing there is shown in English. */
static struct deck *translated[LANG_COUNT];

/* Checks that every prompt of t is one of the English deck's, at the same
 * level and topic: a translation never adds, moves or re-levels a prompt. */
static int check_translation(const struct deck *t, const char *code, struct err *e)
{
	for (size_t i = 0; i < deck_count(t); i++) {
		const struct deck_prompt *p = deck_at(t, i);
		long j = deck_find(deck, p->id);
		if (j < 0)
			return err_set(e, 500, "bad_deck",
			               "%s/decks: the prompt \"%s\" is not in the English decks.", code,
			               p->id);
		const struct deck_prompt *en = deck_at(deck, (size_t)j);
		if (en->level != p->level || en->topic != p->topic)
			return err_set(e, 500, "bad_deck",
			               "%s/decks: the prompt \"%s\" has another level or topic than in "
			               "English.",
			               code, p->id);
	}
	return 0;
}

int know_setup(const char *dir, struct err *e)
{
	deck = deck_load(dir, e);
	if (!deck)
		return -1;
	if (dir)
		return 0; /* a deck folder of its own (tests): English only */
	for (int l = LANG_EN + 1; l < LANG_COUNT; l++) {
		char rel[32], path[PATH_MAX];
		struct stat sb;
		snprintf(rel, sizeof rel, "%s/decks", lang_code(l));
		if (datadir_path(path, sizeof path, rel) < 0 || stat(path, &sb) != 0)
			continue;
		translated[l] = deck_load(path, e);
		if (!translated[l] || check_translation(translated[l], lang_code(l), e) < 0) {
			know_free();
			return -1;
		}
		log_msg("decks: %zu of %zu prompts in %s", deck_count(translated[l]), deck_count(deck),
		        lang_code(l));
	}
	return 0;
}

void know_free(void)
{
	deck_free(deck);
	deck = NULL;
	for (int l = 0; l < LANG_COUNT; l++) {
		deck_free(translated[l]);
		translated[l] = NULL;
	}
}

size_t know_translated_count(int lang)
{
	return lang > LANG_EN && lang < LANG_COUNT && translated[lang]
	           ? deck_count(translated[lang])
	           : 0;
}

/* A deck prompt's words in the language of this thread's request. */
static const char *text_of(const struct deck_prompt *p)
{
	const struct deck *t = translated[i18n_thread()];
	long j = t ? deck_find(t, p->id) : -1;
	return j >= 0 ? deck_at(t, (size_t)j)->text : p->text;
}

const struct deck *know_deck(void)
{
	return deck;
}

static int oom(struct req *r)
{
	return req_fail(r, 500, "no_memory", "out of memory");
}

/* ---- the couple's state ------------------------------------------------- */

static int own_cmp(const void *key, const void *elem)
{
	int64_t k = *(const int64_t *)key, id = ((const struct know_own_prompt *)elem)->id;
	return k < id ? -1 : k > id;
}

static const struct know_own_prompt *own_find(const struct know_state *ks, const char *id)
{
	int64_t n = answers_own_number(id);
	if (!n || !ks->n_own)
		return NULL;
	return bsearch(&n, ks->own, ks->n_own, sizeof *ks->own, own_cmp);
}

static int progress_key_cmp(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct know_progress *)elem)->prompt_id);
}

static int progress_sort_cmp(const void *a, const void *b)
{
	return strcmp(((const struct know_progress *)a)->prompt_id,
	              ((const struct know_progress *)b)->prompt_id);
}

const struct know_progress *know_progress_find(const struct know_state *ks, const char *id)
{
	if (!ks->n_progress || !id)
		return NULL;
	return bsearch(id, ks->progress, ks->n_progress, sizeof *ks->progress, progress_key_cmp);
}

int know_state_load(struct req *r, struct db *db, struct know_state *ks)
{
	memset(ks, 0, sizeof *ks);
	const struct deck *d = know_deck();
	int64_t cid = r->user->couple_id;
	size_t nd = deck_count(d);
	uint64_t seed;
	randombytes_buf(&seed, sizeof seed);
	ks->users[0] = r->user->id;
	ks->users[1] = r->user->partner_id;
	if (know_couple_get(db, &r->arena, cid, seed, &ks->couple, &r->err) < 0 ||
	    know_progress_list(db, &r->arena, cid, nd + KNOW_OWN_MAX, &ks->progress,
	                       &ks->n_progress, &r->err) < 0 ||
	    know_own_list(db, &r->arena, cid, &ks->own, &ks->n_own, &r->err) < 0 ||
	    know_early_masks(db, cid, ks->users, ks->pacing.asked_early, &r->err) < 0)
		return -1;
	int64_t *done = arena_calloc(&r->arena, nd ? nd : 1, sizeof *done);
	struct pacing_own *po = arena_calloc(&r->arena, ks->n_own ? ks->n_own : 1, sizeof *po);
	if (!done || !po)
		return oom(r);
	/* bsearch needs C's byte order, whatever the database's collation. */
	qsort(ks->progress, ks->n_progress, sizeof *ks->progress, progress_sort_cmp);
	for (size_t i = 0; i < ks->n_progress; i++) {
		long at = deck_find(d, ks->progress[i].prompt_id);
		if (at >= 0)
			done[at] = ks->progress[i].done_at;
	}
	for (size_t i = 0; i < ks->n_own; i++) {
		const struct know_progress *p = know_progress_find(ks, ks->own[i].key);
		po[i].id = ks->own[i].key;
		po[i].level = ks->own[i].level;
		po[i].done_at = p ? p->done_at : 0;
	}
	const struct know_progress *cur = know_progress_find(ks, ks->couple.current);
	ks->pacing.seed = ks->couple.seed;
	ks->pacing.done_at = done;
	ks->pacing.own = po;
	ks->pacing.n_own = ks->n_own;
	ks->pacing.current = ks->couple.current;
	ks->pacing.current_done = cur && cur->round_done;
	pacing_levels(d, &ks->pacing, &ks->levels);
	return 0;
}

static const char state_key; /* the request's memo of know_state_peek() */

struct state_memo {
	int64_t writes; /* db_total_changes() when it was loaded */
	struct know_state ks;
};

int know_state_peek(struct req *r, struct db *db, struct know_state *ks)
{
	struct state_memo *m = req_memo_get(r, &state_key);
	int64_t writes = db_total_changes(db);
	if (m && m->writes == writes) {
		*ks = m->ks;
		return 0;
	}
	if (know_state_load(r, db, ks) < 0)
		return -1;
	m = arena_alloc(&r->arena, sizeof *m);
	if (!m)
		return oom(r);
	m->writes = writes;
	m->ks = *ks;
	req_memo_put(r, &state_key, m);
	return 0;
}

int know_prompt_find(const struct know_state *ks, const char *id, struct know_prompt *out)
{
	if (!answers_id_valid(id))
		return 0;
	long i = deck_find(know_deck(), id);
	if (i >= 0) {
		const struct deck_prompt *p = deck_at(know_deck(), (size_t)i);
		*out = (struct know_prompt){p->id, text_of(p), p->level, (int)p->topic, 0};
		return 1;
	}
	const struct know_own_prompt *o = own_find(ks, id);
	if (!o)
		return 0;
	int topic = deck_topic_from_slug(o->topic);
	*out = (struct know_prompt){o->key, o->text, o->level, topic < 0 ? DECK_US : topic, 1};
	return 1;
}

int know_prompt_param(struct req *r, const struct know_state *ks, struct know_prompt *out)
{
	if (r->nparams < 1 || !know_prompt_find(ks, r->params[0], out))
		return req_fail(r, 404, "not_found",
		                "There is no such question. It may have been mistyped; the list of "
		                "questions has every one you can open.");
	return 0;
}

/* The couple's current prompt in `pick`; *change set when it must be stored
 * (a new current prompt, or a new round of it). */
static int pick_current(struct req *r, const struct know_state *ks, struct pacing_pick *pick,
                        int *change)
{
	if (pacing_current(know_deck(), &ks->pacing, pick) < 0)
		return req_fail(r, 404, "no_prompts", "There are no questions to show yet.");
	const struct know_progress *p = know_progress_find(ks, pick->id);
	*change =
	    !ks->couple.current || strcmp(ks->couple.current, pick->id) || (p && p->round_done);
	return 0;
}

/* Stores `pick` as the current prompt (a new round when it comes round again)
 * and reloads the state, inside the caller's transaction. */
static int store_current(struct req *r, struct db *db, struct know_state *ks,
                         const struct pacing_pick *pick)
{
	const struct know_progress *p = know_progress_find(ks, pick->id);
	char *id = arena_strdup(&r->arena, pick->id);
	int64_t cid = r->user->couple_id;
	if (!id)
		return oom(r);
	if (p && p->round_done && know_progress_new_round(db, cid, id, &r->err) < 0)
		return -1;
	if (know_couple_set_current(db, cid, id, &r->err) < 0)
		return -1;
	return know_state_load(r, db, ks);
}

int know_current(struct req *r, struct db *db, struct know_state *ks, struct know_prompt *out)
{
	struct pacing_pick pick;
	int change;
	if (know_state_peek(r, db, ks) < 0 || pick_current(r, ks, &pick, &change) < 0)
		return -1;
	if (change) {
		/* Choose again under the write lock: the partner may be doing the same. */
		if (db_begin(db, &r->err) < 0)
			return -1;
		int rc = know_state_load(r, db, ks);
		if (rc == 0)
			rc = pick_current(r, ks, &pick, &change);
		if (rc == 0 && change)
			rc = store_current(r, db, ks, &pick);
		if (rc < 0)
			db_rollback(db);
		else
			rc = db_commit(db, &r->err);
		if (rc < 0) {
			/* Read as a page: show the pick without keeping it (a full
			 * disk must not hide the question); it is kept next time. */
			if ((r->method != M_GET && r->method != M_HEAD) || r->err.status < 500)
				return -1;
			(void)db_best_effort(rc, "the current question", &r->err);
			if (!know_prompt_find(ks, pick.id, out))
				return req_fail(r, 500, "no_prompt",
				                "The current question could not be found.");
			return 0;
		}
	}
	if (!know_prompt_find(ks, ks->couple.current, out))
		return req_fail(r, 500, "no_prompt", "The current question could not be found.");
	return 0;
}

/* ---- what the viewer may see -------------------------------------------- */

/* Fills one round from its two answers (either may be NULL) and the thread. */
static int fill_round(struct req *r, struct db *db, struct know_round *rd,
                      const struct know_answer *mine, const struct know_answer *partner, int talked,
                      struct know_post *posts, size_t n_posts, int mark_seen)
{
	rd->facts.mine = mine != NULL;
	rd->facts.partner = partner != NULL;
	rd->facts.partner_seen = partner && partner->seen_at;
	rd->facts.talked = talked;
	answers_view(&rd->facts, &rd->view);
	rd->mine = rd->view.mine == REVEAL_FULL ? mine : NULL;
	rd->partner = rd->view.partner == REVEAL_FULL ? partner : NULL;
	rd->thread = NULL;
	rd->n_thread = 0;
	if (rd->view.thread && n_posts) {
		rd->thread = arena_calloc(&r->arena, n_posts, sizeof *rd->thread);
		if (!rd->thread)
			return oom(r);
		for (size_t i = 0; i < n_posts; i++)
			if (posts[i].round == rd->round)
				rd->thread[rd->n_thread++] = &posts[i];
	}
	if (mark_seen && rd->view.mark_seen) {
		int rc = know_answer_seen(db, r->user->couple_id, partner->id, db_now(), &r->err);
		if (r->method == M_GET || r->method == M_HEAD)
			rc = db_best_effort(rc, "a seen mark", &r->err);
		if (rc < 0)
			return -1;
	}
	return 0;
}

const struct know_round *know_item_open(const struct know_item *it)
{
	return &it->rounds[it->n_rounds - 1];
}

int know_item_load(struct req *r, struct db *db, const struct know_state *ks,
                   const struct know_prompt *p, int mark_seen, struct know_item *out)
{
	memset(out, 0, sizeof *out);
	out->prompt = *p;
	out->current = ks->couple.current && !strcmp(ks->couple.current, p->id);
	const struct know_progress *pg = know_progress_find(ks, p->id);
	int64_t open = pg ? pg->round : 1;
	int64_t cid = r->user->couple_id;
	struct know_answer *ans;
	struct know_post *posts;
	size_t n_ans, n_posts;
	if (know_answers_of(db, &r->arena, cid, p->id, &ans, &n_ans, &r->err) < 0 ||
	    know_thread_of(db, &r->arena, cid, p->id, THREAD_MAX, &posts, &n_posts, &r->err) < 0 ||
	    together_talks_of_prompt(db, &r->arena, cid, p->id, &out->talks, &out->n_talks,
	                             &r->err) < 0)
		return -1;
	out->rounds = arena_calloc(&r->arena, (size_t)(open > 0 ? open : 1), sizeof *out->rounds);
	if (!out->rounds)
		return oom(r);
	for (int64_t k = 1; k <= open; k++) {
		const struct know_answer *mine = NULL, *partner = NULL;
		for (size_t i = 0; i < n_ans; i++) {
			if (ans[i].round != k)
				continue;
			if (ans[i].user_id == ks->users[0])
				mine = &ans[i];
			else if (ans[i].user_id == ks->users[1])
				partner = &ans[i];
		}
		if (k < open && !mine && !partner)
			continue; /* an earlier round nobody wrote in */
		struct know_round *rd = &out->rounds[out->n_rounds++];
		rd->round = k;
		int talked = k < open || (pg && pg->round_done);
		if (fill_round(r, db, rd, mine, partner, talked, posts, n_posts, mark_seen) < 0)
			return -1;
		if (mine && mine->answered_at > out->latest)
			out->latest = mine->answered_at;
	}
	out->state = answers_state(&know_item_open(out)->facts);
	return 0;
}

/* Per prompt of the list: the open round's two answers. */
struct pair {
	struct know_answer *mine, *partner; /* texts read only for what is shown */
};

/* The slot of a prompt in list order: deck prompts by deck index, then own
 * prompts; -1 when unknown. */
static long slot_of(const struct know_state *ks, const char *id)
{
	long i = deck_find(know_deck(), id);
	if (i >= 0)
		return i;
	const struct know_own_prompt *o = own_find(ks, id);
	return o ? (long)deck_count(know_deck()) + (long)(o - ks->own) : -1;
}

static int passes(const struct know_filter *f, const struct know_prompt *p, enum answers_state s)
{
	return (f->state < 0 || (int)s == f->state) && (f->level <= 0 || p->level == f->level) &&
	       (f->topic < 0 || p->topic == f->topic);
}

/* Reads the texts of an item's answers (know_answers_open_rounds left them
 * out). */
static int read_texts(struct req *r, struct db *db, struct know_answer *mine,
                      struct know_answer *partner)
{
	struct know_answer *both[2] = {mine, partner};
	for (int i = 0; i < 2; i++)
		if (both[i] && know_answer_text(db, &r->arena, r->user->couple_id, both[i]->id,
		                                &both[i]->text, &r->err) < 0)
			return -1;
	return 0;
}

int know_list(struct req *r, struct db *db, const struct know_state *ks,
              const struct know_filter *f, size_t skip, size_t take, int texts,
              struct know_item **out, size_t *n, int *more)
{
	const struct deck *d = know_deck();
	size_t nd = deck_count(d), total = nd + ks->n_own;
	size_t max_ans = 2 * total + 2;
	size_t room = take < total ? take : total;
	struct know_answer *ans;
	size_t n_ans;
	struct pair *pairs = arena_calloc(&r->arena, total ? total : 1, sizeof *pairs);
	struct know_item *items = arena_calloc(&r->arena, room ? room : 1, sizeof *items);
	struct know_round *rounds = arena_calloc(&r->arena, room ? room : 1, sizeof *rounds);
	if (!pairs || !items || !rounds)
		return oom(r);
	if (more)
		*more = 0;
	if (know_answers_open_rounds(db, &r->arena, r->user->couple_id, max_ans, &ans, &n_ans,
	                             &r->err) < 0)
		return -1;
	for (size_t i = 0; i < n_ans; i++) {
		long s = slot_of(ks, ans[i].prompt_id);
		if (s < 0)
			continue;
		if (ans[i].user_id == ks->users[0])
			pairs[s].mine = &ans[i];
		else if (ans[i].user_id == ks->users[1])
			pairs[s].partner = &ans[i];
	}
	size_t k = 0, seen = 0;
	for (int level = 1; level <= DECK_LEVELS; level++) {
		for (size_t s = 0; s < total; s++) {
			struct know_prompt p;
			const char *id = s < nd ? deck_at(d, s)->id : ks->own[s - nd].key;
			if (!know_prompt_find(ks, id, &p) || p.level != level)
				continue;
			const struct know_progress *pg = know_progress_find(ks, id);
			if (!pacing_level_open(&ks->levels, level) && !pg)
				continue;
			struct answers_facts facts = {pairs[s].mine != NULL,
			                              pairs[s].partner != NULL, 0,
			                              pg && pg->round_done};
			enum answers_state state = answers_state(&facts);
			if (!passes(f, &p, state))
				continue;
			if (seen++ < skip)
				continue;
			if (k == take) {
				if (more)
					*more = 1;
				goto done;
			}
			struct know_item *it = &items[k];
			memset(it, 0, sizeof *it);
			it->prompt = p;
			it->current = ks->couple.current && !strcmp(ks->couple.current, id);
			it->rounds = &rounds[k];
			it->n_rounds = 1;
			rounds[k].round = pg ? pg->round : 1;
			it->state = state;
			if (texts && read_texts(r, db, pairs[s].mine, pairs[s].partner) < 0)
				return -1;
			if (fill_round(r, db, &rounds[k], pairs[s].mine, pairs[s].partner,
			               facts.talked, NULL, 0, 1) < 0)
				return -1;
			if (pairs[s].mine)
				it->latest = pairs[s].mine->answered_at;
			k++;
		}
	}
done:
	*out = items;
	*n = k;
	return 0;
}

/* ---- JSON ----------------------------------------------------------------- */

json_t *know_prompt_json(const struct know_prompt *p)
{
	return json_pack("{s:s,s:s,s:i,s:s,s:b}", "id", p->id, "topic",
	                 deck_topic_slug((enum deck_topic)p->topic), "level", p->level, "text",
	                 p->text, "own", p->own);
}

static json_t *mine_json(struct req *r, const struct know_round *rd)
{
	if (!rd->mine)
		return json_null();
	const char *got = rd->mine->reaction;
	return json_pack("{s:s,s:s,s:b,s:I,s:o}", "text", rd->mine->text, "answered_at",
	                 time_iso(&r->arena, rd->mine->answered_at), "edited",
	                 rd->mine->edited_at != 0, "version", (json_int_t)rd->mine->version,
	                 "reaction", *got ? json_string(got) : json_null());
}

static json_t *partner_json(struct req *r, const struct know_round *rd)
{
	const char *sent = rd->partner ? rd->partner->reaction : "";
	return json_pack("{s:b,s:o,s:s,s:b,s:o}", "answered", rd->view.partner != REVEAL_PENDING,
	                 "text", rd->partner ? json_string(rd->partner->text) : json_null(), "name",
	                 r->user->partner_name ? r->user->partner_name : "", "edited",
	                 rd->partner && rd->partner->edited_at != 0, "reaction",
	                 *sent ? json_string(sent) : json_null());
}

static json_t *thread_json(struct req *r, const struct know_round *rd)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < rd->n_thread; i++) {
		const struct know_post *p = rd->thread[i];
		json_array_append_new(
		    arr, json_pack("{s:I,s:s,s:s,s:s,s:s}", "id", (json_int_t)p->id, "kind",
		                   p->kind, "by", p->user_id == r->user->id ? "me" : "partner",
		                   "text", p->text, "at", time_iso(&r->arena, p->created_at)));
	}
	return arr;
}

json_t *know_item_json(struct req *r, const struct know_item *it, int full)
{
	const struct know_round *open = know_item_open(it);
	json_t *o = json_pack("{s:o,s:o,s:o,s:s,s:I,s:b}", "prompt", know_prompt_json(&it->prompt),
	                      "mine", mine_json(r, open), "partner", partner_json(r, open), "state",
	                      answers_state_slug(it->state), "round", (json_int_t)open->round,
	                      "current", it->current);
	if (!full || !o)
		return o;
	json_object_set_new(o, "thread", thread_json(r, open));
	json_t *talks = json_array();
	for (size_t i = 0; i < it->n_talks; i++)
		json_array_append_new(talks, json_pack("{s:s,s:s}", "at",
		                                       time_iso(&r->arena, it->talks[i].talked_at),
		                                       "note", it->talks[i].note));
	json_object_set_new(o, "together", talks);
	json_t *earlier = json_array();
	for (size_t i = 0; i + 1 < it->n_rounds; i++) {
		const struct know_round *rd = &it->rounds[i];
		json_array_append_new(earlier,
		                      json_pack("{s:I,s:o,s:o,s:o}", "round", (json_int_t)rd->round,
		                                "mine", mine_json(r, rd), "partner",
		                                partner_json(r, rd), "thread", thread_json(r, rd)));
	}
	json_object_set_new(o, "earlier", earlier);
	return o;
}
