/* server.c: libmicrohttpd glue and the request pipeline.
 *
 * Each request gets a `struct req` with its own arena on the first call of the
 * access handler; body chunks are gathered (capped at REQ_BODY_MAX) on the
 * following calls; on the last call the body is parsed, the session resolved,
 * the route matched, CSRF checked and the handler run (or, for a route marked
 * R_CACHE, a kept page served: pagecache.h). After the handler, a request that
 * wrote moves its couples' versions on (after_request). The reply is always
 * queued on a later call than the first, which keeps keep-alive working. */
#include "server.h"
#include "unescape.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "form.h"
#include "jsonbody.h"
#include "pagecache.h"
#include "lib/lang.h"
#include "util/i18n.h"
#include "pagecache_store.h"
#include "request.h"
#include "router.h"
#include "session.h"
#include "store/db.h"
#include "util/log.h"
#include "util/utf8.h"
#include "util/wipe.h"
#include "web/page.h"

#define ARENA_CAP (8u << 20)
#define OUT_MAX (4u << 20)
#define DISCARD_MAX (4u << 20) /* most bytes of a refused body read and dropped */

/* The route table, set once by server_run() before the daemon starts. */
static const struct route *route_table;
static size_t route_count;

static uint64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static enum method method_of(const char *m)
{
	static const struct {
		const char *name;
		enum method m;
	} map[] = { { "GET", M_GET },     { "HEAD", M_HEAD },     { "POST", M_POST },
		    { "PUT", M_PUT },     { "PATCH", M_PATCH },   { "DELETE", M_DELETE } };
	for (size_t i = 0; i < ARRAY_LEN(map); i++)
		if (!strcmp(m, map[i].name))
			return map[i].m;
	return M_OTHER;
}

static struct req *req_new(struct MHD_Connection *c, const char *url, const char *method)
{
	struct req *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	arena_init(&r->arena, ARENA_CAP);
	buf_init(&r->body, REQ_BODY_MAX);
	buf_init(&r->out, OUT_MAX);
	r->conn = c;
	r->start_us = now_us();
	r->method = method_of(method);
	r->method_name = arena_strdup(&r->arena, method);
	r->path = arena_strdup(&r->arena, url);
	if (!r->method_name || !r->path) {
		arena_release(&r->arena);
		free(r);
		return NULL;
	}
	r->api = !strncmp(r->path, "/api/", 5);
	r->status = 200;
	r->writes_before = -1;
	return r;
}

static void req_free(struct req *r)
{
	if (r->json)
		json_decref(r->json);
	buf_release(&r->body);
	buf_release(&r->out);
	arena_release(&r->arena);
	wipe_free(r); /* the session token and its keys' material */
}

/* Parses the body by its content type; -1 with r->err set. */
static int parse_body(struct req *r)
{
	const char *ct = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	r->content_type = ct;
	if (r->body.len == 0)
		return 0;
	if (ct && !strncasecmp(ct, "application/json", 16)) {
		r->json = jsonbody_parse(r->body.data, r->body.len, &r->err);
		return r->json ? 0 : -1;
	}
	if (ct && !strncasecmp(ct, "application/x-www-form-urlencoded", 33))
		return form_parse(&r->arena, r->body.data, r->body.len, &r->form, &r->nform,
				  REQ_MAX_FIELDS, &r->err);
	return req_fail(r, 415, "unsupported_type",
			"Send the body as JSON (Content-Type: application/json) or as a form.");
}

/* Notes who is asking and how much their connection has written so far, so
 * that after_request() can tell whether this request wrote. */
static void note_writer(struct req *r)
{
	if (!r->user)
		return;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	if (!db)
		return;
	r->who_id = r->user->id;
	r->who_couple = r->user->couple_id;
	r->who_counsellor = !strcmp(r->user->kind, "counsellor");
	r->writes_before = db_total_changes(db);
}

/* For a route that may be cached: the key of this request's page, or NULL
 * when this request's answer is not one to keep (pagecache.h). */
static struct pagecache_key *cache_key_of(struct req *r)
{
	struct user *u = r->user;
	if (r->method != M_GET || !pagecache_on() || !u || r->who_counsellor || !u->couple_id ||
	    strlen(r->path) >= PAGECACHE_PATH_MAX || req_query_count(r) != 0)
		return NULL;
	struct pagecache_key *k = arena_alloc(&r->arena, sizeof *k);
	if (!k)
		return NULL;
	snprintf(k->session, sizeof k->session, "%s", session_id(r));
	snprintf(k->path, sizeof k->path, "%s", r->path);
	k->couple_version = u->couple_version;
	k->epoch = u->epoch;
	k->minute = db_now() / 60;
	k->lang = r->lang;
	return k;
}

/* Runs the handler, or answers from the page cache when it may. */
static int run_handler(struct req *r, const struct route *rt)
{
	if (rt->flags & R_CACHE)
		r->cache_key = cache_key_of(r);
	if (r->cache_key) {
		char ctype[PAGECACHE_CTYPE_MAX];
		int hit = pagecache_get(r->cache_key, &r->out, ctype);
		if (hit < 0)
			return req_fail(r, 500, "no_memory", "out of memory");
		if (hit == 1) {
			r->ctype = arena_strdup(&r->arena, ctype);
			r->status = 200;
			r->cache_hit = 1;
			return 0;
		}
	}
	return rt->fn(r);
}

/* After the handler: a request that wrote moves its couples' versions on, so
 * that no kept page made before it is served again; one that did not may keep
 * its page. When the versions cannot be moved on, this process's kept pages
 * are dropped (others' age out within the minute). */
static void after_request(struct req *r)
{
	if (r->writes_before < 0 || r->cache_hit)
		return;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	if (!db)
		return;
	if (db_total_changes(db) == r->writes_before) {
		if (r->cache_key && !r->err.status && r->status == 200 && r->nheaders == 0 &&
		    r->ctype && buf_ok(&r->out))
			pagecache_put(r->cache_key, r->ctype, r->out.data, r->out.len);
		return;
	}
	db_idle();
	int rc;
	if (r->who_counsellor) {
		rc = pagecache_touch_counsellor(db, r->who_id, &e);
		if (rc == 0 && db_changes(db) == 0)
			rc = pagecache_epoch_bump(db, 0, &e);
	} else {
		rc = pagecache_touch_couple(db, r->who_couple, r->who_id, &e);
	}
	if (rc < 0) {
		log_msg("could not mark kept pages out of date (%s); dropping them", e.msg);
		pagecache_clear();
	}
}

/* Runs the pipeline for a complete request; fills the response or r->err. */
static int dispatch_route(struct req *r)
{
	if (r->body_too_large)
		return req_fail(r, 413, "too_large",
				"That is more than duet accepts in one go (64 KiB). "
				"Please shorten it and try again.");
	if (!utf8_valid(r->path, strlen(r->path)))
		return req_fail(r, 400, "invalid_utf8", "The address is not valid UTF-8.");
	if (parse_body(r) < 0)
		return -1;
	if (session_resolve(r) < 0)
		return -1;
	if (r->user && r->user->lang >= 0) {
		r->lang = r->user->lang;
		i18n_set_thread(r->lang);
	}
	note_writer(r);
	const struct route *rt = NULL;
	int m = router_match(route_table, route_count, r->method, r->path, r, &rt);
	if (m == ROUTE_NOT_FOUND)
		return req_fail(r, 404, "not_found", "There is nothing at this address.");
	if (m == ROUTE_BAD_METHOD)
		return req_fail(r, 405, "method_not_allowed",
				"This address does not accept a %s request.", r->method_name);
	if (r->method != M_GET && r->method != M_HEAD && csrf_check(r) < 0)
		return -1;
	if ((rt->flags & (R_AUTH | R_COUPLE)) && !r->user) {
		if (!r->api)
			return page_redirect_signin(r);
		return req_fail(r, 401, "unauthorized", "Please sign in first.");
	}
	if ((rt->flags & R_COUPLE) && (!r->user->couple_id || !r->user->partner_id)) {
		if (!r->api)
			return resp_redirect(r, "/couple");
		return req_fail(r, 409, "no_partner",
				"This needs your partner: invite them to duet first, then try again.");
	}
	return run_handler(r, rt);
}

/* dispatch_route, where a failure always has an error: a handler that
 * returned -1 without setting one is a bug, answered with a logged 500 rather
 * than an empty 200. */
static void dispatch(struct req *r)
{
	/* Before anything can fail: errors are written in the reader's language. */
	r->lang = lang_accept(req_header(r, "Accept-Language"));
	i18n_set_thread(r->lang);
	if (req_settle(r, dispatch_route(r)))
		log_msg("%s %s: the handler failed without saying why", r->method_name, r->path);
}

static void security_headers(struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; frame-ancestors 'none'; form-action 'self'; "
				"base-uri 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct req *r)
{
	if (r->err.status) {
		r->status = r->err.status;
		if (r->err.status >= 500)
			log_msg("%s %s failed: %s", r->method_name, r->path, r->err.msg);
		r->nheaders = 0;
		if (r->api) {
			json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", r->err.code, "message",
					      r->err.msg);
			if (!j || resp_json(r, r->err.status, j) < 0)
				(void)resp_text(r, r->err.status, "text/plain", r->err.msg);
			r->status = r->err.status;
		} else if (page_error(r) < 0) {
			(void)resp_text(r, r->err.status, "text/plain; charset=utf-8", r->err.msg);
		}
		if (r->retry_after > 0) {
			char *v = arena_printf(&r->arena, "%d", r->retry_after);
			if (v)
				(void)req_add_header(r, "Retry-After", v);
		}
	}
	if (!buf_ok(&r->out)) {
		buf_reset(&r->out);
		r->status = 500;
		r->ctype = "text/plain; charset=utf-8";
		(void)!buf_puts(&r->out, "The page grew too large to send.");
	}
	size_t len = 0;
	char *body = buf_detach(&r->out, &len);
	/* The answer may hold decrypted text: wiped when libmicrohttpd is done. */
	struct MHD_Response *resp =
		body ? MHD_create_response_from_buffer_with_free_callback(len, body, wipe_free)
		     : MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		wipe_free(body);
		return MHD_NO;
	}
	security_headers(resp);
	if (r->ctype)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->ctype);
	if (!r->api && r->ctype && !strncmp(r->ctype, "text/html", 9)) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
		MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Language, Cookie");
	}
	if (lang_code(r->lang))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_LANGUAGE, lang_code(r->lang));
	if (r->api)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	for (size_t i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct req *r = *con_cls;
	if (!r) {
		r = req_new(c, url, method);
		if (!r)
			return MHD_NO;
		*con_cls = r;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > REQ_BODY_MAX) {
			r->body_too_large = 1;
			if (strtoull(cl, NULL, 10) > DISCARD_MAX)
				r->body_seen = DISCARD_MAX + 1;
		}
		return MHD_YES;
	}
	if (*upload_size) {
		r->body_seen += *upload_size;
		if (r->body_too_large && r->body_seen > DISCARD_MAX) {
			/* Answer now rather than read a huge body we will refuse; the
			 * connection is closed after the reply. */
			*upload_size = 0;
			dispatch(r);
			return send_response(c, r);
		}
		/* A body a little over the limit is read and dropped, so that the
		 * client sees the 413 rather than a reset connection. */
		if (!r->body_too_large && buf_append(&r->body, upload, *upload_size) < 0)
			r->body_too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	dispatch(r);
	after_request(r);
	db_idle();
	return send_response(c, r);
}

/* libmicrohttpd's unescape callback: url_unescape (http/unescape.h). */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return url_unescape(s);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct req *r = *con_cls;
	if (!r)
		return;
	log_request(r->method_name, r->path, r->status, now_us() - r->start_us, r->cache_hit);
	req_free(r);
	*con_cls = NULL;
}

int server_parse_listen(const char *s, void *out, struct err *e)
{
	struct sockaddr_storage *ss = out;
	memset(ss, 0, sizeof *ss);
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || !colon[1])
		return err_usage(e, "--listen wants ADDRESS:PORT, like 127.0.0.1:8080");
	char *end;
	errno = 0;
	long port = strtol(colon + 1, &end, 10);
	if (*end || errno || port < 0 || port > 65535)
		return err_usage(e, "the port in '%s' must be a number from 0 to 65535", s);
	char host[64];
	size_t hl = (size_t)(colon - s);
	if (s[0] == '[' && hl >= 2 && s[hl - 1] == ']') {
		s++;
		hl -= 2;
	}
	if (hl >= sizeof host)
		return err_usage(e, "the address in '%s' is too long", s);
	memcpy(host, s, hl);
	host[hl] = '\0';
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		return 0;
	}
	if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		return 0;
	}
	return err_usage(e, "'%s' is not an IP address (use 127.0.0.1 or ::1, say)", host);
}

int server_run(const struct server_config *cfg, struct err *e)
{
	struct sockaddr_storage ss;
	if (server_parse_listen(cfg->listen, &ss, e) < 0)
		return -1;
	route_table = cfg->routes;
	route_count = cfg->nroutes;
	int threads = cfg->threads;
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (int)n : 2;
	}
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)4000, MHD_OPTION_UNESCAPE_CALLBACK, unescape,
		NULL, MHD_OPTION_LISTEN_BACKLOG_SIZE,
		(unsigned)1024, MHD_OPTION_END);
	if (!d)
		return err_set(e, 500, "listen", "could not listen on %s (is something else using it?)",
			       cfg->listen);
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET6_ADDRSTRLEN] = "127.0.0.1";
	if (ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
	else
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
	fprintf(stderr, ss.ss_family == AF_INET6 ? "duet: listening on http://[%s]:%u\n"
						 : "duet: listening on http://%s:%u\n",
		host, di ? (unsigned)di->port : 0u);
	fflush(stderr);
	int sig = 0;
	sigwait(&set, &sig);
	fprintf(stderr, "duet: %s received, finishing requests and stopping\n",
		sig == SIGINT ? "SIGINT" : "SIGTERM");
	MHD_stop_daemon(d);
	return 0;
}
