/* Unit tests for negotiate/fair_json: requests in, responses out, and the
 * messages for shape and type errors. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "negotiate/fair_json.h"

/* Runs `solve` on the JSON text; the dumped answer (caller frees) or NULL with e set. */
static char *run(json_t *(*solve)(const json_t *, struct err *), const char *text, struct err *e)
{
	json_error_t je;
	json_t *in = json_loads(text, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	if (!in)
		fail_msg("test input is not JSON: %s", je.text);
	json_t *out = solve(in, e);
	json_decref(in);
	if (!out)
		return NULL;
	char *s = json_dumps(out, FAIR_JSON_DUMP_FLAGS);
	json_decref(out);
	return s;
}

struct refusal {
	const char *in, *words;
};

static void assert_refusals(json_t *(*solve)(const json_t *, struct err *),
			    const struct refusal *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct err e = { 0 };
		assert_null(run(solve, cases[i].in, &e));
		assert_int_equal(e.status, 400);
		if (!strstr(e.msg, cases[i].words))
			fail_msg("case %zu: expected \"%s\" in \"%s\"", i, cases[i].words, e.msg);
	}
}

static void split_example_prints_exactly(void **state)
{
	(void)state;
	struct err e = { 0 };
	char *s = run(fair_split_json,
		      "{\"items\":[{\"name\":\"Retirement\",\"a\":50,\"b\":40},"
		      "{\"name\":\"Home\",\"a\":20,\"b\":30},{\"name\":\"Cottage\",\"a\":15,\"b\":10},"
		      "{\"name\":\"Investments\",\"a\":10,\"b\":10},{\"name\":\"Other\",\"a\":5,\"b\":10}]}",
		      &e);
	assert_non_null(s);
	assert_string_equal(
		s, "{\"allocation\":["
		   "{\"name\":\"Retirement\",\"a\":\"5/6\",\"b\":\"1/6\",\"a_share\":0.833333,\"b_share\":0.166667},"
		   "{\"name\":\"Home\",\"a\":\"0\",\"b\":\"1\",\"a_share\":0.0,\"b_share\":1.0},"
		   "{\"name\":\"Cottage\",\"a\":\"1\",\"b\":\"0\",\"a_share\":1.0,\"b_share\":0.0},"
		   "{\"name\":\"Investments\",\"a\":\"0\",\"b\":\"1\",\"a_share\":0.0,\"b_share\":1.0},"
		   "{\"name\":\"Other\",\"a\":\"0\",\"b\":\"1\",\"a_share\":0.0,\"b_share\":1.0}],"
		   "\"a_total\":\"170/3\",\"b_total\":\"170/3\",\"a_points\":56.666667,"
		   "\"b_points\":56.666667,\"split\":\"Retirement\"}");
	free(s);

	s = run(fair_split_json,
		"{\"items\":[{\"name\":\"x\",\"a\":60,\"b\":40},{\"name\":\"y\",\"a\":40,\"b\":60}]}", &e);
	assert_non_null(strstr(s, "\"split\":null"));
	free(s);
}

static void split_shape_errors(void **state)
{
	(void)state;
	static const struct refusal cases[] = {
		{ "[]", "the input must be a JSON object with an \"items\" list" },
		{ "{}", "\"items\" is missing" },
		{ "{\"items\":{}}", "\"items\" must be a list, not an object" },
		{ "{\"items\":[1,2]}", "issue 1 must be an object with \"name\", \"a\" and \"b\"" },
		{ "{\"items\":[{\"a\":50,\"b\":50},{\"name\":\"y\",\"a\":50,\"b\":50}]}",
		  "issue 1 has no name" },
		{ "{\"items\":[{\"name\":7,\"a\":50,\"b\":50},{\"name\":\"y\",\"a\":50,\"b\":50}]}",
		  "issue 1's name must be text, not a number" },
		{ "{\"items\":[{\"name\":\"a\\u0000b\",\"a\":50,\"b\":50},{\"name\":\"y\",\"a\":50,\"b\":50}]}",
		  "NUL" },
		{ "{\"items\":[{\"name\":\"x\",\"b\":50},{\"name\":\"y\",\"a\":50,\"b\":50}]}",
		  "\"x\": partner a's points must be given" },
		{ "{\"items\":[{\"name\":\"x\",\"a\":49.5,\"b\":50},{\"name\":\"y\",\"a\":50.5,\"b\":50}]}",
		  "\"x\": partner a's points must be a whole number from 0 to 100, not 49.5" },
		{ "{\"items\":[{\"name\":\"x\",\"a\":50,\"b\":\"50\"},{\"name\":\"y\",\"a\":50,\"b\":50}]}",
		  "partner b's points must be a whole number from 0 to 100, not text" },
		{ "{\"items\":[{\"name\":\"x\",\"a\":50,\"b\":50}]}", "at least 2 issues" },
	};
	assert_refusals(fair_split_json, cases, ARRAY_LEN(cases));
}

static void choose_answers(void **state)
{
	(void)state;
	struct err e = { 0 };
	char *s = run(fair_choose_json,
		      "{\"options\":[{\"name\":\"A\",\"a\":8,\"b\":2},{\"name\":\"B\",\"a\":5,\"b\":5},"
		      "{\"name\":\"C\",\"a\":3,\"b\":7}],\"status_quo\":{\"a\":0,\"b\":0}}",
		      &e);
	assert_non_null(s);
	assert_non_null(strstr(s, "{\"choice\":\"B\",\"gains\":{\"a\":5,\"b\":5},\"product\":25,"
				  "\"ranking\":[{\"name\":\"B\",\"product\":25},"
				  "{\"name\":\"C\",\"product\":21},{\"name\":\"A\",\"product\":16}],"
				  "\"reason\":\""));
	free(s);

	s = run(fair_choose_json,
		"{\"options\":[{\"name\":\"A\",\"a\":1,\"b\":2},{\"name\":\"B\",\"a\":2,\"b\":1}],"
		"\"status_quo\":{\"a\":5,\"b\":5}}",
		&e);
	assert_non_null(strstr(s, "{\"choice\":null,\"gains\":null,\"product\":null,"
				  "\"ranking\":[],\"reason\":\"None"));
	free(s);
}

static void choose_shape_errors(void **state)
{
	(void)state;
	static const struct refusal cases[] = {
		{ "{\"options\":[]}", "at least 2 options, and there are 0" },
		{ "{\"options\":[{\"name\":\"A\",\"a\":1,\"b\":2},{\"name\":\"B\",\"a\":2,\"b\":1}]}",
		  "\"status_quo\" is missing" },
		{ "{\"options\":[{\"name\":\"A\",\"a\":1,\"b\":2},{\"name\":\"B\",\"a\":2,\"b\":1}],"
		  "\"status_quo\":3}",
		  "\"status_quo\" must be an object with \"a\" and \"b\", not a number" },
		{ "{\"options\":[{\"name\":\"A\",\"a\":1,\"b\":2},{\"name\":\"B\",\"a\":2,\"b\":1}],"
		  "\"status_quo\":{\"a\":1}}",
		  "partner b's rating of no agreement must be given" },
		{ "{\"options\":[{\"name\":\"A\",\"a\":true,\"b\":2},{\"name\":\"B\",\"a\":2,\"b\":1}],"
		  "\"status_quo\":{\"a\":1,\"b\":1}}",
		  "\"A\": partner a's rating must be a whole number from 0 to 10, not true" },
	};
	assert_refusals(fair_choose_json, cases, ARRAY_LEN(cases));
}

/* Reads an allocation body against the names Home, Car, Books. */
static int alloc(const char *text, int choice, long long *values, long long *sq, struct err *e)
{
	static const char *const names[] = { "Home", "Car", "Books" };
	json_t *in = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
	if (!in)
		fail_msg("test input is not JSON: %s", text);
	int rc = fair_alloc_from_json(in, choice, names, 3, values, sq, e);
	json_decref(in);
	return rc;
}

static void allocations(void **state)
{
	(void)state;
	long long v[3], sq;
	struct err e = { 0 };
	assert_int_equal(alloc("{\"points\":{\"Car\":60,\"Home\":40}}", 0, v, &sq, &e), 0);
	assert_true(v[0] == 40 && v[1] == 60 && v[2] == -1 && sq == -1);
	assert_int_equal(alloc("{\"points\":{\"Car\":null}}", 0, v, &sq, &e), 0);
	assert_int_equal(v[1], -1);
	assert_int_equal(alloc("{\"ratings\":{\"Books\":7},\"status_quo\":3}", 1, v, &sq, &e), 0);
	assert_true(v[2] == 7 && sq == 3);

	static const struct refusal cases[] = {
		{ "{}", "Please send \"points\"" },
		{ "{\"points\":[1]}", "\"points\" must be an object" },
		{ "{\"points\":{\"Boat\":5}}", "There is no issue called \"Boat\"" },
		{ "{\"points\":{\"Home\":\"5\"}}",
		  "The points for \"Home\" must be a whole number, not text" },
		{ "{\"points\":{\"Home\":4.5}}", "must be a whole number, not a number" },
		{ "{\"points\":{\"Home\":-1}}", "can't be below 0" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err_clear(&e);
		assert_int_equal(alloc(cases[i].in, 0, v, &sq, &e), -1);
		assert_int_equal(e.status, 400);
		if (!strstr(e.msg, cases[i].words))
			fail_msg("case %zu: expected \"%s\" in \"%s\"", i, cases[i].words, e.msg);
	}
	assert_int_equal(alloc("{\"ratings\":{\"Home\":5},\"status_quo\":true}", 1, v, &sq, &e),
			 -1);
	assert_non_null(strstr(e.msg, "having no agreement"));
	assert_int_equal(alloc("{\"points\":{\"Home\":5}}", 1, v, &sq, &e), -1);
	assert_non_null(strstr(e.msg, "\"ratings\""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_example_prints_exactly),
		cmocka_unit_test(split_shape_errors),
		cmocka_unit_test(choose_answers),
		cmocka_unit_test(choose_shape_errors),
		cmocka_unit_test(allocations),
	};
	return cmocka_run_group_tests_name("fair_json", tests, NULL, NULL);
}
