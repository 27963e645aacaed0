/* notice.c: noticing each other (see notice.h). */
#include "notice.h"

#include <stdlib.h>
#include <string.h>

#include "dreams/dream.h"
#include "know/know.h"
#include "notice_store.h"
#include "trust/period.h"
#include "util/timefmt.h"
#include "web/page.h"

#define NOTICE_MAX 50              /* news items read at once */
#define NOTICE_SHOWN 12            /* shown on the home page */
#define NOTICE_APPRECIATION_DAYS 7 /* an appreciation is news this long, at most */

/* Times are whole seconds. A marker just past the partner's latest news about
 * the item (not "now") keeps news that lands in the same second as a look,
 * after it, from being lost. */
static const char events_key; /* the request's memo of its news (events()) */

static int mark(struct req *r, struct db *db, const char *key)
{
	req_memo_put(r, &events_key, NULL);
	int64_t cid = r->user->couple_id, latest, seen;
	if (notice_latest(db, cid, r->user->partner_id, key, &latest, &r->err) < 0 ||
	    notice_seen_get(db, r->user->id, key, &seen, &r->err) < 0)
		return -1;
	/* Looking again at something already seen writes nothing. */
	if (seen == latest + 1)
		return 0;
	int rc = notice_seen_item(db, cid, r->user->id, key, latest + 1, &r->err);
	/* Only bookkeeping when the page is read: a full disk must not hide it. */
	if (r->method == M_GET || r->method == M_HEAD)
		return db_best_effort(rc, "a seen mark", &r->err);
	return rc;
}

int notice_mark_prompt(struct req *r, struct db *db, const char *prompt_id)
{
	char *key = arena_printf(&r->arena, "p:%s", prompt_id);
	return key ? mark(r, db, key) : req_fail(r, 500, "no_memory", "out of memory");
}

int notice_mark_dream(struct req *r, struct db *db, int64_t dream_id)
{
	char *key = arena_printf(&r->arena, "d:%lld", (long long)dream_id);
	return key ? mark(r, db, key) : req_fail(r, 500, "no_memory", "out of memory");
}

int notice_mark_repair(struct req *r, struct db *db, int64_t repair_id)
{
	char *key = arena_printf(&r->arena, "r:%lld", (long long)repair_id);
	return key ? mark(r, db, key) : req_fail(r, 500, "no_memory", "out of memory");
}

int notice_mark_appreciations(struct req *r, struct db *db)
{
	return mark(r, db, "a:checkins");
}

int notice_mark_levels(struct req *r, struct db *db)
{
	for (int L = 2; L <= DECK_LEVELS; L++) {
		char key[8] = "l:0";
		key[2] = (char)('0' + L);
		if (mark(r, db, key) < 0)
			return -1;
	}
	return 0;
}

static int is_dream_news(const struct notice_event *ev)
{
	return ev->key[0] == 'd';
}

static int is_know_news(const struct notice_event *ev)
{
	return ev->key[0] == 'p' || ev->key[0] == 'l';
}

/* The news of one request, loaded once (the menu's badges and the page's own
 * list both read it); forgotten when the request marks something seen. */
struct events_memo {
	struct notice_event *ev;
	size_t n;
	int64_t since;
};

/* Keeps of m's items those that are still news: a request to open a level
 * early only while the level is closed (once it is open, by answers together
 * or by both asking, here or for a deeper level, the request is answered; the
 * couple's level state is the one rule for that), and an appreciation only for
 * NOTICE_APPRECIATION_DAYS. The level state is read only when needed. */
static int still_news(struct req *r, struct db *db, struct events_memo *m, struct err *e)
{
	struct know_state ks;
	int loaded = 0;
	int64_t fresh = db_now() - (int64_t)NOTICE_APPRECIATION_DAYS * 86400;
	size_t k = 0;
	for (size_t i = 0; i < m->n; i++) {
		const struct notice_event *ev = &m->ev[i];
		if (ev->key[0] == 'l') {
			if (!loaded) {
				struct err before = r->err;
				if (know_state_peek(r, db, &ks) < 0) {
					*e = r->err;
					r->err = before;
					return -1;
				}
				loaded = 1;
			}
			if (pacing_level_open(&ks.levels, atoi(ev->ref)))
				continue;
		} else if (ev->key[0] == 'a' && ev->at < fresh) {
			continue;
		}
		m->ev[k++] = *ev;
	}
	m->n = k;
	return 0;
}

/* The partner's news for the signed-in person (in the request's arena). */
static int events(struct req *r, struct err *e, struct notice_event **out, size_t *n,
                  int64_t *since)
{
	struct events_memo *m = req_memo_get(r, &events_key);
	if (!m) {
		struct db *db = db_get(e);
		m = arena_calloc(&r->arena, 1, sizeof *m);
		if (!db || !m)
			return db ? err_set(e, 500, "no_memory", "out of memory") : -1;
		if (notice_events(db, &r->arena, r->user->couple_id, r->user->id,
		                  r->user->partner_id, NOTICE_MAX, &m->ev, &m->n, &m->since,
		                  e) < 0 ||
		    still_news(r, db, m, e) < 0)
			return -1;
		req_memo_put(r, &events_key, m);
	}
	*out = m->ev;
	*n = m->n;
	*since = m->since;
	return 0;
}

static int badge(struct req *r, int dreams)
{
	if (!r->user || !r->user->partner_id)
		return 0;
	struct err e = {0};
	struct notice_event *ev;
	size_t n;
	int64_t since;
	if (events(r, &e, &ev, &n, &since) < 0)
		return 0;
	int count = 0;
	for (size_t i = 0; i < n; i++)
		count += dreams ? is_dream_news(&ev[i]) : is_know_news(&ev[i]);
	return count;
}

int notice_news_keys(struct req *r, const char ***keys, size_t *n)
{
	struct err e = {0};
	struct notice_event *ev;
	int64_t since;
	*n = 0;
	if (events(r, &e, &ev, n, &since) < 0)
		return -1;
	*keys = arena_calloc(&r->arena, *n ? *n : 1, sizeof **keys);
	if (!*keys)
		return -1;
	for (size_t i = 0; i < *n; i++)
		(*keys)[i] = ev[i].key;
	return 0;
}

int notice_news_has(const char *const *keys, size_t n, char kind, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (keys[i][0] == kind && keys[i][1] == ':' && !strcmp(keys[i] + 2, id))
			return 1;
	return 0;
}

int notice_badge_know(struct req *r)
{
	return badge(r, 0);
}

int notice_badge_dreams(struct req *r)
{
	return badge(r, 1);
}

/* One news item as a sentence for people ("Ana answered “…”"), and its link. */
struct line {
	const char *text;
	const char *href;
};

static int describe(struct req *r, const struct know_state *ks, const struct notice_event *ev,
                    struct line *out)
{
	struct arena *a = &r->arena;
	const char *name = r->user->partner_name;
	struct know_prompt p;
	if (ev->key[0] == 'p') {
		const char *q =
		    know_prompt_find(ks, ev->ref, &p) ? p.text : page_tr(r, "a question");
		out->href = arena_printf(a, "/know/prompts/%s", ev->ref);
		if (!strcmp(ev->kind, "reaction"))
			out->text = arena_printf(
			    a,
			    !strcmp(ev->detail, "heart")
			        ? page_tr(r, "%s sent you a heart for your answer to “%s”")
			        : page_tr(r, "%s sent you a thank you for your answer to “%s”"),
			    name, q);
		else if (!strcmp(ev->kind, "answered"))
			out->text = arena_printf(a, page_tr(r, "%s answered “%s”"), name, q);
		else if (!strcmp(ev->kind, "more"))
			out->text = arena_printf(
			    a, page_tr(r, "%s would like to hear more about your answer to “%s”"),
			    name, q);
		else
			out->text =
			    arena_printf(a, page_tr(r, "%s added to an answer to “%s”"), name, q);
	} else if (ev->key[0] == 'l') {
		out->href = "/know/decks";
		const char *level = deck_level_title(atoi(ev->ref));
		out->text =
		    level ? arena_printf(a,
		                         page_tr(r, "%s would like to open the %s questions early"),
		                         name, level)
		          : arena_printf(a,
		                         page_tr(r, "%s would like to open deeper questions early"),
		                         name);
	} else if (ev->key[0] == 'r') {
		out->href = arena_printf(a, "/repairs/%s", ev->key + 2);
		out->text = arena_printf(a,
		                         !strcmp(ev->kind, "apology")
		                             ? page_tr(r, "%s wrote an apology for “%s”")
		                             : page_tr(r, "%s wrote a reflection for “%s”"),
		                         name, ev->ref);
	} else if (ev->key[0] == 'a') {
		out->href = "/trends#thanks-h";
		out->text =
		    arena_printf(a, page_tr(r, "%s left you an appreciation in a check-in"), name);
	} else if (ev->key[0] == 'c') {
		out->href = "/counsellor";
		out->text =
		    *ev->ref
		        ? arena_printf(a, page_tr(r, "%s ended sharing with %s, your counsellor"),
		                       name, ev->ref)
		        : arena_printf(a, page_tr(r, "%s ended sharing with your counsellor"),
		                       name);
	} else {
		out->href = arena_printf(a, "/dreams/%s", ev->key + 2);
		if (!strcmp(ev->kind, "dream"))
			out->text = arena_printf(a, page_tr(r, "%s put “%s” on the dream table"),
			                         name, ev->ref);
		else if (!strcmp(ev->kind, "reply"))
			out->text =
			    arena_printf(a, page_tr(r, "%s replied about “%s”"), name, ev->ref);
		else {
			const char *st = dream_status_title(dream_status_parse(ev->detail));
			out->text = arena_printf(a, page_tr(r, "%s marked “%s” as %s"), name,
			                         ev->ref, st ? st : ev->detail);
		}
	}
	if (!out->text || !out->href)
		return req_fail(r, 500, "no_memory", "out of memory");
	return 0;
}

/* The news with sentences, for the home page and the API. */
static int lines(struct req *r, struct notice_event **ev, struct line **out, size_t *n,
                 int64_t *since)
{
	struct db *db = db_get(&r->err);
	struct know_state ks;
	if (!db || know_state_peek(r, db, &ks) < 0 || events(r, &r->err, ev, n, since) < 0)
		return -1;
	*out = arena_calloc(&r->arena, *n ? *n : 1, sizeof **out);
	if (!*out)
		return req_fail(r, 500, "no_memory", "out of memory");
	for (size_t i = 0; i < *n; i++)
		if (describe(r, &ks, &(*ev)[i], &(*out)[i]) < 0)
			return -1;
	return 0;
}

int notice_home(struct req *r)
{
	struct notice_event *ev;
	struct line *ln;
	size_t n;
	int64_t since;
	if (lines(r, &ev, &ln, &n, &since) < 0)
		return -1;
	h(r, "<section class=\"card news\" aria-labelledby=\"news\"><h2 id=\"news\">Since you "
	     "last looked</h2>");
	if (!n) {
		/* Not "nothing new": another card may say what is waiting for you. */
		h(r, "<p class=\"muted\">You have seen everything ");
		ht(r, r->user->partner_name);
		h(r, " has done since you last looked.</p></section>");
		return 0;
	}
	h(r, "<ul class=\"items\">");
	for (size_t i = 0; i < n && i < NOTICE_SHOWN; i++) {
		h(r, "<li class=\"item\"><a href=\"");
		ht(r, ln[i].href);
		h(r, "\">");
		ht(r, ln[i].text);
		h(r, "</a><p class=\"hint\">");
		ht(r, time_when(&r->arena, ev[i].at));
		h(r, "</p></li>");
	}
	h(r, "</ul>");
	if (n > NOTICE_SHOWN)
		hf(r, "<p class=\"hint\">And %zu more.</p>", n - NOTICE_SHOWN);
	page_button_form(r, "/noticing/seen", "Mark all as seen", "secondary");
	h(r, "</section>");
	return 0;
}

int notice_api_list(struct req *r)
{
	struct notice_event *ev;
	struct line *ln;
	size_t n;
	int64_t since;
	if (lines(r, &ev, &ln, &n, &since) < 0)
		return -1;
	json_t *items = json_array();
	json_int_t prompts = 0, dreams = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *about;
		if (ev[i].key[0] == 'p')
			about = json_pack("{s:s}", "prompt", ev[i].ref);
		else if (ev[i].key[0] == 'l')
			about = json_pack("{s:i}", "level", atoi(ev[i].ref));
		else if (ev[i].key[0] == 'r')
			about = json_pack("{s:I}", "repair", (json_int_t)atoll(ev[i].key + 2));
		else if (ev[i].key[0] == 'a')
			about = json_pack("{s:s}", "checkin",
			                  time_day(&r->arena, period_week_time(atoll(ev[i].ref))));
		else if (ev[i].key[0] == 'c')
			about = json_pack("{s:I}", "counsellor", (json_int_t)atoll(ev[i].key + 2));
		else
			about = json_pack("{s:I}", "dream", (json_int_t)atoll(ev[i].key + 2));
		dreams += is_dream_news(&ev[i]);
		prompts += is_know_news(&ev[i]);
		json_array_append_new(items,
		                      json_pack("{s:s,s:s,s:o,s:s,s:s}", "kind", ev[i].kind, "at",
		                                time_iso(&r->arena, ev[i].at), "about", about,
		                                "text", ln[i].text, "href", ln[i].href));
	}
	return resp_json(r, 200,
	                 json_pack("{s:o,s:{s:I,s:I},s:o}", "since",
	                           since ? json_string(time_iso(&r->arena, since)) : json_null(),
	                           "counts", "prompts", prompts, "dreams", dreams, "items", items));
}

static int do_seen(struct req *r)
{
	struct db *db = db_get(&r->err);
	int64_t cid = r->user->couple_id, latest;
	req_memo_put(r, &events_key, NULL);
	if (!db || notice_latest(db, cid, r->user->partner_id, NULL, &latest, &r->err) < 0)
		return -1;
	return notice_seen_all(db, cid, r->user->id, latest + 1, &r->err);
}

int notice_api_seen(struct req *r)
{
	return do_seen(r) < 0 ? -1 : resp_empty(r, 204);
}

int notice_post_seen(struct req *r)
{
	return do_seen(r) < 0 ? -1 : resp_redirect(r, "/");
}
