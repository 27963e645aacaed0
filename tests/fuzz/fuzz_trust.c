/* fuzz_trust.c: libFuzzer target for the outside text that trust and the
 * counsellor accept: email addresses and operator URLs (an accepted one may
 * never hold a byte that could break a header or an attribute), scope lists
 * (the set parsed is always within SCOPE_ALL, never empty on success), and
 * period arithmetic on any time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trust/period.h"
#include "counsel/scope.h"
#include "trust/mail.h"
#include "trust/safety.h"

static void no_unsafe_bytes(const char *s)
{
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f || strchr("<>\"\\", *p))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (mail_address_ok(s))
		no_unsafe_bytes(s);
	if (safety_url_ok(s)) {
		no_unsafe_bytes(s);
		if (strncmp(s, "http://", 7) && strncmp(s, "https://", 8))
			abort();
	}
	/* the bytes, split at commas, as a list of scope names */
	const char *names[16];
	size_t n = 0;
	for (char *p = s, *q; n < 16 && p; p = q) {
		q = strchr(p, ',');
		if (q)
			*q++ = '\0';
		names[n++] = p;
	}
	unsigned set = 0;
	struct err e = {0};
	if (scope_parse(names, n, &set, &e) == 0 && (!set || (set & ~SCOPE_ALL)))
		abort();
	if (size >= 8) {
		int64_t t;
		memcpy(&t, data, sizeof t);
		t /= 4; /* keep week arithmetic far from overflow */
		for (int rhythm = 1; rhythm <= 4; rhythm *= 2) {
			struct period p;
			period_at(t, rhythm, &p);
			if (p.start > t || p.end <= t || p.end - p.start != rhythm * PERIOD_WEEK)
				abort();
		}
	}
	free(s);
	return 0;
}
