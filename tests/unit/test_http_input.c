/* Unit tests for request input: urlencoded forms, JSON bodies and the router. */
#include "unit.h"

#include <string.h>

#include "http/form.h"
#include "http/jsonbody.h"
#include "http/router.h"

static int dummy(struct req *r)
{
	(void)r;
	return 0;
}

static int other(struct req *r)
{
	(void)r;
	return 1;
}

static const struct route table[] = {
	{ M_GET, "/", dummy, 0 },
	{ M_GET, "/api/v1/prompts/{id}", dummy, 0 },
	{ M_PUT, "/api/v1/prompts/{id}/answer", other, 0 },
	{ M_GET, "/api/v1/prompts/current", other, 0 },
	{ M_DELETE, "/api/v1/couple", dummy, 0 },
	{ M_GET, "/a/{x}/b/{y}", other, 0 },
};

static void router_matches_and_captures(void **state)
{
	(void)state;
	struct req r = { 0 };
	arena_init(&r.arena, 0);
	const struct route *rt = NULL;
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_GET, "/", &r, &rt), ROUTE_FOUND);
	assert_ptr_equal(rt, &table[0]);
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_GET, "/api/v1/prompts/42", &r, &rt),
			 ROUTE_FOUND);
	assert_ptr_equal(rt, &table[1]);
	assert_int_equal(r.nparams, 1);
	assert_string_equal(r.params[0], "42");
	assert_int_equal(req_param_id(&r, 0), 42);
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_PUT, "/api/v1/prompts/7/answer", &r,
				      &rt),
			 ROUTE_FOUND);
	assert_ptr_equal(rt, &table[2]);
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_GET, "/a/one/b/two", &r, &rt),
			 ROUTE_FOUND);
	assert_string_equal(r.params[0], "one");
	assert_string_equal(r.params[1], "two");
	/* HEAD is served by GET routes */
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_HEAD, "/", &r, &rt), ROUTE_FOUND);
	arena_release(&r.arena);
}

static void router_literal_beats_capture(void **state)
{
	(void)state;
	struct req r = { 0 };
	arena_init(&r.arena, 0);
	const struct route *rt = NULL;
	/* "/api/v1/prompts/{id}" comes before ".../current" in the table */
	assert_int_equal(
		router_match(table, ARRAY_LEN(table), M_GET, "/api/v1/prompts/current", &r, &rt),
		ROUTE_FOUND);
	assert_ptr_equal(rt, &table[3]);
	assert_int_equal(r.nparams, 0);
	arena_release(&r.arena);
}

static void router_404_and_405(void **state)
{
	(void)state;
	struct req r = { 0 };
	arena_init(&r.arena, 0);
	const struct route *rt = NULL;
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_GET, "/nope", &r, &rt),
			 ROUTE_NOT_FOUND);
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_GET, "/api/v1/prompts/", &r, &rt),
			 ROUTE_NOT_FOUND);
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_GET, "/api/v1/prompts/1/answer/x",
				      &r, &rt),
			 ROUTE_NOT_FOUND);
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_POST, "/api/v1/couple", &r, &rt),
			 ROUTE_BAD_METHOD);
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_GET, "//", &r, &rt),
			 ROUTE_NOT_FOUND);
	assert_int_equal(router_match(table, ARRAY_LEN(table), M_GET, "", &r, &rt),
			 ROUTE_NOT_FOUND);
	arena_release(&r.arena);
}

static void param_ids(void **state)
{
	(void)state;
	struct req r = { 0 };
	const char *cases[] = { "0", "-1", "12a", "", "9999999999999999999", "007" };
	int64_t want[] = { -1, -1, -1, -1, -1, 7 };
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		r.params[0] = cases[i];
		r.nparams = 1;
		assert_int_equal(req_param_id(&r, 0), want[i]);
	}
	assert_int_equal(req_param_id(&r, 3), -1);
}

static void form_decodes(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct field *f;
	size_t n;
	struct err e = { 0 };
	const char *body = "name=Ana+Lopez&note=caf%C3%A9%21&empty=&flag&&x=%2B";
	assert_int_equal(form_parse(&a, body, strlen(body), &f, &n, 10, &e), 0);
	assert_int_equal(n, 5);
	assert_string_equal(form_get(f, n, "name"), "Ana Lopez");
	assert_string_equal(form_get(f, n, "note"), "caf\xc3\xa9!");
	assert_string_equal(form_get(f, n, "empty"), "");
	assert_string_equal(form_get(f, n, "flag"), "");
	assert_string_equal(form_get(f, n, "x"), "+");
	assert_null(form_get(f, n, "missing"));
	arena_release(&a);
}

static void form_rejects(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct field *f;
	size_t n;
	struct err e = { 0 };
	const char *bad[] = { "a=%", "a=%4", "a=%zz", "a=%FF", "a=%00", "a=%C3%28", "%ED%A0%80=1" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		err_clear(&e);
		assert_int_equal(form_parse(&a, bad[i], strlen(bad[i]), &f, &n, 10, &e), -1);
		assert_int_equal(e.status, 400);
		assert_true(strlen(e.msg) > 10);
	}
	assert_int_equal(form_parse(&a, "a=1&b=2&c=3", 11, &f, &n, 2, &e), -1);
	assert_string_equal(e.code, "too_many_fields");
	arena_release(&a);
}

static void json_accepts_objects(void **state)
{
	(void)state;
	struct err e = { 0 };
	const char *s = "{\"text\":\"h\\u00e9llo\",\"n\":3,\"list\":[1,[2,[3]]]}";
	json_t *j = jsonbody_parse(s, strlen(s), &e);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "text")), "h\xc3\xa9llo");
	json_decref(j);
}

static void json_rejects_clearly(void **state)
{
	(void)state;
	struct err e = { 0 };
	const char *bad[] = { "", "{", "[1]", "\"s\"", "{\"a\":1,\"a\":2}", "{\"a\":\"\xff\"}",
			      "{\"a\":1} trailing", "nul" };
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		err_clear(&e);
		assert_null(jsonbody_parse(bad[i], strlen(bad[i]), &e));
		assert_int_equal(e.status, 400);
		assert_string_equal(e.code, "invalid_json");
	}
	char deep[200];
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	assert_null(jsonbody_parse(deep, sizeof deep, &e));
	assert_non_null(strstr(e.msg, "nested"));
	/* brackets inside strings do not count as nesting */
	char s[300] = "{\"a\":\"";
	memset(s + 6, '[', 200);
	strcpy(s + 206, "\"}");
	json_t *j = jsonbody_parse(s, strlen(s), &e);
	assert_non_null(j);
	json_decref(j);
}

/* A handler that fails without saying why gets a 500 with words, never an
 * empty 200; one that set its error keeps it. */
static void failure_without_error_is_a_500(void **state)
{
	(void)state;
	struct req r = { 0 };
	assert_int_equal(req_settle(&r, 0), 0);
	assert_int_equal(r.err.status, 0);
	assert_int_equal(req_settle(&r, -1), 1);
	assert_int_equal(r.err.status, 500);
	assert_string_equal(r.err.code, "internal");
	assert_true(strlen(r.err.msg) > 10);
	struct req q = { 0 };
	(void)req_fail(&q, 404, "not_found", "There is no such dream on your table.");
	assert_int_equal(req_settle(&q, -1), 0);
	assert_int_equal(q.err.status, 404);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(failure_without_error_is_a_500),
		cmocka_unit_test(router_matches_and_captures),
		cmocka_unit_test(router_literal_beats_capture),
		cmocka_unit_test(router_404_and_405),
		cmocka_unit_test(param_ids),
		cmocka_unit_test(form_decodes),
		cmocka_unit_test(form_rejects),
		cmocka_unit_test(json_accepts_objects),
		cmocka_unit_test(json_rejects_clearly),
	};
	return cmocka_run_group_tests_name("http input", tests, NULL, NULL);
}
