/* test_journal_seal.c: journal_seal() seals an entry as the journal stores it:
 * one JSON object under the author's data key, bound to "journal:user:<id>". */
#include "unit.h"

#include <jansson.h>
#include <string.h>

#include "crypto/keys.h"
#include "crypto/seal.h"
#include "journal/journal.h"

static const struct journal_entry entry = {
    .text = "I answered with one word and left the room.",
    .tags = {"distant", "withdrew"},
    .ntags = 2,
    .impact = "It ended the talk before it began.",
    .own = "",
};

/* Opens sealed text with key and ad into a JSON object (NULL when it does not open). */
static json_t *open_json(const unsigned char *key, const struct buf *sealed, const char *ad)
{
	struct buf plain = BUF_INIT(64 * 1024);
	json_t *o = NULL;
	if (open_text(key, sealed->data, sealed->len, ad, &plain) == 0)
		o = json_loadb(plain.data, plain.len, 0, NULL);
	buf_release(&plain);
	return o;
}

static void opens_for_its_author(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES];
	key_random(key);
	struct buf sealed = BUF_INIT(64 * 1024);
	assert_int_equal(journal_seal(key, 42, &entry, &sealed), 0);
	assert_null(strstr(sealed.data, "left the room"));
	json_t *o = open_json(key, &sealed, "journal:user:42");
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "text")), entry.text);
	assert_string_equal(json_string_value(json_object_get(o, "impact")), entry.impact);
	assert_string_equal(json_string_value(json_object_get(o, "own")), "");
	json_t *tags = json_object_get(o, "tags");
	assert_int_equal(json_array_size(tags), 2);
	assert_string_equal(json_string_value(json_array_get(tags, 1)), "withdrew");
	json_decref(o);
	buf_release(&sealed);
}

static void bound_to_author_and_key(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES], other[KEY_BYTES];
	key_random(key);
	key_random(other);
	struct buf sealed = BUF_INIT(64 * 1024);
	assert_int_equal(journal_seal(key, 42, &entry, &sealed), 0);
	assert_null(open_json(key, &sealed, "journal:user:43"));
	assert_null(open_json(key, &sealed, "draft:user:42"));
	assert_null(open_json(other, &sealed, "journal:user:42"));
	buf_release(&sealed);
}

static void appends_to_out(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES];
	key_random(key);
	struct buf out = BUF_INIT(64);
	assert_int_equal(journal_seal(key, 1, &entry, &out), -1); /* past the cap */
	buf_release(&out);
}

static int setup(void **state)
{
	(void)state;
	return crypto_setup(1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(opens_for_its_author),
	    cmocka_unit_test(bound_to_author_and_key),
	    cmocka_unit_test(appends_to_out),
	};
	return cmocka_run_group_tests_name("journal_seal", tests, setup, NULL);
}
