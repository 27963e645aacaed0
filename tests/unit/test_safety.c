/* Unit tests for trust/safety: which operator-given addresses are used for
 * the help link and the quick exit (safe in an attribute and a Location
 * header); the fallback to safe defaults is tested over HTTP
 * (tests/http/safety.test.mjs). */
#include "unit.h"

#include <string.h>

#include "trust/safety.h"

static void test_urls(void **state)
{
	(void)state;
	assert_true(safety_url_ok("https://help.example.org/"));
	assert_true(safety_url_ok("http://127.0.0.1:8080/weather?city=x&y=1"));
	const char *bad[] = {
	    "",
	    "https://",
	    "http://",
	    "javascript:alert(1)",
	    "//evil.example",
	    "/kitchen",
	    "ftp://x.example",
	    "https://x.example/\"><script>",
	    "https://x.example/a b",
	    "https://x.example/\r\nSet-Cookie: a=b",
	    "https://x.example/<",
	    "https://x.example/'",
	    "https://ex\xc3\xa4mple.org/",
	    "HTTPS://upper.example",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(safety_url_ok(bad[i]));
	assert_false(safety_url_ok(NULL));
	char longurl[600] = "https://x.example/";
	memset(longurl + 18, 'a', 500);
	longurl[518] = '\0';
	assert_false(safety_url_ok(longurl));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_urls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
