/* export_rows.h: turns the rows of a store query into JSON for the export
 * (GET /api/v1/export, docs/EXPORT.md). Each area's *_store.c runs its own SQL
 * and hands the statement here, so SQL stays in the area's store file.
 *
 * `spec` names the columns in order, "name:type" separated by commas:
 *   i  integer (SQL NULL gives null)       s  text (NULL gives null)
 *   t  unix time, as ISO 8601 UTC          d  unix time, as a day "YYYY-MM-DD"
 *   b  0/1 as false/true                   w  a person's id, as "me", "partner",
 *                                             or "a former partner" (NULL or other)
 *   u  like w, but SQL NULL gives null
 *   -  skipped (a column the query needs for its own use)
 */
#ifndef DUET_EXPORT_ROWS_H
#define DUET_EXPORT_ROWS_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

struct export_who {
	int64_t me;
	int64_t partner; /* 0 when alone */
};

/* One row of st (just stepped to DB_ROW) as an object; NULL when out of memory. */
json_t *export_row(struct db_stmt *st, const char *spec, const struct export_who *who);

/* Steps st to the end, appending each row to arr. 0, or -1 with e set. */
int export_rows(struct db_stmt *st, const char *spec, const struct export_who *who, json_t *arr,
                struct err *e) WARN_UNUSED_RESULT;

/* Like export_rows for the partner's entries of a shared item: column
 * mine_col (after the spec's columns) counts the viewer's own entries for the
 * same item, and a row is kept only where reveal_view() shows it in full. */
int export_rows_revealed(struct db_stmt *st, const char *spec, const struct export_who *who,
                         int mine_col, json_t *arr, struct err *e) WARN_UNUSED_RESULT;

/* arr stored under key in obj (steals arr); -1 when out of memory. */
int export_put(json_t *obj, const char *key, json_t *arr, struct err *e) WARN_UNUSED_RESULT;

/* Runs a DELETE (a string literal from a store file) with two bound ids, the
 * couple's and the person's, in that order: each area's *_forget. */
int export_forget(struct db *db, const char *sql, int64_t couple_id, int64_t user_id,
                  struct err *e) WARN_UNUSED_RESULT;

/* Who wrote something, in export words ("me", "partner", "a former partner"). */
const char *export_who_word(const struct export_who *who, int64_t id, int is_null);

#endif
