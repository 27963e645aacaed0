/* Unit tests for web/words: a page script's words found in its text and
 * handed over in a language. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "web/words.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/duet-words-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	char path[128];
	snprintf(path, sizeof path, "%s/de.po", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n"
	      "msgid \"Saved.\"\nmsgstr \"Gespeichert.\"\n\n"
	      "msgid \"It's %s <b>\"\nmsgstr \"Es ist „%s“ <b> & mehr\"\n\n"
	      "msgid \"%d item\"\nmsgid_plural \"%d items\"\nmsgstr[0] \"%d Punkt\"\nmsgstr[1] "
	      "\"%d Punkte\"\n\n"
	      "msgid \"Other\"\nmsgstr \"Anderes\"\n",
	      f);
	fclose(f);
	struct err e = {0};
	return i18n_load(dir, &e);
}

static int teardown(void **state)
{
	(void)state;
	i18n_unload();
	char path[128];
	snprintf(path, sizeof path, "%s/de.po", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

static const char script[] =
    "var w = duetWords(document.currentScript), t = w.t, tn = w.tn;\n"
    "say(t('Saved.')); say(t(\"It's %s <b>\", name));\n"
    "say(tn('%d item',\n  '%d items', n, n)); say(t('Not in the catalogue'));\n"
    "say(w.t('Other')); say(t(other)); say(at('Other'));\n";

static void hands_over_translated_words_only(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(4096);
	struct err e = {0};
	assert_int_equal(words_attr(&b, script, strlen(script), LANG_DE, &e), 0);
	assert_string_equal(
	    b.data,
	    " data-words=\"{&quot;Saved.&quot;:&quot;Gespeichert.&quot;,"
	    "&quot;It&#39;s %s &lt;b&gt;&quot;:&quot;Es ist „%s“ &lt;b&gt; &amp; mehr&quot;,"
	    "&quot;%d item&quot;:[&quot;%d Punkt&quot;,&quot;%d Punkte&quot;]}\"");
	buf_release(&b);
}

static void nothing_in_english_or_without_translations(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(4096);
	struct err e = {0};
	assert_int_equal(words_attr(&b, script, strlen(script), LANG_EN, &e), 0);
	assert_int_equal(b.len, 0);
	assert_int_equal(words_attr(&b, script, strlen(script), LANG_ES, &e), 0);
	assert_int_equal(b.len, 0);
	buf_release(&b);
}

static void refuses_what_it_cannot_read(void **state)
{
	(void)state;
	const char *bad[] = {"t('a\\tb')", "t('open", "tn('one', many, n)", "t('line\nbreak')"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct buf b = BUF_INIT(4096);
		struct err e = {0};
		assert_int_equal(words_attr(&b, bad[i], strlen(bad[i]), LANG_DE, &e), -1);
		assert_string_equal(e.code, "words");
		buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hands_over_translated_words_only),
	    cmocka_unit_test(nothing_in_english_or_without_translations),
	    cmocka_unit_test(refuses_what_it_cannot_read),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
