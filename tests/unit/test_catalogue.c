/* Unit tests for differences/catalogue (the parser) and differences/catalogue_load, and
 * checks of the real catalogue in data/differences/. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "differences/catalogue.h"
#include "differences/catalogue_load.h"
#include "util/datadir.h"
#include "util/utf8.h"

static struct catalogue *parse(const char *text, struct err *e)
{
	return catalogue_parse("t.tsv", text, strlen(text), e);
}

static void parses_categories_and_items(void **state)
{
	(void)state;
	const char *text = "# a comment\n"
	                   "\n"
	                   "@category\tfood\tFood and drink\r\n"
	                   "tea\tA pot of tea\n"
	                   "  \t \n"
	                   "street-food\tMarkets and street food\n"
	                   "@category\tplaces\tPlaces\n"
	                   "lisbon-2\tLisbon in spring"; /* no final newline */
	struct err e = {0};
	struct catalogue *c = parse(text, &e);
	assert_non_null(c);
	assert_int_equal(c->ncategories, 2);
	assert_int_equal(c->nitems, 3);
	assert_string_equal(c->categories[0].key, "food");
	assert_string_equal(c->categories[0].name, "Food and drink");
	assert_int_equal(c->categories[0].first, 0);
	assert_int_equal(c->categories[0].count, 2);
	assert_string_equal(c->categories[1].name, "Places");
	assert_int_equal(c->categories[1].first, 2);
	assert_int_equal(c->categories[1].count, 1);
	assert_string_equal(c->items[1].id, "street-food");
	assert_string_equal(c->items[1].text, "Markets and street food");
	assert_int_equal(c->items[1].line, 6);
	assert_string_equal(c->items[1].file, "t.tsv");
	assert_int_equal(c->items[2].category, 1);
	assert_int_equal(catalogue_find(c, "tea"), 0);
	assert_int_equal(catalogue_find(c, "lisbon-2"), 2);
	assert_int_equal(catalogue_find(c, "coffee"), -1);
	assert_int_equal(catalogue_category_find(c, "places"), 1);
	assert_int_equal(catalogue_category_find(c, "money"), -1);
	catalogue_free(c);
}

static void empty_text_is_an_empty_catalogue(void **state)
{
	(void)state;
	struct err e = {0};
	struct catalogue *c = catalogue_parse("t.tsv", "", 0, &e);
	assert_non_null(c);
	assert_int_equal(c->nitems, 0);
	assert_int_equal(catalogue_find(c, "a"), -1);
	catalogue_free(c);
	catalogue_free(NULL);
}

struct bad {
	const char *text;
	const char *message; /* the expected start of the error */
};

static void errors_name_the_line(void **state)
{
	(void)state;
	char long_line[1100], long_text[200], long_name[100];
	snprintf(long_line, sizeof long_line, "@category\tk\tK\na\t%01030d\n", 0);
	memset(long_text, 'x', sizeof long_text);
	memcpy(long_text, "@category\tk\tK\na\t", 16);
	snprintf(long_text + 16 + 81, sizeof long_text - 16 - 81, "\n");
	memset(long_name, 'n', sizeof long_name);
	memcpy(long_name, "@category\tk\t", 12);
	snprintf(long_name + 12 + 41, sizeof long_name - 12 - 41, "\n");
	const struct bad cases[] = {
	    {"a\tA\n", "t.tsv line 1: an item comes before any @category line"},
	    {"@category\tk\tK\n\nbad id\tText\n", "t.tsv line 3: an id is"},
	    {"@category\tk\tK\nA\tText\n", "t.tsv line 2: an id is"},
	    {"@category\tk\tK\n9a\tText\n", "t.tsv line 2: an id is"},
	    {"@category\tk\tK\na23456789012345678901234567890123456789012\tText\n",
	     "t.tsv line 2: an id is"},
	    {"@category\tk\tK\nid\n", "t.tsv line 2: expected an id, one tab"},
	    {"@category\tk\tK\nid\ta\tb\n", "t.tsv line 2: expected an id, one tab"},
	    {"@category\tk\tK\nid\t\n", "t.tsv line 2: the item's text is empty"},
	    {"@category\tk\tK\nid\tText \n", "t.tsv line 2: the item's text starts or ends"},
	    {"@category\tk\tK\nid\tA\x01 b\n", "t.tsv line 2: the item's text holds a control"},
	    {"@category\tk\tK\nid\tA\xc2\x85 b\n", "t.tsv line 2: the item's text holds a control"},
	    {"@category\tk\tK\n\nid\t\xff\n", "t.tsv line 3: the line is not valid UTF-8"},
	    {long_text, "t.tsv line 2: the item's text is too long"},
	    {long_line, "t.tsv line 2: the line is longer than 1024 bytes"},
	    {"@cat\tk\tK\n", "t.tsv line 1: unknown directive"},
	    {"@category\tk\n", "t.tsv line 1: expected @category"},
	    {"@category\tk\tK\tx\n", "t.tsv line 1: expected @category"},
	    {"@category\tKey\tK\n", "t.tsv line 1: a category key is"},
	    {"@category\tk2345678901234567\tK\n", "t.tsv line 1: a category key is"},
	    {"@category\tk\t\n", "t.tsv line 1: the category name is empty"},
	    {long_name, "t.tsv line 1: the category name is too long"},
	    {"@category\tk\tK\na\tA\n@category\tk\tL\nb\tB\n",
	     "t.tsv line 3: the category \"k\" is already declared"},
	    {"#\n@category\tk\tK\n@category\tl\tL\nb\tB\n",
	     "t.tsv line 2: the category \"k\" has no items"},
	    {"@category\tk\tK\na\tA\n@category\tl\tL\n# none\n",
	     "t.tsv line 3: the category \"l\" has no items"},
	    {"@category\tk\tK\na\tA\nb\tB\n@category\tl\tL\na\tC\n",
	     "t.tsv line 5: the id \"a\" is already used (t.tsv line 2)"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct err e = {0};
		struct catalogue *c = parse(cases[i].text, &e);
		if (c || strncmp(e.msg, cases[i].message, strlen(cases[i].message)) != 0)
			fail_msg("case %zu: got \"%s\", wanted \"%s…\"", i, e.msg,
			         cases[i].message);
		assert_string_equal(e.code, "catalogue");
	}
	/* a NUL byte inside the text is not UTF-8 text either */
	struct err e = {0};
	assert_null(catalogue_parse("t.tsv", "@category\tk\tK\na\tA\0B\n", 19, &e));
	assert_string_equal(e.msg, "t.tsv line 2: the line is not valid UTF-8 text");
	/* too big as a whole */
	assert_null(catalogue_parse("t.tsv", "", CATALOGUE_FILE_MAX + 1, &e));
	assert_string_equal(e.msg, "t.tsv: the file is larger than 1 MiB");
}

static void lengths_count_characters(void **state)
{
	(void)state;
	/* 80 two-byte characters are fine; 81 are not */
	char text[32 + 2 * 81 + 2] = "@category\tk\tK\na\t";
	size_t n = strlen(text);
	for (int i = 0; i < 80; i++, n += 2)
		memcpy(text + n, "\xc3\xa9", 2);
	struct err e = {0};
	struct catalogue *c = catalogue_parse("t.tsv", text, n, &e);
	assert_non_null(c);
	assert_int_equal(utf8_count(c->items[0].text, strlen(c->items[0].text)), 80);
	catalogue_free(c);
	memcpy(text + n, "\xc3\xa9", 2);
	assert_null(catalogue_parse("t.tsv", text, n + 2, &e));
}

static void a_failed_add_changes_nothing(void **state)
{
	(void)state;
	struct err e = {0};
	struct catalogue *c = parse("@category\tk\tK\na\tA\nb\tB\n", &e);
	assert_non_null(c);
	const char *dup = "@category\tl\tL\nc\tC\nb\tAgain\n";
	assert_int_equal(catalogue_add(c, "two.tsv", dup, strlen(dup), &e), -1);
	assert_string_equal(
	    e.msg,
	    "two.tsv line 3: the id \"b\" is already used (t.tsv line 3); ids must be unique");
	assert_int_equal(c->nitems, 2);
	assert_int_equal(c->ncategories, 1);
	assert_int_equal(catalogue_find(c, "c"), -1);
	assert_int_equal(catalogue_find(c, "b"), 1);
	const char *key = "@category\tk\tK again\nd\tD\n";
	assert_int_equal(catalogue_add(c, "three.tsv", key, strlen(key), &e), -1);
	assert_string_equal(e.msg, "three.tsv line 1: the category \"k\" is already declared");
	const char *good = "@category\tl\tL\nc\tC\n";
	assert_int_equal(catalogue_add(c, "two.tsv", good, strlen(good), &e), 0);
	assert_int_equal(c->nitems, 3);
	assert_int_equal(catalogue_find(c, "c"), 2);
	assert_int_equal(c->categories[1].first, 2);
	assert_string_equal(c->items[2].file, "two.tsv");
	catalogue_free(c);
}

static void custom_item_text(void **state)
{
	(void)state;
	const char *fine[] = {"Jo", "Lisbon", "\xe8\x8c\xb6", "Sam's birthday, every year"};
	for (size_t i = 0; i < ARRAY_LEN(fine); i++)
		assert_null(catalogue_text_problem(fine[i], strlen(fine[i])));
	assert_non_null(catalogue_text_problem("", 0));
	assert_non_null(catalogue_text_problem(" Jo", 3));
	assert_non_null(catalogue_text_problem("Jo\tSam", 6));
	assert_non_null(catalogue_text_problem("Jo\nSam", 6));
	assert_non_null(catalogue_text_problem("Jo\xe2\x80\xa8Sam", 8));
	assert_non_null(catalogue_text_problem("\xc3", 1));
	char longer[82];
	memset(longer, 'a', 81);
	assert_null(catalogue_text_problem(longer, 80));
	assert_non_null(catalogue_text_problem(longer, 81));
	struct err e = {0};
	assert_int_equal(catalogue_check_text("Jo ", 3, &e), -1);
	assert_int_equal(e.status, 400);
	assert_string_equal(e.code, "invalid");
	assert_string_equal(e.msg, "Please take out the spaces at the start or end of the item.");
	assert_int_equal(catalogue_check_text("Jo", 2, &e), 0);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void remove_dir(const char *dir, const char *const *names, size_t n)
{
	char path[512];
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void loader_reads_files_in_name_order(void **state)
{
	(void)state;
	char dir[] = "/tmp/duet-catalogue-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct err e = {0};
	assert_null(catalogue_load_dir(dir, &e));
	assert_non_null(strstr(e.msg, "no catalogue files"));

	write_file(dir, "20-b.tsv", "@category\tb\tB\nb1\tOne\n");
	write_file(dir, "10-a.tsv", "@category\ta\tA\na1\tOne\na2\tTwo\n");
	write_file(dir, "README", "not a catalogue file\n");
	write_file(dir, ".hidden.tsv", "not even parsed\n");
	struct catalogue *c = catalogue_load_dir(dir, &e);
	assert_non_null(c);
	assert_int_equal(c->ncategories, 2);
	assert_string_equal(c->categories[0].key, "a");
	assert_string_equal(c->categories[1].key, "b");
	assert_int_equal(catalogue_find(c, "b1"), 2);
	catalogue_free(c);

	write_file(dir, "30-c.tsv", "# c\n@category\tc\tC\nc1\tOne\na2\tTwo again\n");
	assert_null(catalogue_load_dir(dir, &e));
	char want[600];
	snprintf(want, sizeof want,
	         "%s/30-c.tsv line 4: the id \"a2\" is already used (%s/10-a.tsv line 3); ids must "
	         "be unique",
	         dir, dir);
	assert_string_equal(e.msg, want);

	const char *const names[] = {"10-a.tsv", "20-b.tsv", "30-c.tsv", "README", ".hidden.tsv"};
	remove_dir(dir, names, ARRAY_LEN(names));
	assert_null(catalogue_load_dir(dir, &e));
	assert_non_null(strstr(e.msg, "cannot open the catalogue folder"));
}

/* The real catalogue: how many, every category, unique ids and texts, lengths. */
static void real_catalogue(void **state)
{
	(void)state;
	struct err e = {0};
	struct catalogue *c = catalogue_load(&e);
	if (!c)
		fail_msg("%s", e.msg);
	const char *const keys[] = {"interests", "everyday",  "social", "family", "money",
	                            "time",      "affection", "goals",  "places"};
	assert_true(c->nitems >= 150);
	assert_int_equal(c->ncategories, ARRAY_LEN(keys));
	size_t fewest = c->nitems;
	for (size_t k = 0; k < ARRAY_LEN(keys); k++) {
		const struct catalogue_category *cat = &c->categories[k];
		assert_string_equal(cat->key, keys[k]);
		assert_true(cat->count >= 10);
		assert_true(strlen(cat->name) > 0);
		if (cat->count < fewest)
			fewest = cat->count;
	}
	for (size_t i = 0; i < c->nitems; i++) {
		const char *t = c->items[i].text;
		size_t chars = utf8_count(t, strlen(t));
		/* short enough for a phone row, starting with a capital, no full stop */
		if (chars > 60 || t[0] < 'A' || t[0] > 'Z' || t[strlen(t) - 1] == '.')
			fail_msg("%s line %u: \"%s\"", c->items[i].file, c->items[i].line, t);
		for (size_t j = 0; j < i; j++)
			if (strcasecmp(t, c->items[j].text) == 0)
				fail_msg("the text \"%s\" appears twice", t);
	}
	printf("report: difference catalogue: %zu items in %zu categories (fewest %zu)\n",
	       c->nitems, c->ncategories, fewest);
	catalogue_free(c);
}

/* Every id in the catalogue is in data/differences/ids.txt, and every id there is
 * still in the catalogue unless marked retired, so ids are never changed or reused. */
static void ids_match_the_ledger(void **state)
{
	(void)state;
	struct err e = {0};
	struct catalogue *c = catalogue_load(&e);
	assert_non_null(c);
	char path[512], line[128];
	assert_int_equal(datadir_path(path, sizeof path, "differences/ids.txt"), 0);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	unsigned char *listed = calloc(c->nitems, 1);
	assert_non_null(listed);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *retired = strstr(line, " retired");
		if (retired)
			*retired = '\0';
		long i = catalogue_find(c, line);
		if (retired && i >= 0)
			fail_msg("the retired id \"%s\" is in use again; pick a new id", line);
		if (!retired && i < 0)
			fail_msg("the id \"%s\" is gone; mark it retired in ids.txt", line);
		if (i >= 0)
			listed[i]++;
	}
	fclose(f);
	for (size_t i = 0; i < c->nitems; i++)
		if (listed[i] != 1)
			fail_msg("the id \"%s\" is listed %d times in ids.txt (once, please)",
			         c->items[i].id, listed[i]);
	free(listed);
	catalogue_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parses_categories_and_items),
	    cmocka_unit_test(empty_text_is_an_empty_catalogue),
	    cmocka_unit_test(errors_name_the_line),
	    cmocka_unit_test(lengths_count_characters),
	    cmocka_unit_test(a_failed_add_changes_nothing),
	    cmocka_unit_test(custom_item_text),
	    cmocka_unit_test(loader_reads_files_in_name_order),
	    cmocka_unit_test(real_catalogue),
	    cmocka_unit_test(ids_match_the_ledger),
	};
	return cmocka_run_group_tests_name("catalogue", tests, NULL, NULL);
}
