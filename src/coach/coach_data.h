/* coach_data.h: loading a coach lexicon from its folder (data/coach/<lang>/).
 * The files are read in this order, so that words and classes come before the
 * patterns that use them: words.tsv, findings.tsv, apology.tsv, advice.tsv. */
#ifndef DUET_COACH_DATA_H
#define DUET_COACH_DATA_H

#include "coach/coach.h"
#include "util/common.h"
#include "util/err.h"

/* Reads and compiles the lexicon in folder `dir`. Returns it (free with coach_free),
 * or NULL with e saying which file and line is wrong, or what could not be read. */
struct coach *coach_load(const char *dir, struct err *e) WARN_UNUSED_RESULT;

/* Frees a lexicon from coach_load; c may be NULL. */
void coach_free(struct coach *c);

#endif
