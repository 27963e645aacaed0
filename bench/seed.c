/* seed.c: fills a duet database with N couples of realistic content, through
 * the store layer (each area's *_store.c functions), for `make bench`.
 *
 *     build/bench-seed DB COUPLES
 *
 * Every couple gets the numbers listed in docs/PERFORMANCE.md. Partners sign in
 * as "b<N>a" and "b<N>b" (N from 1) with the passphrase "bench passphrase";
 * their passphrase records use libsodium's minimum Argon2id limits so that
 * 200,000 of them take seconds, not hours (the server raises them to its normal
 * limits at the first sign-in). Writes go in transactions of BATCH couples.
 * Each area's rows are written the way its handler writes them when a person
 * acts (the same store calls, in the same order, with the same derived values:
 * the coach's result stored with an apology, a repair's plans turned into
 * agreements, journal entries sealed under the author's own data key).
 * Run it only on a database made for the benchmark. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account/account_store.h"
#include "agreements/agreement_store.h"
#include "coach/coach_data.h"
#include "coach/coach_json.h"
#include "coach/coach.h"
#include "know/deck.h"
#include "trust/period.h"
#include "trust/trend.h"
#include "couple/couple_store.h"
#include "crypto/crypto.h"
#include "crypto/keys.h"
#include "crypto/pw.h"
#include "crypto/recovery.h"
#include "differences/difference.h"
#include "differences/difference_store.h"
#include "dreams/dreams_store.h"
#include "journal/journal.h"
#include "journal/journal_store.h"
#include "know/know.h"
#include "know/know_store.h"
#include "repair/repair.h"
#include "store/db.h"
#include "trust/checkin_store.h"
#include "util/arena.h"
#include "util/datadir.h"

#define BATCH 2000
#define PROMPTS_ANSWERED 15
#define CHECKINS 8
#define AGREEMENTS 3
#define DREAMS 2
#define RATED_PER_CATEGORY 15 /* two categories: 30 catalogue items each */
#define REPAIR_OPEN_EVERY 5   /* every fifth couple's repair is still open */
#define JOURNAL_EACH 2
#define PASS "bench passphrase"

static const char *names[] = {"Ana",  "Sam",   "Noor", "Kai",   "Lena", "Tomas",
                              "Mira", "Jonah", "Ines", "Ravi",  "Yuki", "Oskar",
                              "Zara", "Luca",  "Eden", "Priya", "Finn", "Amara"};

static const char *answers[] = {
    "I think about this more than I say. Mostly it comes back to the summer at the lake, "
    "when everything felt slow and possible.",
    "Honestly? I am still working it out. Ask me again after dinner and I will try to say it "
    "better.",
    "Being listened to without being fixed. That is the short version; the long one has a "
    "few more chapters.",
    "Travelling somewhere neither of us has been, with no plan for the first three days.",
};

/* Own difference items, one per couple (category key, text). */
static const char *const own_items[][2] = {
    {"interests", "Pottery evenings at the community centre"},
    {"everyday", "Breakfast in bed on the first Sunday of the month"},
    {"family", "Calling our grandparents together every other week"},
    {"places", "A winter trip to see the northern lights"},
    {"time", "One evening a week with no screens at all"},
    {"goals", "Growing our own vegetables one day"},
};

/* A repair as the two partners write it, step by step; side[0] started it. */
struct repair_script {
	const char *title;
	struct {
		const char *feelings, *reality, *triggers, *my_part, *apology;
		const char *plan_mine, *plan_partners;
	} side[2];
};

static const struct repair_script repair_scripts[] = {
    {"The phone at dinner",
     {{"hurt\nlonely",
       "We sat down to eat and the phone came out before the plates were empty. I "
       "talked about my day and nobody was listening.",
       "At home growing up, dinner was the one time everyone listened. This touched that.",
       "I said nothing at the time. I went quiet and sulked for the rest of the evening.",
       "I am sorry I went quiet and sulked instead of telling you I felt alone at dinner. "
       "That was not fair to you. Next time I will say it kindly, right then.",
       "When I feel shut out, I say so kindly, straight away.",
       "Tell me when something at work is worrying you, so I know what is going on."},
      {"embarrassed\ntense",
       "A message from work came in that I was worried about, and I answered it at the "
       "table. I did not notice how long it took.",
       "I worry a lot about letting people at work down.",
       "I put the phone first and did not say why.",
       "I am sorry I answered work messages at dinner and left you talking on your own. I "
       "can see how lonely that felt. From now on my phone stays in the hall while we eat.",
       "My phone stays in the hall while we eat.", ""}}},
    {"Late on Saturday",
     {{"frustrated\nunimportant",
       "We agreed to meet at seven for the film, and I waited outside for forty minutes "
       "without a message.",
       "Waiting without knowing brings back an old feeling of being forgotten.",
       "When you arrived I was sharp, and I said you never care, which is not true.",
       "I am sorry I was sharp with you outside the cinema and said you do not care. That "
       "was unkind and untrue. Next time I will tell you how I feel instead.",
       "If I am upset, I say how I feel rather than what you always or never do.",
       "Send a short message whenever you will be more than ten minutes late."},
      {"guilty\nworried",
       "The train stopped between stations and my phone was flat. I ran from the station "
       "and felt awful the whole way.",
       "Hearing that I do not care makes me want to shut down.",
       "I left later than I meant to and had no way to reach you.",
       "I am sorry I left you waiting for forty minutes without a word. I should have left "
       "earlier and charged my phone. Next time I will leave in good time and send a "
       "message if anything changes.",
       "I leave early enough for one delay, and keep my phone charged.", ""}}},
};

/* Journal entries of one's shadow side; tags as indexes into journal_tags, in
 * that order (as the journal stores them), -1 for none. */
struct journal_script {
	const char *text;
	int tags[2];
	const char *impact, *own;
};

static const struct journal_script journal_scripts[] = {
    {"Asked about the weekend plans, I answered with a sigh and one word. I was tired, and it "
     "came out cold.",
     {1, -1},
     "It probably sounded as if I did not care about the plans, or about being asked.",
     "Being tired is real. I can say: I am worn out, can we talk after dinner?"},
    {"In the argument about the dishes I brought up something from last year to win the "
     "point.",
     {0, 3},
     "It turned a small thing into a big one and left no room to answer.",
     "Keep to the one thing we are talking about."},
    {"After the call with my sister I went to bed without saying goodnight and let the "
     "silence do the talking.",
     {4, -1},
     "Waking up to that silence must have been confusing and lonely.",
     "I can ask for an hour on my own, and then come back."},
    {"When the budget came up I said fine, do what you want, and left the room.",
     {2, 4},
     "It ended the talk before it began and left the decision to one of us.",
     "Stay in the room ten minutes longer, even when it is uncomfortable."},
};

/* Loaded once at start: the catalogue, and the coach's result for each
 * apology above as JSON text (what the apology step stores with it). */
static struct {
	const struct catalogue *cat;
	char *coach[ARRAY_LEN(repair_scripts)][2];
} content;

static int fail(const char *what, struct err *e)
{
	fprintf(stderr, "bench-seed: %s: %s\n", what, e->msg);
	return -1;
}

/* The coach's result for one apology, as the apology step stores it (compact
 * JSON, caller frees); NULL when it cannot be made. */
static char *coach_text(const struct coach *lex, struct coach_result *res, const char *text)
{
	if (coach_analyse(lex, text, strlen(text), res) < 0)
		return NULL;
	json_t *j = coach_result_json(res, text);
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	return s;
}

/* Loads the catalogue and the coach, and checks the content above against them. */
static int content_setup(struct err *e)
{
	if (difference_load(e) < 0)
		return -1;
	content.cat = difference_catalogue();
	if (content.cat->ncategories < 2)
		return err_set(e, 500, "catalogue", "the catalogue has fewer than two categories");
	for (size_t i = 0; i < content.cat->ncategories; i++)
		if (content.cat->categories[i].count <= RATED_PER_CATEGORY)
			return err_set(e, 500, "catalogue", "category %s has too few items",
			               content.cat->categories[i].key);
	for (size_t i = 0; i < ARRAY_LEN(own_items); i++) {
		if (catalogue_category_find(content.cat, own_items[i][0]) < 0)
			return err_set(e, 500, "catalogue", "no category %s", own_items[i][0]);
		if (catalogue_check_text(own_items[i][1], strlen(own_items[i][1]), e) < 0)
			return -1;
	}
	char dir[4096];
	if (datadir_path(dir, sizeof dir, "coach/en") < 0)
		return err_set(e, 500, "coach", "the data folder's name is too long");
	struct coach *lex = coach_load(dir, e);
	if (!lex)
		return -1;
	struct coach_result *res = malloc(sizeof *res);
	int rc = res ? 0 : err_set(e, 500, "no_memory", "out of memory");
	for (size_t i = 0; rc == 0 && i < ARRAY_LEN(repair_scripts); i++)
		for (int k = 0; rc == 0 && k < 2; k++) {
			const char *apology = repair_scripts[i].side[k].apology;
			if (!(content.coach[i][k] = coach_text(lex, res, apology)))
				rc =
				    err_set(e, 500, "coach", "the coach could not read an apology");
		}
	free(res);
	coach_free(lex);
	return rc;
}

static void content_free(void)
{
	for (size_t i = 0; i < ARRAY_LEN(repair_scripts); i++)
		for (int k = 0; k < 2; k++)
			free(content.coach[i][k]);
	difference_free();
}

/* One couple being seeded. */
struct couple {
	struct db *db;
	long n;
	int64_t id, users[2], now;
	struct err *e;
};

/* A small deterministic random stream per couple (splitmix64). */
static unsigned rnd(uint64_t *state, unsigned below)
{
	uint64_t x = (*state += 0x9e3779b97f4a7c15u);
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
	return (unsigned)((x ^ (x >> 31)) % below);
}

static int clamp_rating(int v)
{
	return v < DIFFMAP_MIN ? DIFFMAP_MIN : v > DIFFMAP_MAX ? DIFFMAP_MAX : v;
}

/* One item's rows for both partners (DIFFMAP_NONE: no rating, or no guess). */
struct rated {
	const char *item;
	int64_t own_id;
	int rating[2], important[2], guess[2];
};

/* Fills both partners' ratings of an item: the first partner leans to liking
 * things; the second agrees on about half, differs by a step on about a third,
 * and rates the rest on their own (a few wide differences per couple). Strong
 * ratings are sometimes marked "matters a lot to me"; about one rating in three
 * comes with a guess of the other's rating, right about half the time. */
static void rate_item(uint64_t *g, struct rated *it)
{
	static const int lean[] = {-2, -1, -1, 0, 0, 1, 1, 1, 2, 2};
	int a = lean[rnd(g, ARRAY_LEN(lean))], roll = (int)rnd(g, 20), b = a;
	if (roll >= 15)
		b = lean[rnd(g, ARRAY_LEN(lean))];
	else if (roll >= 9)
		b = clamp_rating(a + (a > 0 ? -1 : 1));
	it->rating[0] = a;
	it->rating[1] = b;
	for (int k = 0; k < 2; k++) {
		int v = it->rating[k], other = it->rating[1 - k];
		it->important[k] = (v == 2 || v == -2) && rnd(g, 3) == 0;
		it->guess[k] = DIFFMAP_NONE;
		if (rnd(g, 3) == 0)
			it->guess[k] =
			    rnd(g, 2) ? other : clamp_rating(other + (rnd(g, 2) ? 1 : -1));
	}
}

/* Difference map: each partner rates RATED_PER_CATEGORY items in each of two
 * categories and the couple's own item (the first partner adds it); the second
 * partner skips one of the first's items and rates one the first has not. */
static int seed_differences(struct couple *c)
{
	const struct catalogue *cat = content.cat;
	uint64_t g = (uint64_t)c->n * 0x2545f4914f6cdd1du;
	size_t nc = cat->ncategories, n = (size_t)c->n;
	size_t cats[2] = {n % nc, 0};
	cats[1] = (cats[0] + 1 + (n / nc) % (nc - 1)) % nc;
	const char *const *own = own_items[n % ARRAY_LEN(own_items)];
	char own_key[24];
	struct rated items[2 * RATED_PER_CATEGORY + 2] = {0};
	size_t count = 0;
	if (difference_own_insert(c->db, c->id, c->users[0], own[0], own[1], &items[0].own_id,
	                          c->e) < 0)
		return -1;
	snprintf(own_key, sizeof own_key, "%lld", (long long)items[0].own_id);
	items[count++].item = own_key;
	for (int k = 0; k < 2; k++) {
		const struct catalogue_category *cc = &cat->categories[cats[k]];
		for (size_t i = 0; i < RATED_PER_CATEGORY; i++)
			items[count++].item = cat->items[cc->first + (n + i) % cc->count].id;
	}
	for (size_t i = 0; i < count; i++)
		rate_item(&g, &items[i]);
	/* the second partner's skip, and the item only they have rated */
	struct rated *skip = &items[1 + n % (2 * RATED_PER_CATEGORY)], *extra = &items[count++];
	const struct catalogue_category *cc = &cat->categories[cats[1]];
	extra->item = cat->items[cc->first + (n + RATED_PER_CATEGORY) % cc->count].id;
	rate_item(&g, extra);
	skip->rating[1] = skip->guess[1] = DIFFMAP_NONE;
	skip->important[1] = 0;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < count; i++) {
			const struct rated *it = &items[i];
			if (it == extra && k == 0)
				continue;
			if (difference_rating_put(c->db, c->id, c->users[k], it->item, it->own_id,
			                          it->rating[k], it->important[k], it->guess[k],
			                          c->e) < 0)
				return -1;
		}
	return 0;
}

/* What a partner's reading of a step after both wrote it records: the other's
 * entry is now seen. Both partners read each step once both had written it. */
static int both_read(struct couple *c, int64_t repair, enum repair_step step)
{
	for (int k = 0; k < 2; k++)
		if (repair_mark_seen(c->db, c->id, repair, c->users[k], step, c->e) < 0)
			return -1;
	return 0;
}

/* Repair: one per couple, started by the first partner some days after the hurt.
 * Most go through every step: reflections, apologies (stored with the coach's
 * result), responses accepting them, and plans, whose items then become
 * agreements as the plan step makes them (each partner's "mine" for themself,
 * "partners" for the other, the lower account id first, reviewed in
 * REPAIR_REVIEW_DAYS). Every REPAIR_OPEN_EVERY-th couple is still at the
 * apology: the first partner has written theirs, the second has not. */
static int seed_repair(struct couple *c)
{
	size_t si = (size_t)c->n % ARRAY_LEN(repair_scripts);
	const struct repair_script *s = &repair_scripts[si];
	int64_t today = c->now - c->now % 86400, id;
	if (repair_insert(c->db, c->id, s->title, today - (3 + c->n % 10) * 86400, c->users[0], &id,
	                  c->e) < 0)
		return -1;
	for (int k = 0; k < 2; k++) {
		struct repair_reflection v = {.feelings = s->side[k].feelings,
		                              .reality = s->side[k].reality,
		                              .triggers = s->side[k].triggers,
		                              .my_part = s->side[k].my_part};
		if (repair_put_reflection(c->db, c->id, id, c->users[k], &v, 0, c->e) < 0)
			return -1;
	}
	if (both_read(c, id, REPAIR_REFLECT) < 0)
		return -1;
	int open = c->n % REPAIR_OPEN_EVERY == 0;
	for (int k = 0; k < (open ? 1 : 2); k++) {
		struct repair_apology v = {.text = s->side[k].apology,
		                           .coach = content.coach[si][k]};
		if (repair_put_apology(c->db, c->id, id, c->users[k], &v, 0, c->e) < 0)
			return -1;
	}
	if (open)
		return 0;
	if (both_read(c, id, REPAIR_APOLOGISE) < 0)
		return -1;
	struct repair_response yes = {.accepted = 1, .still_needed = ""};
	for (int k = 0; k < 2; k++)
		if (repair_put_response(c->db, c->id, id, c->users[k], &yes, 0, c->e) < 0)
			return -1;
	if (both_read(c, id, REPAIR_RESPOND) < 0)
		return -1;
	for (int k = 0; k < 2; k++) {
		struct repair_plan v = {.mine = s->side[k].plan_mine,
		                        .partners = s->side[k].plan_partners};
		if (repair_put_plan(c->db, c->id, id, c->users[k], &v, c->e) < 0)
			return -1;
	}
	int claimed;
	if (repair_claim_plan(c->db, c->id, id, &claimed, c->e) < 0)
		return -1;
	int64_t review = today + REPAIR_REVIEW_DAYS * 86400, aid;
	for (int i = 0; i < 2; i++) {
		int k = c->users[0] < c->users[1] ? i : 1 - i; /* the lower id first */
		int64_t me = c->users[k], other = c->users[1 - k];
		if (agreement_insert(c->db, c->id, me, s->side[k].plan_mine, me, 0, review,
		                     "repair", id, &aid, c->e) < 0)
			return -1;
		if (*s->side[k].plan_partners &&
		    agreement_insert(c->db, c->id, me, s->side[k].plan_partners, other, 0, review,
		                     "repair", id, &aid, c->e) < 0)
			return -1;
	}
	return 0;
}

/* Journal: JOURNAL_EACH entries per partner, sealed under that partner's data
 * key by journal_seal(), as the journal stores them. */
static int seed_journal(struct couple *c, unsigned char keys[2][KEY_BYTES])
{
	struct buf sealed = BUF_INIT(64 * 1024);
	int rc = 0;
	for (int k = 0; rc == 0 && k < 2; k++)
		for (int j = 0; rc == 0 && j < JOURNAL_EACH; j++) {
			const struct journal_script *js =
			    &journal_scripts[(size_t)(c->n + k * JOURNAL_EACH + j) %
			                     ARRAY_LEN(journal_scripts)];
			struct journal_entry en = {
			    .text = js->text, .impact = js->impact, .own = js->own};
			for (int t = 0; t < 2; t++)
				if (js->tags[t] >= 0)
					en.tags[en.ntags++] = journal_tags[js->tags[t]];
			int64_t id;
			buf_reset(&sealed);
			if (journal_seal(keys[k], c->users[k], &en, &sealed) < 0)
				rc = err_set(c->e, 500, "crypto", "an entry could not be sealed");
			else
				rc = journal_store_insert(c->db, c->users[k], sealed.data, &id,
				                          c->e);
		}
	buf_release(&sealed);
	return rc;
}

/* One partner: a data key (dk, which the caller wipes) wrapped under the
 * passphrase and a recovery code. */
static int make_partner(struct db *db, const char *login, const char *name,
                        unsigned char dk[KEY_BYTES], int64_t *id, struct err *e)
{
	unsigned char kek[KEY_BYTES];
	char rec[PW_REC_MAX], key_pass[WRAP_B64_MAX], key_rec[WRAP_B64_MAX];
	char code[RECOVERY_CODE_MAX], ad[128];
	key_random(dk);
	if (pw_new(PASS, strlen(PASS), rec, kek) < 0)
		return err_set(e, 500, "crypto", "pw_new failed");
	snprintf(ad, sizeof ad, "pass:%s", login);
	(void)key_wrap(dk, kek, ad, key_pass);
	recovery_code_new(code);
	if (recovery_kek(code, kek) < 0)
		return err_set(e, 500, "crypto", "recovery_kek failed");
	snprintf(ad, sizeof ad, "recovery:%s", login);
	(void)key_wrap(dk, kek, ad, key_rec);
	sodium_memzero(kek, sizeof kek);
	return acct_create(db, login, name, "partner", rec, key_pass, key_rec, id, e);
}

/* Know each other, check-ins, agreements and dreams. */
static int seed_know_trust(struct couple *c, struct arena *a, const struct deck *d,
                           size_t *first_level, size_t n_first)
{
	struct db *db = c->db;
	struct err *e = c->e;
	long n = c->n;
	int64_t cid = c->id, now = c->now;
	const int64_t *users = c->users;

	/* Know each other: PROMPTS_ANSWERED prompts answered by both, one current. */
	struct know_couple kc;
	if (know_couple_get(db, a, cid, (uint64_t)n * 2654435761u, &kc, e) < 0)
		return -1;
	for (size_t i = 0; i < PROMPTS_ANSWERED && i + 1 < n_first; i++) {
		const struct deck_prompt *p = deck_at(d, first_level[(i + (size_t)n) % n_first]);
		int64_t t = now - (int64_t)(PROMPTS_ANSWERED - i) * 3 * 86400;
		if (know_progress_ensure(db, cid, p->id, e) < 0)
			return -1;
		for (int k = 0; k < 2; k++)
			if (know_answer_insert(db, cid, p->id, 1, users[k],
			                       answers[(n + (long)i + k) % ARRAY_LEN(answers)],
			                       t + k * 3600, e) < 0)
				return -1;
		if (know_progress_done(db, cid, p->id, t + 3600, e) < 0)
			return -1;
	}
	const struct deck_prompt *cur =
	    deck_at(d, first_level[(PROMPTS_ANSWERED + (size_t)n) % n_first]);
	if (know_progress_ensure(db, cid, cur->id, e) < 0 ||
	    know_couple_set_current(db, cid, cur->id, e) < 0)
		return -1;

	/* Trust: weekly check-ins by both. */
	int64_t week = period_week(now);
	for (int w = CHECKINS; w >= 1; w--) {
		for (int k = 0; k < 2; k++) {
			int v[TREND_MEASURES];
			v[TREND_CLOSENESS] = 3 + (int)((n + w + k) % 4);
			for (int m = 1; m < TREND_MEASURES; m++)
				v[m] = 2 + (int)((n + w * m + k) % 5);
			int64_t id = 0;
			if (checkin_save(db, &id, users[k], cid, week - w, v,
			                 w % 3 ? NULL : "Thank you for the walk on Sunday.", e) < 0)
				return -1;
		}
	}

	/* Agreements, one due for review today in every tenth couple. */
	static const char *agreed[] = {"We put phones away at dinner.",
	                               "Sunday mornings are for a slow walk, just us two.",
	                               "Whoever cooks does not wash up."};
	for (int i = 0; i < AGREEMENTS; i++) {
		int64_t id, review = now - now % 86400 + (n % 10 == 0 && i == 0 ? 0 : 30 * 86400);
		if (agreement_insert(db, cid, users[i % 2], agreed[i], 0, 1, review, "negotiation",
		                     0, &id, e) < 0)
			return -1;
	}

	/* Dream table: two dreams, one with a reply. */
	for (int i = 0; i < DREAMS; i++) {
		int64_t id, rid;
		if (dreams_insert(db, cid, users[i % 2], i ? "idea" : "dream",
		                  i ? "Learn to dance together" : "A year living by the sea",
		                  "Something I keep coming back to when I picture us in ten years.",
		                  now - 20 * 86400, &id, e) < 0)
			return -1;
		if (i == 0 && dreams_reply(db, cid, id, users[1], "Yes. Let us look at places.",
		                           now - 19 * 86400, &rid, e) < 0)
			return -1;
	}
	return 0;
}

/* One couple: two partners, then every area's content. */
static int seed_couple(struct db *db, struct arena *a, long n, const struct deck *d,
                       size_t *first_level, size_t n_first, int64_t now, struct err *e)
{
	char la[32], lb[32];
	struct couple c = {db, n, 0, {0, 0}, now, e};
	unsigned char keys[2][KEY_BYTES];
	snprintf(la, sizeof la, "b%lda", n);
	snprintf(lb, sizeof lb, "b%ldb", n);
	const char *na = names[n % ARRAY_LEN(names)];
	const char *nb = names[(n * 7 + 3) % ARRAY_LEN(names)];
	int rc = make_partner(db, la, na, keys[0], &c.users[0], e) < 0 ||
	                 make_partner(db, lb, nb, keys[1], &c.users[1], e) < 0 ||
	                 couple_create(db, c.users[0], &c.id, e) < 0 ||
	                 couple_add(db, c.id, c.users[1], e) < 0 ||
	                 seed_know_trust(&c, a, d, first_level, n_first) < 0 ||
	                 seed_differences(&c) < 0 || seed_repair(&c) < 0 ||
	                 seed_journal(&c, keys) < 0
	             ? -1
	             : 0;
	sodium_memzero(keys, sizeof keys);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 3 || atol(argv[2]) < 1) {
		fprintf(stderr, "usage: bench-seed DB COUPLES\n");
		return 2;
	}
	long couples = atol(argv[2]);
	struct err e = {0};
	if (crypto_setup(1) < 0) {
		fprintf(stderr, "bench-seed: could not start the crypto library\n");
		return 1;
	}
	/* Seeded accounts only: the cheapest Argon2id record libsodium allows. */
	pw_set_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	if (know_setup(NULL, &e) < 0 || content_setup(&e) < 0 || db_setup(argv[1], &e) < 0)
		return fail("setup", &e), 1;
	struct db *db = db_get(&e);
	if (!db)
		return fail("open", &e), 1;
	const struct deck *d = know_deck();
	size_t nd = deck_count(d), n_first = 0;
	size_t *first = calloc(nd, sizeof *first);
	for (size_t i = 0; first && i < nd; i++)
		if (deck_at(d, i)->level == 1)
			first[n_first++] = i;
	if (!first || n_first < PROMPTS_ANSWERED + 2) {
		fprintf(stderr, "bench-seed: the deck has too few level-1 prompts\n");
		return 1;
	}
	int64_t now = db_now();
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long n = 1; n <= couples; n += BATCH) {
		if (db_begin(db, &e) < 0)
			return fail("begin", &e), 1;
		for (long k = n; k < n + BATCH && k <= couples; k++) {
			struct arena a;
			arena_init(&a, 0);
			int rc = seed_couple(db, &a, k, d, first, n_first, now, &e);
			arena_release(&a);
			if (rc < 0) {
				db_rollback(db);
				return fail("couple", &e), 1;
			}
		}
		if (db_commit(db, &e) < 0)
			return fail("commit", &e), 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "bench-seed: %ld couples in %.1f s\n", couples,
	        (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	free(first);
	db_shutdown();
	content_free();
	know_free();
	return 0;
}
