/* frac.c: exact rationals in lowest terms (see frac.h). Overflow is checked
 * with the compiler's checked arithmetic and treated as a bug. */
#include "frac.h"

#include <assert.h>
#include <stdio.h>

static long long gcd(long long a, long long b)
{
	if (a < 0)
		a = -a;
	while (b) {
		long long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* a * b (op '*') or a + b (op '+'); an overflow would be a bug. */
static long long checked(char op, long long a, long long b)
{
	long long r;
	int overflow = op == '*' ? __builtin_mul_overflow(a, b, &r)
				 : __builtin_add_overflow(a, b, &r);
	assert(!overflow);
	(void)overflow;
	return r;
}

static long long mul(long long a, long long b)
{
	return checked('*', a, b);
}

struct frac frac_make(long long num, long long den)
{
	assert(den != 0);
	if (den < 0) {
		num = mul(num, -1);
		den = mul(den, -1);
	}
	long long g = gcd(num < 0 ? -num : num, den);
	return (struct frac){ num / g, den / g };
}

struct frac frac_int(long long n)
{
	return (struct frac){ n, 1 };
}

struct frac frac_add(struct frac x, struct frac y)
{
	long long g = gcd(x.den, y.den);
	long long yd = y.den / g;
	return frac_make(checked('+', mul(x.num, yd), mul(y.num, x.den / g)), mul(x.den, yd));
}

struct frac frac_sub(struct frac x, struct frac y)
{
	return frac_add(x, (struct frac){ mul(y.num, -1), y.den });
}

struct frac frac_mul(struct frac x, struct frac y)
{
	/* Cross-reduce first so that the products stay as small as they can. */
	long long g1 = gcd(x.num, y.den);
	long long g2 = gcd(y.num, x.den); /* both >= 1: denominators are positive */
	return frac_make(mul(x.num / g1, y.num / g2), mul(x.den / g2, y.den / g1));
}

int frac_cmp(struct frac x, struct frac y)
{
	long long l = mul(x.num, y.den);
	long long r = mul(y.num, x.den);
	return (l > r) - (l < r);
}

long long frac_scale_round(struct frac x, long long scale)
{
	long long n = mul(x.num, scale);
	long long q = n / x.den;
	long long r = n % x.den; /* same sign as n */
	if (r < 0)
		r = -r;
	if (mul(r, 2) >= x.den)
		q += n < 0 ? -1 : 1;
	return q;
}

int frac_format(struct frac x, char *out, size_t size)
{
	int n = x.den == 1 ? snprintf(out, size, "%lld", x.num)
			   : snprintf(out, size, "%lld/%lld", x.num, x.den);
	return n < 0 || (size_t)n >= size ? -1 : n;
}
