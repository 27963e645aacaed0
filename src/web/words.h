/* words.h: the words a page script shows, in the reader's language.
 *
 * A script in static/ writes its words through static/words.js: t('Saved.')
 * and tn('%d item', '%d items', n), each msgid one literal (make po extracts
 * them from there, scripts/po.mjs). When duet reads the script at start
 * (web/static.c), words_attr() finds those calls in its text and writes, for
 * one language, the attribute that the page's <script> tag then carries
 * (page_script(), web/page.h):
 *   data-words="{&quot;Saved.&quot;:&quot;Gespeichert.&quot;, …}"
 * a JSON object from each msgid to its translation, or, for tn(), from the
 * singular msgid to [the form for 1, the form for other counts]: that is all
 * the two plural rules duet knows (lib/po.h) need. Only msgids whose
 * translation differs from the English go in; words.js falls back to the
 * English, so a page in English carries no words at all. */
#ifndef DUET_WORDS_H
#define DUET_WORDS_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* Appends ` data-words="…"` (JSON, HTML-escaped) for the len bytes of script
 * text js in lang to out, or nothing when no word has a translation. -1 with
 * e set when a t() or tn() literal has an escape this reader does not know,
 * or when memory runs out. */
int words_attr(struct buf *out, const char *js, size_t len, int lang,
               struct err *e) WARN_UNUSED_RESULT;

#endif
