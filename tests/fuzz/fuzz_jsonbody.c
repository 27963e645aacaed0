/* fuzz_jsonbody.c: arbitrary bytes as a JSON request body (src/http/jsonbody.c).
 * The parser gives one object or refuses with a 400 and a message; an object it
 * gives can be written out again. */
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "http/jsonbody.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = { 0 };
	json_t *v = jsonbody_parse((const char *)data, size, &e);
	if (!v) {
		if (e.status != 400 || !e.msg[0])
			abort();
		return 0;
	}
	if (!json_is_object(v))
		abort();
	free(json_dumps(v, JSON_COMPACT));
	json_decref(v);
	return 0;
}
