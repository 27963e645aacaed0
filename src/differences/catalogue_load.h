/* catalogue_load.h: reading the difference catalogue from data/differences/.
 * The catalogue is every *.tsv file of that folder, added in byte order of the
 * file names (so "10-interests.tsv" comes before "20-everyday.tsv"); hidden files
 * and other names are ignored. Format: docs/internals/differences.md. */
#ifndef DUET_CATALOGUE_LOAD_H
#define DUET_CATALOGUE_LOAD_H

#include "differences/catalogue.h"
#include "util/common.h"
#include "util/err.h"

#define CATALOGUE_LOAD_FILES_MAX 64 /* .tsv files read from one folder */

/* Loads every .tsv file in `dir`. Returns the catalogue (caller frees with
 * catalogue_free()), or NULL with `e` naming the file, the line and the problem
 * (a repeated id, an unreadable file, a folder without catalogue files, …). */
struct catalogue *catalogue_load_dir(const char *dir, struct err *e) WARN_UNUSED_RESULT;

/* catalogue_load_dir() on the "differences" folder of the data folder (datadir.h). */
struct catalogue *catalogue_load(struct err *e) WARN_UNUSED_RESULT;

#endif
