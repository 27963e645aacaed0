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
 * Run it only on a database made for the benchmark. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account/account_store.h"
#include "agreements/agreement_store.h"
#include "core/deck.h"
#include "core/period.h"
#include "core/trend.h"
#include "couple/couple_store.h"
#include "crypto/crypto.h"
#include "crypto/keys.h"
#include "crypto/pw.h"
#include "crypto/recovery.h"
#include "dreams/dreams_store.h"
#include "know/know.h"
#include "know/know_store.h"
#include "store/db.h"
#include "trust/checkin_store.h"
#include "util/arena.h"

#define BATCH 2000
#define PROMPTS_ANSWERED 15
#define CHECKINS 8
#define AGREEMENTS 3
#define DREAMS 2
#define PASS "bench passphrase"

static const char *names[] = { "Ana",  "Sam",   "Noor", "Kai",   "Lena", "Tomas",
			       "Mira", "Jonah", "Ines", "Ravi",  "Yuki", "Oskar",
			       "Zara", "Luca",  "Eden", "Priya", "Finn", "Amara" };

static const char *answers[] = {
	"I think about this more than I say. Mostly it comes back to the summer at the lake, "
	"when everything felt slow and possible.",
	"Honestly? I am still working it out. Ask me again after dinner and I will try to say it "
	"better.",
	"Being listened to without being fixed. That is the short version; the long one has a "
	"few more chapters.",
	"Travelling somewhere neither of us has been, with no plan for the first three days.",
};

static int fail(const char *what, struct err *e)
{
	fprintf(stderr, "bench-seed: %s: %s\n", what, e->msg);
	return -1;
}

/* One partner: a data key wrapped under the passphrase and a recovery code. */
static int make_partner(struct db *db, const char *login, const char *name, int64_t *id,
			struct err *e)
{
	unsigned char dk[KEY_BYTES], kek[KEY_BYTES];
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
	sodium_memzero(dk, sizeof dk);
	return acct_create(db, login, name, "partner", rec, key_pass, key_rec, id, e);
}

static int seed_couple(struct db *db, struct arena *a, long n, const struct deck *d,
		       size_t *first_level, size_t n_first, int64_t now, struct err *e)
{
	char la[32], lb[32];
	int64_t ua, ub, cid;
	snprintf(la, sizeof la, "b%lda", n);
	snprintf(lb, sizeof lb, "b%ldb", n);
	const char *na = names[n % ARRAY_LEN(names)];
	const char *nb = names[(n * 7 + 3) % ARRAY_LEN(names)];
	if (make_partner(db, la, na, &ua, e) < 0 || make_partner(db, lb, nb, &ub, e) < 0)
		return -1;
	if (couple_create(db, ua, &cid, e) < 0 || couple_add(db, cid, ub, e) < 0)
		return -1;
	const int64_t users[2] = { ua, ub };

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
	static const char *agreed[] = { "We put phones away at dinner.",
					"Sunday mornings are for a slow walk, just us two.",
					"Whoever cooks does not wash up." };
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

int main(int argc, char **argv)
{
	if (argc != 3 || atol(argv[2]) < 1) {
		fprintf(stderr, "usage: bench-seed DB COUPLES\n");
		return 2;
	}
	long couples = atol(argv[2]);
	struct err e = { 0 };
	if (crypto_setup(1) < 0) {
		fprintf(stderr, "bench-seed: could not start the crypto library\n");
		return 1;
	}
	/* Seeded accounts only: the cheapest Argon2id record libsodium allows. */
	pw_set_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
	if (know_setup(NULL, &e) < 0 || db_setup(argv[1], &e) < 0)
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
	know_free();
	return 0;
}
