/* Unit tests for util/wipe: the one rule for private bytes. What is freed
 * cannot be read back in a test (that would be a use after free), so these
 * check the parts that make the rule hold: wipe() zeroes, jansson frees
 * through wipe_free(), and buf keeps its text when it grows by copying
 * (rather than realloc, which could leave an unwiped copy behind). */
#include "unit.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/wipe.h"

static void wipe_zeroes(void **state)
{
	(void)state;
	char s[] = "a passphrase typed in";
	wipe(s, sizeof s);
	for (size_t i = 0; i < sizeof s; i++)
		assert_int_equal(s[i], 0);
	wipe(NULL, 10);
	wipe_free(NULL);
	char *p = strdup("private");
	wipe_free(p);
}

static void jansson_frees_through_wipe(void **state)
{
	(void)state;
	json_malloc_t m;
	json_free_t f;
	json_get_alloc_funcs(&m, &f);
	assert_ptr_equal(f, wipe_free);
	json_t *j = json_pack("{s:s}", "text", "what I wrote last night");
	char *s = json_dumps(j, JSON_COMPACT);
	assert_non_null(s);
	assert_string_equal(s, "{\"text\":\"what I wrote last night\"}");
	json_decref(j);
	wipe_free(s);
}

static void buf_keeps_text_across_growth(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(1 << 20);
	char line[100];
	for (int i = 0; i < 2000; i++) {
		snprintf(line, sizeof line, "%d,", i);
		assert_int_equal(buf_puts(&b, line), 0);
	}
	assert_true(b.alloc >= b.len + 1);
	assert_memory_equal(b.data, "0,1,2,3,", 8);
	assert_non_null(strstr(b.data, "1998,1999,"));
	size_t len;
	char *p = buf_detach(&b, &len);
	assert_int_equal(strlen(p), len);
	wipe_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wipe_zeroes),
		cmocka_unit_test(jansson_frees_through_wipe),
		cmocka_unit_test(buf_keeps_text_across_growth),
	};
	return cmocka_run_group_tests_name("wipe", tests, NULL, NULL);
}
