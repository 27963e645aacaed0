/* venn.h: geometry of two equal overlapping circles, for the differences map and
 * the closeness picture (drawn as inline SVG). Pure functions of their arguments.
 *
 * Two circles of radius r whose centres are d apart overlap in a lens of area
 *   A(d) = 2 r^2 acos(d / 2r) - (d / 2) sqrt(4 r^2 - d^2)   for 0 <= d <= 2r,
 * which falls steadily from pi r^2 (d = 0) to 0 (d = 2r).
 */
#ifndef DUET_VENN_H
#define DUET_VENN_H

/* The lens area A(d) for circles of radius r > 0; pi r^2 when d <= 0, 0 when d >= 2r. */
double venn_lens_area(double d, double r);

/* The distance between the centres at which the lens is `s` times one circle's
 * area, found by bisection to within 1e-9 r. `s` outside [0, 1] (or NaN) is taken
 * as the nearest end: 0 gives 2r (circles just touching), 1 gives 0. r > 0. */
double venn_distance(double s, double r);

#endif
