/* Unit tests for http/reqlist: lists of short texts from a JSON array or from
 * repeated form fields plus one comma-separated field. */
#include "unit.h"

#include <string.h>

#include "http/form.h"
#include "http/jsonbody.h"
#include "http/reqlist.h"

/* A request holding the JSON body `json`, or the form `form` when json is NULL. */
static void make(struct req *r, const char *json, const char *form)
{
	memset(r, 0, sizeof *r);
	arena_init(&r->arena, 0);
	if (json)
		assert_non_null(r->json = jsonbody_parse(json, strlen(json), &r->err));
	else
		assert_int_equal(
		    form_parse(&r->arena, form, strlen(form), &r->form, &r->nform, 50, &r->err), 0);
}

static void done(struct req *r)
{
	if (r->json)
		json_decref(r->json);
	arena_release(&r->arena);
}

/* Reads the list and checks it against want (NULL-terminated). */
static void expect(const char *json, const char *form, const char *const *want)
{
	struct req r;
	const char **items;
	size_t n, k = 0;
	make(&r, json, form);
	assert_int_equal(req_list(&r, "feelings", "feelings_own", "feelings", 4, 10, &items, &n),
	                 0);
	while (want[k])
		k++;
	assert_int_equal(n, k);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(items[i], want[i]);
	done(&r);
}

/* Reads the list and checks it is refused with a 400 mentioning `words`. */
static void refused(const char *json, const char *form, const char *words)
{
	struct req r;
	const char **items;
	size_t n;
	make(&r, json, form);
	assert_int_equal(req_list(&r, "feelings", "feelings_own", "feelings", 4, 10, &items, &n),
	                 -1);
	assert_int_equal(r.err.status, 400);
	if (!strstr(r.err.msg, words))
		fail_msg("\"%s\" does not say \"%s\"", r.err.msg, words);
	done(&r);
}

static void from_json(void **state)
{
	(void)state;
	expect("{\"feelings\":[\"hurt\",\" sad \",\"Hurt\",\"\",\"  \"]}", NULL,
	       (const char *[]){"hurt", "sad", NULL});
	expect("{}", NULL, (const char *[]){NULL});
	expect("{\"feelings\":null}", NULL, (const char *[]){NULL});
	/* ten characters, not bytes */
	expect(
	    "{\"feelings\":[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	    "\xa9\xc3\xa9\"]}",
	    NULL,
	    (const char *[]){"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
	                     "\xa9\xc3\xa9",
	                     NULL});
	refused("{\"feelings\":\"hurt\"}", NULL, "list of texts");
	refused("{\"feelings\":[\"hurt\",3]}", NULL, "list of texts");
	refused("{\"feelings\":[{\"a\":1}]}", NULL, "list of texts");
	refused("{\"feelings\":[\"two\\nlines\"]}", NULL, "one line");
	refused("{\"feelings\":[\"elevenchars\"]}", NULL, "at most 10 characters");
	refused("{\"feelings\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", NULL, "at most 4");
	/* repeats do not count towards the limit */
	expect("{\"feelings\":[\"a\",\"b\",\"c\",\"d\",\"A\",\"d\"]}", NULL,
	       (const char *[]){"a", "b", "c", "d", NULL});
}

static void from_a_form(void **state)
{
	(void)state;
	expect(NULL, "feelings=hurt&x=1&feelings=sad&feelings_own=tired%2C+lonely+%2C%2Churt",
	       (const char *[]){"hurt", "sad", "tired", "lonely", NULL});
	expect(NULL, "feelings_own=a%0D%0Ab", (const char *[]){"a", "b", NULL});
	expect(NULL, "other=1", (const char *[]){NULL});
	refused(NULL, "feelings=a&feelings=b&feelings_own=c,d,e", "at most 4");
	refused(NULL, "feelings=a%09b%01", "one line");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(from_json),
	    cmocka_unit_test(from_a_form),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
