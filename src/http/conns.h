/* conns.h: how many connections each client holds, and a deadline for the
 * headers of each request, so that one client cannot hold the server's
 * connections open with half-sent requests.
 *
 * The server reports every connection it opens and closes (conns_open/close),
 * and when a request's headers are complete and when its answer is done. A new
 * connection is refused (conns_admit) while its address group (clientaddr.h:
 * an IPv4 address, an IPv6 /64) holds `per_address` connections; trusted
 * proxies are exempt (the client behind them is limited by its own requests).
 * A watcher thread shuts down any connection that has not sent a request's
 * headers within `deadline` seconds of opening or of its previous answer: a
 * slow-header client is closed whatever its pace, and so is a keep-alive
 * connection idle for that long.
 *
 * Thread-safe; counts live until conns_stop(). */
#ifndef DUET_CONNS_H
#define DUET_CONNS_H

#include "util/common.h"

struct conn;

/* Starts the watcher. per_address 0: no per-address limit; deadline 0: no
 * header deadline. 0 / -1. */
int conns_start(int per_address, int deadline_s) WARN_UNUSED_RESULT;

/* Stops the watcher and frees the bookkeeping of connections still open. */
void conns_stop(void);

/* 1 when a connection from `group` may open (trusted: always), 0 when its
 * group holds its limit already. */
int conns_admit(const char *group, int trusted);

/* Records an open connection (socket fd) from `group`; the handle is kept by
 * the server with the connection; NULL when memory runs out (not watched). */
struct conn *conns_open(const char *group, int fd);

/* The headers of a request arrived / its answer is done. NULL is ignored. */
void conns_headers_done(struct conn *c);
void conns_request_done(struct conn *c);

/* Asks that the connection's remaining input be read and dropped for a moment
 * before it is closed (a "lingering close"), so that a client still sending a
 * body duet refused reads the answer rather than a reset. NULL is ignored. */
void conns_linger(struct conn *c);

/* Another record of c's address group, for socket `fd`: the connection as
 * someone other than the HTTP server holds it on (a held event stream,
 * events.h), so that it keeps counting against its group after the server
 * has forgotten c. Exempt from the header deadline (its request is done);
 * the holder conns_close()es it. NULL when c is NULL or memory runs out. */
struct conn *conns_hand_over(struct conn *c, int fd);

/* Forgets a closed connection (lingering first when asked). NULL is ignored. */
void conns_close(struct conn *c);

/* Connections open now from `group` (tests and metrics). */
int conns_count(const char *group);

#endif
