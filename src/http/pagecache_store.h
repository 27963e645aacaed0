/* pagecache_store.h: the versions that keep the page cache fresh (pagecache.h).
 * Each couple has a version (couples.version) that moves on whenever
 * something its partners could see may have changed; one epoch
 * (cache_epoch.v) moves on when anything anywhere might have. Both live in the
 * database, so that every process sees another's writes. */
#ifndef DUET_PAGECACHE_STORE_H
#define DUET_PAGECACHE_STORE_H

#include <stdint.h>

#include "store/db.h"

/* Moves on the version of couple `before` (0: none) and of the couple user_id
 * belongs to now: after a partner's request wrote. */
int pagecache_touch_couple(struct db *db, int64_t before, int64_t user_id, struct err *e)
	WARN_UNUSED_RESULT;

/* Moves on the version of every couple that ever invited counsellor_id: after
 * a counsellor's request wrote. */
int pagecache_touch_counsellor(struct db *db, int64_t counsellor_id, struct err *e)
	WARN_UNUSED_RESULT;

/* Moves the epoch on (to a random value when `random` is set, for a restored
 * database whose own count could repeat an old one). */
int pagecache_epoch_bump(struct db *db, int random, struct err *e) WARN_UNUSED_RESULT;

#endif
