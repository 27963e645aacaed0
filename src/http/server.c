/* server.c: libmicrohttpd glue and the request pipeline.
 *
 * Each request gets a `struct req` with its own arena on the first call of the
 * access handler; body chunks are gathered (capped at REQ_BODY_MAX) on the
 * following calls (a body with an ambiguous length, or announced far too large,
 * is answered on the first call and the connection closed: conns.h lingers so
 * the client reads the answer); on the last call the body is parsed, the session resolved,
 * the route matched, CSRF checked and the handler run (or, for a route marked
 * R_CACHE, a kept page served: pagecache.h). After the handler, a request that
 * wrote moves its couples' versions on (after_request), and its answer waits,
 * with the connection suspended, until the flusher has made its writes durable
 * (durable.h). The reply is always queued on a later call than the first,
 * which keeps keep-alive working. */
#include "server.h"
#include "unescape.h"
#include "util/watchdog.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "clientaddr.h"
#include "conns.h"
#include "crypto/hashpool.h"
#include "crypto/spill.h"
#include "durable.h"
#include "events.h"
#include "form.h"
#include "jsonbody.h"
#include "metrics.h"
#include "pagecache.h"
#include "lib/lang.h"
#include "util/i18n.h"
#include "pagecache_store.h"
#include "request.h"
#include "router.h"
#include "session.h"
#include "store/db.h"
#include "tls.h"
#include "util/log.h"
#include "util/timefmt.h"
#include "util/utf8.h"
#include "util/wipe.h"
#include "web/page.h"

static int (*add_guard)(struct req *r); /* server_config.add_guard, set at start */

#define ARENA_CAP (8u << 20)
#define OUT_MAX (4u << 20)
#define DISCARD_MAX (4u << 20) /* most bytes of a refused body read and dropped */
#define STOP_SECONDS_MAX 30u /* then the watchdog ends the process (util/watchdog.h) */

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

/* libmicrohttpd's reader for a spilled answer (resp_spill). */
static ssize_t spill_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	ssize_t n = spill_read(cls, buf, max);
	if (n > 0)
		return n;
	return n == 0 ? MHD_CONTENT_READER_END_OF_STREAM : MHD_CONTENT_READER_END_WITH_ERROR;
}

static void spill_done(void *cls)
{
	spill_free(cls);
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
	r->changes_at_start = -1;
	return r;
}

static void req_free(struct req *r)
{
	if (r->json)
		json_decref(r->json);
	spill_free(r->out_spill);
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
	} else if (r->who_couple && r->emitted_couple == r->who_couple &&
		   r->changes_at_emit <= db_committed_changes() &&
		   db_committed_changes() == db_total_changes(db)) {
		/* The event moved the version on, was committed (in its own
		 * transaction or the handler's), and nothing was written after. */
		rc = 0;
	} else {
		rc = pagecache_touch_couple(db, r->who_couple, r->who_id, &e);
	}
	if (rc < 0) {
		log_msg("could not mark kept pages out of date (%s); dropping them", e.msg);
		pagecache_clear();
	}
}

/* Group commit: notes how many rows this thread's connection had changed as
 * the request began, so that wrote_anything() can tell afterwards. */
static void note_changes(struct req *r)
{
	if (!durable_on())
		return;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	if (db)
		r->changes_at_start = db_total_changes(db);
}

/* 1 when the request (its handler or after_request) committed anything that
 * must be durable before the answer is sent. */
static int wrote_anything(struct req *r)
{
	if (r->changes_at_start < 0)
		return 0;
	struct err e = { 0 };
	struct db *db = db_get(&e);
	return db && db_total_changes(db) != r->changes_at_start;
}

/* Runs the pipeline for a complete request; fills the response or r->err. */
static int dispatch_route(struct req *r)
{
	if (r->bad_framing) {
		r->close_after = 1;
		return req_fail(r, 400, "bad_length",
				"The request gave its length twice or in two ways, so duet cannot "
				"tell where it ends. Please send it again with one Content-Length.");
	}
	if (r->body_too_large) {
		r->close_after = 1;
		return req_fail(r, 413, "too_large",
				"That is more than duet accepts in one go (64 KiB). "
				"Please shorten it and try again.");
	}
	if (!utf8_valid(r->path, strlen(r->path)))
		return req_fail(r, 400, "invalid_utf8", "The address is not valid UTF-8.");
	if (parse_body(r) < 0)
		return -1;
	if (session_resolve(r) < 0)
		return -1;
	time_zone_use(r->user ? r->user->time_zone : NULL); /* moments in the person's zone */
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
	if ((rt->flags & R_ADDS) && r->user && add_guard && add_guard(r) < 0)
		return -1;
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
static int tls_on; /* set before the daemon starts, read-only after */
/* Idle event streams leave libmicrohttpd (events.h); DUET_EVENTS_HOLD=0 keeps
 * them in it, suspended, should a libmicrohttpd other than 0.9.75 close
 * connections differently. Set before the daemon starts, read-only after. */
static int hold_streams = 1;
#define TLS_PRIORITIES "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"
/* ---- limits on connections and framing ----------------------------------- */

#define PER_ADDRESS_DEFAULT 100
#define HEADER_DEADLINE_DEFAULT 15

static void addr_text(const struct sockaddr *sa, char out[CLIENTADDR_MAX])
{
	snprintf(out, CLIENTADDR_MAX, "unknown");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, CLIENTADDR_MAX);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
			  CLIENTADDR_MAX);
}

/* libmicrohttpd's accept policy: at most so many connections per address group. */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *sa, socklen_t len)
{
	(void)cls;
	(void)len;
	char addr[CLIENTADDR_MAX], group[CLIENTADDR_MAX];
	addr_text(sa, addr);
	clientaddr_group(addr, group);
	return conns_admit(group, req_proxy_trusted(addr)) ? MHD_YES : MHD_NO;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		conns_close(*socket_context);
		*socket_context = NULL;
		return;
	}
	const union MHD_ConnectionInfo *ai =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const union MHD_ConnectionInfo *fi =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	char addr[CLIENTADDR_MAX], group[CLIENTADDR_MAX];
	addr_text(ai ? ai->client_addr : NULL, addr);
	clientaddr_group(addr, group);
	*socket_context = fi ? conns_open(group, fi->connect_fd) : NULL;
}

/* The connection's conns handle, NULL when it has none. */
static struct conn *conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *i =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return i ? i->socket_context : NULL;
}

struct framing {
	int lengths;        /* Content-Length headers */
	int differ;         /* with different values */
	const char *first;
	int chunked;        /* Transfer-Encoding present */
};

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	(void)kind;
	struct framing *f = cls;
	if (!strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH)) {
		if (f->lengths++ && strcmp(f->first, value ? value : ""))
			f->differ = 1;
		if (f->lengths == 1)
			f->first = value ? value : "";
	} else if (!strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING)) {
		f->chunked = 1;
	}
	return MHD_YES;
}

/* 1 when the request's length is ambiguous: two Content-Lengths that differ,
 * or a Content-Length with a Transfer-Encoding (request smuggling). */
static int framing_conflict(struct MHD_Connection *c)
{
	struct framing f = { 0 };
	MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, &f);
	return f.differ || (f.lengths && f.chunked);
}

/* Reads DUET_CONNECTIONS_PER_ADDRESS and DUET_HEADER_TIMEOUT (0 turns either
 * off) and starts watching connections. */
static int limits_setup(struct err *e)
{
	const char *names[2] = { "DUET_CONNECTIONS_PER_ADDRESS", "DUET_HEADER_TIMEOUT" };
	long v[2] = { PER_ADDRESS_DEFAULT, HEADER_DEADLINE_DEFAULT };
	for (int i = 0; i < 2; i++) {
		const char *s = getenv(names[i]);
		if (!s || !*s)
			continue;
		char *end;
		v[i] = strtol(s, &end, 10);
		if (*end || v[i] < 0 || v[i] > 100000)
			return err_usage(e, "%s wants a whole number from 0 to 100000",
				       names[i]);
	}
	if (conns_start((int)v[0], (int)v[1]) < 0)
		return err_set(e, 500, "thread", "could not start watching connections");
	return 0;
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

/* Over TLS, browsers are told to come back only over TLS (HSTS). */
static void tls_headers(struct MHD_Response *resp, struct req *r)
{
	if (req_is_https(r))
		MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct req *r)
{
	if (r->err.status) {
		r->status = r->err.status;
		/* A database outage is logged once by the store, not per request. */
		int outage = !strcmp(r->err.code, "database_down");
		if (r->err.status >= 500 && !outage)
			log_msg("%s %s failed: %s", r->method_name, r->path, r->err.msg);
		if (r->err.status == 503 && !r->retry_after &&
		    (outage || !strcmp(r->err.code, "busy")))
			r->retry_after = 2;
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
	/* An event stream (events.h) is answered by a callback response. */
	struct MHD_Response *resp =
		r->err.status ? NULL : events_response(r, hold_streams && !tls_on && r->http11, conn_of(c));
	if (resp) {
		/* the stream's own response */
	} else if (r->out_spill && !r->err.status) {
		/* the answer is a sealed spill (resp_spill), opened a record at a
		 * time as libmicrohttpd asks for more; it frees the spill */
		resp = MHD_create_response_from_callback(spill_length(r->out_spill), 16 * 1024,
							 spill_reader, r->out_spill, spill_done);
		if (!resp)
			return MHD_NO;
		r->out_spill = NULL;
	} else {
		size_t len = 0;
		char *body = buf_detach(&r->out, &len);
		/* The answer may hold decrypted text: wiped when libmicrohttpd is done. */
		resp = body ? MHD_create_response_from_buffer_with_free_callback(len, body, wipe_free)
			    : MHD_create_response_from_buffer(0, (char *)"", MHD_RESPMEM_PERSISTENT);
		if (!resp) {
			wipe_free(body);
			return MHD_NO;
		}
	}
	security_headers(resp);
	tls_headers(resp, r);
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
	if (r->close_after) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
		conns_linger(conn_of(c));
	}
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* ---- the hash pool ---------------------------------------------------------
 * A request whose route hashes a passphrase (R_HASH) is suspended and run on
 * the hash pool (crypto/hashpool.h); the pool resumes the connection and the
 * answer is queued on the call that follows. */

#define HASH_QUEUE_DEFAULT 64

/* 1 when the request's handler hashes (its route is marked R_HASH). */
static int wants_pool(struct req *r)
{
	const struct route *rt = NULL;
	return !r->body_too_large &&
	       router_match(route_table, route_count, r->method, r->path, r, &rt) == ROUTE_FOUND &&
	       (rt->flags & R_HASH);
}

static void run_pooled(void *arg)
{
	struct req *r = arg;
	db_reads_together();
	note_changes(r);
	dispatch(r);
	after_request(r);
	events_after_request(r);
	if (durable_on() && wrote_anything(r))
		durable_sync_here(r); /* this thread may wait for the disk */
	db_request_done();
	r->pooled = 2;
	MHD_resume_connection(r->conn);
}

/* Hands r to the pool: MHD_YES and the connection suspended, or, when the
 * queue is full, a 503 with Retry-After ready for the call that follows. */
static enum MHD_Result to_pool(struct MHD_Connection *c, struct req *r)
{
	r->pooled = 1;
	MHD_suspend_connection(c);
	if (hashpool_submit(run_pooled, r) == 0)
		return MHD_YES;
	r->retry_after = 2;
	(void)req_fail(r, 503, "busy",
		       "Many people are signing in at this moment. Please try again in a few "
		       "seconds.");
	r->pooled = 2;
	MHD_resume_connection(c);
	return MHD_YES;
}

static int pool_setup(const struct server_config *cfg, struct err *e)
{
	const char *s = getenv("DUET_HASH_QUEUE");
	long queue = HASH_QUEUE_DEFAULT;
	if (s && *s) {
		char *end;
		queue = strtol(s, &end, 10);
		if (*end || queue < 0 || queue > 100000)
			return err_usage(e, "DUET_HASH_QUEUE wants a whole number from 0 "
				       "to 100000");
	}
	if (hashpool_start(cfg->hash_threads > 0 ? cfg->hash_threads : 2, (int)queue,
			   db_thread_done) < 0)
		return err_set(e, 500, "thread", "could not start the passphrase hashing threads");
	return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)cls;
	struct req *r = *con_cls;
	if (r && r->durable == DURABLE_DONE) /* resumed: its writes are on disk */
		return send_response(c, r);
	if (!r) {
		r = req_new(c, url, method);
		if (!r)
			return MHD_NO;
		r->tls = tls_on;
		r->http11 = !strcmp(version, MHD_HTTP_VERSION_1_1);
		*con_cls = r;
		conns_headers_done(conn_of(c));
		r->bad_framing = framing_conflict(c);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > REQ_BODY_MAX)
			r->body_too_large = 1;
		/* An ambiguous length, or a body too large to read and drop, is
		 * answered at once (the only later moment libmicrohttpd allows is
		 * after the whole body); the connection then closes, lingering. */
		if (r->bad_framing || (cl && strtoull(cl, NULL, 10) > DISCARD_MAX)) {
			dispatch(r);
			return send_response(c, r);
		}
		return MHD_YES;
	}
	if (*upload_size) {
		r->body_seen += *upload_size;
		if (r->body_too_large && r->body_seen > DISCARD_MAX)
			return MHD_NO; /* a chunked body past all bounds: close */
		/* A body a little over the limit is read and dropped, so that the
		 * client sees the 413 rather than a reset connection. */
		if (!r->body_too_large && buf_append(&r->body, upload, *upload_size) < 0)
			r->body_too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->pooled == 2)
		return send_response(c, r);
	if (r->pooled == 1)
		return MHD_YES; /* not expected: the connection is suspended meanwhile */
	if (wants_pool(r))
		return to_pool(c, r);
	db_reads_together();
	note_changes(r);
	dispatch(r);
	after_request(r);
	events_after_request(r);
	db_request_done();
	if (wrote_anything(r) && durable_wait(r))
		return MHD_YES; /* answered when resumed */
	return send_response(c, r);
}

/* libmicrohttpd's error log (MHD_USE_ERROR_LOG): stderr, as its own would,
 * but for the message that follows an event stream being held (events.h). */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	if (!events_quiet_log())
		vfprintf(stderr, fmt, ap);
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
	(void)toe;
	conns_request_done(conn_of(c));
	struct req *r = *con_cls;
	if (!r)
		return;
	uint64_t took = now_us() - r->start_us;
	log_request(r->method_name, r->path, r->status, took, r->cache_hit);
	metrics_request(r->path, r->status, took);
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
	if (req_trust_proxies(getenv("DUET_TRUSTED_PROXIES"), e) < 0 || limits_setup(e) < 0)
		return -1;
	add_guard = cfg->add_guard;
	if (pool_setup(cfg, e) < 0) {
		conns_stop();
		return -1;
	}
	int threads = cfg->threads;
	if (threads <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (int)n : 2;
	}
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ERROR_LOG |
			 MHD_ALLOW_SUSPEND_RESUME;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_OptionItem tls_opts[] = { { MHD_OPTION_END, 0, NULL },
					     { MHD_OPTION_END, 0, NULL },
					     { MHD_OPTION_END, 0, NULL } };
	if (cfg->tls_cert) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
			return err_set(e, 500, "tls", "this libmicrohttpd was built without TLS");
		if (tls_setup(cfg->tls_cert, cfg->tls_key, e) < 0)
			return -1;
		flags |= MHD_USE_TLS;
		tls_opts[0] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_CERT_CALLBACK, 0,
						       tls_cert_callback() };
		/* TLS 1.2 and 1.3 only, with GnuTLS's usual choice of ciphers. */
		tls_opts[1] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_PRIORITIES, 0,
						       (void *)TLS_PRIORITIES };
		tls_on = 1;
	}
	const char *hold = getenv("DUET_EVENTS_HOLD");
	hold_streams = !(hold && !strcmp(hold, "0"));
	metrics_setup(route_table, route_count);
	if (cfg->metrics_listen && metrics_listen(cfg->metrics_listen, e) < 0) {
		tls_free();
		return -1;
	}
	/* Event streams suspend their connections while idle (events.h, with
	 * MHD_ALLOW_SUSPEND_RESUME above), or over plain HTTP leave
	 * libmicrohttpd, held by the stream thread (which needs MHD_USE_TURBO:
	 * a connection closed without shutdown()); they count against the
	 * connection limits, so the limit leaves room for EVENTS_STREAMS_MAX of
	 * them beside ordinary requests. */
	if (events_start(e) < 0) {
		metrics_stop();
		tls_free();
		return -1;
	}
	if (durable_start(e) < 0) {
		events_stop();
		metrics_stop();
		tls_free();
		return -1;
	}
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, on_accept, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_NOTIFY_CONNECTION,
		on_connection, NULL,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)(EVENTS_STREAMS_MAX + 4000), MHD_OPTION_UNESCAPE_CALLBACK, unescape,
		NULL, MHD_OPTION_LISTEN_BACKLOG_SIZE,
		(unsigned)1024, MHD_OPTION_ARRAY, tls_opts, MHD_OPTION_END);
	if (!d) {
		metrics_stop();
		tls_free();
		hashpool_stop();
		conns_stop();
		events_stop();
		durable_stop();
		return err_set(e, 500, "listen", "could not listen on %s (is something else using it?)",
			       cfg->listen);
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[INET6_ADDRSTRLEN] = "127.0.0.1";
	if (ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
	else
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
	fprintf(stderr, ss.ss_family == AF_INET6 ? "duet: listening on %s://[%s]:%u\n"
						 : "duet: listening on %s://%s:%u\n",
		tls_on ? "https" : "http", host, di ? (unsigned)di->port : 0u);
	fflush(stderr);
	int sig = 0;
	while (sigwait(&set, &sig) == 0 && sig == SIGHUP) {
		struct err re = { 0 };
		if (!tls_on)
			log_msg("SIGHUP received; there is no TLS certificate to reload");
		else if (tls_reload(&re) < 0)
			log_msg("SIGHUP: kept the TLS certificate in use, since %s", re.msg);
		else
			log_msg("SIGHUP: reloaded the TLS certificate from %s", cfg->tls_cert);
	}
	fprintf(stderr, "duet: %s received, finishing requests and stopping\n",
		sig == SIGINT ? "SIGINT" : "SIGTERM");
	watchdog_arm(STOP_SECONDS_MAX);
	watchdog_step("finishing queued sign-in hashes");
	hashpool_stop(); /* finishes what is queued; those connections resume */
	watchdog_step("closing event streams");
	events_stop();
	watchdog_step("syncing answered writes to disk");
	durable_drain();
	watchdog_step("finishing open requests");
	MHD_stop_daemon(d);
	watchdog_step("stopping the server's helpers");
	if (durable_on()) {
		struct durable_stats st;
		durable_stats(&st);
		fprintf(stderr, "duet: group commit: %llu answers to writes after %llu flushes to disk "
			"(%llu checkpoints)\n",
			(unsigned long long)st.requests, (unsigned long long)st.flushes,
			(unsigned long long)st.checkpoints);
	}
	durable_stop();
	metrics_stop();
	tls_free();
	conns_stop();
	return 0;
}
