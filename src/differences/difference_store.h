/* difference_store.h: SQL for the difference map: a couple's own items and each
 * partner's ratings. Every query filters by couple_id.
 *
 * A rating row is keyed by (couple_id, user_id, item), where `item` is the id
 * the API uses: a catalogue id ("long-walks", always starting with a letter) or
 * an own item's id written in decimal ("17"). For own items `own_id` holds the
 * same number, so that deleting the item deletes its ratings (cascade) and the
 * map query can join its text. A row with a NULL rating is a skip. Ratings,
 * importance and guesses are stored as given, after the handler checked them;
 * DIFFMAP_NONE (differences/diffmap.h) stands for NULL in this interface.
 */
#ifndef DUET_DIFFERENCE_STORE_H
#define DUET_DIFFERENCE_STORE_H

#include <stddef.h>
#include <jansson.h>
#include <stdint.h>

#include "store/db.h"
#include "util/arena.h"

/* An item a couple added themselves. */
struct difference_own {
	int64_t id;
	const char *category; /* a catalogue category key */
	const char *text;
	int64_t created_by; /* 0 when that account is gone */
};

/* One partner's row for one item (either partner's; see `user_id`). */
struct difference_rating {
	const char *item; /* catalogue id or own id in decimal */
	int64_t user_id;
	int rating;    /* -2..2, or DIFFMAP_NONE for a skip */
	int important; /* 0 or 1 */
	int guess;     /* -2..2, or DIFFMAP_NONE */
};

/* An item both partners have rated (not skipped), from the viewer `a`'s side. */
struct difference_pair {
	const char *item;
	int64_t own_id;           /* 0 for catalogue items */
	const char *own_category; /* own items only, else NULL */
	const char *own_text;     /* own items only, else NULL */
	int a, important_a, guess_a;
	int b, important_b, guess_b;
};

/* Adds an own item; *id set. Runs inside the caller's transaction. */
int difference_own_insert(struct db *db, int64_t couple_id, int64_t by, const char *category,
                          const char *text, int64_t *id, struct err *e) WARN_UNUSED_RESULT;

/* Deletes an own item with every rating of it. */
int difference_own_delete(struct db *db, int64_t couple_id, int64_t id, struct err *e)
	WARN_UNUSED_RESULT;

/* Counts the couple's own items in `category` (*n), and whether one of them has
 * the same text ignoring ASCII case (*same). */
int difference_own_count(struct db *db, int64_t couple_id, const char *category, const char *text,
                         int64_t *n, int *same, struct err *e) WARN_UNUSED_RESULT;

/* Loads one own item of the couple; 1 found, 0 not (or another couple's), -1 error.
 * Strings are copied into the arena. */
int difference_own_get(struct db *db, struct arena *a, int64_t couple_id, int64_t id,
                       struct difference_own *out, struct err *e) WARN_UNUSED_RESULT;

/* The couple's own items by id (oldest first), all of them or those of one
 * `category` (NULL for all); at most `max`. *out allocated from the arena. */
int difference_own_list(struct db *db, struct arena *a, int64_t couple_id, const char *category,
                        size_t max, struct difference_own **out, size_t *n,
                        struct err *e) WARN_UNUSED_RESULT;

/* Every rating row of the two partners in the couple, in no particular order;
 * at most `max`. *out allocated from the arena. */
int difference_ratings(struct db *db, struct arena *a, int64_t couple_id, int64_t me,
                       int64_t partner, size_t max, struct difference_rating **out, size_t *n,
                       struct err *e) WARN_UNUSED_RESULT;

/* The two partners' rows for one item (at most two), in no particular order.
 * *out allocated from the arena. */
int difference_item_ratings(struct db *db, struct arena *a, int64_t couple_id, int64_t me,
                            int64_t partner, const char *item, struct difference_rating **out,
                            size_t *n, struct err *e) WARN_UNUSED_RESULT;

/* Sets `user_id`'s row for an item, inserting it when there is none (one
 * INSERT … ON CONFLICT DO UPDATE). own_id is the own item's id, 0 for a catalogue
 * item. Runs inside the caller's transaction if there is one. */
int difference_rating_put(struct db *db, int64_t couple_id, int64_t user_id, const char *item,
                          int64_t own_id, int rating, int important, int guess,
                          struct err *e) WARN_UNUSED_RESULT;

/* The items both `a` and `b` have rated (a skip is not a rating), each with both
 * rows, in one query over the couple's ratings joined with itself and with the
 * own items; at most `max`. *out allocated from the arena. */
int difference_pairs(struct db *db, struct arena *a, int64_t couple_id, int64_t me, int64_t partner,
                     size_t max, struct difference_pair **out, size_t *n,
                     struct err *e) WARN_UNUSED_RESULT;

/* Export (docs/EXPORT.md): the person's ratings (with their guesses), the
 * partner's only for items both rated (the reveal rule), and the couple's own
 * items. difference_forget removes the items the person added, with every
 * rating of them (deletion). */
struct export_who;
struct export_out;
int difference_export(struct db *db, int64_t couple_id, const struct export_who *who,
		      struct export_out *out, struct err *e) WARN_UNUSED_RESULT;
int difference_forget(struct db *db, int64_t couple_id, int64_t user_id, struct err *e)
	WARN_UNUSED_RESULT;

#endif
