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
#include "util/buf.h"

struct export_who {
	int64_t me;
	int64_t partner; /* 0 when alone */
};

/* The export being written (docs/EXPORT.md): one JSON object streamed to a
 * file, a row at a time. Rows are turned into JSON one by one and gathered in
 * `pending`, which is written out whenever it passes EXPORT_OUT_FLUSH bytes, so
 * memory stays bounded by the largest row plus that, whatever the account's
 * size. Keys come out in the order the areas write them.
 *
 * Invariants: after export_out_begin, "{" and every key so far are in the
 * file or in `pending`; `in_list` says a list ("key":[) is open, closed by the
 * next export_list/export_put or by export_out_end. After an error every call
 * returns -1. */
#define EXPORT_OUT_FLUSH (64 * 1024)

struct export_out {
	struct spill *spill; /* borrowed: where it is written (crypto/spill.h) */
	struct buf pending;
	size_t keys;     /* keys written so far (a comma before the next) */
	size_t items;    /* items in the open list (a comma before the next) */
	int in_list;
	int failed;
};

/* Starts the object ("{") on the spill s. */
struct spill;
void export_out_begin(struct export_out *o, struct spill *s);

/* Closes the object (and an open list) and writes everything out. 0, or -1
 * with e set. The buffer is released either way. */
int export_out_end(struct export_out *o, struct err *e) WARN_UNUSED_RESULT;

/* Releases the buffer without finishing (after an error). */
void export_out_release(struct export_out *o);

/* Opens the list `key` ("key":[), closing the open one first. Rows and items
 * go into it until the next export_list/export_put. */
int export_list(struct export_out *o, const char *key, struct err *e) WARN_UNUSED_RESULT;

/* Appends v to the open list (steals v; NULL means out of memory). */
int export_item(struct export_out *o, json_t *v, struct err *e) WARN_UNUSED_RESULT;

/* Writes "key": v, closing the open list first (steals v; NULL means out of
 * memory). */
int export_put(struct export_out *o, const char *key, json_t *v, struct err *e)
    WARN_UNUSED_RESULT;

/* One row of st (just stepped to DB_ROW) as an object; NULL when out of memory. */
json_t *export_row(struct db_stmt *st, const char *spec, const struct export_who *who);

/* Steps st to the end, appending each row to the open list. 0, or -1 with e set. */
int export_rows(struct db_stmt *st, const char *spec, const struct export_who *who,
                struct export_out *o, struct err *e) WARN_UNUSED_RESULT;

/* Like export_rows for the partner's entries of a shared item: column
 * mine_col (after the spec's columns) counts the viewer's own entries for the
 * same item, and a row is kept only where reveal_view() shows it in full. */
int export_rows_revealed(struct db_stmt *st, const char *spec, const struct export_who *who,
                         int mine_col, struct export_out *o, struct err *e) WARN_UNUSED_RESULT;

/* Runs a DELETE (a string literal from a store file) with two bound ids, the
 * couple's and the person's, in that order: each area's *_forget. */
int export_forget(struct db *db, const char *sql, int64_t couple_id, int64_t user_id,
                  struct err *e) WARN_UNUSED_RESULT;

/* Who wrote something, in export words ("me", "partner", "a former partner"). */
const char *export_who_word(const struct export_who *who, int64_t id, int is_null);

#endif
