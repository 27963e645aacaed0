/* pairbars.c: paired bars of a negotiation's proposal (see pairbars.h). */
#include "pairbars.h"

#include <assert.h>
#include <math.h>
#include <string.h>

#include "lib/svg.h"

#define FONT 13.0
#define SMALL 12.0
#define BAR_X 58.0             /* where bars start, after the partner names */
#define BAR_MAX_W 196.0        /* a full-length bar, leaving room for "56.67" after it */
#define BAR_H 12.0
#define LABEL_H 19.0           /* the row's label line */
#define BAR_STEP 16.0          /* from one partner's bar to the other's */
#define ROW_GAP 13.0
#define ROW_H (LABEL_H + 2 * BAR_STEP + ROW_GAP)
#define LEGEND_LINE 18.0

static const char *const colour[2] = { "#8a3b5c", "#245f8c" };
static const char *const cls[2] = { "pair-a", "pair-b" };

const char *pairbars_clip(char *out, size_t size, const char *s, size_t chars)
{
	assert(chars > 0 && size >= 4 * chars + 1); /* room for any code points and "…" */
	size_t i = 0, count = 0, keep = 0; /* keep: bytes of the first chars - 1 code points */
	for (s = s ? s : ""; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue; /* a continuation byte */
		if (count == chars - 1)
			keep = i;
		if (count++ == chars)
			break;
	}
	if (!s[i]) {
		memcpy(out, s, i + 1);
		return out;
	}
	memcpy(out, s, keep);
	memcpy(out + keep, "\xE2\x80\xA6", 4); /* "…" and the NUL */
	return out;
}

static int in_range(double v, double max)
{
	return isfinite(v) && v >= 0.0 && v <= max;
}

static int check(const struct pairbars *p)
{
	if (!p->rows || p->n == 0 || p->n > PAIRBARS_MAX_ROWS || !isfinite(p->max) || p->max <= 0)
		return -1;
	for (int k = 0; k < 2; k++)
		if (p->marker[k] >= 0.0 && !in_range(p->marker[k], p->max))
			return -1;
	for (size_t i = 0; i < p->n; i++)
		for (int k = 0; k < 2; k++)
			if (!in_range(p->rows[i].value[k], p->max) ||
			    !in_range(p->rows[i].fill[k], p->rows[i].value[k]))
				return -1;
	return 0;
}

static double bar_w(const struct pairbars *p, double v)
{
	return v / p->max * BAR_MAX_W;
}

static int rect(struct buf *b, double x, double y, double w, double h, int k, int filled)
{
	int rc = buf_puts(b, "<rect");
	rc |= svg_attr(b, "x", x);
	rc |= svg_attr(b, "y", y);
	rc |= svg_attr(b, "width", w);
	rc |= svg_attr(b, "height", h);
	if (filled)
		rc |= buf_printf(b, " class=\"%s\" fill=\"%s\"/>", cls[k], colour[k]);
	else
		rc |= buf_printf(b,
				 " class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>",
				 cls[k], colour[k]);
	return rc ? -1 : 0;
}

static int tick(struct buf *b, double x, double y, double h)
{
	int rc = buf_puts(b, "<line");
	rc |= svg_attr(b, "x1", x);
	rc |= svg_attr(b, "y1", y);
	rc |= svg_attr(b, "x2", x);
	rc |= svg_attr(b, "y2", y + h);
	rc |= buf_puts(b, " stroke=\"currentColor\" stroke-width=\"2\"/>");
	return rc ? -1 : 0;
}

static int has_marker(const struct pairbars *p)
{
	return p->marker[0] >= 0.0 || p->marker[1] >= 0.0;
}

/* The legend's height: one line per kind of mark. */
static double legend_h(const struct pairbars *p)
{
	return 4.0 + LEGEND_LINE * (1 + (p->outline_label != NULL) + has_marker(p)) + 6.0;
}

static int legend(struct buf *b, const struct pairbars *p)
{
	double y = 4.0;
	int rc = 0;
	double x = 0.0;
	rc |= rect(b, x, y + 2.0, 10.0, 10.0, 0, 1);
	rc |= rect(b, x + 12.0, y + 2.0, 10.0, 10.0, 1, 1);
	rc |= svg_text(b, x + 27.0, y + 11.0, "start", "pair-label", SMALL, p->fill_label);
	if (p->outline_label) {
		y += LEGEND_LINE;
		rc |= rect(b, x + 0.75, y + 2.75, 8.5, 8.5, 0, 0);
		rc |= rect(b, x + 12.75, y + 2.75, 8.5, 8.5, 1, 0);
		rc |= svg_text(b, x + 27.0, y + 11.0, "start", "pair-label", SMALL,
			       p->outline_label);
	}
	if (has_marker(p)) {
		y += LEGEND_LINE;
		rc |= tick(b, x + 11.0, y + 1.0, 12.0);
		rc |= svg_text(b, x + 27.0, y + 11.0, "start", "pair-label", SMALL,
			       p->marker_label);
	}
	return rc ? -1 : 0;
}

static int row(struct buf *b, const struct pairbars *p, const struct pairbar_row *r, double y)
{
	char label[200], outcome[64], name[48];
	const char *lcls = r->highlight ? "pair-label pair-strong" : "pair-label";
	int rc = svg_text(b, 0.0, y + FONT, "start", lcls, FONT,
			  pairbars_clip(label, sizeof label, r->label, r->outcome ? 26 : 40));
	if (r->outcome)
		rc |= svg_text(b, PAIRBARS_W, y + FONT, "end", lcls, FONT,
			       pairbars_clip(outcome, sizeof outcome, r->outcome, 12));
	for (int k = 0; k < 2; k++) {
		double top = y + LABEL_H + k * BAR_STEP;
		double w = bar_w(p, r->value[k]), f = bar_w(p, r->fill[k]);
		rc |= svg_text(b, 0.0, top + BAR_H - 1.5, "start", "pair-label", SMALL,
			       pairbars_clip(name, sizeof name, p->names[k], 7));
		if (p->outline_label && w > 0.0) /* inside the bar's box, so ends line up */
			rc |= rect(b, BAR_X + 0.75, top + 0.75, w > 1.5 ? w - 1.5 : w,
				   BAR_H - 1.5, k, 0);
		if (f > 0.0)
			rc |= rect(b, BAR_X, top, f, BAR_H, k, 1);
		if (p->marker[k] >= 0.0)
			rc |= tick(b, BAR_X + bar_w(p, p->marker[k]), top - 2.0, BAR_H + 4.0);
		if (r->text[k])
			rc |= svg_text(b, BAR_X + w + 5.0, top + BAR_H - 1.5, "start", "pair-label",
				       SMALL, r->text[k]);
	}
	return rc ? -1 : 0;
}

int pairbars_svg(struct buf *out, const struct pairbars *p)
{
	if (check(p) < 0)
		return -1;
	double top = legend_h(p);
	double height = top + (double)p->n * ROW_H;
	int rc = svg_open(out, PAIRBARS_W, height, "pairbars", " width=\"100%\"");
	rc |= svg_elem(out, "title", p->title);
	rc |= svg_elem(out, "desc", p->desc);
	rc |= legend(out, p);
	for (size_t i = 0; i < p->n; i++)
		rc |= row(out, p, &p->rows[i], top + (double)i * ROW_H);
	rc |= buf_puts(out, "</svg>");
	return rc ? -1 : 0;
}
