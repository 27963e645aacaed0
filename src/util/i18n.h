/* i18n.h: duet's own words in the person's language.
 *
 * The catalogues (po/<code>.po, GNU gettext format, msgid = the English text
 * exactly as in the source) are read once at start by i18n_load(), before the
 * worker threads, into one hash table per language that is never written
 * again: lookups take no lock. English is the source: i18n_tr(LANG_EN, s)
 * returns s without a lookup. A string without a translation (or with one
 * whose printf conversions differ from the English) is shown in English.
 *
 * The writers translate (web/page.h: h(), hf(), page_begin() titles, labels,
 * menu entries; err_set() messages via the thread's language), so call sites
 * pass English. Text people write never goes through here. */
#ifndef DUET_I18N_H
#define DUET_I18N_H

#include "lib/lang.h"
#include "util/err.h"

/* Marks a string for extraction (make po) where it is not passed to a writer
 * directly (tables of labels); the writer that shows it translates it. */
#define N_(s) s

/* Reads <dir>/<code>.po for every language but English; dir NULL means
 * "<datadir>/../po". A missing file leaves that language in English (logged);
 * a malformed one is an error. Call once, before any thread starts. */
int i18n_load(const char *dir, struct err *e);

/* Frees the tables (tests, leak checks). */
void i18n_unload(void);

/* msgid in lang; msgid itself when there is no translation. */
const char *i18n_tr(int lang, const char *msgid);

/* ngettext: one or many by n, in lang. */
const char *i18n_ntr(int lang, const char *one, const char *many, long n);

/* How many msgids lang has a translation for. */
size_t i18n_count(int lang);

/* The language of the request this thread is serving (LANG_EN when none):
 * err_set() writes its message in it. Set by the server per request. */
void i18n_set_thread(int lang);
int i18n_thread(void);

/* A short form of i18n_tr(i18n_thread(), s) for text made away from a
 * request's writers (error messages composed in pieces, mail). */
#define _(s) i18n_tr(i18n_thread(), (s))

#endif
