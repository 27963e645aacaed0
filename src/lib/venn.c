/* venn.c: the distance between two equal circles for a given overlap (see venn.h). */
#include "venn.h"

#include <assert.h>
#include <math.h>

double venn_lens_area(double d, double r)
{
	assert(r > 0);
	if (d <= 0)
		return M_PI * r * r;
	if (d >= 2 * r)
		return 0;
	return 2 * r * r * acos(d / (2 * r)) - d / 2 * sqrt(4 * r * r - d * d);
}

double venn_distance(double s, double r)
{
	assert(r > 0);
	if (!(s > 0)) /* also NaN */
		return 2 * r;
	if (s >= 1)
		return 0;
	/* On the unit circle the lens shrinks as d grows: keep lo's lens above s*pi
	 * and hi's below, halving [lo, hi] until it is under 1e-9 wide. */
	double lo = 0, hi = 2, want = s * M_PI;
	while (hi - lo > 1e-10) {
		double mid = (lo + hi) / 2;
		if (venn_lens_area(mid, 1) > want)
			lo = mid;
		else
			hi = mid;
	}
	return r * (lo + hi) / 2;
}
