/* overlap.c: the difference map's circles and bars as SVG (see overlap.h). */
#include "overlap.h"

#include "lib/svg.h"
#include "lib/venn.h"
#include "util/html.h"

double overlap_distance(int percent)
{
	if (percent < 0 || percent > 100)
		return -1.0;
	return venn_distance(percent / 100.0, OVERLAP_R);
}

/* A circle of radius OVERLAP_R at (cx, cy); the partner's is dashed. */
static int circle(struct buf *b, double cx, double cy, const char *cls, int dashed)
{
	int rc = buf_printf(b, "<circle class=\"%s\"", cls);
	rc |= svg_attr(b, "cx", cx);
	rc |= svg_attr(b, "cy", cy);
	rc |= svg_attr(b, "r", OVERLAP_R);
	rc |= buf_puts(b, " fill=\"currentColor\" fill-opacity=\"0.15\" stroke=\"currentColor\" "
	                  "stroke-width=\"3\"");
	if (dashed)
		rc |= buf_puts(b, " stroke-dasharray=\"10 6\"");
	rc |= buf_puts(b, "/>");
	return rc ? -1 : 0;
}

int overlap_svg(struct buf *out, int percent, const char *label_a, const char *label_b)
{
	double d = overlap_distance(percent);
	if (d < 0.0 || !label_a || !label_b)
		return -1;
	const double r = OVERLAP_R, pad = OVERLAP_PAD, row = OVERLAP_FONT * 1.4;
	double w = 4.0 * r + 2.0 * pad, cy = pad + r;
	double h = 2.0 * r + 2.0 * pad + 2.0 * row;
	double xa = w / 2.0 - d / 2.0, xb = w / 2.0 + d / 2.0;
	int rc = svg_open(out, w, h, "overlap", NULL);
	rc |= buf_puts(out, "<title>");
	rc |= html_escape(out, label_a);
	rc |= buf_puts(out, " and ");
	rc |= html_escape(out, label_b);
	rc |= buf_printf(out, " as two circles that share %d%% of their area</title>", percent);
	rc |= circle(out, xa, cy, "overlap-a", 0);
	rc |= circle(out, xb, cy, "overlap-b", 1);
	double y = cy + r + pad + OVERLAP_FONT;
	rc |= svg_text(out, xa - r, y, "start", "overlap-label", OVERLAP_FONT, label_a);
	rc |= svg_text(out, xb + r, y + row, "end", "overlap-label", OVERLAP_FONT, label_b);
	rc |= buf_puts(out, "</svg>");
	return rc ? -1 : 0;
}

int overlap_bar_svg(struct buf *out, int percent)
{
	if (percent < -1 || percent > 100)
		return -1;
	int rc = buf_puts(
	    out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 8\" "
	         "preserveAspectRatio=\"none\" class=\"overlap-bar\" aria-hidden=\"true\" "
	         "focusable=\"false\"><rect class=\"overlap-bar-track\" width=\"100\" height=\"8\" "
	         "fill=\"currentColor\" fill-opacity=\"0.15\"/>");
	if (percent > 0)
		rc |= buf_printf(out,
		                 "<rect class=\"overlap-bar-fill\" width=\"%d\" height=\"8\" "
		                 "fill=\"currentColor\"/>",
		                 percent);
	rc |= buf_puts(out, "</svg>");
	return rc ? -1 : 0;
}
