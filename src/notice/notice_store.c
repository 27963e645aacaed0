/* notice_store.c: SQL for noticing each other (see notice_store.h). */
#include "notice_store.h"

static int marker(struct db *db, int64_t couple_id, int64_t user, int64_t *since, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, "SELECT seen_at FROM notice_marks WHERE couple_id = ? AND user_id = ?",
	                 e, DB_VALS(DB_INT(couple_id), DB_INT(user)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	*since = rc == DB_ROW ? db_col_int(st, 0) : 0;
	return 0;
}

/* Everything the partner did, as (kind, item_key, ref, detail, at); binds
 * couple_id and the partner's id at 1..2 * EVENT_PAIRS. Item keys: "p:" a
 * prompt, "l:" a level, "d:" a dream, "r:" a repair, "c:" a counsellor link,
 * "a:checkins" the appreciations in check-ins (one key: the trends page shows
 * them all, so seeing it sees them all; ref is the check-in's week). Whether a
 * request to open a level early is still news is not decided here but by the
 * level's state (notice.c), so that one rule says when a level is open.
 * A reaction is the partner's, to one of the viewer's answers (an answer not
 * written by the partner). */
#define EVENT_PAIRS 11
#define PARTNER_EVENTS                                                                             \
	"(SELECT 'answered' AS kind, 'p:' || a.prompt_id AS item_key, a.prompt_id AS ref,"         \
	"  '' AS detail, a.answered_at AS at FROM know_answers a"                                  \
	"  WHERE a.couple_id = ? AND a.user_id = ?"                                                \
	" UNION ALL"                                                                               \
	" SELECT t.kind, 'p:' || t.prompt_id, t.prompt_id, '', t.created_at FROM know_thread t"    \
	"  WHERE t.couple_id = ? AND t.user_id = ?"                                                \
	" UNION ALL"                                                                               \
	" SELECT 'early', 'l:' || CAST(k.level AS TEXT), CAST(k.level AS TEXT), '', k.asked_at"    \
	"  FROM know_early k WHERE k.couple_id = ? AND k.user_id = ?"                              \
	" UNION ALL"                                                                               \
	" SELECT 'dream', 'd:' || CAST(d.id AS TEXT), d.title, d.kind, d.created_at FROM dreams d" \
	"  WHERE d.couple_id = ? AND d.created_by = ?"                                             \
	" UNION ALL"                                                                               \
	" SELECT 'reply', 'd:' || CAST(d.id AS TEXT), d.title, '', x.created_at"                   \
	"  FROM dream_replies x JOIN dreams d ON d.id = x.dream_id AND d.couple_id = x.couple_id"  \
	"  WHERE x.couple_id = ? AND x.user_id = ?"                                                \
	" UNION ALL"                                                                               \
	" SELECT 'status', 'd:' || CAST(d.id AS TEXT), d.title, d.status, d.status_at"             \
	"  FROM dreams d WHERE d.couple_id = ? AND d.status_by = ? AND d.status_at IS NOT NULL"    \
	" UNION ALL"                                                                               \
	" SELECT 'reaction', 'p:' || a.prompt_id, a.prompt_id, a.reaction, a.reacted_at"           \
	"  FROM know_answers a WHERE a.couple_id = ? AND a.user_id <> ?"                           \
	"  AND a.reaction IS NOT NULL AND a.reacted_at IS NOT NULL"                                \
	" UNION ALL"                                                                               \
	" SELECT 'reflection', 'r:' || CAST(x.repair_id AS TEXT), p.title, '', x.written_at"       \
	"  FROM repair_reflections x JOIN repairs p ON p.id = x.repair_id"                        \
	"  AND p.couple_id = x.couple_id WHERE x.couple_id = ? AND x.user_id = ?"                  \
	" UNION ALL"                                                                               \
	" SELECT 'apology', 'r:' || CAST(x.repair_id AS TEXT), p.title, '', x.written_at"          \
	"  FROM repair_apologies x JOIN repairs p ON p.id = x.repair_id"                          \
	"  AND p.couple_id = x.couple_id WHERE x.couple_id = ? AND x.user_id = ?"                  \
	" UNION ALL"                                                                               \
	" SELECT 'sharing_ended', 'c:' || CAST(c.id AS TEXT), COALESCE(u.name, ''), '',"           \
	"  c.ended_at FROM counsellor_links c LEFT JOIN users u ON u.id = c.counsellor_id"        \
	"  WHERE c.couple_id = ? AND c.ended_by = ? AND c.ended_at IS NOT NULL"                    \
	"  AND c.active_at IS NOT NULL"                                                            \
	" UNION ALL"                                                                               \
	" SELECT 'appreciation', 'a:checkins', CAST(c.week AS TEXT), '', c.updated_at"             \
	"  FROM checkins c WHERE c.couple_id = ? AND c.user_id = ?"                                \
	"  AND c.appreciation IS NOT NULL AND c.appreciation <> '') "                              \
	"ev"

static void bind_partner(struct db_stmt *st, int64_t couple_id, int64_t partner)
{
	for (int i = 0; i < EVENT_PAIRS; i++) {
		db_bind_int(st, 2 * i + 1, couple_id);
		db_bind_int(st, 2 * i + 2, partner);
	}
}

int notice_events(struct db *db, struct arena *a, int64_t couple_id, int64_t viewer,
                  int64_t partner, size_t max, struct notice_event **out, size_t *n, int64_t *since,
                  struct err *e)
{
	if (marker(db, couple_id, viewer, since, e) < 0)
		return -1;
	struct db_stmt *st =
	    db_prep(db,
	            "SELECT ev.kind, ev.item_key, ev.ref, ev.detail, ev.at FROM " PARTNER_EVENTS
	            " LEFT JOIN notice_seen s ON s.couple_id = ? AND s.user_id = ?"
	            " AND s.item_key = ev.item_key"
	            " WHERE ev.at >= ? AND (s.seen_at IS NULL OR ev.at >= s.seen_at)"
	            " ORDER BY ev.at DESC, ev.item_key LIMIT ?",
	            e);
	if (!st)
		return -1;
	bind_partner(st, couple_id, partner);
	db_bind_int(st, 2 * EVENT_PAIRS + 1, couple_id);
	db_bind_int(st, 2 * EVENT_PAIRS + 2, viewer);
	db_bind_int(st, 2 * EVENT_PAIRS + 3, *since);
	db_bind_int(st, 2 * EVENT_PAIRS + 4, (int64_t)max);
	size_t cap = 0, k = 0;
	struct notice_event *list = arena_grow(a, NULL, 0, &cap, max, sizeof *list);
	if (!list)
		return err_set(e, 500, "no_memory", "out of memory");
	int rc = DB_DONE;
	while (k < max && (rc = db_step(st, e)) == DB_ROW) {
		if (!(list = arena_grow(a, list, k, &cap, max, sizeof *list)))
			return err_set(e, 500, "no_memory", "out of memory");
		struct notice_event *ev = &list[k++];
		ev->kind = arena_strdup(a, db_col_text(st, 0));
		ev->key = arena_strdup(a, db_col_text(st, 1));
		ev->ref = arena_strdup(a, db_col_text(st, 2));
		ev->detail = arena_strdup(a, db_col_text(st, 3) ? db_col_text(st, 3) : "");
		ev->at = db_col_int(st, 4);
		if (!ev->kind || !ev->key || !ev->ref || !ev->detail)
			return err_set(e, 500, "no_memory", "out of memory");
	}
	if (rc < 0)
		return -1;
	*out = list;
	*n = k;
	return 0;
}

int notice_latest(struct db *db, int64_t couple_id, int64_t partner, const char *key, int64_t *at,
                  struct err *e)
{
	struct db_stmt *st = db_prep(
	    db, "SELECT max(ev.at) FROM " PARTNER_EVENTS " WHERE ? = '' OR ev.item_key = ?", e);
	if (!st)
		return -1;
	bind_partner(st, couple_id, partner);
	db_bind_text(st, 2 * EVENT_PAIRS + 1, key ? key : "");
	db_bind_text(st, 2 * EVENT_PAIRS + 2, key ? key : "");
	if (db_step(st, e) != DB_ROW)
		return -1;
	*at = db_col_is_null(st, 0) ? 0 : db_col_int(st, 0);
	return 0;
}

int notice_seen_get(struct db *db, int64_t user, const char *key, int64_t *at, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db, "SELECT seen_at FROM notice_seen WHERE user_id = ? AND item_key = ?",
	                 e, DB_VALS(DB_INT(user), DB_TEXT(key)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	*at = rc == DB_ROW ? db_col_int(st, 0) : 0;
	return 0;
}

int notice_seen_item(struct db *db, int64_t couple_id, int64_t user, const char *key,
                     int64_t seen_at, struct err *e)
{
	return db_exec_with(
	    db,
	    "INSERT INTO notice_seen (couple_id, user_id, item_key, seen_at) "
	    "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, item_key) DO UPDATE "
	    "SET seen_at = excluded.seen_at, couple_id = excluded.couple_id",
	    e, DB_VALS(DB_INT(couple_id), DB_INT(user), DB_TEXT(key), DB_INT(seen_at)));
}

int notice_seen_all(struct db *db, int64_t couple_id, int64_t user, int64_t seen_at, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO notice_marks (user_id, couple_id, seen_at) "
	                    "VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE "
	                    "SET seen_at = excluded.seen_at, couple_id = excluded.couple_id",
	                    e, DB_VALS(DB_INT(user), DB_INT(couple_id), DB_INT(seen_at)));
}
