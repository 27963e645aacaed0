/* jsonbody.c: JSON request bodies (see jsonbody.h). */
#include "jsonbody.h"

#include "util/utf8.h"

/* Depth of the deepest nesting in text, counted without parsing (strings are
 * skipped), so that a hostile body cannot make the parser recurse deeply. */
static int too_deep(const char *s, size_t n)
{
	int depth = 0, in_str = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > JSONBODY_MAX_DEPTH)
				return 1;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return 0;
}

json_t *jsonbody_parse(const char *text, size_t len, struct err *e)
{
	if (too_deep(text, len)) {
		err_set(e, 400, "invalid_json", "The JSON is nested more than %d levels deep.",
			JSONBODY_MAX_DEPTH);
		return NULL;
	}
	if (!utf8_valid(text, len)) {
		err_set(e, 400, "invalid_json",
			"The request body is not valid UTF-8 text. Please send the JSON encoded "
			"as UTF-8.");
		return NULL;
	}
	json_error_t je;
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		err_set(e, 400, "invalid_json",
			"The request body is not valid JSON: %s (line %d, column %d).", je.text,
			je.line, je.column);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		err_set(e, 400, "invalid_json", "The request body must be a JSON object.");
		return NULL;
	}
	return j;
}
