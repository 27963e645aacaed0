/* fuzz_config.c: arbitrary bytes as a configuration file (src/cli/config.c).
 * Parsing succeeds, and then every setting names a known key with its own
 * environment variable, a line within the file and a value that passes the
 * key's check; or it refuses with "FILE:…" and leaves nothing behind. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct err e = { 0 };
	if (config_parse((const char *)data, size, "f.conf", &c, &e) < 0) {
		if (strncmp(e.msg, "f.conf", 6) || c.n || c.text)
			abort();
		return 0;
	}
	int lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	for (size_t i = 0; i < c.n; i++) {
		const char *env = config_env_of(c.set[i].key);
		struct err ce = { 0 };
		if (!env || strcmp(env, c.set[i].env) || c.set[i].line < 1 || c.set[i].line > lines ||
		    config_check(c.set[i].key, c.set[i].value, &ce) < 0)
			abort();
		for (size_t j = 0; j < i; j++)
			if (c.set[j].key == c.set[i].key)
				abort();
	}
	config_release(&c);
	return 0;
}
