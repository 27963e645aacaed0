/* router.h: matching a method and path against a route table (the areas' routes,
 * gathered by web/area.c at start and handed to the server). */
#ifndef DUET_ROUTER_H
#define DUET_ROUTER_H

#include <stddef.h>

#include "request.h"

enum route_flags {
	R_AUTH = 1,    /* needs a signed-in person (401, or the sign-in page) */
	R_COUPLE = 2,  /* needs a couple of two (409, or the couple page) */
	R_CACHE = 4,   /* the answer may be kept in the page cache (pagecache.h): it
	                * depends only on the session, the couple's data and the
	                * minute, and the handler writes only when it changes data */
	R_HASH = 8,    /* the handler hashes a passphrase: it runs on the hash pool
	                * (crypto/hashpool.h), not on a request thread */
	R_ADDS = 16,   /* the handler adds rows a person writes: the server's
	                * add_guard (ownership/quota.h) runs first */
};

struct route {
	enum method method;
	const char *pattern;  /* "/api/v1/prompts/{id}/answer": {x} captures a segment */
	handler_fn fn;
	unsigned flags;
};

enum { ROUTE_FOUND = 0, ROUTE_NOT_FOUND = 404, ROUTE_BAD_METHOD = 405 };

/* Finds the route for m and path in table; fills r->params with the captures.
 * Returns ROUTE_FOUND (and *out), ROUTE_NOT_FOUND or ROUTE_BAD_METHOD (the path
 * exists, but not for this method). HEAD matches GET routes. */
int router_match(const struct route *table, size_t n, enum method m, const char *path,
		 struct req *r, const struct route **out);

#endif
