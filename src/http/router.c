/* router.c: segment-by-segment route matching (see router.h). */
#include "router.h"

#include <string.h>

/* Matches one pattern; on a match returns 1 + the number of captures, and
 * fills them into r when `fill` is set; 0 when it does not match. */
static int match_one(const char *pat, const char *path, struct req *r, int fill)
{
	const char *caps[REQ_MAX_PARAMS];
	size_t caplen[REQ_MAX_PARAMS];
	size_t ncap = 0;
	while (*pat && *path) {
		if (*pat != '/' || *path != '/')
			return 0;
		pat++;
		path++;
		size_t pl = strcspn(pat, "/");
		size_t sl = strcspn(path, "/");
		if (pl >= 2 && pat[0] == '{' && pat[pl - 1] == '}') {
			if (sl == 0 || ncap == REQ_MAX_PARAMS)
				return 0;
			caps[ncap] = path;
			caplen[ncap++] = sl;
		} else if (pl != sl || memcmp(pat, path, pl) != 0) {
			return 0;
		}
		pat += pl;
		path += sl;
	}
	if (*pat || *path)
		return 0;
	if (!fill)
		return 1 + (int)ncap;
	r->nparams = 0;
	for (size_t i = 0; i < ncap; i++) {
		char *s = arena_strndup(&r->arena, caps[i], caplen[i]);
		if (!s)
			return 0;
		r->params[r->nparams++] = s;
	}
	return 1 + (int)ncap;
}

/* 1 when pat cannot match path: the pattern's literal start (up to its first
 * capture) is not where the path starts. Cheap, so that most of the table is
 * passed over without splitting either into segments. */
static int cannot_match(const char *pat, const char *path)
{
	for (; *pat && *pat != '{'; pat++, path++)
		if (*pat != *path)
			return 1;
	return 0;
}

int router_match(const struct route *table, size_t n, enum method m, const char *path,
		 struct req *r, const struct route **out)
{
	int path_seen = 0, best_score = 0;
	const struct route *best = NULL;
	enum method want = m == M_HEAD ? M_GET : m;
	for (size_t i = 0; i < n; i++) {
		if (cannot_match(table[i].pattern, path))
			continue;
		int score = match_one(table[i].pattern, path, r, 0);
		if (!score)
			continue;
		path_seen = 1;
		/* A literal segment beats a capture: fewest captures wins. */
		if (table[i].method == want && (!best || score < best_score)) {
			best = &table[i];
			best_score = score;
		}
	}
	r->nparams = 0;
	if (best) {
		match_one(best->pattern, path, r, 1);
		*out = best;
		return ROUTE_FOUND;
	}
	return path_seen ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
