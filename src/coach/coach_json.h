/* coach_json.h: the JSON form of a coach result, shared by `duet coach` and
 * POST /api/v1/coach:
 *   {"findings":[{"kind","start","end","excerpt","advice","rewrite"}…],
 *    "apology":{"components":[…],"missing":[…]} | null}
 * "apology" is null for a message that does not apologise (coach_apologises).
 * Offsets are bytes into the analysed text; both apology lists run from the most
 * important part to the least. */
#ifndef DUET_COACH_JSON_H
#define DUET_COACH_JSON_H

#include <jansson.h>

#include "coach/coach.h"

/* Builds the object for result r of analysing `text` (the same text, so that the
 * excerpts can be cut from it). Returns a new reference (caller decrefs), or NULL
 * when out of memory. */
json_t *coach_result_json(const struct coach_result *r, const char *text);

#endif
