/* Unit tests for http/clientaddr: the client behind trusted proxies, /64 groups. */
#include "unit.h"

#include <string.h>

#include "http/clientaddr.h"

static struct clientaddr_trust trust(const char *list)
{
	struct clientaddr_trust t;
	struct err e = { 0 };
	assert_int_equal(clientaddr_trust_parse(list, &t, &e), 0);
	return t;
}

static void header_ignored_unless_peer_is_trusted(void **state)
{
	(void)state;
	struct clientaddr_trust none = trust(NULL);
	char out[CLIENTADDR_MAX];
	clientaddr_pick(&none, "203.0.113.9", "198.51.100.1", out);
	assert_string_equal(out, "203.0.113.9");
	struct clientaddr_trust t = trust("10.0.0.1");
	clientaddr_pick(&t, "10.0.0.2", "198.51.100.1", out);
	assert_string_equal(out, "10.0.0.2");
}

static void rightmost_untrusted_entry_is_the_client(void **state)
{
	(void)state;
	struct clientaddr_trust t = trust(" 10.0.0.1 , 10.0.0.2,::1");
	assert_int_equal((int)t.n, 3);
	char out[CLIENTADDR_MAX];
	/* the client forged the left part; the proxies appended the right */
	clientaddr_pick(&t, "10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2", out);
	assert_string_equal(out, "198.51.100.7");
	clientaddr_pick(&t, "::1", "2001:db8::5", out);
	assert_string_equal(out, "2001:db8::5");
	/* no header: the proxy itself */
	clientaddr_pick(&t, "10.0.0.1", NULL, out);
	assert_string_equal(out, "10.0.0.1");
	/* garbage stops the walk at the last trusted hop */
	clientaddr_pick(&t, "10.0.0.1", "1.2.3.4, not-an-address", out);
	assert_string_equal(out, "10.0.0.1");
}

static void bad_lists_are_refused(void **state)
{
	(void)state;
	struct clientaddr_trust t;
	struct err e = { 0 };
	assert_int_equal(clientaddr_trust_parse("10.0.0.1, proxy.example", &t, &e), -1);
	assert_non_null(strstr(e.msg, "proxy.example"));
}

static void ipv6_grouped_by_64(void **state)
{
	(void)state;
	char a[CLIENTADDR_MAX], b[CLIENTADDR_MAX];
	clientaddr_group("2001:db8:1:2:aaaa::1", a);
	clientaddr_group("2001:db8:1:2:bbbb:cccc:dddd:eeee", b);
	assert_string_equal(a, "2001:db8:1:2::/64");
	assert_string_equal(a, b);
	clientaddr_group("2001:db8:1:3::1", b);
	assert_string_not_equal(a, b);
	clientaddr_group("192.0.2.1", a);
	assert_string_equal(a, "192.0.2.1");
	clientaddr_group("::ffff:192.0.2.1", a);
	assert_string_equal(a, "192.0.2.1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_ignored_unless_peer_is_trusted),
		cmocka_unit_test(rightmost_untrusted_entry_is_the_client),
		cmocka_unit_test(bad_lists_are_refused),
		cmocka_unit_test(ipv6_grouped_by_64),
	};
	return cmocka_run_group_tests_name("clientaddr", tests, NULL, NULL);
}
