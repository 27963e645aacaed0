/* request.h: one HTTP request and its response, as handlers see them.
 *
 * Every allocation a handler makes for the request comes from `arena` and dies
 * when the response has been sent. The body is parsed before the handler runs:
 * urlencoded forms into `form`, JSON into `json` (owned by the request). The
 * body, the answer, the JSON tree and the arena may hold private text and are
 * wiped when freed (util/wipe.h).
 * Handlers share one signature, `int handler(struct req *r)`: they fill the
 * response (status, body, headers) and return 0, or set `r->err` with
 * err_set() and return -1, and the server renders the error as an HTML page or
 * as JSON, depending on whether the path is under /api/. A handler that
 * returns -1 without setting `r->err` is a bug: the server logs it and answers
 * 500, never an empty 200.
 */
#ifndef DUET_REQUEST_H
#define DUET_REQUEST_H

#include <jansson.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/err.h"

#define REQ_BODY_MAX (64 * 1024)
#define REQ_MAX_PARAMS 4
#define REQ_MAX_HEADERS 8
#define REQ_MAX_FIELDS 200

enum method { M_GET, M_HEAD, M_POST, M_PUT, M_PATCH, M_DELETE, M_OTHER };

struct field {
	const char *name;
	const char *value;
	size_t len;
};

/* The signed-in person, loaded before the handler when a session is presented. */
struct user {
	int64_t id;
	const char *login;
	const char *name;
	const char *kind;        /* "partner" or "counsellor" */
	int64_t couple_id;       /* 0 when not in a couple */
	int64_t partner_id;      /* 0 when alone */
	const char *partner_name;/* NULL when alone */
	int64_t couple_version;  /* changes whenever the couple's data does (pagecache.h) */
	int64_t epoch;           /* changes when anything might have (pagecache.h) */
	char time_zone[48];      /* IANA zone times are shown in, "" for UTC (held in
	                          * the struct so that copies of it keep it) */
	int lang;                /* chosen language (lib/lang.h), -1: follow Accept-Language */
};

#define REQ_MEMO_MAX 8

struct pagecache_key;

struct req {
	struct arena arena;
	void *conn;              /* the server's connection handle */
	enum method method;
	const char *method_name;
	const char *path;        /* without the query */
	int api;                 /* path starts with /api/ */
	int lang;                /* the language of the answer (lib/lang.h): the person's
	                          * choice, else Accept-Language; the writers use it */
	uint64_t start_us;

	struct buf body;
	int body_too_large;
	int bad_framing;         /* Content-Length twice, or with Transfer-Encoding */
	int close_after;         /* answer with Connection: close */
	int pooled;              /* 1 while on the hash pool, 2 once it ran there */
	size_t body_seen;        /* bytes of body received, kept or not */
	const char *content_type;
	int tls;                 /* the connection itself is TLS (set by the server) */
	int http11;              /* the request said HTTP/1.1 (set by the server) */
	char client[64];         /* req_client(), computed once */
	char client_group[64];   /* req_client_group(), computed once */

	struct field *form;      /* parsed urlencoded body */
	size_t nform;
	json_t *json;            /* parsed JSON body, owned */

	const char *params[REQ_MAX_PARAMS]; /* {captures} from the route */
	size_t nparams;

	struct user *user;       /* NULL when nobody is signed in */
	char token[48];          /* the session token presented, "" when none */
	int token_from_cookie;
	const char *session_wrapped; /* the data key wrapped for this session */
	char csrf[48];           /* CSRF token for forms; use csrf_token() */
	char sid[65];            /* session_id() of sid_of, computed once */
	char sid_of[48];

	/* the response */
	int status;
	struct buf out;
	const char *ctype;
	struct {
		const char *name;
		const char *value;
	} headers[REQ_MAX_HEADERS];
	size_t nheaders;

	int retry_after;         /* seconds, sent as Retry-After with an error */
	struct spill *out_spill; /* non-NULL: the body is this spill (resp_spill), not `out` */

	/* The page cache (pagecache.h): who asked, as the request began, and how
	 * many rows their connection had changed by then (-1: not counted). */
	int64_t who_id, who_couple;
	int who_counsellor;
	int64_t writes_before;
	/* The last event this request recorded (event_emit_couple): its couple
	 * (0: none; otherwise the stream thread is woken after the request), and
	 * the rows changed by then. Recording an event moves the couple's
	 * version on, so when it was committed and nothing was written after it,
	 * after_request() need not move it again (one commit less per writing
	 * request). */
	int64_t emitted_couple, changes_at_emit;
	struct pagecache_key *cache_key; /* set when the answer may be kept */
	int cache_hit;
	struct err err;

	/* Group commit (durable.h): rows this thread's connection had changed as
	 * the request began (-1: unknown); whether the answer waits for a flush
	 * (DURABLE_WAITING) or has been flushed (DURABLE_DONE); the flusher's
	 * queue. */
	int64_t changes_at_start;
	int durable;
	struct req *durable_next;

	/* Results computed once per request and reused (req_memo_get/put). */
	struct {
		const void *key;
		void *val;
	} memo[REQ_MEMO_MAX];
};

/* A per-request memo, so that the navigation badges and the page's own cards
 * do not each run the same queries. `key` is the address of a static object
 * of the module that owns the value; the value lives in the request's arena.
 * get: the value, or NULL. put: stores (or replaces) it; NULL deletes, which a
 * module does when the request itself changes what the value was made from. */
void *req_memo_get(struct req *r, const void *key);
void req_memo_put(struct req *r, const void *key, void *val);

typedef int (*handler_fn)(struct req *r);

/* A header of the request, borrowed; NULL when absent. */
const char *req_header(struct req *r, const char *name);

/* A query-string argument, borrowed; NULL when absent. */
const char *req_query(struct req *r, const char *name);

/* How many query-string arguments the request has. */
int req_query_count(struct req *r);

/* A cookie's value, borrowed; NULL when absent. */
const char *req_cookie(struct req *r, const char *name);

/* The peer's address as text ("127.0.0.1"), owned by the request. This is
 * the proxy's address behind a proxy: limits and logs use req_client(). */
const char *req_addr(struct req *r);

/* Sets the proxies whose X-Forwarded-For and X-Forwarded-Proto are believed
 * (DUET_TRUSTED_PROXIES: comma-separated addresses); call before serving.
 * -1 with e set when the list is malformed. */
int req_trust_proxies(const char *list, struct err *e) WARN_UNUSED_RESULT;

/* 1 when addr (text) is one of the trusted proxies. */
int req_proxy_trusted(const char *addr);

/* The client's address (clientaddr.h: behind a trusted proxy, from
 * X-Forwarded-For), and the group limits count it in (an IPv6 /64). Owned by
 * the request. */
const char *req_client(struct req *r);
const char *req_client_group(struct req *r);

/* 1 when the client reached duet over TLS: duet's own, or a trusted proxy's
 * "X-Forwarded-Proto: https". */
int req_is_https(struct req *r);

/* A form field's value (NULL when absent); with *len set when len is given. */
const char *req_form(struct req *r, const char *name);

/* A whole number written in 1 to 18 digits (a header, a query argument);
 * -1 when s is NULL or anything else. */
int64_t req_number(const char *s);

/* A route capture as an id; -1 when it is not a positive integer. */
int64_t req_param_id(struct req *r, size_t i);

/* Adds a response header; both strings must live as long as the request. */
int req_add_header(struct req *r, const char *name, const char *value);

/* Input helpers: get a string field from the JSON body or the form, checking it
 * is present (when required), at most max_chars characters, and not blank.
 * `label` names the field for a person ("passphrase"). NULL and r->err set on
 * failure; the returned text is owned by the request. */
const char *req_text(struct req *r, const char *name, const char *label, size_t max_chars,
		     int required);

/* req_text for a one-line field (a name, a title): also refuses (400) control
 * characters, line breaks, direction overrides and invisible characters
 * (utf8_line_ok), which could make it show as something it is not. */
const char *req_line(struct req *r, const char *name, const char *label, size_t max_chars,
		     int required);

/* A whole number from the JSON body (an integer) or the form (digits), within
 * [min, max]. *present is 0 when it was absent or null (an error only when
 * required). -1 with r->err set (400) when it is malformed or out of range. */
int req_int(struct req *r, const char *name, const char *label, int64_t min, int64_t max,
	    int required, int64_t *out, int *present) WARN_UNUSED_RESULT;

#define REQ_PAGE_MAX 100000

/* The page a paginated list is asked for: ?page=N (from 1; 1 when absent).
 * -1 with r->err set (400) when it is not a whole number from 1 to
 * REQ_PAGE_MAX. */
int req_page(struct req *r, int64_t *page) WARN_UNUSED_RESULT;

/* A yes/no: JSON true/false, or a form checkbox ("on", "1", "true", "yes").
 * Absent is no. -1 with r->err set when JSON gives something else. */
int req_bool(struct req *r, const char *name, const char *label, int *out) WARN_UNUSED_RESULT;

/* Responses. Each returns 0 (or -1 if the body passed its cap). */
int resp_json(struct req *r, int status, json_t *v);  /* steals v */
/* Sends the whole of a finished spill (crypto/spill.h) as the body, for an
 * answer larger than `out` allows (the export). The request owns s from here
 * on, also when this fails (-1 with r->err set). */
struct spill;
int resp_spill(struct req *r, int status, const char *ctype, struct spill *s);
int resp_html_start(struct req *r, int status);        /* sets type; body via page.h */
int resp_text(struct req *r, int status, const char *ctype, const char *text);
int resp_redirect(struct req *r, const char *location); /* 303 See Other */
int resp_empty(struct req *r, int status);

/* Sets r->err and returns -1. */
#define req_fail(r, status, code, ...) err_set(&(r)->err, (status), (code), __VA_ARGS__)

/* The rule for what a handler returned: rc < 0 without r->err set is a bug,
 * turned into a 500 "internal" error (never an empty 200). Returns 1 when it
 * did so (the caller logs it), else 0. */
int req_settle(struct req *r, int rc);

#endif
