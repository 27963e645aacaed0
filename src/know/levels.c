/* levels.c: levels, progress and early opening (see levels.h). */
#include "levels.h"

#include "util/i18n.h"

#include <stdio.h>
#include <string.h>

#include "http/events.h"
#include "know.h"
#include "notice/notice.h"
#include "web/page.h"

/* Per topic: prompts of the deck and own, and those answered together. */
struct topic_count {
	size_t total, done;
};

static void count_topics(const struct know_state *ks, struct topic_count out[DECK_TOPICS])
{
	const struct deck *d = know_deck();
	memset(out, 0, sizeof(struct topic_count) * DECK_TOPICS);
	for (size_t i = 0; i < deck_count(d); i++) {
		const struct deck_prompt *p = deck_at(d, i);
		out[p->topic].total++;
		out[p->topic].done += ks->pacing.done_at[i] != 0;
	}
	for (size_t i = 0; i < ks->n_own; i++) {
		struct know_prompt p;
		if (!know_prompt_find(ks, ks->own[i].key, &p))
			continue;
		out[p.topic].total++;
		out[p.topic].done += ks->pacing.own[i].done_at != 0;
	}
}

static int asked(const struct know_state *ks, int who, int level)
{
	return (ks->pacing.asked_early[who] >> level) & 1u;
}

static json_t *decks_json(const struct know_state *ks)
{
	const struct pacing_levels *lv = &ks->levels;
	json_t *levels = json_array(), *topics = json_array();
	size_t done = 0, total = 0;
	for (int L = 1; L <= DECK_LEVELS; L++) {
		done += lv->done[L];
		total += lv->total[L];
		json_array_append_new(
		    levels,
		    json_pack("{s:i,s:s,s:b,s:I,s:I,s:I,s:{s:b,s:b}}", "level", L, "title",
		              deck_level_title(L), "open", pacing_level_open(lv, L), "answered",
		              (json_int_t)lv->done[L], "total", (json_int_t)lv->total[L], "to_open",
		              (json_int_t)lv->needed[L], "early", "me", asked(ks, 0, L), "partner",
		              asked(ks, 1, L)));
	}
	struct topic_count tc[DECK_TOPICS];
	count_topics(ks, tc);
	for (int t = 0; t < DECK_TOPICS; t++)
		json_array_append_new(
		    topics,
		    json_pack("{s:s,s:s,s:I,s:I}", "topic", deck_topic_slug((enum deck_topic)t),
		              "title", deck_topic_title((enum deck_topic)t), "answered",
		              (json_int_t)tc[t].done, "total", (json_int_t)tc[t].total));
	return json_pack("{s:o,s:o,s:I,s:I}", "levels", levels, "topics", topics, "answered",
	                 (json_int_t)done, "total", (json_int_t)total);
}

/* Loads the state and records that the viewer has seen the early requests. */
static int load_seen(struct req *r, struct know_state *ks)
{
	struct db *db = db_get(&r->err);
	if (!db || know_state_load(r, db, ks) < 0)
		return -1;
	return notice_mark_levels(r, db);
}

/* The route's level: 2..DECK_LEVELS; 404 otherwise. */
static int level_param(struct req *r, int *level)
{
	const char *s = r->nparams ? r->params[0] : "";
	if (strlen(s) != 1 || s[0] < '2' || s[0] > '0' + DECK_LEVELS)
		return req_fail(r, 404, "not_found",
		                "Only the Personal (2) and Vulnerable (3) levels "
		                "can be opened early.");
	*level = s[0] - '0';
	return 0;
}

static int do_early(struct req *r, int on, struct know_state *ks)
{
	int level = 0;
	struct db *db;
	if (level_param(r, &level) < 0 || !(db = db_get(&r->err)) || db_begin(db, &r->err) < 0)
		return -1;
	int rc = know_state_load(r, db, ks);
	if (rc == 0 && on && pacing_level_open(&ks->levels, level))
		rc = req_fail(r, 409, "already_open", "The %s questions are already open.",
		              deck_level_title(level));
	if (rc == 0)
		rc = know_early_set(db, r->user->couple_id, r->user->id, level, on, db_now(),
		                    &r->err);
	if (rc == 0)
		rc = event_emit(r, "prompt", NULL, "/know/decks");
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, &r->err) < 0)
		return -1;
	return know_state_load(r, db, ks);
}

int levels_api_get(struct req *r)
{
	struct know_state ks;
	if (load_seen(r, &ks) < 0)
		return -1;
	return resp_json(r, 200, decks_json(&ks));
}

int levels_api_early(struct req *r)
{
	struct know_state ks;
	if (do_early(r, 1, &ks) < 0)
		return -1;
	return resp_json(r, 200, decks_json(&ks));
}

int levels_api_withdraw(struct req *r)
{
	struct know_state ks;
	if (do_early(r, 0, &ks) < 0)
		return -1;
	return resp_json(r, 200, decks_json(&ks));
}

static void early_form(struct req *r, int level, const char *verb, const char *label,
                       const char *cls)
{
	char action[64];
	snprintf(action, sizeof action, "/know/decks/levels/%d/%s", level, verb);
	page_button_form(r, action, label, cls);
}

/* What a closed level needs, and the early-opening choice. */
static void closed_level(struct req *r, const struct know_state *ks, int L)
{
	const char *name = r->user->partner_name;
	const char *title = deck_level_title(L);
	if (pacing_level_open(&ks->levels, L - 1)) {
		hf(r, "<p>Opens after %zu more ", ks->levels.needed[L]);
		ht(r, deck_level_title(L - 1));
		h(r, " questions answered by you both.</p>");
	} else {
		h(r, "<p>Opens after the ");
		ht(r, deck_level_title(L - 1));
		h(r, " questions.</p>");
	}
	int me = asked(ks, 0, L), them = asked(ks, 1, L);
	char label[80];
	if (me) {
		h(r, "<p class=\"status\">You asked to open it now; it opens when ");
		ht(r, name);
		h(r, " asks too.</p>");
		early_form(r, L, "withdraw", N_("Take back my request"), "secondary");
	} else if (them) {
		h(r, "<p class=\"status\">");
		ht(r, name);
		h(r, " would like to open it now. It opens as soon as you agree.</p>");
		snprintf(label, sizeof label, _("Open %s now"), title);
		early_form(r, L, "early", label, "");
	} else {
		h(r,
		  "<p class=\"hint\">Want to go deeper sooner? If you both ask, it opens now.</p>");
		snprintf(label, sizeof label, _("Ask to open %s now"), title);
		early_form(r, L, "early", label, "secondary");
	}
}

static int decks_view(struct req *r, int status, const char *error)
{
	struct know_state ks;
	if (load_seen(r, &ks) < 0)
		return -1;
	page_begin(r, status, "Levels and progress", "know");
	h(r, "<section class=\"card\"><h1>Levels and progress</h1><p>Questions deepen in three "
	     "levels. Each opens when you have answered enough of the one before together, so "
	     "you go deeper at a pace you share.</p>");
	if (error)
		page_alert(r, error);
	h(r, "<ul class=\"items levels\">");
	for (int L = 1; L <= DECK_LEVELS; L++) {
		int open = pacing_level_open(&ks.levels, L);
		h(r, "<li class=\"item\"><h2>");
		ht(r, deck_level_title(L));
		h(r, open ? " <span class=\"tag\">open</span>"
		          : N_(" <span class=\"tag muted\">not yet open"
		            "</span>"));
		hf(r, "</h2><p>%zu of %zu answered together.</p>", ks.levels.done[L],
		   ks.levels.total[L]);
		if (!open)
			closed_level(r, &ks, L);
		h(r, "</li>");
	}
	h(r, "</ul></section><section class=\"card\"><h2>By topic</h2><table class=\"topics\">"
	     "<thead><tr><th scope=\"col\">Topic</th><th scope=\"col\">Answered together</th></tr>"
	     "</thead><tbody>");
	struct topic_count tc[DECK_TOPICS];
	count_topics(&ks, tc);
	for (int t = 0; t < DECK_TOPICS; t++) {
		hf(r, "<tr><th scope=\"row\"><a href=\"/know/browse?topic=%s\">",
		   deck_topic_slug((enum deck_topic)t));
		ht(r, deck_topic_title((enum deck_topic)t));
		hf(r, "</a></th><td>%zu of %zu</td></tr>", tc[t].done, tc[t].total);
	}
	h(r, "</tbody></table><p class=\"hint\">Counts cover every level, open or not, and your "
	     "own questions.</p></section>");
	return page_end(r);
}

int levels_page(struct req *r)
{
	return decks_view(r, 200, NULL);
}

int levels_post_early(struct req *r)
{
	struct know_state ks;
	if (do_early(r, 1, &ks) < 0)
		return r->err.status == 404 ? -1 : page_retry(r, decks_view);
	return resp_redirect(r, "/know/decks");
}

int levels_post_withdraw(struct req *r)
{
	struct know_state ks;
	if (do_early(r, 0, &ks) < 0)
		return r->err.status == 404 ? -1 : page_retry(r, decks_view);
	return resp_redirect(r, "/know/decks");
}
