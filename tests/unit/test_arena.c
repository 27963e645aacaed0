/* Unit tests for util/arena: alignment, big allocations, the cap, strings, growing arrays. */
#include "unit.h"

#include <stdint.h>
#include <string.h>

#include "util/arena.h"

static void aligned_and_distinct(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	char *p = arena_alloc(&a, 3);
	char *q = arena_alloc(&a, 5);
	assert_non_null(p);
	assert_non_null(q);
	assert_true(p != q);
	assert_int_equal((uintptr_t)q % 16, 0);
	memset(p, 'x', 3);
	memset(q, 'y', 5);
	assert_int_equal(p[2], 'x');
	arena_release(&a);
}

static void big_allocation_keeps_block(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	char *small = arena_alloc(&a, 10);
	char *big = arena_alloc(&a, 100000);
	char *small2 = arena_alloc(&a, 10);
	assert_non_null(big);
	memset(big, 1, 100000);
	assert_true(small2 > small && small2 < small + 64);
	arena_release(&a);
	assert_null(a.head);
}

static void cap_refuses(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 20000);
	assert_non_null(arena_alloc(&a, 1000));
	assert_null(arena_alloc(&a, 50000));
	arena_release(&a);
}

static void strings(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_string_equal(arena_strdup(&a, "duet"), "duet");
	assert_string_equal(arena_strndup(&a, "duet", 2), "du");
	assert_string_equal(arena_printf(&a, "%s=%d", "n", 7), "n=7");
	int *z = arena_calloc(&a, 4, sizeof(int));
	assert_int_equal(z[3], 0);
	arena_release(&a);
}

/* arena_printf: into the block's room, past it (a new block), and larger than
 * a block; earlier strings stay intact. */
static void printf_room_and_beyond(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	char *first = arena_printf(&a, "%s-%d", "a", 1);
	char *fill = arena_alloc(&a, 16384 - 64);
	assert_non_null(fill);
	char *over = arena_printf(&a, "%0100d", 5); /* does not fit in the 48 left */
	char *big = arena_printf(&a, "%020000d", 6);
	char *after = arena_printf(&a, "x%sy", "z");
	assert_string_equal(first, "a-1");
	assert_int_equal(strlen(over), 100);
	assert_int_equal(over[99], '5');
	assert_int_equal(strlen(big), 20000);
	assert_int_equal(big[19999], '6');
	assert_string_equal(after, "xzy");
	assert_int_equal((uintptr_t)after % 16, 0);
	arena_release(&a);
}

/* arena_grow: room as rows come, never past max, the earlier rows kept and
 * the room past them zeroed. */
static void grow_keeps_rows(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	size_t cap = 0, n = 0;
	int64_t *rows = arena_grow(&a, NULL, 0, &cap, 40, sizeof *rows);
	assert_non_null(rows);
	assert_true(cap >= 1 && cap <= 40);
	for (; n < 40; n++) {
		rows = arena_grow(&a, rows, n, &cap, 40, sizeof *rows);
		assert_non_null(rows);
		assert_true(n < cap && cap <= 40);
		assert_int_equal(rows[n], 0);
		rows[n] = (int64_t)n * 3;
	}
	assert_int_equal(cap, 40);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(rows[i], (int64_t)i * 3);
	size_t one = 0;
	assert_non_null(arena_grow(&a, NULL, 0, &one, 0, sizeof *rows)); /* max 0: still an array */
	assert_int_equal(one, 1);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(aligned_and_distinct),
		cmocka_unit_test(big_allocation_keeps_block),
		cmocka_unit_test(cap_refuses),
		cmocka_unit_test(strings),
		cmocka_unit_test(grow_keeps_rows),
		cmocka_unit_test(printf_room_and_beyond),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
