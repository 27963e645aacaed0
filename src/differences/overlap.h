/* overlap.h: the pictures of the difference map, as inline SVG: two circles
 * whose overlap follows the overall similarity, and a bar per category.
 * Pure: they only append to the caller's buffer; all text is escaped.
 *
 * The circles have radius OVERLAP_R in a viewBox of 4r + 2·pad by 2r + 2·pad
 * plus two rows of labels. Their centres are venn_distance(percent / 100, r)
 * apart (lib/venn.h), so the lens they share is `percent` percent of one
 * circle's area: 0 draws them just touching, 100 one on top of the other.
 * The viewer's circle is solid, the partner's dashed, so the picture reads
 * without colour; the classes overlap-a, overlap-b, overlap-label let the
 * stylesheet colour them. No style attributes (the site's CSP forbids them).
 */
#ifndef DUET_OVERLAP_H
#define DUET_OVERLAP_H

#include "util/buf.h"

#define OVERLAP_R 60.0
#define OVERLAP_PAD 12.0
#define OVERLAP_FONT 16.0

/* The centre distance drawn for `percent` (0..100), in viewBox units; -1 outside. */
double overlap_distance(int percent);

/* Appends `<svg role="img">` with a <title> such as "Ana and Ben as two circles
 * that share 65% of their area" and each label under its own circle (the
 * viewer's left-aligned on the first row, the partner's right-aligned on the
 * second, so long names never collide). Returns 0, or -1 when percent is
 * outside 0..100, a label is NULL, or `out` failed. */
int overlap_svg(struct buf *out, int percent, const char *label_a,
                const char *label_b) WARN_UNUSED_RESULT;

/* Appends a decorative bar (aria-hidden; the page writes the number beside it):
 * a track 100 units wide with a filled part `percent` units long, stretched to
 * the width the stylesheet gives class "overlap-bar". percent -1 draws the empty track.
 * Returns 0, or -1 when percent is outside -1..100 or `out` failed. */
int overlap_bar_svg(struct buf *out, int percent) WARN_UNUSED_RESULT;

#endif
