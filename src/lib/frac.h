/* frac.h: a small exact rational number for the fair-division methods.
 *
 * Invariants of every value the frac_* functions return: `den > 0`, and
 * gcd(|num|, den) == 1 (lowest terms); zero is 0/1. The numbers duet puts in
 * (points 0..100, at most 50 issues) stay far below the range of long long
 * (see docs/internals/fair.md); an overflow would be a bug and trips an assert.
 */
#ifndef DUET_FRAC_H
#define DUET_FRAC_H

#include <stddef.h>

struct frac {
	long long num;
	long long den;
};

/* num/den reduced to lowest terms with a positive denominator. `den` must not be 0. */
struct frac frac_make(long long num, long long den);

/* The whole number n as n/1. */
struct frac frac_int(long long n);

struct frac frac_add(struct frac x, struct frac y);
struct frac frac_sub(struct frac x, struct frac y);
struct frac frac_mul(struct frac x, struct frac y);

/* -1, 0 or 1 as x is less than, equal to or greater than y. */
int frac_cmp(struct frac x, struct frac y);

/* The integer nearest to x * scale, halves rounded away from zero; exact. */
long long frac_scale_round(struct frac x, long long scale);

/* Writes "n/d", or "n" when the denominator is 1, into out. Returns the length,
 * or -1 when it does not fit (out then holds a truncated string). */
int frac_format(struct frac x, char *out, size_t size);

#endif
