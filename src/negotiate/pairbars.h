/* pairbars.h: the picture of a negotiation's proposal, as inline SVG: for
 * every issue (or option) a row with the two partners' bars side by side.
 *
 * Each bar has a length (the points a partner gave, or a rating) drawn as an
 * outline, and a filled part (what that partner gets, in their own points);
 * a bar that is all filled is a plain bar. An optional tick per partner marks
 * a value on every one of their bars (the rating of having no agreement).
 * Partners differ by colour and by position (partner a's bar on top, each bar
 * labelled with a name), never by colour alone.
 *
 * The picture is one <svg role="img" width="100%"> with a viewBox, a <title>
 * and a <desc> the caller writes to say everything in words. Names and labels
 * too long for the drawing are shortened with "…" there (the desc keeps them
 * whole). Colours come from classes (pair-a, pair-b, pair-label) with
 * presentation-attribute defaults; no style attributes. All text is escaped.
 * Pure: no I/O, no state.
 */
#ifndef DUET_PAIRBARS_H
#define DUET_PAIRBARS_H

#include <stddef.h>

#include "util/buf.h"

#define PAIRBARS_W 300.0      /* viewBox width */
#define PAIRBARS_MAX_ROWS 60

struct pairbar_row {
	const char *label;   /* the issue or option, plain text */
	const char *outcome; /* short words at the right ("Ana", "shared"); may be NULL */
	double value[2];     /* each partner's bar, 0..max */
	double fill[2];      /* the filled part of each bar, 0..value */
	const char *text[2]; /* written after each bar ("50"); may be NULL */
	int highlight;       /* the row is the proposal (drawn bold) */
};

struct pairbars {
	const char *title;         /* plain text */
	const char *desc;          /* plain text: everything the picture shows */
	const char *names[2];      /* partners a and b */
	double max;                /* the value of a full-length bar, > 0 */
	const char *fill_label;    /* legend for filled parts ("what each gets") */
	const char *outline_label; /* legend for outlines ("points given"); NULL: no outlines */
	double marker[2];          /* a tick on each partner's bars at this value; < 0: none */
	const char *marker_label;  /* legend for the ticks; used when a marker is set */
	size_t n;                  /* rows, 1..PAIRBARS_MAX_ROWS */
	const struct pairbar_row *rows;
};

/* Appends the picture. Returns 0, or -1 when the input is out of range (see
 * above: values and fills within 0..max, fill at most value, markers at most
 * max) or the buffer failed. */
int pairbars_svg(struct buf *out, const struct pairbars *p) WARN_UNUSED_RESULT;

/* Writes s, shortened to at most `chars` code points with a final "…" when
 * longer, into out. `s` must be valid UTF-8. Returns out. */
const char *pairbars_clip(char *out, size_t size, const char *s, size_t chars);

#endif
