/* reqlist.h: a list of short texts from a request: a JSON array of strings, or a
 * form's repeated fields (checkboxes) plus, optionally, one text field of
 * comma-separated items (the "in your own words" box next to the checkboxes). */
#ifndef DUET_REQLIST_H
#define DUET_REQLIST_H

#include "request.h"

/* Reads the list called `name`: from the JSON body, the array r->json[name]
 * (absent or null is an empty list); from a form, every field called `name`,
 * then the comma-separated items of the field `extra` when it is not NULL.
 * Items are trimmed of spaces; blank ones and repeats (ignoring ASCII case) are
 * dropped. Each may hold at most max_chars characters and no control characters
 * (so no line breaks); at most max_items are accepted. `label` names the list for
 * a person ("feelings"). *out (owned by the request) holds *n items.
 * 0, or -1 with r->err set (400). */
int req_list(struct req *r, const char *name, const char *extra, const char *label,
             size_t max_items, size_t max_chars, const char ***out, size_t *n) WARN_UNUSED_RESULT;

#endif
