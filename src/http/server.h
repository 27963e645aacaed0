/* server.h: the HTTP server (libmicrohttpd, internal thread pool). */
#ifndef DUET_SERVER_H
#define DUET_SERVER_H

#include "request.h"
#include "util/common.h"
#include "util/err.h"

struct route;

struct server_config {
	const char *listen;   /* "ADDR:PORT"; port 0 picks a free one */
	int threads;          /* worker threads; 0 for the number of cores */
	const struct route *routes; /* the route table (borrowed; outlives the server) */
	size_t nroutes;
	const char *tls_cert; /* PEM certificate chain for HTTPS, or NULL for HTTP */
	const char *tls_key;  /* its PEM private key; set exactly when tls_cert is */
	const char *metrics_listen; /* "ADDR:PORT" for /metrics (metrics.h), or NULL */
	int hash_threads;     /* passphrase hashing threads (crypto/hashpool.h); 0 for 2 */
	/* NULL, or run before the handler of a route marked R_ADDS for a signed-in
	 * person: 0 to go on, -1 with r->err set to refuse (quotas). */
	int (*add_guard)(struct req *r);
};

/* Serves until SIGINT or SIGTERM, then shuts down gracefully; SIGHUP loads
 * the TLS certificate and key again (tls.h). Prints "duet: listening on
 * http://ADDR:PORT" (https:// with TLS) on stderr once it accepts connections.
 * With TLS, cookies are Secure (unless DUET_COOKIE_SECURE=0) and every answer
 * carries Strict-Transport-Security.
 * Returns 0 after a clean shutdown, -1 (e set) when it could not start. */
int server_run(const struct server_config *cfg, struct err *e) WARN_UNUSED_RESULT;

/* Parses "ADDR:PORT" or "[ADDR6]:PORT"; -1 with e set when malformed. */
int server_parse_listen(const char *s, void *sockaddr_storage_out, struct err *e)
	WARN_UNUSED_RESULT;

#endif
