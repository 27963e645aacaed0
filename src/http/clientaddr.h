/* clientaddr.h: who the client is when duet sits behind trusted proxies, and the
 * group of addresses that limits count as one client (pure: no I/O).
 *
 * When the peer of a connection is one of the trusted proxies, the client is the
 * rightmost address of `X-Forwarded-For` that is not itself a trusted proxy (a
 * client can put anything on the left of that header, but not on the right of
 * what its first proxy appended); otherwise the header is ignored. For limits,
 * IPv4 addresses count one by one and IPv6 addresses by their /64 prefix, since
 * one home or phone is given a whole /64 to pick addresses from.
 */
#ifndef DUET_CLIENTADDR_H
#define DUET_CLIENTADDR_H

#include <stddef.h>

#include "util/common.h"
#include "util/err.h"

#define CLIENTADDR_MAX 64         /* text of an address or a group, with its NUL */
#define CLIENTADDR_TRUST_MAX 32   /* most trusted proxies */

struct clientaddr_trust {
	size_t n;
	struct {
		int v6;
		unsigned char a[16];
	} addr[CLIENTADDR_TRUST_MAX];
};

/* Parses a comma-separated list of addresses ("10.0.0.1, ::1"); "" or NULL is
 * an empty list. -1 with e set (naming the bad entry) when one is not an address
 * or there are more than CLIENTADDR_TRUST_MAX. */
int clientaddr_trust_parse(const char *list, struct clientaddr_trust *t, struct err *e)
	WARN_UNUSED_RESULT;

/* 1 when addr (text) is one of the trusted proxies, 0 otherwise. */
int clientaddr_trusted(const struct clientaddr_trust *t, const char *addr);

/* The client's address into out: peer itself unless peer is trusted; then the
 * rightmost entry of xff (may be NULL) that is not trusted. An entry that is
 * not an address stops the walk (the peer's word is then all we have: the last
 * trusted address seen is used). */
void clientaddr_pick(const struct clientaddr_trust *t, const char *peer, const char *xff,
		     char out[CLIENTADDR_MAX]);

/* The group addr counts in for limits: IPv4 (and IPv4-mapped IPv6) as it is,
 * IPv6 as "PREFIX::/64"; anything else as it is. */
void clientaddr_group(const char *addr, char out[CLIENTADDR_MAX]);

#endif
