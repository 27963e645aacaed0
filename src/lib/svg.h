/* svg.h: small writers for inline SVG, shared by the closeness picture (ios)
 * and the charts (chart). Pure: they only append to a caller's buffer.
 *
 * Every writer escapes the text it is given (util/html.h), so names and titles
 * from users are safe. Colours are left to the stylesheet through classes;
 * only SVG presentation attributes are written (never style="…"), which the
 * site's Content-Security-Policy allows.
 * Text arguments may be NULL (written as empty). All writers return 0, or -1
 * when the buffer failed (see buf.h).
 */
#ifndef DUET_SVG_H
#define DUET_SVG_H

#include "util/buf.h"

/* Appends a coordinate: at most two decimals, trailing zeros dropped, never "-0". */
int svg_num(struct buf *b, double v) WARN_UNUSED_RESULT;

/* Appends ` name="v"` with v written as by svg_num. */
int svg_attr(struct buf *b, const char *name, double v) WARN_UNUSED_RESULT;

/* Appends `<svg xmlns=… viewBox="0 0 w h" role="img" class="cls"` followed by
 * `extra` (raw attributes such as ` width="100%"`, may be NULL) and `>`.
 * The caller then writes <title> (and <desc>) and closes with `</svg>`. */
int svg_open(struct buf *b, double w, double h, const char *cls,
             const char *extra) WARN_UNUSED_RESULT;

/* Appends `<text x y text-anchor class font-size>escaped text</text>`;
 * `anchor` is "start", "middle" or "end". */
int svg_text(struct buf *b, double x, double y, const char *anchor, const char *cls,
             double font_size, const char *text) WARN_UNUSED_RESULT;

/* Appends `<tag>escaped text</tag>`, for <title> and <desc>. */
int svg_elem(struct buf *b, const char *tag, const char *text) WARN_UNUSED_RESULT;

#endif
