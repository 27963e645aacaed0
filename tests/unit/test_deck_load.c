/* Unit tests for know/deck_load: reading a folder of deck files, in name order,
 * refusing the whole set when any file is bad. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "know/deck_load.h"

/* A fresh folder named ".../decks" under the system's temporary folder. */
struct folder {
	char root[64];
	char dir[96];
};

static void folder_make(struct folder *f)
{
	snprintf(f->root, sizeof f->root, "/tmp/duet-deck-XXXXXX");
	assert_non_null(mkdtemp(f->root));
	snprintf(f->dir, sizeof f->dir, "%s/decks", f->root);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "mkdir '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
}

static void folder_remove(struct folder *f)
{
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->root);
	assert_int_equal(system(cmd), 0);
}

static void put(const struct folder *f, const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", f->dir, name);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

static void loads_every_deck_in_name_order(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	put(&f, "b.deck", "b1 | 2 | us | B?\n");
	put(&f, "a.deck", "a1 | 1 | dreams | A?\na2 | 3 | goals | A2?\n");
	put(&f, "notes.txt", "not a deck at all\n");
	put(&f, ".hidden.deck", "broken\n");
	struct err e;
	err_clear(&e);
	struct deck *d = deck_load(f.dir, &e);
	assert_non_null(d);
	assert_int_equal(deck_count(d), 3);
	assert_string_equal(deck_at(d, 0)->id, "a1");
	assert_string_equal(deck_at(d, 0)->file, "decks/a.deck");
	assert_string_equal(deck_at(d, 2)->id, "b1");
	assert_string_equal(deck_at(d, 2)->deck, "b");
	deck_free(d);
	folder_remove(&f);
}

static void one_bad_file_refuses_all(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	put(&f, "a.deck", "a1 | 1 | dreams | A?\n");
	put(&f, "feelings.deck", "# feelings\n\n\nf1 | 1 | us | F?\nf2 | 9 | us | G?\n");
	struct err e;
	assert_null(deck_load(f.dir, &e));
	assert_string_equal(e.msg, "decks/feelings.deck line 5: the level must be 1, 2 or 3, "
	                           "not \"9\".");
	put(&f, "feelings.deck", "f1 | 1 | us | F?\n");
	put(&f, "z.deck", "# z\na1 | 2 | us | Again?\n");
	assert_null(deck_load(f.dir, &e));
	assert_string_equal(e.msg, "decks/z.deck line 2: the id \"a1\" is already used in "
	                           "decks/a.deck line 1; ids must be unique across all decks.");
	put(&f, "z.deck", "");
	assert_null(deck_load(f.dir, &e));
	assert_string_equal(e.msg, "decks/z.deck holds no prompts.");
	folder_remove(&f);
}

static void refuses_missing_or_empty_folder(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	struct err e;
	assert_null(deck_load(f.dir, &e));
	assert_non_null(strstr(e.msg, "There are no deck files"));
	folder_remove(&f);
	assert_null(deck_load("/nonexistent/duet/decks", &e));
	assert_non_null(strstr(e.msg, "Could not read the deck folder /nonexistent/duet/decks"));
}

static void refuses_oversized_file(void **state)
{
	(void)state;
	struct folder f;
	folder_make(&f);
	size_t n = (size_t)DECK_FILE_MAX + 10;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, '#', n);
	big[n] = '\0';
	put(&f, "big.deck", big);
	free(big);
	struct err e;
	assert_null(deck_load(f.dir, &e));
	assert_non_null(strstr(e.msg, "decks/big.deck is larger than"));
	folder_remove(&f);
}

static void loads_the_data_folder_by_default(void **state)
{
	(void)state;
	struct err e;
	err_clear(&e);
	struct deck *d = deck_load(NULL, &e);
	if (!d)
		fail_msg("%s", e.msg);
	assert_true(deck_count(d) > 0);
	assert_non_null(strstr(deck_at(d, 0)->file, "decks/"));
	deck_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(loads_every_deck_in_name_order),
	    cmocka_unit_test(one_bad_file_refuses_all),
	    cmocka_unit_test(refuses_missing_or_empty_folder),
	    cmocka_unit_test(refuses_oversized_file),
	    cmocka_unit_test(loads_the_data_folder_by_default),
	};
	return cmocka_run_group_tests_name("deck_load", tests, NULL, NULL);
}
