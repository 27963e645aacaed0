/* ios.c: the closeness picture: steps, distances (via lib/venn) and SVG
 * (see ios.h, docs/internals/charts.md). */
#include "ios.h"

#include "util/i18n.h"

#include <math.h>
#include <stdio.h>

#include "lib/svg.h"
#include "lib/venn.h"
#include "util/html.h"

static const double ios_shares[IOS_STEPS] = {0.0, 0.10, 0.20, 0.30, 0.55, 0.65, 0.85};

static const char *const ios_step_words[IOS_STEPS] = {
    N_("just touching"),
    N_("overlapping a little"),
    N_("overlapping by about a fifth"),
    N_("overlapping by almost a third"),
    N_("overlapping by about half"),
    N_("overlapping by about two thirds"),
    N_("almost fully overlapping"),
};

double ios_share(int step)
{
	if (step < 1 || step > IOS_STEPS)
		return -1.0;
	return ios_shares[step - 1];
}

const char *ios_words(int step)
{
	if (step < 1 || step > IOS_STEPS)
		return NULL;
	return _(ios_step_words[step - 1]);
}

double ios_distance(int step, double r)
{
	double share = ios_share(step);
	if (share < 0.0 || !(r > 0.0) || !isfinite(r))
		return -1.0;
	return venn_distance(share, r); /* 2r exactly for step 1 (share 0) */
}

/* One circle; `dashed` draws the outline in dashes (the partner's circle). */
static int ios_circle(struct buf *b, double cx, double cy, double r, const char *cls, int dashed)
{
	int rc = buf_puts(b, "<circle");
	rc |= svg_attr(b, "cx", cx);
	rc |= svg_attr(b, "cy", cy);
	rc |= svg_attr(b, "r", r);
	rc |= buf_printf(b,
	                 " class=\"%s\" fill=\"currentColor\" fill-opacity=\"0.12\" "
	                 "stroke=\"currentColor\"",
	                 cls);
	rc |= svg_attr(b, "stroke-width", r / 16.0);
	if (dashed) {
		rc |= buf_puts(b, " stroke-dasharray=\"");
		rc |= svg_num(b, r / 5.0);
		rc |= buf_putc(b, ' ');
		rc |= svg_num(b, r / 8.0);
		rc |= buf_putc(b, '"');
	}
	rc |= buf_puts(b, "/>");
	return rc ? -1 : 0;
}

int ios_svg(struct buf *out, int step, double r, const char *label_self, const char *label_other)
{
	double d = ios_distance(step, r);
	if (d < 0.0 || r > IOS_MAX_R)
		return -1;
	int has_self = label_self && *label_self, has_other = label_other && *label_other;
	double pad = r / 4.0, font = r * 0.4;
	double w = 4.0 * r + 2.0 * pad;
	double cy = pad + r;
	double h = 2.0 * r + 2.0 * pad + (has_self ? font * 1.3 : 0) + (has_other ? font * 1.3 : 0);
	double cx_self = w / 2.0 - d / 2.0, cx_other = w / 2.0 + d / 2.0;
	char size[96];
	int rc = 0;

	int n = snprintf(size, sizeof size, " width=\"%.0f\" height=\"%.0f\"", ceil(w), ceil(h));
	if (n < 0 || (size_t)n >= sizeof size)
		rc = -1;
	rc |= svg_open(out, w, h, "ios", size);
	rc |= buf_printf(out, _("<title>Closeness %d of %d: "), step, IOS_STEPS);
	if (!has_self && !has_other) { /* one phrase: languages decline "you" their own way */
		rc |= buf_puts(out, _("you and your partner"));
	} else {
		rc |= html_escape(out, has_self ? label_self : _("you"));
		rc |= buf_puts(out, _(" and "));
		rc |= html_escape(out, has_other ? label_other : _("your partner"));
	}
	rc |= buf_printf(out, _(" as two circles, %s</title>"), ios_words(step));
	rc |= ios_circle(out, cx_self, cy, r, "ios-self", 0);
	rc |= ios_circle(out, cx_other, cy, r, "ios-other", 1);
	/* Two rows, self left-aligned under its circle and other right-aligned,
	 * so long names never collide even when the circles almost coincide. */
	double y = 2.0 * r + pad + font * 1.2;
	if (has_self) {
		rc |= svg_text(out, cx_self - r, y, "start", "ios-label", font, label_self);
		y += font * 1.3;
	}
	if (has_other)
		rc |= svg_text(out, cx_other + r, y, "end", "ios-label", font, label_other);
	rc |= buf_puts(out, "</svg>");
	return rc ? -1 : 0;
}
