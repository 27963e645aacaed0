/* fuzz_fair.c: arbitrary bytes as a request to both negotiation methods, read
 * the way `duet fair-split` and `duet choose` read them. Every split that is
 * computed is also checked for equal totals and at most one shared issue. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "negotiate/fair_json.h"
#include "util/utf8.h"

static void check_split(const json_t *in)
{
	struct aw_item items[AW_MAX_ITEMS];
	struct aw_result r;
	size_t n;
	if (fair_split_from_json(in, items, &n, NULL) < 0 || aw_split(items, n, &r, NULL) < 0)
		return;
	int shared = 0;
	for (size_t i = 0; i < n; i++)
		shared += r.share[i].a.den != 1;
	if (frac_cmp(r.total_a, r.total_b) != 0 || shared > 1 ||
	    frac_cmp(r.total_a, frac_int(50)) < 0)
		abort();
}

static void answer(json_t *(*solve)(const json_t *, struct err *), const json_t *in)
{
	struct err e = { 0 };
	json_t *out = solve(in, &e);
	if (!out) {
		if (!e.msg[0] || !utf8_valid(e.msg, strlen(e.msg)))
			abort(); /* every refusal says why, in text a JSON error can carry */
		return;
	}
	free(json_dumps(out, FAIR_JSON_DUMP_FLAGS));
	json_decref(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024 || !utf8_valid((const char *)data, size))
		return 0; /* the CLI refuses these before parsing */
	json_t *in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL,
				NULL);
	if (!in)
		return 0;
	answer(fair_split_json, in);
	answer(fair_choose_json, in);
	check_split(in);
	json_decref(in);
	return 0;
}
