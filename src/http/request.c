/* request.c: request accessors, input helpers and response setters (see request.h). */
#include "request.h"

#include "util/i18n.h"

#include <arpa/inet.h>
#include <errno.h>
#include <unistd.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clientaddr.h"
#include "crypto/spill.h"
#include "form.h"
#include "util/utf8.h"
#include "util/wipe.h"

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

int req_query_count(struct req *r)
{
	return MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, NULL, NULL);
}

const char *req_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_addr(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char *s = arena_alloc(&r->arena, INET6_ADDRSTRLEN);
	if (!s)
		return "unknown";
	s[0] = '\0';
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, s,
				  INET6_ADDRSTRLEN);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, s,
				  INET6_ADDRSTRLEN);
	}
	return s[0] ? s : "unknown";
}

/* Set once before the server starts, read-only afterwards. */
static struct clientaddr_trust trusted;

int req_trust_proxies(const char *list, struct err *e)
{
	return clientaddr_trust_parse(list, &trusted, e);
}

int req_proxy_trusted(const char *addr)
{
	return clientaddr_trusted(&trusted, addr);
}

const char *req_client(struct req *r)
{
	if (!r->client[0])
		clientaddr_pick(&trusted, req_addr(r), req_header(r, "X-Forwarded-For"), r->client);
	return r->client;
}

const char *req_client_group(struct req *r)
{
	if (!r->client_group[0])
		clientaddr_group(req_client(r), r->client_group);
	return r->client_group;
}

int req_is_https(struct req *r)
{
	if (r->tls)
		return 1;
	const char *proto = req_header(r, "X-Forwarded-Proto");
	return proto && !strcasecmp(proto, "https") && clientaddr_trusted(&trusted, req_addr(r));
}

const char *req_form(struct req *r, const char *name)
{
	return form_get(r->form, r->nform, name);
}

int64_t req_number(const char *s)
{
	if (!s || !*s || strlen(s) > 18)
		return -1;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int64_t req_param_id(struct req *r, size_t i)
{
	int64_t v = i < r->nparams ? req_number(r->params[i]) : -1;
	return v > 0 ? v : -1;
}

int req_add_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders == REQ_MAX_HEADERS)
		return -1;
	r->headers[r->nheaders].name = name;
	r->headers[r->nheaders].value = value;
	r->nheaders++;
	return 0;
}

/* Whether s holds nothing but white space. */
static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

const char *req_text(struct req *r, const char *name, const char *label, size_t max_chars,
		     int required)
{
	label = _(label); /* named in the reader's language */
	const char *v = NULL;
	if (r->json) {
		json_t *j = json_object_get(r->json, name);
		if (j && !json_is_null(j)) {
			if (!json_is_string(j)) {
				req_fail(r, 400, "invalid", "The %s must be text.", label);
				return NULL;
			}
			v = json_string_value(j);
			if (strlen(v) != json_string_length(j)) {
				req_fail(r, 400, "invalid", "The %s must not contain a NUL character.",
					 label);
				return NULL;
			}
		}
	} else {
		v = req_form(r, name);
	}
	if (!v || blank(v)) {
		if (required) {
			req_fail(r, 400, "missing", "Please fill in the %s.", label);
			return NULL;
		}
		return v ? v : "";
	}
	if (utf8_count(v, strlen(v)) > max_chars) {
		req_fail(r, 400, "too_long", "The %s is too long: at most %zu characters, please.",
			 label, max_chars);
		return NULL;
	}
	return v;
}

const char *req_line(struct req *r, const char *name, const char *label, size_t max_chars,
		     int required)
{
	const char *v = req_text(r, name, label, max_chars, required);
	if (v && !utf8_line_ok(v, strlen(v))) {
		req_fail(r, 400, "invisible_characters",
			 "The %s can only hold visible text on one line: please take out line "
			 "breaks, control characters and invisible or direction-changing "
			 "characters.",
			 label);
		return NULL;
	}
	return v;
}

int req_int(struct req *r, const char *name, const char *label, int64_t min, int64_t max,
	    int required, int64_t *out, int *present)
{
	label = _(label); /* named in the reader's language */
	*present = 0;
	if (r->json) {
		json_t *j = json_object_get(r->json, name);
		if (!j || json_is_null(j))
			goto absent;
		if (!json_is_integer(j))
			return req_fail(r, 400, "invalid", "The %s must be a whole number from %lld to %lld.",
					label, (long long)min, (long long)max);
		json_int_t v = json_integer_value(j);
		if (v < min || v > max)
			return req_fail(r, 400, "out_of_range", "The %s must be from %lld to %lld.", label,
					(long long)min, (long long)max);
		*out = v;
		*present = 1;
		return 0;
	}
	const char *v = req_form(r, name);
	if (!v || !*v)
		goto absent;
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (*end || errno || end == v)
		return req_fail(r, 400, "invalid", "The %s must be a whole number from %lld to %lld.",
				label, (long long)min, (long long)max);
	if (n < min || n > max)
		return req_fail(r, 400, "out_of_range", "The %s must be from %lld to %lld.", label,
				(long long)min, (long long)max);
	*out = n;
	*present = 1;
	return 0;
absent:
	if (required)
		return req_fail(r, 400, "missing", "Please give the %s.", label);
	return 0;
}

int req_page(struct req *r, int64_t *page)
{
	const char *s = req_query(r, "page");
	*page = 1;
	if (!s)
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || errno || v < 1 || v > REQ_PAGE_MAX)
		return req_fail(r, 400, "invalid_page",
				"The page must be a whole number from 1 to %d.", REQ_PAGE_MAX);
	*page = v;
	return 0;
}

int req_bool(struct req *r, const char *name, const char *label, int *out)
{
	label = _(label); /* named in the reader's language */
	*out = 0;
	if (r->json) {
		json_t *j = json_object_get(r->json, name);
		if (!j || json_is_null(j))
			return 0;
		if (!json_is_boolean(j))
			return req_fail(r, 400, "invalid", "The %s must be true or false.", label);
		*out = json_is_true(j);
		return 0;
	}
	const char *v = req_form(r, name);
	*out = v && (!strcmp(v, "on") || !strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "yes"));
	return 0;
}

int resp_json(struct req *r, int status, json_t *v)
{
	r->status = status;
	r->ctype = "application/json";
	buf_reset(&r->out);
	char *s = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(v);
	if (!s)
		return req_fail(r, 500, "no_memory", "out of memory");
	int rc = buf_puts(&r->out, s);
	wipe_free(s);
	return rc < 0 ? req_fail(r, 500, "too_large", "The response grew too large.") : 0;
}

int resp_spill(struct req *r, int status, const char *ctype, struct spill *s)
{
	if (spill_finish(s) < 0) {
		spill_free(s);
		return req_fail(r, 500, "no_room", "There is no room to prepare this answer now.");
	}
	spill_free(r->out_spill);
	buf_reset(&r->out);
	r->status = status;
	r->ctype = ctype;
	r->out_spill = s;
	return 0;
}

int resp_html_start(struct req *r, int status)
{
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	buf_reset(&r->out);
	return 0;
}

int resp_text(struct req *r, int status, const char *ctype, const char *text)
{
	r->status = status;
	r->ctype = ctype;
	buf_reset(&r->out);
	return buf_puts(&r->out, text) < 0 ? req_fail(r, 500, "too_large", "too large") : 0;
}

int resp_redirect(struct req *r, const char *location)
{
	r->status = 303;
	r->ctype = "text/plain; charset=utf-8";
	buf_reset(&r->out);
	return req_add_header(r, "Location", location);
}

int resp_empty(struct req *r, int status)
{
	r->status = status;
	r->ctype = NULL;
	buf_reset(&r->out);
	return 0;
}

void *req_memo_get(struct req *r, const void *key)
{
	for (size_t i = 0; i < REQ_MEMO_MAX; i++)
		if (r->memo[i].key == key)
			return r->memo[i].val;
	return NULL;
}

void req_memo_put(struct req *r, const void *key, void *val)
{
	size_t free_at = REQ_MEMO_MAX;
	for (size_t i = 0; i < REQ_MEMO_MAX; i++) {
		if (r->memo[i].key == key) {
			r->memo[i].val = val;
			if (!val)
				r->memo[i].key = NULL;
			return;
		}
		if (!r->memo[i].key && free_at == REQ_MEMO_MAX)
			free_at = i;
	}
	if (val && free_at < REQ_MEMO_MAX) {
		r->memo[free_at].key = key;
		r->memo[free_at].val = val;
	}
}

int req_settle(struct req *r, int rc)
{
	if (rc >= 0 || r->err.status)
		return 0;
	(void)req_fail(r, 500, "internal", "Something went wrong on our side. Please try again.");
	return 1;
}
