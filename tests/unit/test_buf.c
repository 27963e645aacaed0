/* Unit tests for util/buf: growth, the cap, detach and failure stickiness. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static void appends_and_terminates(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1024);
	assert_int_equal(buf_puts(&b, "hello"), 0);
	assert_int_equal(buf_putc(&b, ' '), 0);
	assert_int_equal(buf_printf(&b, "%d-%s", 42, "x"), 0);
	assert_string_equal(b.data, "hello 42-x");
	assert_int_equal(b.len, 10);
	buf_release(&b);
}

static void grows_past_first_block(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(100000);
	for (int i = 0; i < 5000; i++)
		assert_int_equal(buf_puts(&b, "abcdefghij"), 0);
	assert_int_equal(b.len, 50000);
	assert_int_equal(b.data[b.len], '\0');
	buf_release(&b);
}

static void cap_fails_and_sticks(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(8);
	assert_int_equal(buf_puts(&b, "12345678"), 0);
	assert_int_equal(buf_putc(&b, '9'), -1);
	assert_false(buf_ok(&b));
	assert_null(b.data);
	assert_int_equal(buf_puts(&b, "a"), -1);
	assert_null(buf_detach(&b, NULL));
	buf_reset(&b);
	assert_true(buf_ok(&b));
	assert_int_equal(buf_puts(&b, "ok"), 0);
	buf_release(&b);
}

static void detach_hands_over(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(64);
	size_t n = 99;
	char *empty = buf_detach(&b, &n);
	assert_non_null(empty);
	assert_string_equal(empty, "");
	assert_int_equal(n, 0);
	free(empty);
	assert_int_equal(buf_puts(&b, "mine"), 0);
	char *s = buf_detach(&b, &n);
	assert_string_equal(s, "mine");
	assert_int_equal(n, 4);
	assert_null(b.data);
	free(s);
}

/* printf into the room already there, past it (growing), and past the cap
 * (which fails the buffer even when the allocation would have had room). */
static void printf_in_room_grows_and_caps(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(100);
	assert_int_equal(buf_puts(&b, "ab"), 0); /* 64 bytes allocated */
	assert_int_equal(buf_printf(&b, "<%d>", 7), 0);
	assert_string_equal(b.data, "ab<7>");
	assert_int_equal(buf_printf(&b, "%070d", 1), 0); /* does not fit: grows */
	assert_int_equal(b.len, 75);
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(strncmp(b.data, "ab<7>000", 8), 0);
	assert_int_equal(buf_printf(&b, "%030d", 2), -1); /* 105 > the cap of 100 */
	assert_false(buf_ok(&b));
	buf_release(&b);
	struct buf c = BUF_INIT(10);
	assert_int_equal(buf_puts(&c, "12345"), 0); /* 64 allocated, cap 10 */
	assert_int_equal(buf_printf(&c, "%s", "678901"), -1);
	assert_false(buf_ok(&c));
	buf_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(appends_and_terminates),
		cmocka_unit_test(grows_past_first_block),
		cmocka_unit_test(cap_fails_and_sticks),
		cmocka_unit_test(detach_hands_over),
		cmocka_unit_test(printf_in_room_grows_and_caps),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
