/* svg.c: inline SVG writers (see svg.h). */
#include "svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/html.h"

int svg_num(struct buf *b, double v)
{
	char s[48];
	double r = round(v * 100.0) / 100.0;
	if (r == 0.0 || !isfinite(r))
		r = 0.0; /* no "-0", and nothing unprintable */
	int n = snprintf(s, sizeof s, "%.2f", r);
	if (n < 0 || (size_t)n >= sizeof s)
		return -1;
	while (n > 0 && s[n - 1] == '0')
		n--;
	if (n > 0 && s[n - 1] == '.')
		n--;
	return buf_append(b, s, (size_t)n);
}

int svg_attr(struct buf *b, const char *name, double v)
{
	int rc = buf_printf(b, " %s=\"", name);
	rc |= svg_num(b, v);
	rc |= buf_putc(b, '"');
	return rc ? -1 : 0;
}

int svg_open(struct buf *b, double w, double h, const char *cls, const char *extra)
{
	int rc = 0;
	rc |= buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ");
	rc |= svg_num(b, w);
	rc |= buf_putc(b, ' ');
	rc |= svg_num(b, h);
	rc |= buf_puts(b, "\" role=\"img\" class=\"");
	rc |= html_escape(b, cls);
	rc |= buf_putc(b, '"');
	if (extra)
		rc |= buf_puts(b, extra);
	rc |= buf_putc(b, '>');
	return rc ? -1 : 0;
}

int svg_text(struct buf *b, double x, double y, const char *anchor, const char *cls,
             double font_size, const char *text)
{
	int rc = 0;
	rc |= buf_puts(b, "<text");
	rc |= svg_attr(b, "x", x);
	rc |= svg_attr(b, "y", y);
	rc |= buf_puts(b, " text-anchor=\"");
	rc |= buf_puts(b, anchor);
	rc |= buf_puts(b, "\" class=\"");
	rc |= html_escape(b, cls);
	rc |= buf_putc(b, '"');
	rc |= svg_attr(b, "font-size", font_size);
	rc |= buf_puts(b, " fill=\"currentColor\">");
	rc |= html_escape(b, text ? text : "");
	rc |= buf_puts(b, "</text>");
	return rc ? -1 : 0;
}

int svg_elem(struct buf *b, const char *tag, const char *text)
{
	int rc = 0;
	rc |= buf_printf(b, "<%s>", tag);
	rc |= html_escape(b, text ? text : "");
	rc |= buf_printf(b, "</%s>", tag);
	return rc ? -1 : 0;
}
