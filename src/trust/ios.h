/* ios.h: the closeness picture of check-ins: two equal circles in seven steps,
 * from just touching (1) to almost fully overlapping (7), after the Inclusion of
 * Other in the Self scale (see /work/shared/RESEARCH.md and
 * docs/internals/charts.md). duet's check-in items are our own, not a validated
 * instrument, and nothing here presents them as one.
 *
 * Geometry: for step s the circles overlap by ios_share(s) of one circle's area
 * (0, 10, 20, 30, 55, 65, 85 percent); lib/venn finds the centre distance for
 * that share by bisection on the circular-lens area.
 * Pure: no I/O, no state.
 */
#ifndef DUET_IOS_H
#define DUET_IOS_H

#include "util/buf.h"

#define IOS_STEPS 7
#define IOS_MAX_R 10000.0 /* largest radius ios_svg draws */

/* Target overlap, as a share of one circle's area, for step 1..7; -1 outside. */
double ios_share(int step);

/* Centre distance for step 1..7 and radius r > 0 (lib/venn.h): 2r for step 1
 * (just touching), otherwise the distance at which the circles share
 * ios_share(step) of pi r^2, to within 1e-9 r. Returns -1 when step or r is out
 * of range. */
double ios_distance(int step, double r);

/* A few words for a person describing step 1..7 ("just touching"); NULL outside.
 * Static text, not to be freed. */
const char *ios_words(int step);

/* Appends an inline <svg role="img"> of step 1..7 with circles of radius r
 * (viewBox units; the picture is 4r + r/2 wide for every step so a row of the
 * seven lines up), a <title> naming both labels and the overlap in words, and
 * the two labels under the circles. The self circle is drawn solid and the
 * other dashed, so the picture reads without colour; classes "ios-self" and
 * "ios-other" let the stylesheet colour them. Labels may be NULL (then left
 * out of the picture and called "you" / "your partner" in the title); all text
 * is escaped. Returns 0, or -1 for a bad step, r outside (0, IOS_MAX_R], or when `out` failed. */
int ios_svg(struct buf *out, int step, double r, const char *label_self,
            const char *label_other) WARN_UNUSED_RESULT;

#endif
