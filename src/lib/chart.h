/* chart.h: geometry and inline SVG for the check-in charts: a line chart of one
 * measure over time for one or both partners, a bar chart of agreements kept
 * and missed per month, and a sparkline for the counsellor's list.
 * See docs/internals/charts.md.
 *
 * Every chart is one <svg role="img"> with a viewBox (it scales to the width
 * it is given), a <title> and a <desc> that says in words what the picture
 * shows, so it is readable without seeing it. The two partners differ in line
 * (solid, dashed) and marker (filled circle, hollow square), never in colour
 * alone; colours come from the stylesheet through classes (chart-a, chart-b,
 * chart-kept, chart-missed, chart-grid, chart-label). No style attributes.
 *
 * Values are small integers on a scale ymin..ymax (ymin >= 0); CHART_GAP marks
 * a week without a value, which breaks the line: a missed week is a gap.
 * Pure: no I/O, no state. All text is escaped.
 */
#ifndef DUET_CHART_H
#define DUET_CHART_H

#include <stddef.h>

#include "util/buf.h"

#define CHART_GAP (-1)
#define CHART_MAX_POINTS 520 /* ten years of weekly check-ins */
#define CHART_MAX_MONTHS 36
#define CHART_W 320.0 /* viewBox of the line and bar charts */
#define CHART_H 200.0
#define SPARK_W 100.0 /* viewBox of the sparkline */
#define SPARK_H 24.0

/* Where points land: the plot area in viewBox units, n points spread evenly
 * from left to right (one point sits in the middle), ymax at the top. */
struct chart_frame {
	double left, top, right, bottom;
	size_t n;
	int ymin, ymax;
};

/* Fills `f` with the plot area of the line chart (CHART_W x CHART_H). */
void chart_frame_line(struct chart_frame *f, size_t n, int ymin, int ymax);

/* Fills `f` with any plot area. */
void chart_frame_box(struct chart_frame *f, double left, double top, double right, double bottom,
                     size_t n, int ymin, int ymax);

/* x of point i (0-based) and y of value v, in viewBox units. */
double chart_x(const struct chart_frame *f, size_t i);
double chart_y(const struct chart_frame *f, double v);

/* Appends the `d` attribute text of a line through values[0..n) ("M x y L x y"),
 * starting a new "M" after every CHART_GAP; runs of a single point are left to
 * the markers. Appends nothing when no two neighbours have values.
 * Returns 0, or -1 when `out` failed. */
int chart_path(struct buf *out, const struct chart_frame *f, const int *values,
               size_t n) WARN_UNUSED_RESULT;

struct chart_series {
	const char *name;  /* a partner's display name, plain text */
	const int *values; /* n values (see struct chart_line), CHART_GAP for none */
};

struct chart_line {
	const char *title;           /* plain text, e.g. "Trust over time" */
	const char *low_label;       /* what ymin means, e.g. "not at all"; may be NULL */
	const char *high_label;      /* what ymax means; may be NULL */
	const char *x_caption;       /* under the x axis, e.g. "Week"; may be NULL */
	const char *const *x_labels; /* n labels ("3 Mar"), or NULL to number 1..n */
	int ymin, ymax;              /* 0 <= ymin < ymax <= ymin + 20 */
	size_t n;                    /* points per series, 1..CHART_MAX_POINTS */
	size_t nseries;              /* 1 (one partner so far) or 2 */
	struct chart_series series[2];
};

/* Appends the line chart (width 100%, CHART_W x CHART_H viewBox): a legend,
 * y grid with numbers, at most 7 x labels, each series' line and markers, and a
 * <desc> listing every value in order ("Ana: 5, 6, gap, 4."). Returns 0, or -1
 * when the input is out of range (see struct chart_line) or `out` failed. */
int chart_line_svg(struct buf *out, const struct chart_line *c) WARN_UNUSED_RESULT;

struct chart_month {
	const char *label; /* e.g. "March 2025", plain text */
	int kept, missed;  /* 0..100000 */
};

/* Appends the bar chart of agreements kept (filled bars) and missed (outlined
 * bars) for n months (0..CHART_MAX_MONTHS), oldest first, each bar with its
 * count written above it, and a <desc> ("March: 3 kept, 1 missed."). Returns 0,
 * or -1 when a count or n is out of range or `out` failed. */
int chart_bars_svg(struct buf *out, const char *title, const struct chart_month *m,
                   size_t n) WARN_UNUSED_RESULT;

/* Appends a sparkline (SPARK_W x SPARK_H, drawn at that size) of one series with
 * a dot on the latest value, <title> `title` and a <desc> listing the values.
 * Same ranges as the line chart. Returns 0, or -1 on bad input or when `out`
 * failed. */
int chart_sparkline_svg(struct buf *out, const char *title, const int *values, size_t n, int ymin,
                        int ymax) WARN_UNUSED_RESULT;

#endif
