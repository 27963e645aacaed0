/* push_store.c: SQL for Web Push (see push_store.h). */
#include "push_store.h"
#include "lib/lang.h"

#define OOM(e) err_set(e, 500, "no_memory", "out of memory")

int push_store_key_get(struct db *db, struct arena *a, const char **pub, const char **priv,
                       struct err *e)
{
	struct db_stmt *st =
	    db_prep(db, "SELECT public_key, private_key FROM push_keys WHERE id = 1", e);
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc != DB_ROW)
		return rc;
	if (!(*pub = arena_strdup(a, db_col_text(st, 0))) ||
	    !(*priv = arena_strdup(a, db_col_text(st, 1))))
		return OOM(e);
	return 1;
}

int push_store_key_put(struct db *db, const char *pub, const char *priv, struct err *e)
{
	return db_exec_with(db,
	                    "INSERT INTO push_keys (id, public_key, private_key, created_at) "
	                    "VALUES (1, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
	                    e, DB_VALS(DB_TEXT(pub), DB_TEXT(priv), DB_INT(db_now())));
}

int push_store_sub_add(struct db *db, int64_t user_id, const char *session_id,
                       const char *endpoint, const char *p256dh, const char *auth, int64_t *id,
                       struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "INSERT INTO push_subscriptions (user_id, session_id, endpoint, p256dh, auth, "
	    "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (endpoint) DO UPDATE SET "
	    "user_id = excluded.user_id, session_id = excluded.session_id, "
	    "p256dh = excluded.p256dh, auth = excluded.auth "
	    "RETURNING id",
	    e,
	    DB_VALS(DB_INT(user_id),
	            DB_TEXT(session_id && session_id[0] ? session_id : NULL), DB_TEXT(endpoint),
	            DB_TEXT(p256dh), DB_TEXT(auth), DB_INT(db_now())));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc < 0)
		return -1;
	if (rc != DB_ROW)
		return err_set(e, 500, "db", "the subscription was not stored");
	*id = db_col_int(st, 0);
	return db_exec_stmt(st, e);
}

static int load_sub(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct push_sub *s = row;
	s->id = db_col_int(st, 0);
	s->user_id = db_col_int(st, 1);
	s->created_at = db_col_int(st, 5);
	if (!(s->endpoint = arena_strdup(a, db_col_text(st, 2))) ||
	    !(s->p256dh = arena_strdup(a, db_col_text(st, 3))) ||
	    !(s->auth = arena_strdup(a, db_col_text(st, 4))))
		return OOM(e);
	return 0;
}

int push_store_sub_list(struct db *db, struct arena *a, int64_t user_id, size_t max,
                        struct push_sub **out, size_t *n, struct err *e)
{
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT id, user_id, endpoint, p256dh, auth, created_at "
	                 "FROM push_subscriptions WHERE user_id = ? ORDER BY id DESC LIMIT ?",
	                 e, DB_VALS(DB_INT(user_id), DB_INT((int64_t)max)));
	if (!st)
		return -1;
	return db_rows(st, a, max, sizeof **out, load_sub, (void **)out, n, e);
}

int push_store_sub_get(struct db *db, struct arena *a, int64_t id, struct push_sub *out,
                       struct err *e)
{
	struct db_stmt *st = db_prep_with(db,
	                                  "SELECT id, user_id, endpoint, p256dh, auth, created_at "
	                                  "FROM push_subscriptions WHERE id = ?",
	                                  e, DB_VALS(DB_INT(id)));
	if (!st)
		return -1;
	return db_row(st, a, out, load_sub, e);
}

int push_store_sub_delete(struct db *db, int64_t user_id, int64_t id, int *deleted,
                          struct err *e)
{
	if (db_exec_with(db, "DELETE FROM push_subscriptions WHERE id = ? AND (user_id = ? OR ? = 0)",
	                 e, DB_VALS(DB_INT(id), DB_INT(user_id), DB_INT(user_id))) < 0)
		return -1;
	*deleted = db_changes(db) > 0;
	return 0;
}

/* Settings from columns first..first+4 (kinds, discreet, quiet_from, quiet_to,
 * utc_offset); the defaults when kinds is NULL (never saved). */
static void settings_from(struct db_stmt *st, int first, int64_t all_kinds,
                          struct push_settings *out)
{
	*out = (struct push_settings){ .kinds = all_kinds, .discreet = 1 };
	if (db_col_is_null(st, first))
		return;
	out->kinds = db_col_int(st, first) & all_kinds;
	out->discreet = db_col_int(st, first + 1) != 0;
	out->quiet = !db_col_is_null(st, first + 2) && !db_col_is_null(st, first + 3);
	out->quiet_from = out->quiet ? (int)db_col_int(st, first + 2) : 0;
	out->quiet_to = out->quiet ? (int)db_col_int(st, first + 3) : 0;
	out->utc_offset = (int)db_col_int(st, first + 4);
}

int push_store_settings_get(struct db *db, int64_t user_id, int64_t all_kinds,
                            struct push_settings *out, struct err *e)
{
	*out = (struct push_settings){ .kinds = all_kinds, .discreet = 1 };
	struct db_stmt *st =
	    db_prep_with(db,
	                 "SELECT kinds, discreet, quiet_from, quiet_to, utc_offset "
	                 "FROM push_settings WHERE user_id = ?",
	                 e, DB_VALS(DB_INT(user_id)));
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc != DB_ROW)
		return rc < 0 ? -1 : db_exec_stmt(st, e);
	settings_from(st, 0, all_kinds, out);
	return db_exec_stmt(st, e);
}

int push_store_settings_put(struct db *db, int64_t user_id, const struct push_settings *s,
                            struct err *e)
{
	struct db_val from = s->quiet ? DB_INT(s->quiet_from) : DB_TEXT(NULL);
	struct db_val to = s->quiet ? DB_INT(s->quiet_to) : DB_TEXT(NULL);
	return db_exec_with(
	    db,
	    "INSERT INTO push_settings (user_id, kinds, discreet, quiet_from, quiet_to, utc_offset) "
	    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
	    "kinds = excluded.kinds, discreet = excluded.discreet, quiet_from = excluded.quiet_from, "
	    "quiet_to = excluded.quiet_to, utc_offset = excluded.utc_offset",
	    e,
	    DB_VALS(DB_INT(user_id), DB_INT(s->kinds), DB_INT(s->discreet ? 1 : 0), from, to,
	            DB_INT(s->utc_offset)));
}

/* A target's columns: who, their language, their settings (NULLs: never
 * saved), and the actor's name; read by load_target. */
#define TARGET_SELECT                                                                      \
	"SELECT u.id, u.language, s.kinds, s.discreet, s.quiet_from, s.quiet_to, "       \
	"s.utc_offset, (SELECT a.name FROM users a WHERE a.id = ?) FROM users u "         \
	"LEFT JOIN push_settings s ON s.user_id = u.id "
/* Only people with a subscription: without one there is nothing to queue. */
#define TARGET_SUBSCRIBED \
	" AND EXISTS (SELECT 1 FROM push_subscriptions p WHERE p.user_id = u.id)"

static void load_target(struct db_stmt *st, int64_t all_kinds, struct push_target *t)
{
	t->user_id = db_col_int(st, 0);
	int l = db_col_is_null(st, 1) ? 0 : lang_of(db_col_text(st, 1));
	t->lang = l > 0 ? l : LANG_EN;
	settings_from(st, 2, all_kinds, &t->settings);
}

int push_store_targets(struct db *db, struct arena *a, int64_t couple_id, int64_t actor_id,
                       int64_t all_kinds, struct push_target out[2], size_t *n,
                       const char **actor_name, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    TARGET_SELECT "JOIN couple_members m ON m.user_id = u.id "
	                  "WHERE m.couple_id = ? AND m.user_id <> ?" TARGET_SUBSCRIBED
	                  " ORDER BY u.id LIMIT 2",
	    e, DB_VALS(DB_INT(actor_id), DB_INT(couple_id), DB_INT(actor_id)));
	int rc = DB_DONE;
	*n = 0;
	*actor_name = NULL;
	if (!st)
		return -1;
	while (*n < 2 && (rc = db_step(st, e)) == DB_ROW) {
		load_target(st, all_kinds, &out[(*n)++]);
		if (!*actor_name && !db_col_is_null(st, 7) &&
		    !(*actor_name = arena_strdup(a, db_col_text(st, 7))))
			return OOM(e);
	}
	return rc < 0 ? -1 : db_exec_stmt(st, e);
}

int push_store_target(struct db *db, int64_t user_id, int64_t all_kinds, struct push_target *out,
                      int *found, struct err *e)
{
	struct db_stmt *st = db_prep_with(db, TARGET_SELECT "WHERE u.id = ?" TARGET_SUBSCRIBED, e,
	                                  DB_VALS(DB_INT(0), DB_INT(user_id)));
	*found = 0;
	if (!st)
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		load_target(st, all_kinds, out);
		*found = 1;
	}
	return rc < 0 ? -1 : db_exec_stmt(st, e);
}

int push_store_enqueue(struct db *db, int64_t user_id, const char *payload, const char *urgency,
                       int64_t ttl, int64_t due_at, int64_t *queued, struct err *e)
{
	if (db_exec_with(db,
	                 "INSERT INTO push_queue (subscription_id, payload, urgency, ttl, due_at, "
	                 "created_at) SELECT s.id, ?, ?, ?, ?, ? FROM push_subscriptions s "
	                 "WHERE s.user_id = ? AND NOT EXISTS (SELECT 1 FROM push_queue q "
	                 "WHERE q.subscription_id = s.id)",
	                 e,
	                 DB_VALS(DB_TEXT(payload), DB_TEXT(urgency), DB_INT(ttl), DB_INT(due_at),
	                         DB_INT(db_now()), DB_INT(user_id))) < 0)
		return -1;
	*queued = db_changes(db);
	return 0;
}

static int load_job(struct db_stmt *st, struct arena *a, void *row, struct err *e)
{
	struct push_job *j = row;
	j->id = db_col_int(st, 0);
	j->subscription_id = db_col_int(st, 1);
	j->ttl = db_col_int(st, 4);
	j->attempts = db_col_int(st, 5);
	if (!(j->payload = arena_strdup(a, db_col_text(st, 2))) ||
	    !(j->urgency = arena_strdup(a, db_col_text(st, 3))))
		return OOM(e);
	return 0;
}

int push_store_claim(struct db *db, struct arena *a, int64_t now, int64_t until, size_t max,
                     struct push_job **out, size_t *n, struct err *e)
{
	struct db_stmt *st = db_prep_with(
	    db,
	    "UPDATE push_queue SET claimed_until = ? WHERE claimed_until < ? AND due_at <= ? "
	    "AND id IN (SELECT id FROM push_queue WHERE claimed_until < ? AND due_at <= ? "
	    "ORDER BY due_at LIMIT ?) "
	    "RETURNING id, subscription_id, payload, urgency, ttl, attempts",
	    e,
	    DB_VALS(DB_INT(until), DB_INT(now), DB_INT(now), DB_INT(now), DB_INT(now),
	            DB_INT((int64_t)max)));
	if (!st || db_rows(st, a, max, sizeof **out, load_job, (void **)out, n, e) < 0)
		return -1;
	return db_exec_stmt(st, e); /* to the end, so that the claim is committed now */
}

int push_store_job_done(struct db *db, int64_t id, struct err *e)
{
	return db_exec_with(db, "DELETE FROM push_queue WHERE id = ?", e, DB_VALS(DB_INT(id)));
}

int push_store_job_retry(struct db *db, int64_t id, int64_t due_at, struct err *e)
{
	return db_exec_with(db,
	                    "UPDATE push_queue SET attempts = attempts + 1, due_at = ?, "
	                    "claimed_until = 0 WHERE id = ?",
	                    e, DB_VALS(DB_INT(due_at), DB_INT(id)));
}
