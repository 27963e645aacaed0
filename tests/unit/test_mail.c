/* Unit tests for trust/mail: which addresses are accepted (none can carry a
 * line break or a second recipient into a message) and reading the SMTP
 * settings from the environment. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "trust/mail.h"

static void test_addresses(void **state)
{
	(void)state;
	const char *good[] = {"ana@example.org", "a.b-c+d@mail.example.co.uk", "x@y.io"};
	const char *bad[] = {
	    "",
	    "ana",
	    "@example.org",
	    "ana@",
	    "ana@example",
	    "ana@@example.org",
	    "ana@exa@mple.org",
	    "ana @example.org",
	    "ana@example.org\r\nBcc: x@y.z",
	    "<ana@example.org>",
	    "ana@example.org,ben@example.org",
	    "\"ana\"@example.org",
	    "ana@.example.org",
	    "ana@example.org.",
	    "an\xc3\xa1@example.org",
	    "a;b@example.org",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_true(mail_address_ok(good[i]));
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(mail_address_ok(bad[i]));
	assert_false(mail_address_ok(NULL));
	char long_addr[300];
	memset(long_addr, 'a', sizeof long_addr);
	memcpy(long_addr + 260, "@example.org", 13);
	assert_false(mail_address_ok(long_addr));
}

static void test_config(void **state)
{
	(void)state;
	struct mail_config c;
	struct err e = {0};
	unsetenv("DUET_SMTP_URL");
	assert_int_equal(mail_config_env(&c, &e), 0);
	setenv("DUET_SMTP_URL", "http://mail.example.org", 1);
	assert_int_equal(mail_config_env(&c, &e), -1);
	setenv("DUET_SMTP_URL", "smtp://127.0.0.1:2525", 1);
	unsetenv("DUET_SMTP_FROM");
	assert_int_equal(mail_config_env(&c, &e), -1);
	assert_non_null(strstr(e.msg, "DUET_SMTP_FROM"));
	setenv("DUET_SMTP_FROM", "duet@example.org", 1);
	assert_int_equal(mail_config_env(&c, &e), 1);
	assert_string_equal(c.url, "smtp://127.0.0.1:2525");
	assert_string_equal(c.from, "duet@example.org");
	/* a bad recipient is refused before anything is sent */
	assert_int_equal(mail_send(&c, "x@y.z\r\nRCPT TO:<z@z.z>", "s", "b", &e), -1);
	assert_string_equal(e.code, "invalid_email");
	unsetenv("DUET_SMTP_URL");
	unsetenv("DUET_SMTP_FROM");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_addresses),
	    cmocka_unit_test(test_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
