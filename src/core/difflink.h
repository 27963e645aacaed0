/* difflink.h: the words for a rating on the difference map, and the links that
 * carry a difference to the dream table or to a negotiation. Pure: they only
 * append to the caller's buffer.
 *
 * The links are local paths with a query string, percent-encoded here (every
 * byte but A-Z a-z 0-9 - . _ ~ becomes %XX), to be written into an href with
 * the page's escaping writer:
 *   /dreams/new?title=ITEM&text=From%20our%20difference%20map%3A%20…
 *   /negotiations/new?topic=ITEM
 * The pages behind them belong to the dream table and the negotiations; they
 * fill their forms from these fields and nothing is saved until the person
 * sends that form.
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

/* Appends the dream-table link for an item both have rated: the item's text as
 * the title, and as the text one line that says where it comes from and how
 * each partner rated it ("From our difference map: Ana +2 (love it), Ben −2
 * (strongly dislike)."). Returns 0, or -1 when a rating is outside -2..2 or
 * `out` failed. */
int difflink_dream(struct buf *out, const char *item, const char *name_a, int a, const char *name_b,
                   int b) WARN_UNUSED_RESULT;

/* Appends the link that starts a negotiation about the item. 0 or -1. */
int difflink_negotiation(struct buf *out, const char *item) WARN_UNUSED_RESULT;

#endif
