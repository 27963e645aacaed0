/* pagecache_store.c: SQL for the page cache's versions (see pagecache_store.h). */
#include "pagecache_store.h"

#include <sodium.h>

int pagecache_touch_couple(struct db *db, int64_t before, int64_t user_id, struct err *e)
{
	return db_exec_with(db,
			    "UPDATE couples SET version = version + 1 WHERE id = ? OR id = "
			    "(SELECT couple_id FROM couple_members WHERE user_id = ?)",
			    e, DB_VALS(DB_INT(before), DB_INT(user_id)));
}

int pagecache_touch_counsellor(struct db *db, int64_t counsellor_id, struct err *e)
{
	return db_exec_with(db,
			    "UPDATE couples SET version = version + 1 WHERE id IN "
			    "(SELECT couple_id FROM counsellor_links WHERE counsellor_id = ?)",
			    e, DB_VALS(DB_INT(counsellor_id)));
}

int pagecache_epoch_bump(struct db *db, int random, struct err *e)
{
	if (!random) {
		struct db_stmt *st = db_prep(db, "UPDATE cache_epoch SET v = v + 1 WHERE id = 1", e);
		return st ? db_exec_stmt(st, e) : -1;
	}
	int64_t v = (int64_t)(randombytes_random() & 0x7fffffffu) << 32 | randombytes_random();
	return db_exec_with(db, "UPDATE cache_epoch SET v = ? WHERE id = 1", e,
			    DB_VALS(DB_INT(v)));
}
