/* fuzz_path.c: arbitrary bytes as a request path, unescaped the way the server
 * does (src/http/unescape.c), then matched against the real route table (every area's) with
 * every method (src/http/router.c). Unescaping never grows the text, never
 * leaves a NUL inside it, and every capture the router gives is one non-empty
 * segment without a slash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/areas.h"
#include "http/request.h"
#include "http/router.h"
#include "http/unescape.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct route *routes;
	static size_t routes_count;
	if (!routes) {
		struct err e = { 0 };
		if (area_setup(&e) < 0)
			abort();
		routes = area_routes(&routes_count);
	}
	if (size > 4096)
		return 0;
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	size_t before = strlen(s);
	size_t n = url_unescape(s);
	if (n > before || strlen(s) != n)
		abort();
	struct req r;
	memset(&r, 0, sizeof r);
	arena_init(&r.arena, 0);
	for (int m = M_GET; m <= M_OTHER; m++) {
		const struct route *rt = NULL;
		int rc = router_match(routes, routes_count, (enum method)m, s, &r, &rt);
		if (rc == ROUTE_FOUND) {
			if (!rt)
				abort();
			for (size_t i = 0; i < r.nparams; i++)
				if (!r.params[i][0] || strchr(r.params[i], '/'))
					abort();
		} else if (rc != ROUTE_NOT_FOUND && rc != ROUTE_BAD_METHOD) {
			abort();
		}
	}
	arena_release(&r.arena);
	free(s);
	return 0;
}
