/* Unit tests for know/pacing: level opening, early opening by agreement, the
 * shuffle without repeats, own prompts, the current prompt and together mode. */
#include "unit.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "know/pacing.h"
#include "know/deck_load.h"

/* A deck with n1, n2, n3 prompts at levels 1, 2, 3; ids "l<level>-<k>". */
static struct deck *make_deck(int n1, int n2, int n3)
{
	static char text[16384];
	int counts[4] = {0, n1, n2, n3};
	size_t len = 0;
	for (int L = 1; L <= 3; L++)
		for (int k = 0; k < counts[L]; k++)
			len +=
			    (size_t)snprintf(text + len, sizeof text - len,
			                     "l%d-%02d | %d | us | Prompt %d %d?\n", L, k, L, L, k);
	struct err e;
	struct deck *d = deck_parse("decks/test.deck", text, len, &e);
	assert_non_null(d);
	return d;
}

/* Marks the prompt `id` (deck or own) as answered by both at time `at`. */
static void finish(const struct deck *d, int64_t *done, struct pacing_own *own, size_t n_own,
                   const char *id, int64_t at)
{
	long i = deck_find(d, id);
	if (i >= 0) {
		done[i] = at;
		return;
	}
	for (size_t k = 0; k < n_own; k++)
		if (!strcmp(own[k].id, id)) {
			own[k].done_at = at;
			return;
		}
	fail_msg("unknown prompt %s", id);
}

static void finish_level(const struct deck *d, int64_t *done, int level, int how_many)
{
	for (size_t i = 0; i < deck_count(d) && how_many > 0; i++)
		if (deck_at(d, i)->level == level && !done[i]) {
			done[i] = 1;
			how_many--;
		}
}

static void levels_open_at_exactly_ten(void **state)
{
	(void)state;
	struct deck *d = make_deck(15, 15, 15);
	int64_t done[45] = {0};
	struct pacing_state st = {.seed = 1, .done_at = done};
	struct pacing_levels lv;
	pacing_levels(d, &st, &lv);
	assert_int_equal(lv.open, 1u << 1);
	assert_int_equal(lv.needed[2], 10);
	assert_int_equal(lv.total[1], 15);

	finish_level(d, done, 1, 9);
	pacing_levels(d, &st, &lv);
	assert_false(pacing_level_open(&lv, 2));
	assert_int_equal(lv.needed[2], 1);
	assert_int_equal(lv.done[1], 9);
	finish_level(d, done, 1, 1);
	pacing_levels(d, &st, &lv);
	assert_true(pacing_level_open(&lv, 2));
	assert_false(pacing_level_open(&lv, 3));
	assert_int_equal(lv.needed[2], 0);
	assert_int_equal(lv.needed[3], 10);

	/* Level-3 prompts answered while level 3 was closed do not open it. */
	finish_level(d, done, 3, 15);
	finish_level(d, done, 2, 9);
	pacing_levels(d, &st, &lv);
	assert_false(pacing_level_open(&lv, 3));
	finish_level(d, done, 2, 1);
	pacing_levels(d, &st, &lv);
	assert_true(pacing_level_open(&lv, 3));
	assert_false(pacing_level_open(&lv, 0));
	assert_false(pacing_level_open(&lv, 4));
	deck_free(d);
}

static void a_short_level_opens_the_next_when_used_up(void **state)
{
	(void)state;
	struct deck *d = make_deck(4, 3, 1);
	int64_t done[8] = {0};
	struct pacing_own own[] = {{"own-1", 1, 0}}; /* own prompts do not move the goal */
	struct pacing_state st = {.seed = 1, .done_at = done, .own = own, .n_own = 1};
	struct pacing_levels lv;
	finish_level(d, done, 1, 3);
	pacing_levels(d, &st, &lv);
	assert_false(pacing_level_open(&lv, 2));
	finish_level(d, done, 1, 1);
	pacing_levels(d, &st, &lv);
	assert_true(pacing_level_open(&lv, 2));
	deck_free(d);
}

static void early_opening_needs_both(void **state)
{
	(void)state;
	struct deck *d = make_deck(12, 12, 12);
	struct pacing_state st = {.seed = 7};
	struct pacing_levels lv;
	st.asked_early[0] = 1u << 2;
	pacing_levels(d, &st, &lv);
	assert_false(pacing_level_open(&lv, 2));
	assert_int_equal(lv.early, 0);
	assert_false(pacing_may_pick(d, &st, "l2-00"));
	st.asked_early[1] = 1u << 3; /* asking for different levels is no agreement */
	pacing_levels(d, &st, &lv);
	assert_int_equal(lv.open, 1u << 1);
	st.asked_early[1] |= 1u << 2;
	pacing_levels(d, &st, &lv);
	assert_true(pacing_level_open(&lv, 2));
	assert_false(pacing_level_open(&lv, 3));
	assert_int_equal(lv.early, 1u << 2);
	assert_true(pacing_may_pick(d, &st, "l2-00"));
	struct pacing_pick p;
	assert_int_equal(pacing_next(d, &st, &p), 0);
	assert_int_equal(p.level, 2); /* the deepest open level comes first */
	/* Opening level 3 early opens level 2 with it. */
	st.asked_early[0] = st.asked_early[1] = 1u << 3;
	pacing_levels(d, &st, &lv);
	assert_int_equal(lv.open, (1u << 1) | (1u << 2) | (1u << 3));
	/* Bits outside levels 2..3 mean nothing. */
	st.asked_early[0] = st.asked_early[1] = ~0u & ~((1u << 2) | (1u << 3));
	pacing_levels(d, &st, &lv);
	assert_int_equal(lv.open, 1u << 1);
	assert_int_equal(lv.early, 0);
	deck_free(d);
}

/* Runs `steps` rounds of "both answer the current prompt" and checks that no
 * prompt repeats before its level is used up and that repeats are the least
 * recently answered. Writes the ids served into `order` when not NULL. */
static void run_rotation(const struct deck *d, struct pacing_state *st, int64_t *done,
                         struct pacing_own *own, int steps, const char **order)
{
	const char *current = NULL;
	for (int s = 0; s < steps; s++) {
		st->current = current;
		st->current_done = current != NULL;
		struct pacing_pick p;
		assert_int_equal(pacing_current(d, st, &p), 0);
		if (current)
			assert_string_not_equal(p.id, current);
		struct pacing_levels lv;
		pacing_levels(d, st, &lv);
		assert_true(pacing_level_open(&lv, p.level));
		/* Every other prompt of the level, deck or own. */
		int64_t pick_done = p.own ? own[p.index].done_at : done[p.index];
		int fresh_left = 0;
		int64_t oldest = INT64_MAX;
		for (size_t i = 0; i < deck_count(d); i++) {
			if (deck_at(d, i)->level != p.level || !strcmp(deck_at(d, i)->id, p.id))
				continue;
			fresh_left |= done[i] == 0;
			oldest = done[i] < oldest ? done[i] : oldest;
		}
		for (size_t i = 0; i < st->n_own; i++) {
			if (own[i].level != p.level || !strcmp(own[i].id, p.id))
				continue;
			fresh_left |= own[i].done_at == 0;
			oldest = own[i].done_at < oldest ? own[i].done_at : oldest;
		}
		if (pick_done) {
			assert_true(p.repeat);
			if (fresh_left)
				fail_msg("step %d: %s came back while its level had fresh prompts",
				         s, p.id);
			assert_true(pick_done <= oldest);
		} else {
			assert_false(p.repeat);
		}
		if (order)
			order[s] = p.id;
		finish(d, done, own, st->n_own, p.id, 100 + s);
		current = p.id;
	}
}

static void no_repeat_until_used_up(void **state)
{
	(void)state;
	struct deck *d = make_deck(12, 11, 6);
	int64_t done[29] = {0};
	struct pacing_state st = {.seed = 42, .done_at = done};
	const char *order[80];
	run_rotation(d, &st, done, NULL, 80, order);
	/* 10 level-1 prompts, then level 2 (opened) ... */
	for (int s = 0; s < 10; s++)
		assert_int_equal(order[s][1], '1');
	for (int s = 10; s < 20; s++)
		assert_int_equal(order[s][1], '2');
	/* ... then level 3 until used up, then what is left of 2 and 1, then level 3 again. */
	for (int s = 20; s < 26; s++)
		assert_int_equal(order[s][1], '3');
	assert_int_equal(order[26][1], '2');
	assert_int_equal(order[27][1], '1');
	assert_int_equal(order[28][1], '1');
	assert_int_equal(order[29][1], '3');
	assert_string_equal(order[29], order[20]); /* least recently answered first */
	deck_free(d);
}

static void the_shuffle_is_per_couple_and_stable(void **state)
{
	(void)state;
	struct deck *d = make_deck(30, 0, 0);
	int64_t done_a[30] = {0}, done_b[30] = {0}, done_c[30] = {0};
	const char *a[10], *b[10], *c[10];
	struct pacing_state sa = {.seed = 1, .done_at = done_a};
	struct pacing_state sb = {.seed = 1, .done_at = done_b};
	struct pacing_state sc = {.seed = 2, .done_at = done_c};
	run_rotation(d, &sa, done_a, NULL, 10, a);
	run_rotation(d, &sb, done_b, NULL, 10, b);
	run_rotation(d, &sc, done_c, NULL, 10, c);
	int same = 0;
	for (int i = 0; i < 10; i++) {
		assert_string_equal(a[i], b[i]);
		same += !strcmp(a[i], c[i]);
	}
	assert_true(same < 10);
	/* Not the file order either. */
	int in_file_order = 0;
	for (int i = 0; i < 10; i++)
		in_file_order += deck_find(d, a[i]) == i;
	assert_true(in_file_order < 10);
	deck_free(d);
}

static void current_stays_until_both_answered(void **state)
{
	(void)state;
	struct deck *d = make_deck(12, 12, 12);
	int64_t done[36] = {0};
	struct pacing_state st = {.seed = 3, .done_at = done, .current = "l1-05"};
	struct pacing_pick p;
	assert_int_equal(pacing_current(d, &st, &p), 0);
	assert_string_equal(p.id, "l1-05");
	assert_int_equal(p.index, 5);
	assert_false(p.own);
	/* Even when it was answered together in an earlier round. */
	done[5] = 9;
	assert_int_equal(pacing_current(d, &st, &p), 0);
	assert_string_equal(p.id, "l1-05");
	/* Both have answered: the next one comes. */
	st.current_done = 1;
	assert_int_equal(pacing_current(d, &st, &p), 0);
	assert_string_not_equal(p.id, "l1-05");
	assert_int_equal(p.level, 1);
	/* A current prompt that no longer exists is replaced. */
	st.current = "gone-1";
	st.current_done = 0;
	assert_int_equal(pacing_current(d, &st, &p), 0);
	assert_true(deck_find(d, p.id) >= 0);
	deck_free(d);
}

static void own_prompts_join_the_rotation(void **state)
{
	(void)state;
	struct deck *d = make_deck(5, 5, 5);
	int64_t done[15] = {0};
	struct pacing_own own[] = {
	    {"own-1", 1, 0},
	    {"own-2", 1, 0},
	    {"own-3", 3, 0},
	    {"own-4", 7, 0},
	};
	struct pacing_state st = {.seed = 5, .done_at = done, .own = own, .n_own = 4};
	/* 7 + 5 + 6 prompts to serve: each comes exactly once, own ones included. */
	const char *order[18];
	assert_false(pacing_may_pick(d, &st, "own-3")); /* level 3 is closed for now */
	run_rotation(d, &st, done, own, 18, order);
	int seen[5] = {0};
	for (int i = 0; i < 18; i++)
		if (!strncmp(order[i], "own-", 4))
			seen[order[i][4] - '0']++;
	assert_int_equal(seen[1], 1);
	assert_int_equal(seen[2], 1);
	assert_int_equal(seen[3], 1);
	assert_int_equal(seen[4], 0); /* no such level */
	struct pacing_levels lv;
	pacing_levels(d, &st, &lv);
	assert_int_equal(lv.total[1], 7);
	assert_int_equal(lv.done[1], 7);
	assert_int_equal(lv.total[3], 6);
	assert_int_equal(lv.done[3], 6);
	assert_true(pacing_may_pick(d, &st, "own-1"));
	assert_true(pacing_may_pick(d, &st, "own-3"));
	assert_false(pacing_may_pick(d, &st, "own-4"));
	assert_false(pacing_may_pick(d, &st, "own-9"));
	assert_false(pacing_may_pick(d, &st, NULL));
	/* A new own prompt in a used-up level is served before anything repeats. */
	for (size_t i = 0; i < 15; i++)
		done[i] = 50;
	for (int i = 0; i < 4; i++)
		own[i].done_at = 60;
	own[2].done_at = 0;
	st.current = NULL;
	struct pacing_pick p;
	pacing_levels(d, &st, &lv);
	assert_true(pacing_level_open(&lv, 3));
	assert_int_equal(pacing_next(d, &st, &p), 0);
	assert_string_equal(p.id, "own-3");
	assert_true(p.own);
	assert_int_equal(p.index, 2);
	assert_false(p.repeat);
	deck_free(d);
}

static void the_only_prompt_left_may_come_back(void **state)
{
	(void)state;
	struct deck *d = make_deck(1, 0, 0);
	int64_t done[1] = {5};
	struct pacing_state st = {
	    .seed = 1, .done_at = done, .current = "l1-00", .current_done = 1};
	struct pacing_pick p;
	assert_int_equal(pacing_next(d, &st, &p), 0);
	assert_string_equal(p.id, "l1-00");
	assert_true(p.repeat);
	deck_free(d);
}

/* Runs a together session of n steps, checking each step's level and that who
 * answers first alternates from t->start; records each prompt as answered. */
static void walk_together(const struct deck *d, const struct pacing_state *st, int64_t *done,
                          struct pacing_together *t, const int *want_level, unsigned n)
{
	for (unsigned s = 0; s < n; s++) {
		struct pacing_pick p;
		t->step = s;
		assert_int_equal(pacing_together_next(d, st, t, &p), 0);
		assert_int_equal(p.level, want_level[s]);
		assert_int_equal(p.first, (int)((s + (unsigned)t->start) % 2));
		assert_false(p.repeat);
		done[p.index] = 1 + s;
	}
}

static void together_walks_levels_and_alternates(void **state)
{
	(void)state;
	struct deck *d = make_deck(12, 12, 12);
	int64_t done[36] = {0};
	struct pacing_state st = {.seed = 9, .done_at = done};
	st.asked_early[0] = st.asked_early[1] = 1u << 3;
	struct pacing_together t = {.start = 1};
	static const int all_open[] = {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3};
	walk_together(d, &st, done, &t, all_open, ARRAY_LEN(all_open));
	/* Only open levels; a custom pace. */
	memset(done, 0, sizeof done);
	st.asked_early[0] = st.asked_early[1] = 0;
	finish_level(d, done, 1, 10); /* level 2 open, level 3 closed */
	t.start = 0;
	t.per_level = 2;
	static const int two_open[] = {1, 1, 2, 2, 2, 2};
	walk_together(d, &st, done, &t, two_open, ARRAY_LEN(two_open));
	deck_free(d);
}

static void together_skips_an_empty_level(void **state)
{
	(void)state;
	struct deck *d = make_deck(0, 3, 2); /* no level 1: level 2 opens at once */
	int64_t done[5] = {0};
	struct pacing_state st = {.seed = 9, .done_at = done};
	struct pacing_together t = {.step = 0};
	struct pacing_pick p;
	assert_int_equal(pacing_together_next(d, &st, &t, &p), 0);
	assert_int_equal(p.level, 2);
	deck_free(d);
}

static void fast_on_the_real_decks(void **state)
{
	(void)state;
	struct err e;
	struct deck *d = deck_load(NULL, &e);
	assert_non_null(d);
	size_t n = deck_count(d);
	int64_t done[1024] = {0};
	assert_true(n <= ARRAY_LEN(done));
	struct pacing_state st = {.seed = 11, .done_at = done};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rounds = (int)n * 3;
	const char *served[1024 * 3];
	for (int s = 0; s < rounds; s++) {
		struct pacing_pick p;
		assert_int_equal(pacing_next(d, &st, &p), 0);
		served[s] = p.id;
		done[p.index] = 1 + s;
		st.current = p.id;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* The first n picks cover every prompt exactly once. */
	for (size_t i = 0; i < n; i++)
		assert_true(done[i] >= 1);
	for (size_t i = 1; i < n; i++)
		for (size_t k = 0; k < i; k += 37)
			assert_string_not_equal(served[i], served[k]);
	double us =
	    ((double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3) /
	    rounds;
	printf("report: pacing_next over %zu prompts: %.1f us a call (ASan build)\n", n, us);
	deck_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(levels_open_at_exactly_ten),
	    cmocka_unit_test(a_short_level_opens_the_next_when_used_up),
	    cmocka_unit_test(early_opening_needs_both),
	    cmocka_unit_test(no_repeat_until_used_up),
	    cmocka_unit_test(the_shuffle_is_per_couple_and_stable),
	    cmocka_unit_test(current_stays_until_both_answered),
	    cmocka_unit_test(own_prompts_join_the_rotation),
	    cmocka_unit_test(the_only_prompt_left_may_come_back),
	    cmocka_unit_test(together_walks_levels_and_alternates),
	    cmocka_unit_test(together_skips_an_empty_level),
	    cmocka_unit_test(fast_on_the_real_decks),
	};
	return cmocka_run_group_tests_name("pacing", tests, NULL, NULL);
}
