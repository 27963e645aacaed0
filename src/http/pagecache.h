/* pagecache.h: rendered pages kept in memory, served again while nothing they
 * were made from can have changed.
 *
 * A page is kept for one session and one path, together with the versions it
 * was made under: its couple's version, the global epoch (both read with the
 * session, in the same query) and the minute (UTC) it was made in. A later
 * request of the same session for the same path gets the kept bytes only when
 * all three are still the same, so a page is never older than the last change
 * to its couple, and never older than a minute for anything that depends on the
 * clock (due dates, weeks, expiries).
 *
 * The versions move on after every request that wrote anything (the server
 * compares db_total_changes() before and after; pagecache_touch_couple() and
 * friends in pagecache_store.h). Because they live in the database, a page kept in one
 * process goes stale when another process (a second server on PostgreSQL, the
 * admin CLI) changes something. See docs/internals/pagecache.md.
 *
 * Only routes marked R_CACHE in the route table are kept, only for GET without
 * a query string, only for partners in a couple, only 200 answers without extra
 * headers from requests that wrote nothing. Memory is bounded by a byte budget
 * (DUET_PAGE_CACHE_MB, 8 by default; 0 turns the cache off). Thread-safe. */
#ifndef DUET_PAGECACHE_H
#define DUET_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define PAGECACHE_PATH_MAX 64
#define PAGECACHE_CTYPE_MAX 48
#define PAGECACHE_ENTRY_MAX (256u << 10)

struct pagecache_key {
	char session[65];                /* the session's id (the hash of its token) */
	char path[PAGECACHE_PATH_MAX];   /* without the query */
	int64_t couple_version;
	int64_t epoch;
	int64_t minute;                  /* unix time / 60 */
	int lang;                        /* the page's language (lib/lang.h) */
};

/* Sets the byte budget (0: off) and the number of slots (a power of two, at
 * least 4; 0 picks 4096). Call once before serving; calling again empties the
 * cache. */
int pagecache_setup(size_t budget, size_t slots) WARN_UNUSED_RESULT;

/* Frees every kept page and turns the cache off. */
void pagecache_free(void);

/* 1 when the cache is on. */
int pagecache_on(void);

/* On a hit: appends the kept body to out, copies its content type into
 * ctype (PAGECACHE_CTYPE_MAX bytes) and returns 1. 0 on a miss, -1 when out is
 * full. */
int pagecache_get(const struct pagecache_key *k, struct buf *out, char *ctype);

/* Keeps a copy of body under k, replacing what shared its slot. Bodies larger
 * than PAGECACHE_ENTRY_MAX, or that would go over the budget, are not kept. */
void pagecache_put(const struct pagecache_key *k, const char *ctype, const char *body,
		   size_t len);

/* Forgets every kept page (kept memory is given back). */
void pagecache_clear(void);

struct pagecache_stats {
	uint64_t hits, misses, stores;
	size_t bytes, entries;
};
void pagecache_stats(struct pagecache_stats *out);

#endif
