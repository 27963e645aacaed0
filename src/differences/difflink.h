/* difflink.h: the words for a rating on the difference map, and what carries a
 * difference to the dream table or to a negotiation. Pure: they only append to
 * the caller's buffer.
 *
 * The dream table takes a difference by a form posted to /dreams (title: the
 * item's text; text: the line difflink_dream_text() writes; kind: idea), so one
 * tap puts it there. A negotiation starts from a link to its own form, filled
 * from the query and saved only when sent:
 *   /negotiations/new?topic=ITEM
 * percent-encoded here (every byte but A-Z a-z 0-9 - . _ ~ becomes %XX), to be
 * written into an href with the page's escaping writer.
 */
#ifndef DUET_DIFFLINK_H
#define DUET_DIFFLINK_H

#include "util/buf.h"

/* "−2", "−1", "0", "+1", "+2" (with a real minus sign); NULL outside -2..2. */
const char *difflink_sign(int rating);

/* "strongly dislike", "dislike", "neutral", "like", "love it"; NULL outside -2..2. */
const char *difflink_words(int rating);

/* Appends "?name=value" when `out` holds no '?' yet, else "&name=value", with
 * `value` percent-encoded (UTF-8 bytes). `name` must be URL-safe already.
 * Returns 0, or -1 when `out` failed. */
int difflink_query(struct buf *out, const char *name, const char *value) WARN_UNUSED_RESULT;

/* Appends the text a difference takes to the dream table: one line that says
 * where it comes from and how each partner rated it ("From our difference map:
 * Ana +2 (love it), Ben −2 (strongly dislike)."), plain text to be escaped by
 * the writer. Returns 0, or -1 when a rating is outside -2..2 or `out` failed. */
int difflink_dream_text(struct buf *out, const char *name_a, int a, const char *name_b,
                        int b) WARN_UNUSED_RESULT;

/* Appends the link that starts a negotiation about the item. 0 or -1. */
int difflink_negotiation(struct buf *out, const char *item) WARN_UNUSED_RESULT;

#endif
