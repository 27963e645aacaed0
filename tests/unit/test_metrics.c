/* Unit tests for http/metrics: route groups stay few, and /metrics reads as
 * Prometheus text with nothing about a person in it. */
#include "unit.h"

#include <string.h>

#include "http/metrics.h"

static int noop(struct req *r)
{
	(void)r;
	return 0;
}

static const struct route table[] = {
	{ M_GET, "/", noop, 0 },
	{ M_GET, "/know", noop, 0 },
	{ M_GET, "/know/{id}", noop, 0 },
	{ M_POST, "/api/v1/prompts/{id}/answer", noop, 0 },
	{ M_GET, "/static/{file}", noop, 0 },
};

static void groups_paths_by_their_route(void **state)
{
	(void)state;
	metrics_setup(table, sizeof table / sizeof table[0]);
	char g[64];
	metrics_group_of("/know/42", g, sizeof g);
	assert_string_equal(g, "/know");
	metrics_group_of("/api/v1/prompts/7/answer", g, sizeof g);
	assert_string_equal(g, "/api/v1/prompts");
	metrics_group_of("/", g, sizeof g);
	assert_string_equal(g, "/");
	metrics_group_of("/wp-admin/ana@example.org", g, sizeof g);
	assert_string_equal(g, "other");
	metrics_group_of("/api/v1/whatever", g, sizeof g);
	assert_string_equal(g, "other");
}

static void renders_prometheus_text(void **state)
{
	(void)state;
	metrics_request("/know/42", 200, 1200);
	metrics_request("/know/43", 200, 30000000);
	metrics_request("/wp-admin/ana@example.org", 404, 100);
	metrics_inc(METRIC_DB_ERRORS);
	metrics_set(METRIC_EVENT_STREAMS_OPEN, 3);
	metrics_dec(METRIC_EVENT_STREAMS_OPEN);
	struct buf b;
	buf_init(&b, 1u << 20);
	assert_int_equal(metrics_render(&b), 0);
	assert_int_equal(buf_putc(&b, '\0'), 0);
	const char *t = b.data;
	assert_non_null(strstr(t, "duet_http_requests_total{route_group=\"/know\",status=\"200\"} 2\n"));
	assert_non_null(strstr(t, "duet_http_requests_total{route_group=\"other\",status=\"404\"} 1\n"));
	assert_non_null(strstr(t, "duet_http_request_duration_seconds_bucket{le=\"0.0025\"} 2\n"));
	assert_non_null(strstr(t, "duet_http_request_duration_seconds_bucket{le=\"10\"} 2\n"));
	assert_non_null(strstr(t, "duet_http_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"));
	assert_non_null(strstr(t, "duet_http_request_duration_seconds_count 3\n"));
	assert_non_null(strstr(t, "# TYPE duet_db_errors_total counter\nduet_db_errors_total 1\n"));
	assert_non_null(strstr(t, "duet_event_streams_open 2\n"));
	assert_non_null(strstr(t, "duet_push_queue_length 0\n"));
	assert_non_null(strstr(t, "duet_signin_hashes_waiting 0\n"));
	assert_non_null(strstr(t, "duet_page_cache_hits_total 0\n"));
	assert_null(strstr(t, "ana"));
	assert_null(strstr(t, "wp-admin"));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(groups_paths_by_their_route),
		cmocka_unit_test(renders_prometheus_text),
	};
	return cmocka_run_group_tests_name("metrics", tests, NULL, NULL);
}
