/* lang.h: the languages duet speaks, and choosing one for a person. Pure.
 *
 * A language is a small number: LANG_EN (0, the language the source is
 * written in: no catalogue, no lookup), then one per catalogue. Adding a
 * language: a line in lang_codes (lang.c), po/<code>.po, data/<code>/ (decks,
 * catalogue, coach); see README "Languages". */
#ifndef DUET_LANG_H
#define DUET_LANG_H

enum { LANG_EN = 0, LANG_DE, LANG_ES, LANG_COUNT };

/* "en", "de", "es"; NULL when lang is out of range. */
const char *lang_code(int lang);

/* The name of a language in itself ("Deutsch"), for the choice on a page. */
const char *lang_name(int lang);

/* The language for a code ("de", "DE", "de-AT" all give LANG_DE); -1 for one
 * duet does not speak or NULL. */
int lang_of(const char *code);

/* The best language for an Accept-Language header (RFC 9110 12.5.4): the
 * highest q wins, ties go to the one named first, q=0 excludes, "*" means any
 * (English); LANG_EN when nothing fits or the header is NULL or malformed. */
int lang_accept(const char *header);

#endif
