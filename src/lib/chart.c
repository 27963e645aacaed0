/* chart.c: check-in chart geometry and inline SVG (see chart.h,
 * docs/internals/charts.md). */
#include "chart.h"

#include "util/i18n.h"

#include <stdio.h>

#include "lib/svg.h"
#include "util/html.h"

/* Line chart layout, in viewBox units. */
#define LINE_LEFT 40.0 /* first and last points sit INSET inside the grid */
#define LINE_RIGHT (CHART_W - 18.0)
#define INSET 10.0
#define LINE_TOP 34.0
#define LINE_BOTTOM (CHART_H - 44.0)
#define LEGEND_Y 16.0
#define FONT 11.0
#define MAX_X_LABELS 7
#define MAX_COUNT 100000

static const char *const series_class[2] = {"chart-a", "chart-b"};

static const char *text_or_empty(const char *s)
{
	return s ? s : "";
}

void chart_frame_box(struct chart_frame *f, double left, double top, double right, double bottom,
                     size_t n, int ymin, int ymax)
{
	f->left = left;
	f->top = top;
	f->right = right;
	f->bottom = bottom;
	f->n = n;
	f->ymin = ymin;
	f->ymax = ymax;
}

void chart_frame_line(struct chart_frame *f, size_t n, int ymin, int ymax)
{
	chart_frame_box(f, LINE_LEFT, LINE_TOP, LINE_RIGHT, LINE_BOTTOM, n, ymin, ymax);
}

double chart_x(const struct chart_frame *f, size_t i)
{
	if (f->n < 2)
		return (f->left + f->right) / 2.0;
	return f->left + (f->right - f->left) * (double)i / (double)(f->n - 1);
}

double chart_y(const struct chart_frame *f, double v)
{
	double span = f->ymax - f->ymin;
	if (span <= 0)
		return f->bottom;
	return f->bottom - (f->bottom - f->top) * (v - f->ymin) / span;
}

static int point(struct buf *b, char cmd, const struct chart_frame *f, size_t i, int v)
{
	int rc = buf_putc(b, cmd);
	rc |= svg_num(b, chart_x(f, i));
	rc |= buf_putc(b, ' ');
	rc |= svg_num(b, chart_y(f, v));
	return rc ? -1 : 0;
}

int chart_path(struct buf *out, const struct chart_frame *f, const int *values, size_t n)
{
	int rc = 0, first = 1;
	for (size_t i = 0; i + 1 < n; i++) {
		if (values[i] == CHART_GAP || values[i + 1] == CHART_GAP)
			continue;
		if (i == 0 || values[i - 1] == CHART_GAP) { /* a run starts here */
			if (!first)
				rc |= buf_putc(out, ' ');
			rc |= point(out, 'M', f, i, values[i]);
			first = 0;
		}
		rc |= buf_putc(out, ' ');
		rc |= point(out, 'L', f, i + 1, values[i + 1]);
	}
	return rc ? -1 : 0;
}

static int values_ok(const int *values, size_t n, int ymin, int ymax)
{
	if (!values || n < 1 || n > CHART_MAX_POINTS || ymin < 0 || ymin >= ymax ||
	    ymax > ymin + 20)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (values[i] != CHART_GAP && (values[i] < ymin || values[i] > ymax))
			return 0;
	return 1;
}

/* Stroke attributes of series s: solid for the first, dashed for the second. */
static int line_attrs(struct buf *b, size_t s, double width)
{
	int rc = buf_printf(b, " class=\"chart-line %s\" fill=\"none\" stroke=\"currentColor\"",
	                    series_class[s]);
	rc |= svg_attr(b, "stroke-width", width);
	if (s == 1)
		rc |= buf_puts(b, " stroke-dasharray=\"6 4\"");
	return rc ? -1 : 0;
}

/* A marker of `size` centred on (x, y): filled circle for the first series,
 * hollow square for the second. */
static int marker(struct buf *b, size_t s, double x, double y, double size)
{
	int rc = 0;
	if (s == 0) {
		rc |= buf_puts(b, "<circle");
		rc |= svg_attr(b, "cx", x);
		rc |= svg_attr(b, "cy", y);
		rc |= svg_attr(b, "r", size / 2.0);
		rc |= buf_puts(b, " class=\"chart-dot chart-a\" fill=\"currentColor\"/>");
	} else {
		rc |= buf_puts(b, "<rect");
		rc |= svg_attr(b, "x", x - size / 2.0);
		rc |= svg_attr(b, "y", y - size / 2.0);
		rc |= svg_attr(b, "width", size);
		rc |= svg_attr(b, "height", size);
		rc |=
		    buf_puts(b, " class=\"chart-dot chart-b\" fill=\"none\" stroke=\"currentColor\""
		                " stroke-width=\"1.5\"/>");
	}
	return rc ? -1 : 0;
}

/* The <path> of series s through values[0..n); nothing when no two neighbours
 * have values (single points are shown by their markers alone). */
static int series_path(struct buf *b, const struct chart_frame *f, const int *values, size_t n,
                       size_t s, double width)
{
	size_t i = 0;
	while (i + 1 < n && (values[i] == CHART_GAP || values[i + 1] == CHART_GAP))
		i++;
	if (i + 1 >= n)
		return 0;
	int rc = buf_puts(b, "<path d=\"");
	rc |= chart_path(b, f, values, n);
	rc |= buf_putc(b, '"');
	rc |= line_attrs(b, s, width);
	rc |= buf_puts(b, "/>");
	return rc ? -1 : 0;
}

static int hline(struct buf *b, double x1, double x2, double y, const char *cls)
{
	int rc = buf_puts(b, "<line");
	rc |= svg_attr(b, "x1", x1);
	rc |= svg_attr(b, "y1", y);
	rc |= svg_attr(b, "x2", x2);
	rc |= svg_attr(b, "y2", y);
	rc |= buf_printf(b, " class=\"%s\" stroke=\"currentColor\" stroke-opacity=\"0.25\"/>", cls);
	return rc ? -1 : 0;
}

/* "Ana: 5, 6, gap, 4." for the <desc>. */
static int values_text(struct buf *b, const char *name, const int *values, size_t n)
{
	int rc = 0;
	if (name && *name) {
		rc |= html_escape(b, name);
		rc |= buf_puts(b, ": ");
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			rc |= buf_puts(b, ", ");
		if (values[i] == CHART_GAP)
			rc |= buf_puts(b, _("gap"));
		else
			rc |= buf_printf(b, "%d", values[i]);
	}
	rc |= buf_puts(b, ". ");
	return rc ? -1 : 0;
}

static int scale_text(struct buf *b, const char *end, int v, const char *label)
{
	int rc = buf_printf(b, "%s %d", _(end), v);
	if (label && *label) {
		rc |= buf_puts(b, " (");
		rc |= html_escape(b, label);
		rc |= buf_putc(b, ')');
	}
	return rc ? -1 : 0;
}

static int line_desc(struct buf *b, const struct chart_line *c)
{
	int rc = buf_puts(b, "<desc>");
	if (c->x_labels) {
		rc |= buf_puts(b, _("From "));
		rc |= html_escape(b, text_or_empty(c->x_labels[0]));
		rc |= buf_puts(b, _(" to "));
		rc |= html_escape(b, text_or_empty(c->x_labels[c->n - 1]));
		rc |= buf_puts(b, ". ");
	}
	for (size_t s = 0; s < c->nseries; s++)
		rc |= values_text(b, c->series[s].name, c->series[s].values, c->n);
	rc |= scale_text(b, N_("Scale from"), c->ymin, c->low_label);
	rc |= scale_text(b, N_(" to"), c->ymax, c->high_label);
	rc |= buf_puts(b, _(". A gap is a week without a check-in.</desc>"));
	return rc ? -1 : 0;
}

static int line_axes(struct buf *b, const struct chart_line *c, const struct chart_frame *f)
{
	int rc = 0;
	int ystep = (c->ymax - c->ymin + 9) / 10;
	for (int v = c->ymin; v <= c->ymax; v += ystep) {
		char num[16];
		double y = chart_y(f, v);
		rc |= hline(b, f->left - INSET, f->right + INSET, y, "chart-grid");
		snprintf(num, sizeof num, "%d", v);
		rc |= svg_text(b, f->left - INSET - 5.0, y + FONT / 3.0, "end", "chart-label", FONT,
		               num);
	}
	size_t xstep = (c->n + MAX_X_LABELS - 1) / MAX_X_LABELS;
	for (size_t i = 0; i < c->n; i += xstep) {
		char num[24];
		const char *label = num;
		if (c->x_labels)
			label = c->x_labels[i];
		else
			snprintf(num, sizeof num, "%zu", i + 1);
		rc |= svg_text(b, chart_x(f, i), f->bottom + FONT + 5.0, "middle", "chart-label",
		               FONT, label);
	}
	if (c->x_caption && *c->x_caption)
		rc |= svg_text(b, (f->left + f->right) / 2.0, CHART_H - 8.0, "middle",
		               "chart-caption", FONT, c->x_caption);
	return rc ? -1 : 0;
}

static int line_legend(struct buf *b, const struct chart_line *c)
{
	int rc = 0;
	double slot = (LINE_RIGHT - LINE_LEFT) / 2.0;
	for (size_t s = 0; s < c->nseries; s++) {
		double x = LINE_LEFT - INSET + slot * (double)s;
		rc |= buf_puts(b, "<line");
		rc |= svg_attr(b, "x1", x);
		rc |= svg_attr(b, "y1", LEGEND_Y);
		rc |= svg_attr(b, "x2", x + 22.0);
		rc |= svg_attr(b, "y2", LEGEND_Y);
		rc |= line_attrs(b, s, 2.0);
		rc |= buf_puts(b, "/>");
		rc |= marker(b, s, x + 11.0, LEGEND_Y, 7.0);
		rc |= svg_text(b, x + 28.0, LEGEND_Y + FONT / 3.0, "start", "chart-label", FONT,
		               c->series[s].name);
	}
	return rc ? -1 : 0;
}

int chart_line_svg(struct buf *out, const struct chart_line *c)
{
	if (!c || c->nseries < 1 || c->nseries > 2)
		return -1;
	for (size_t s = 0; s < c->nseries; s++)
		if (!values_ok(c->series[s].values, c->n, c->ymin, c->ymax))
			return -1;
	struct chart_frame f;
	chart_frame_line(&f, c->n, c->ymin, c->ymax);

	int rc = svg_open(out, CHART_W, CHART_H, "chart chart-line", " width=\"100%\"");
	rc |= svg_elem(out, "title", c->title);
	rc |= line_desc(out, c);
	rc |= line_axes(out, c, &f);
	rc |= line_legend(out, c);
	for (size_t s = 0; s < c->nseries; s++) {
		const int *v = c->series[s].values;
		rc |= series_path(out, &f, v, c->n, s, 2.0);
		for (size_t i = 0; i < c->n; i++)
			if (v[i] != CHART_GAP)
				rc |= marker(out, s, chart_x(&f, i), chart_y(&f, v[i]), 7.0);
	}
	rc |= buf_puts(out, "</svg>");
	return rc ? -1 : 0;
}

/* Bar chart layout. */
#define BAR_LEFT 10.0
#define BAR_RIGHT (CHART_W - 10.0)
#define BAR_TOP 44.0
#define BAR_BOTTOM (CHART_H - 34.0)

static int bar(struct buf *b, double x, double w, double y, double bottom, int kept)
{
	int rc = buf_puts(b, "<rect");
	rc |= svg_attr(b, "x", x);
	rc |= svg_attr(b, "y", y);
	rc |= svg_attr(b, "width", w);
	rc |= svg_attr(b, "height", bottom - y);
	if (kept)
		rc |= buf_puts(b, " class=\"chart-kept\" fill=\"currentColor\"/>");
	else
		rc |= buf_puts(b, " class=\"chart-missed\" fill=\"none\" stroke=\"currentColor\""
		                  " stroke-width=\"1.5\"/>");
	return rc ? -1 : 0;
}

static int bars_legend(struct buf *b)
{
	int rc = bar(b, BAR_LEFT + 20.0, 10.0, LEGEND_Y - 5.0, LEGEND_Y + 5.0, 1);
	rc |= svg_text(b, BAR_LEFT + 36.0, LEGEND_Y + FONT / 3.0, "start", "chart-label", FONT,
	               _("kept"));
	rc |= bar(b, BAR_LEFT + 100.0, 10.0, LEGEND_Y - 5.0, LEGEND_Y + 5.0, 0);
	rc |= svg_text(b, BAR_LEFT + 116.0, LEGEND_Y + FONT / 3.0, "start", "chart-label", FONT,
	               _("missed"));
	return rc ? -1 : 0;
}

int chart_bars_svg(struct buf *out, const char *title, const struct chart_month *m, size_t n)
{
	if (n > CHART_MAX_MONTHS || (n && !m))
		return -1;
	int top = 1;
	for (size_t i = 0; i < n; i++) {
		if (m[i].kept < 0 || m[i].missed < 0 || m[i].kept > MAX_COUNT ||
		    m[i].missed > MAX_COUNT)
			return -1;
		if (m[i].kept > top)
			top = m[i].kept;
		if (m[i].missed > top)
			top = m[i].missed;
	}
	double left = BAR_LEFT, right = BAR_RIGHT;
	double group = n ? (right - left) / (double)n : 0.0;
	double bw = group * 0.3 < 28.0 ? group * 0.3 : 28.0;
	struct chart_frame f;
	chart_frame_box(&f, left, BAR_TOP, right, BAR_BOTTOM, n, 0, top);

	int rc = svg_open(out, CHART_W, CHART_H, "chart chart-bars", " width=\"100%\"");
	rc |= svg_elem(out, "title", title);
	rc |= buf_puts(out, "<desc>");
	if (!n)
		rc |= buf_puts(out, _("No agreements to show yet."));
	for (size_t i = 0; i < n; i++) {
		if (i)
			rc |= buf_putc(out, ' ');
		rc |= html_escape(out, text_or_empty(m[i].label));
		rc |= buf_printf(out, _(": %d kept, %d missed."), m[i].kept, m[i].missed);
	}
	rc |= buf_puts(out, "</desc>");
	rc |= bars_legend(out);
	rc |= hline(out, left, right, BAR_BOTTOM, "chart-grid");
	for (size_t i = 0; i < n; i++) {
		char num[16];
		double mid = left + group * ((double)i + 0.5);
		double yk = chart_y(&f, m[i].kept), ym = chart_y(&f, m[i].missed);
		rc |= bar(out, mid - bw - 1.0, bw, yk, BAR_BOTTOM, 1);
		rc |= bar(out, mid + 1.0, bw, ym, BAR_BOTTOM, 0);
		snprintf(num, sizeof num, "%d", m[i].kept);
		rc |= svg_text(out, mid - bw / 2.0 - 1.0, yk - 4.0, "middle", "chart-label", FONT,
		               num);
		snprintf(num, sizeof num, "%d", m[i].missed);
		rc |= svg_text(out, mid + bw / 2.0 + 1.0, ym - 4.0, "middle", "chart-label", FONT,
		               num);
		rc |= svg_text(out, mid, BAR_BOTTOM + FONT + 5.0, "middle", "chart-label", FONT,
		               m[i].label);
	}
	rc |= buf_puts(out, "</svg>");
	return rc ? -1 : 0;
}

int chart_sparkline_svg(struct buf *out, const char *title, const int *values, size_t n, int ymin,
                        int ymax)
{
	if (!values_ok(values, n, ymin, ymax))
		return -1;
	struct chart_frame f;
	chart_frame_box(&f, 3.0, 3.0, SPARK_W - 3.0, SPARK_H - 3.0, n, ymin, ymax);

	int rc =
	    svg_open(out, SPARK_W, SPARK_H, "chart chart-spark", " width=\"100\" height=\"24\"");
	rc |= svg_elem(out, "title", title);
	rc |= buf_puts(out, "<desc>");
	rc |= values_text(out, NULL, values, n);
	rc |= buf_printf(out, _("Scale from %d to %d.</desc>"), ymin, ymax);
	rc |= series_path(out, &f, values, n, 0, 1.5);
	for (size_t i = n; i-- > 0;) {
		if (values[i] != CHART_GAP) {
			rc |= marker(out, 0, chart_x(&f, i), chart_y(&f, values[i]), 4.0);
			break;
		}
	}
	rc |= buf_puts(out, "</svg>");
	return rc ? -1 : 0;
}
