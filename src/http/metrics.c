/* metrics.c: counters and the /metrics listener (see metrics.h). */
#include "metrics.h"

#include <microhttpd.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "pagecache.h"
#include "server.h"

#define MAX_GROUPS 64  /* group 0 is "other" */
#define GROUP_LEN 48
#define STATUS_MAX 600 /* statuses 0..599 are counted as they are */

static char groups[MAX_GROUPS][GROUP_LEN] = { "other" };
static size_t ngroups = 1;

static _Atomic uint64_t requests[MAX_GROUPS][STATUS_MAX];

/* Upper bounds of the latency buckets, in microseconds; one more for +Inf. */
static const uint64_t bucket_us[] = { 500,    1000,   2500,    5000,    10000,   25000,  50000,
				      100000, 250000, 500000, 1000000, 2500000, 5000000, 10000000 };
static _Atomic uint64_t buckets[ARRAY_LEN(bucket_us) + 1];
static _Atomic uint64_t latency_sum_us, latency_count;

static _Atomic int64_t values[METRIC_COUNT];

static const struct {
	const char *name, *type, *help;
} metric_info[METRIC_COUNT] = {
	[METRIC_DB_ERRORS] = { "duet_db_errors_total", "counter",
			       "Database errors other than a conflict with what is saved." },
	[METRIC_DB_RECONNECTS] = { "duet_db_reconnects_total", "counter",
				   "Times a lost database connection was made again." },
	[METRIC_EVENT_STREAMS_OPEN] = { "duet_event_streams_open", "gauge",
					"Live event streams open now." },
	[METRIC_PUSH_QUEUE_LENGTH] = { "duet_push_queue_length", "gauge",
				       "Push notifications waiting to be sent." },
	[METRIC_SIGNIN_HASHES_WAITING] = { "duet_signin_hashes_waiting", "gauge",
					   "Passphrase hashes waiting for a hashing thread." },
};

void metrics_inc(enum metric m)
{
	atomic_fetch_add_explicit(&values[m], 1, memory_order_relaxed);
}

void metrics_dec(enum metric m)
{
	atomic_fetch_sub_explicit(&values[m], 1, memory_order_relaxed);
}

void metrics_set(enum metric m, int64_t v)
{
	atomic_store_explicit(&values[m], v, memory_order_relaxed);
}

/* The candidate group of a path: "/api/v1/SEG" or "/SEG" (or "/"); "" when
 * it does not fit. */
static void candidate(const char *path, char *out, size_t size)
{
	size_t pre = !strncmp(path, "/api/v1/", 8) ? 8 : 1;
	if (path[0] != '/') {
		out[0] = '\0';
		return;
	}
	size_t seg = strcspn(path + pre, "/?");
	if (pre + seg >= size || path[pre] == '{') {
		out[0] = '\0';
		return;
	}
	memcpy(out, path, pre + seg);
	out[pre + seg] = '\0';
}

static size_t group_index(const char *path)
{
	char c[GROUP_LEN];
	candidate(path, c, sizeof c);
	for (size_t i = 1; i < ngroups && c[0]; i++)
		if (!strcmp(groups[i], c))
			return i;
	return 0;
}

void metrics_setup(const struct route *table, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c[GROUP_LEN];
		candidate(table[i].pattern, c, sizeof c);
		if (!c[0] || group_index(table[i].pattern) != 0 || ngroups == MAX_GROUPS)
			continue;
		memcpy(groups[ngroups++], c, sizeof c);
	}
}

void metrics_group_of(const char *path, char *out, size_t size)
{
	snprintf(out, size, "%s", groups[group_index(path)]);
}

void metrics_request(const char *path, int status, uint64_t micros)
{
	size_t g = group_index(path);
	size_t s = status >= 0 && status < STATUS_MAX ? (size_t)status : 0;
	atomic_fetch_add_explicit(&requests[g][s], 1, memory_order_relaxed);
	size_t b = 0;
	while (b < ARRAY_LEN(bucket_us) && micros > bucket_us[b])
		b++;
	atomic_fetch_add_explicit(&buckets[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&latency_sum_us, micros, memory_order_relaxed);
	atomic_fetch_add_explicit(&latency_count, 1, memory_order_relaxed);
}

static int render_requests(struct buf *out)
{
	int rc = buf_puts(out, "# HELP duet_http_requests_total Requests answered, by route group "
			       "and status.\n# TYPE duet_http_requests_total counter\n");
	for (size_t g = 0; g < ngroups; g++)
		for (size_t s = 0; s < STATUS_MAX; s++) {
			uint64_t v = atomic_load_explicit(&requests[g][s], memory_order_relaxed);
			if (v)
				rc |= buf_printf(out,
						 "duet_http_requests_total{route_group=\"%s\",status=\"%zu\"} "
						 "%llu\n",
						 groups[g], s, (unsigned long long)v);
		}
	rc |= buf_puts(out, "# HELP duet_http_request_duration_seconds Time from a request's "
			    "arrival to its answer being sent.\n"
			    "# TYPE duet_http_request_duration_seconds histogram\n");
	uint64_t cum = 0;
	for (size_t b = 0; b <= ARRAY_LEN(bucket_us); b++) {
		cum += atomic_load_explicit(&buckets[b], memory_order_relaxed);
		if (b < ARRAY_LEN(bucket_us))
			rc |= buf_printf(out, "duet_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
					 (double)bucket_us[b] / 1e6, (unsigned long long)cum);
		else
			rc |= buf_printf(out,
					 "duet_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
					 (unsigned long long)cum);
	}
	rc |= buf_printf(out, "duet_http_request_duration_seconds_sum %.6f\n"
			      "duet_http_request_duration_seconds_count %llu\n",
			 (double)atomic_load(&latency_sum_us) / 1e6,
			 (unsigned long long)atomic_load(&latency_count));
	return rc;
}

int metrics_render(struct buf *out)
{
	int rc = render_requests(out);
	struct pagecache_stats st;
	pagecache_stats(&st);
	rc |= buf_printf(out,
			 "# HELP duet_page_cache_hits_total Pages served from memory.\n"
			 "# TYPE duet_page_cache_hits_total counter\nduet_page_cache_hits_total %llu\n"
			 "# HELP duet_page_cache_misses_total Pages that could have been kept but were "
			 "made afresh.\n"
			 "# TYPE duet_page_cache_misses_total counter\nduet_page_cache_misses_total %llu\n"
			 "# HELP duet_page_cache_bytes Memory held by kept pages.\n"
			 "# TYPE duet_page_cache_bytes gauge\nduet_page_cache_bytes %zu\n",
			 (unsigned long long)st.hits, (unsigned long long)st.misses, st.bytes);
	for (size_t m = 0; m < METRIC_COUNT; m++)
		rc |= buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n%s %lld\n", metric_info[m].name,
				 metric_info[m].help, metric_info[m].name, metric_info[m].type,
				 metric_info[m].name,
				 (long long)atomic_load_explicit(&values[m], memory_order_relaxed));
	rc |= buf_printf(out, "# HELP duet_build_info The version of duet running.\n"
			      "# TYPE duet_build_info gauge\nduet_build_info{version=\"%s\"} 1\n",
			 DUET_VERSION);
	return rc < 0 || !buf_ok(out) ? -1 : 0;
}

static struct MHD_Daemon *metrics_daemon;

static enum MHD_Result on_metrics(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)version;
	(void)upload;
	if (!*con_cls) { /* answer on the second call, once headers are in */
		*con_cls = c;
		return MHD_YES;
	}
	*upload_size = 0;
	struct buf b;
	buf_init(&b, 1u << 20);
	unsigned status = 200;
	const char *ctype = "text/plain; version=0.0.4; charset=utf-8";
	if (strcmp(url, "/metrics") || (strcmp(method, "GET") && strcmp(method, "HEAD"))) {
		status = 404;
		ctype = "text/plain; charset=utf-8";
		(void)!buf_puts(&b, "Only GET /metrics is served here.\n");
	} else if (metrics_render(&b) < 0) {
		status = 500;
		buf_reset(&b);
		(void)!buf_puts(&b, "The metrics did not fit in memory.\n");
	}
	size_t len = 0;
	char *body = buf_detach(&b, &len);
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		len, body ? body : (char *)"", body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	enum MHD_Result ret = MHD_queue_response(c, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

int metrics_listen(const char *addr, struct err *e)
{
	struct sockaddr_storage ss;
	if (server_parse_listen(addr, &ss, e) < 0)
		return -1;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	metrics_daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_metrics, NULL,
					  MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
					  MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
					  MHD_OPTION_CONNECTION_LIMIT, (unsigned)16, MHD_OPTION_END);
	if (!metrics_daemon)
		return err_set(e, 500, "listen",
			       "could not serve metrics on %s (is something else using it?)", addr);
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(metrics_daemon, MHD_DAEMON_INFO_BIND_PORT);
	char shown[80];
	snprintf(shown, sizeof shown, "%.*s:%u", (int)(strrchr(addr, ':') - addr), addr,
		 di ? (unsigned)di->port : 0u);
	fprintf(stderr, "duet: metrics on http://%s/metrics\n", shown);
	return 0;
}

void metrics_stop(void)
{
	if (metrics_daemon)
		MHD_stop_daemon(metrics_daemon);
	metrics_daemon = NULL;
}
