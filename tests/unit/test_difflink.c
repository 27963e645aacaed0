/* Unit tests for differences/difflink: rating words, the dream table's text for a
 * difference, and the link that starts a negotiation. */
#include "unit.h"

#include <string.h>

#include "differences/difflink.h"

static void signs_and_words(void **state)
{
	(void)state;
	const char *signs[] = {"\xe2\x88\x92"
	                       "2",
	                       "\xe2\x88\x92"
	                       "1",
	                       "0", "+1", "+2"};
	const char *words[] = {"strongly dislike", "dislike", "neutral", "like", "love it"};
	for (int v = -2; v <= 2; v++) {
		assert_string_equal(difflink_sign(v), signs[v + 2]);
		assert_string_equal(difflink_words(v), words[v + 2]);
	}
	assert_null(difflink_sign(-3));
	assert_null(difflink_sign(3));
	assert_null(difflink_words(-128));
	assert_null(difflink_words(3));
}

static void query_is_percent_encoded(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1024);
	assert_int_equal(buf_puts(&b, "/x"), 0);
	assert_int_equal(difflink_query(&b, "title", "Lisbon & Porto = 2/2? \"yes\" <b>"), 0);
	assert_int_equal(difflink_query(&b, "text", "A-Z_a.z~09 caf\xc3\xa9 #1+1%"), 0);
	assert_string_equal(b.data,
	                    "/x?title=Lisbon%20%26%20Porto%20%3D%202%2F2%3F%20%22yes%22%20%3Cb%3E"
	                    "&text=A-Z_a.z~09%20caf%C3%A9%20%231%2B1%25");
	buf_reset(&b);
	assert_int_equal(difflink_query(&b, "e", ""), 0);
	assert_string_equal(b.data, "?e=");
	buf_release(&b);
}

static void dream_text(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(2048);
	assert_int_equal(difflink_dream_text(&b, "Ana", 2, "Ben", -2), 0);
	assert_string_equal(b.data, "From our difference map: Ana +2 (love it), Ben "
	                            "\xe2\x88\x92"
	                            "2 (strongly dislike).");
	buf_reset(&b);
	assert_int_equal(difflink_dream_text(&b, "Ana & <Jo>", 0, "Ben", 1), 0);
	assert_string_equal(b.data, /* plain text: the page escapes it */
	                    "From our difference map: Ana & <Jo> 0 (neutral), Ben +1 (like).");
	buf_reset(&b);
	assert_int_equal(difflink_dream_text(&b, "Ana", 3, "Ben", 0), -1);
	assert_int_equal(difflink_dream_text(&b, "Ana", 0, "Ben", -128), -1);
	assert_int_equal(b.len, 0);
	struct buf tiny = BUF_INIT(40);
	assert_int_equal(difflink_dream_text(&tiny, "Ana", 2, "Ben", -2), -1);
	buf_release(&b);
}

static void negotiation_link(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1024);
	assert_int_equal(difflink_negotiation(&b, "Where to live: city or country"), 0);
	assert_string_equal(b.data,
	                    "/negotiations/new?topic=Where%20to%20live%3A%20city%20or%20country");
	struct buf tiny = BUF_INIT(20);
	assert_int_equal(difflink_negotiation(&tiny, "Where to live"), -1);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(signs_and_words),
	    cmocka_unit_test(query_is_percent_encoded),
	    cmocka_unit_test(dream_text),
	    cmocka_unit_test(negotiation_link),
	};
	return cmocka_run_group_tests_name("difflink", tests, NULL, NULL);
}
