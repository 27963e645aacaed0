/* Unit tests for crypto/spill: what goes in comes out whole and in order, in
 * pieces of any size; nothing of it is readable in the file; a file changed or
 * cut short is an error, never a shorter answer. */
#include "unit.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto/spill.h"

/* Writes n bytes of a repeating private sentence in pieces of `piece`, reads
 * them back in pieces of `take`, and compares. */
static void round_trip(size_t n, size_t piece, size_t take)
{
	static const char line[] = "a moment I am not proud of, written at night. ";
	unsigned char *in = malloc(n + 1), *out = malloc(n + 1);
	assert_non_null(in);
	assert_non_null(out);
	for (size_t i = 0; i < n; i++)
		in[i] = (unsigned char)line[i % (sizeof line - 1)];
	struct spill *s = spill_open();
	assert_non_null(s);
	for (size_t i = 0; i < n; i += piece)
		assert_int_equal(spill_write(s, in + i, n - i < piece ? n - i : piece), 0);
	assert_int_equal(spill_length(s), n);
	assert_int_equal(spill_finish(s), 0);
	assert_int_equal(spill_write(s, "late", 4), -1);
	size_t got = 0;
	for (;;) {
		ssize_t k = spill_read(s, out + got, take);
		assert_true(k >= 0);
		if (k == 0)
			break;
		got += (size_t)k;
		assert_true(got <= n);
	}
	assert_int_equal(got, n);
	assert_memory_equal(in, out, n);
	spill_free(s);
	free(in);
	free(out);
}

static void comes_back_whole(void **state)
{
	(void)state;
	round_trip(0, 1, 7);
	round_trip(1, 1, 1);
	round_trip(SPILL_RECORD, SPILL_RECORD, 16 * 1024);
	round_trip(SPILL_RECORD + 1, 1000, 999);
	round_trip(5 * SPILL_RECORD + 123, 3 * SPILL_RECORD, 16 * 1024);
}

static void nothing_readable_on_disk(void **state)
{
	(void)state;
	const char secret[] = "the thing I said that I regret most";
	struct spill *s = spill_open();
	assert_non_null(s);
	for (int i = 0; i < 100; i++)
		assert_int_equal(spill_write(s, secret, sizeof secret - 1), 0);
	assert_int_equal(spill_finish(s), 0);
	char raw[16384];
	ssize_t n = pread(spill_fd(s), raw, sizeof raw, 0);
	assert_true(n > (ssize_t)(100 * (sizeof secret - 1)));
	assert_null(memmem(raw, (size_t)n, "regret", 6));
	assert_null(memmem(raw, (size_t)n, "the thing", 9));
	spill_free(s);
}

static void a_changed_file_is_an_error(void **state)
{
	(void)state;
	unsigned char data[3 * 1000];
	memset(data, 'x', sizeof data);
	/* a byte flipped in the middle */
	struct spill *s = spill_open();
	assert_non_null(s);
	assert_int_equal(spill_write(s, data, sizeof data), 0);
	assert_int_equal(spill_finish(s), 0);
	unsigned char b;
	assert_int_equal(pread(spill_fd(s), &b, 1, 100), 1);
	b ^= 1;
	assert_int_equal(pwrite(spill_fd(s), &b, 1, 100), 1);
	unsigned char out[4096];
	assert_int_equal(spill_read(s, out, sizeof out), -1);
	spill_free(s);
	/* the final record cut off: what came before reads, then an error */
	s = spill_open();
	assert_non_null(s);
	assert_int_equal(spill_write(s, data, sizeof data), 0);
	off_t before_final = lseek(spill_fd(s), 0, SEEK_CUR);
	assert_int_equal(spill_finish(s), 0);
	assert_int_equal(ftruncate(spill_fd(s), before_final), 0);
	ssize_t k = spill_read(s, out, sizeof out);
	assert_int_equal(k, (ssize_t)sizeof data);
	assert_int_equal(spill_read(s, out, sizeof out), -1);
	spill_free(s);
}

int main(void)
{
	assert_int_equal(sodium_init() >= 0, 1);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(comes_back_whole),
	    cmocka_unit_test(nothing_readable_on_disk),
	    cmocka_unit_test(a_changed_file_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
