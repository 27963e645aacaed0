/* Unit tests for lib/po (reading .po catalogues) and lib/lang (languages and
 * Accept-Language). */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "lib/lang.h"
#include "lib/po.h"

struct seen {
	int n;
	char id[8][64], str0[8][64], str1[8][64], plural[8][64];
	int nstr[8];
};

static int collect(void *ctx, const struct po_entry *en, struct err *e)
{
	(void)e;
	struct seen *s = ctx;
	if (s->n >= 8)
		return -1;
	snprintf(s->id[s->n], 64, "%s", en->id);
	snprintf(s->str0[s->n], 64, "%s", en->str[0]);
	snprintf(s->str1[s->n], 64, "%s", en->str[1]);
	snprintf(s->plural[s->n], 64, "%s", en->id_plural ? en->id_plural : "-");
	s->nstr[s->n] = en->nstr;
	s->n++;
	return 0;
}

static void reads_entries_plurals_and_escapes(void **state)
{
	(void)state;
	const char *text = "# a comment\n"
			   "msgid \"\"\n"
			   "msgstr \"\"\n"
			   "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n"
			   "\n"
			   "#: src/web/page.c:12\n"
			   "msgid \"Sign \"\n"
			   "\"in\"\n"
			   "msgstr \"Anmelden\"\n"
			   "\n"
			   "#, fuzzy\n"
			   "msgid \"Home\"\n"
			   "msgstr \"Heim\"\n"
			   "\n"
			   "#, c-format\n"
			   "msgid \"%d prompt\"\n"
			   "msgid_plural \"%d prompts\"\n"
			   "msgstr[0] \"%d Impuls\"\n"
			   "msgstr[1] \"%d Impulse\"\n"
			   "msgid \"Say \\\"hi\\\"\\n\"\n"
			   "msgstr \"\"\n"
			   "#~ msgid \"old\"\n"
			   "#~ msgstr \"alt\"\n";
	struct seen s = { 0 };
	struct err e = { 0 };
	assert_int_equal(po_parse(text, strlen(text), collect, &s, &e), 0);
	assert_int_equal(s.n, 4); /* header, Sign in, the plural, Say; not the fuzzy one */
	assert_string_equal(s.id[0], "");
	assert_int_equal(po_plural_forms(s.str0[0]), 2);
	assert_string_equal(s.id[1], "Sign in");
	assert_string_equal(s.str0[1], "Anmelden");
	assert_string_equal(s.id[2], "%d prompt");
	assert_string_equal(s.plural[2], "%d prompts");
	assert_int_equal(s.nstr[2], 2);
	assert_string_equal(s.str1[2], "%d Impulse");
	assert_string_equal(s.id[3], "Say \"hi\"\n");
	assert_string_equal(s.str0[3], "");
}

static void refuses_what_it_does_not_understand(void **state)
{
	(void)state;
	const char *bad[] = {
		"msgid \"a\"\nmsgstr \"b\n",          /* no closing quote */
		"msgid \"a\"\n",                      /* no msgstr */
		"msgstr \"b\"\n",                     /* msgstr first */
		"msgid \"a\"\nmsgid \"b\"\nmsgstr \"\"\n", /* msgid twice */
		"msgid \"a\" x\nmsgstr \"b\"\n",      /* text after the quote */
		"\"loose\"\n",                        /* a string outside an entry */
		"msgid \"\\q\"\nmsgstr \"\"\n",       /* unknown escape */
		"hello\n",
		"msgid \"\"\n\nmsgid \"a\"\nmsgstr \"b\"\n", /* a msgid left without msgstr */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct seen s = { 0 };
		struct err e = { 0 };
		assert_int_equal(po_parse(bad[i], strlen(bad[i]), collect, &s, &e), -1);
		assert_non_null(strstr(e.msg, "line "));
	}
}

static void knows_the_plural_rules_of_its_languages(void **state)
{
	(void)state;
	assert_int_equal(po_plural_forms("Plural-Forms: nplurals=2; plural=(n != 1);\n"), 2);
	assert_int_equal(po_plural_forms("Plural-Forms: nplurals=2; plural=n != 1;\n"), 2);
	assert_int_equal(po_plural_forms("Plural-Forms: nplurals=1; plural=0;\n"), 1);
	assert_int_equal(po_plural_forms("Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : 1);\n"), -1);
	assert_int_equal(po_plural_index(2, 1), 0);
	assert_int_equal(po_plural_index(2, 0), 1);
	assert_int_equal(po_plural_index(2, 2), 1);
	assert_int_equal(po_plural_index(1, 5), 0);
}

static void picks_the_language_the_browser_prefers(void **state)
{
	(void)state;
	assert_int_equal(lang_accept(NULL), LANG_EN);
	assert_int_equal(lang_accept(""), LANG_EN);
	assert_int_equal(lang_accept("de-DE,de;q=0.9,en;q=0.8"), LANG_DE);
	assert_int_equal(lang_accept("fr-FR, es;q=0.7, de;q=0.5"), LANG_ES);
	assert_int_equal(lang_accept("en;q=0.5, es-MX;q=0.9"), LANG_ES);
	assert_int_equal(lang_accept("de;q=0, es;q=0.001"), LANG_ES);
	assert_int_equal(lang_accept("de;q=0"), LANG_EN);
	assert_int_equal(lang_accept("fr, it"), LANG_EN);
	assert_int_equal(lang_accept("*;q=0.5, de;q=0.4"), LANG_EN);
	assert_int_equal(lang_accept("es;q=0.8, de;q=0.8"), LANG_ES); /* ties: the first */
	assert_int_equal(lang_accept("de;q=2, es"), LANG_ES);        /* a bad q excludes */
	assert_int_equal(lang_accept("de;q=abc"), LANG_EN);
	assert_int_equal(lang_accept("  DE-at  ;  q=0.9"), LANG_DE);
	assert_int_equal(lang_accept(",,,;;"), LANG_EN);
	assert_int_equal(lang_of("es"), LANG_ES);
	assert_int_equal(lang_of("de_CH"), LANG_DE);
	assert_int_equal(lang_of("deu"), -1);
	assert_int_equal(lang_of(""), -1);
	assert_string_equal(lang_code(LANG_DE), "de");
	assert_null(lang_code(LANG_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_entries_plurals_and_escapes),
		cmocka_unit_test(refuses_what_it_does_not_understand),
		cmocka_unit_test(knows_the_plural_rules_of_its_languages),
		cmocka_unit_test(picks_the_language_the_browser_prefers),
	};
	return cmocka_run_group_tests_name("po", tests, NULL, NULL);
}
