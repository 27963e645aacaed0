/* po.h: a reader for GNU gettext catalogues (.po files), pure: text in,
 * entries out through a callback; no files, no allocation kept.
 *
 * What it reads: comments (`#`, with `#, fuzzy` marking an entry to skip),
 * `msgctxt`, `msgid`, `msgid_plural`, `msgstr` and `msgstr[N]`, each with a
 * string that may continue on following lines ("a" "b" is "ab"), and the
 * escapes \n \t \" \\. Obsolete entries (`#~`) are comments. Entries whose
 * translation is empty are passed on too (the caller decides); fuzzy ones are
 * not. The header (msgid "") gives Plural-Forms; only the two rules European
 * languages use are known: "nplurals=2; plural=(n != 1);" and
 * "nplurals=1; plural=0;". */
#ifndef DUET_PO_H
#define DUET_PO_H

#include <stddef.h>

#include "util/err.h"

#define PO_MAX_FORMS 2

struct po_entry {
	const char *ctxt;         /* NULL when none */
	const char *id;
	const char *id_plural;    /* NULL when none */
	const char *str[PO_MAX_FORMS]; /* "" when missing */
	int nstr;                 /* how many msgstr were given */
	int line;                 /* where the entry began */
};

/* Called once per entry, header included; the strings live until it returns.
 * Returning -1 stops the parse (with e set by the callback). */
typedef int (*po_entry_fn)(void *ctx, const struct po_entry *en, struct err *e);

/* Parses len bytes of text. 0, or -1 with e set (400, "po") naming the line. */
int po_parse(const char *text, size_t len, po_entry_fn fn, void *ctx, struct err *e);

/* The number of plural forms a Plural-Forms header value names (1 or 2);
 * -1 when it is not one duet knows. */
int po_plural_forms(const char *header);

/* Which form to use for n under a rule with nforms forms. */
int po_plural_index(int nforms, long n);

#endif
