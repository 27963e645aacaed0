/* Unit tests for the pure parts of src/push/push_send.c: the wait before
 * each new try (30 s doubling to an hour, or longer when the push service
 * asks) and the origin of an endpoint, which is the VAPID JWT's audience. */
#include "unit.h"

#include "push/push_send.h"

static void backoff(void **state)
{
	(void)state;
	assert_int_equal(push_send_backoff(0, 0), 30);
	assert_int_equal(push_send_backoff(1, 0), 60);
	assert_int_equal(push_send_backoff(4, 0), 480);
	assert_int_equal(push_send_backoff(7, 0), 3600);
	assert_int_equal(push_send_backoff(60, 0), 3600); /* no overflow */
	assert_int_equal(push_send_backoff(0, 120), 120);  /* Retry-After when longer */
	assert_int_equal(push_send_backoff(3, 10), 240);
	assert_int_equal(push_send_backoff(0, 10 * 86400), 86400);
}

static void origin(void **state)
{
	(void)state;
	char o[64];
	assert_int_equal(push_send_origin("https://fcm.googleapis.com/fcm/send/abc:def", o, sizeof o), 0);
	assert_string_equal(o, "https://fcm.googleapis.com");
	assert_int_equal(push_send_origin("http://127.0.0.1:8123/push/ben", o, sizeof o), 0);
	assert_string_equal(o, "http://127.0.0.1:8123");
	assert_int_equal(push_send_origin("https://push.example.net?x=1", o, sizeof o), 0);
	assert_string_equal(o, "https://push.example.net");
	assert_int_equal(push_send_origin("https:///path", o, sizeof o), -1);
	assert_int_equal(push_send_origin("no-scheme/path", o, sizeof o), -1);
	assert_int_equal(push_send_origin("://host", o, sizeof o), -1);
	assert_int_equal(push_send_origin("https://a-very-long-host-name.example.org/x", o, 16), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(backoff),
		cmocka_unit_test(origin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
