/* fuzz_alloc.c: arbitrary bytes as one partner's allocation in a negotiation,
 * read the way PUT /api/v1/negotiations/{id}/allocation reads it, against a
 * fixed list of issues (a split) and options (a choice), then checked by the
 * negotiation's rules. Every refusal must say why; every allocation accepted
 * as done must be one the methods can use. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "negotiate/bargain.h"
#include "negotiate/fair_json.h"
#include "util/utf8.h"

static const char *const names[] = { "Home", "Car", "Books", "Caf\xC3\xA9" };
#define N 4

static void refused(const struct err *e)
{
	if (!e->msg[0] || !utf8_valid(e->msg, strlen(e->msg)))
		abort();
}

static void check(const json_t *in, int choice)
{
	long long values[N], sq;
	struct err e = { 0 };
	if (fair_alloc_from_json(in, choice, names, N, values, &sq, &e) < 0) {
		refused(&e);
		return;
	}
	enum bargain_kind kind = choice ? BARGAIN_CHOICE : BARGAIN_SPLIT;
	for (int done = 0; done < 2; done++) {
		err_clear(&e);
		if (bargain_check_values(kind, names, N, values, sq, done, &e) < 0) {
			refused(&e);
			continue;
		}
		if (!done)
			continue;
		if (choice) {
			struct nash_option opts[N];
			struct nash_result r;
			for (int i = 0; i < N; i++)
				opts[i] = (struct nash_option){ names[i], values[i], values[i] };
			if (nash_choose(opts, N, sq, sq, &r, NULL) < 0)
				abort();
		} else {
			struct aw_item items[N];
			struct aw_result r;
			for (int i = 0; i < N; i++) {
				long long a = values[i] < 0 ? 0 : values[i];
				items[i] = (struct aw_item){ names[i], a, 25 };
			}
			if (aw_split(items, N, &r, NULL) < 0)
				abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024 || !utf8_valid((const char *)data, size))
		return 0; /* the server refuses these before parsing */
	json_t *in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (!in)
		return 0;
	check(in, 0);
	check(in, 1);
	json_decref(in);
	return 0;
}
