/* Unit tests for cli/config: what an operator's duet.conf gives, and the
 * "FILE:LINE: what was wrong" they see when it is wrong. */
#include "unit.h"

#include <string.h>

#include "cli/config.h"

static struct config parse_ok(const char *text)
{
	struct config c;
	struct err e = { 0 };
	int rc = config_parse(text, strlen(text), "duet.conf", &c, &e);
	if (rc < 0)
		fail_msg("unexpected error: %s", e.msg);
	return c;
}

static void assert_error(const char *text, const char *msg)
{
	struct config c;
	struct err e = { 0 };
	assert_int_equal(config_parse(text, strlen(text), "/etc/duet/duet.conf", &c, &e), -1);
	assert_string_equal(e.msg, msg);
	assert_int_equal(c.n, 0);
	assert_null(c.text);
}

static void reads_keys_values_and_comments(void **state)
{
	(void)state;
	struct config c = parse_ok("# duet settings\n"
				   "\n"
				   "listen = 0.0.0.0:8080\n"
				   "  db=/var/lib/duet/duet.db  \r\n"
				   "\t# indented comment\n"
				   "page-cache-mb = 16\n"
				   "help-url = https://example.org/help#local\n"
				   "help-text = Call the local line, any hour");
	assert_int_equal(c.n, 5);
	assert_string_equal(c.set[0].env, "DUET_LISTEN");
	assert_string_equal(c.set[0].value, "0.0.0.0:8080");
	assert_int_equal(c.set[0].line, 3);
	assert_string_equal(c.set[1].env, "DUET_DB");
	assert_string_equal(c.set[1].value, "/var/lib/duet/duet.db");
	assert_int_equal(c.set[1].line, 4);
	assert_string_equal(c.set[2].env, "DUET_PAGE_CACHE_MB");
	assert_string_equal(c.set[2].value, "16");
	assert_string_equal(c.set[3].value, "https://example.org/help#local");
	assert_string_equal(c.set[4].value, "Call the local line, any hour");
	assert_int_equal(c.set[4].line, 8);
	config_release(&c);
	config_release(&c); /* safe twice */
}

static void an_empty_file_sets_nothing(void **state)
{
	(void)state;
	struct config c = parse_ok("");
	assert_int_equal(c.n, 0);
	c = parse_ok("# only comments\n\n   \n");
	assert_int_equal(c.n, 0);
	config_release(&c);
}

static void every_option_and_setting_has_a_key(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{ "listen", "DUET_LISTEN" },
		{ "db", "DUET_DB" },
		{ "threads", "DUET_THREADS" },
		{ "tls-cert", "DUET_TLS_CERT" },
		{ "tls-key", "DUET_TLS_KEY" },
		{ "metrics-listen", "DUET_METRICS_LISTEN" },
		{ "log-format", "DUET_LOG_FORMAT" },
		{ "data", "DUET_DATA" },
		{ "static", "DUET_STATIC" },
		{ "cookie-secure", "DUET_COOKIE_SECURE" },
		{ "quiet", "DUET_QUIET" },
		{ "page-cache-mb", "DUET_PAGE_CACHE_MB" },
		{ "db-max-mb", "DUET_DB_MAX_MB" },
		{ "sql-trace", "DUET_SQL_TRACE" },
		{ "help-text", "DUET_HELP_TEXT" },
		{ "help-url", "DUET_HELP_URL" },
		{ "exit-url", "DUET_EXIT_URL" },
		{ "public-url", "DUET_PUBLIC_URL" },
		{ "smtp-url", "DUET_SMTP_URL" },
		{ "smtp-from", "DUET_SMTP_FROM" },
		{ "smtp-user", "DUET_SMTP_USER" },
		{ "smtp-password", "DUET_SMTP_PASSWORD" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		const char *env = config_env_of(pairs[i][0]);
		assert_non_null(env);
		assert_string_equal(env, pairs[i][1]);
	}
	assert_null(config_env_of("config"));
	assert_null(config_env_of("LISTEN"));
}

static void tells_file_line_and_what_was_wrong(void **state)
{
	(void)state;
	assert_error("listen = 127.0.0.1:8080\nlisen = 127.0.0.1:9090\n",
		     "/etc/duet/duet.conf:2: 'lisen' is not a setting duet knows");
	assert_error("DUET_DB = x.db\n",
		     "/etc/duet/duet.conf:1: 'DUET_DB' is not a setting duet knows (write it in "
		     "lower case without DUET_, '-' for '_')");
	assert_error("\n\nthreads = many\n",
		     "/etc/duet/duet.conf:3: threads wants a whole number from 1 to 256, not 'many'");
	assert_error("threads = 0\n",
		     "/etc/duet/duet.conf:1: threads wants a whole number from 1 to 256, not '0'");
	assert_error("page-cache-mb = 2048\n", "/etc/duet/duet.conf:1: page-cache-mb wants a whole "
					       "number from 0 to 1024, not '2048'");
	assert_error("listen = localhost:8080\n", "/etc/duet/duet.conf:1: listen wants "
						  "ADDRESS:PORT, like 127.0.0.1:8080, not "
						  "'localhost:8080'");
	assert_error("metrics-listen = 127.0.0.1:99999\n",
		     "/etc/duet/duet.conf:1: metrics-listen wants ADDRESS:PORT, like "
		     "127.0.0.1:8080, not '127.0.0.1:99999'");
	assert_error("cookie-secure = yes\n",
		     "/etc/duet/duet.conf:1: cookie-secure wants 1 (on) or 0 (off), not 'yes'");
	assert_error("log-format = xml\n",
		     "/etc/duet/duet.conf:1: log-format wants text or json, not 'xml'");
	assert_error("db =\n", "/etc/duet/duet.conf:1: db wants a value");
	assert_error("listen 127.0.0.1:8080\n",
		     "/etc/duet/duet.conf:1: expected key = value, like listen = 127.0.0.1:8080");
	assert_error("db = a.db\n# again\ndb = b.db\n",
		     "/etc/duet/duet.conf:3: db is set twice (first on line 1)");
	assert_error("help-text = a\x01z\n",
		     "/etc/duet/duet.conf:1: the value of help-text holds a control character");
	assert_error("help-text = \xff\xfe\n",
		     "/etc/duet/duet.conf:1: the value of help-text is not valid UTF-8");
}

static void refuses_binary_and_huge_files(void **state)
{
	(void)state;
	struct config c;
	struct err e = { 0 };
	assert_int_equal(config_parse("db = a\0b", 8, "x.conf", &c, &e), -1);
	assert_string_equal(e.msg, "x.conf: the file holds a NUL byte (is it text?)");
	static char big[CONFIG_MAX_BYTES + 2];
	memset(big, '#', sizeof big);
	assert_int_equal(config_parse(big, sizeof big, "x.conf", &c, &e), -1);
	assert_string_equal(e.msg, "x.conf: the file is larger than 64 KiB");
}

static void checks_a_value_from_the_environment(void **state)
{
	(void)state;
	struct err e = { 0 };
	assert_int_equal(config_check("threads", "4", &e), 0);
	assert_int_equal(config_check("threads", "4x", &e), -1);
	assert_string_equal(e.msg, "threads wants a whole number from 1 to 256, not '4x'");
	assert_int_equal(config_check("nope", "1", &e), -1);
	assert_string_equal(e.msg, "'nope' is not a setting duet knows");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_keys_values_and_comments),
		cmocka_unit_test(an_empty_file_sets_nothing),
		cmocka_unit_test(every_option_and_setting_has_a_key),
		cmocka_unit_test(tells_file_line_and_what_was_wrong),
		cmocka_unit_test(refuses_binary_and_huge_files),
		cmocka_unit_test(checks_a_value_from_the_environment),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
