/* journal.c: sealing and opening journal entries, and the JSON API (see
 * journal.h; pages in journal_page.c).
 *
 * An entry is one JSON object {"text","tags","impact","own"} sealed as a whole,
 * so the database holds no field of it in the clear, not even the tags or their
 * lengths one by one. Keys and plaintext copies we own are wiped after use; the
 * request's arena is wiped when it is released. */
#include "journal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "crypto/keys.h"
#include "crypto/seal.h"
#include "http/reqlist.h"
#include "http/session.h"
#include "journal_store.h"
#include "store/export_rows.h"
#include "util/timefmt.h"
#include "util/wipe.h"

#define SEALED_MAX (256 * 1024)

const char *const journal_tags[JOURNAL_TAGS_MAX] = {
    "hostile", "distant", "defensive", "mean", "withdrew", "grateful", "worried", "later", "other"};

static int not_found(struct req *r)
{
	return req_fail(r, 404, "not_found", "There is no such journal entry.");
}

int journal_seal(const unsigned char key[KEY_BYTES], int64_t user_id, const struct journal_entry *e,
                 struct buf *out)
{
	json_t *tags = json_array();
	for (size_t i = 0; tags && i < e->ntags; i++)
		json_array_append_new(tags, json_string(e->tags[i]));
	json_t *o = json_pack("{s:s,s:o,s:s,s:s}", "text", e->text, "tags", tags, "impact",
	                      e->impact, "own", e->own);
	char *plain = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!plain)
		return -1;
	char ad[KEY_AD_MAX];
	key_ad_journal(ad, user_id);
	size_t len = strlen(plain);
	int rc = seal_text(key, plain, len, ad, out);
	wipe_free(plain);
	return rc;
}

/* Seals e under key into an arena string; NULL with r->err set. */
static const char *seal_entry(struct req *r, const unsigned char *key,
                              const struct journal_entry *e)
{
	struct buf out = BUF_INIT(SEALED_MAX);
	int rc = journal_seal(key, r->user->id, e, &out);
	const char *sealed = rc == 0 ? arena_strdup(&r->arena, out.data) : NULL;
	buf_release(&out);
	if (!sealed)
		req_fail(r, 500, "crypto", "The entry could not be locked.");
	return sealed;
}

/* Copies a string member of o into the arena ("" when absent). */
static const char *member(struct req *r, json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return arena_strdup(&r->arena, s ? s : "");
}

/* Opens a stored row into e; -1 with r->err set when it does not open. */
static int open_entry(struct req *r, const unsigned char *key, const struct journal_row *row,
                      struct journal_entry *e)
{
	char ad[KEY_AD_MAX];
	key_ad_journal(ad, r->user->id);
	struct buf plain = BUF_INIT(SEALED_MAX);
	if (open_text(key, row->sealed, strlen(row->sealed), ad, &plain) < 0) {
		buf_release(&plain);
		return req_fail(r, 500, "crypto", "A journal entry could not be unlocked.");
	}
	json_t *o = json_loadb(plain.data ? plain.data : "", plain.len, 0, NULL);
	sodium_memzero(plain.data, plain.len);
	buf_release(&plain);
	memset(e, 0, sizeof *e);
	e->id = row->id;
	e->created_at = row->created_at;
	e->updated_at = row->updated_at;
	e->version = row->version;
	e->text = member(r, o, "text");
	e->impact = member(r, o, "impact");
	e->own = member(r, o, "own");
	json_t *tags = json_object_get(o, "tags");
	for (size_t t = 0; t < JOURNAL_TAGS_MAX; t++) {
		size_t i;
		json_t *v;
		json_array_foreach(tags, i, v) if (json_is_string(v) &&
		                                   !strcmp(json_string_value(v), journal_tags[t]))
		    e->tags[e->ntags++] = journal_tags[t];
	}
	json_decref(o);
	if (!e->text || !e->impact || !e->own)
		return req_fail(r, 500, "no_memory", "out of memory");
	return 0;
}

int journal_load(struct req *r, int64_t id, struct journal_entry *out)
{
	struct db *db = db_get(&r->err);
	struct journal_row row;
	if (id < 0)
		return not_found(r);
	if (!db)
		return -1;
	int found = journal_store_get(db, &r->arena, r->user->id, id, &row, &r->err);
	if (found <= 0)
		return found < 0 ? -1 : not_found(r);
	unsigned char key[KEY_BYTES];
	if (session_data_key(r, key) < 0)
		return -1;
	int rc = open_entry(r, key, &row, out);
	sodium_memzero(key, sizeof key);
	return rc;
}

#define EXPORT_PAGE_ARENA (4u << 20) /* one page of opened entries, with room to spare */

/* Opens at most `max` of the person's entries after skipping `skip`. */
static int load_some(struct req *r, size_t skip, size_t max, struct journal_entry **out,
                     size_t *n)
{
	struct db *db = db_get(&r->err);
	struct journal_row *rows;
	size_t count;
	if (!db || journal_store_list(db, &r->arena, r->user->id, skip, max, &rows, &count,
	                              &r->err) < 0)
		return -1;
	struct journal_entry *list = arena_calloc(&r->arena, count ? count : 1, sizeof *list);
	if (!list)
		return req_fail(r, 500, "no_memory", "out of memory");
	*out = list;
	*n = count;
	if (!count)
		return 0;
	unsigned char key[KEY_BYTES];
	if (session_data_key(r, key) < 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < count; i++)
		rc = open_entry(r, key, &rows[i], &list[i]);
	sodium_memzero(key, sizeof key);
	return rc;
}

int journal_load_page(struct req *r, struct journal_entry **out, size_t *n, int64_t *page,
		      int *more)
{
	if (req_page(r, page) < 0 ||
	    load_some(r, (size_t)(*page - 1) * JOURNAL_PAGE, JOURNAL_PAGE + 1, out, n) < 0)
		return -1;
	*more = *n > JOURNAL_PAGE;
	if (*more)
		*n = JOURNAL_PAGE;
	return 0;
}

/* An optional note, "" when absent or blank. */
static const char *note(struct req *r, const char *name, const char *label)
{
	const char *s = req_text(r, name, label, JOURNAL_NOTE_MAX, 0);
	return s && s[strspn(s, " \t\r\n")] == '\0' ? "" : s;
}

static int read_entry(struct req *r, struct journal_entry *e)
{
	const char **tags;
	size_t n;
	memset(e, 0, sizeof *e);
	if (!(e->text = req_text(r, "text", "entry", JOURNAL_TEXT_MAX, 1)) ||
	    req_list(r, "tags", NULL, "tags", JOURNAL_TAGS_MAX, 20, &tags, &n) < 0)
		return -1;
	for (size_t t = 0; t < JOURNAL_TAGS_MAX; t++)
		for (size_t i = 0; i < n; i++)
			if (!strcmp(tags[i], journal_tags[t]))
				e->tags[e->ntags++] = journal_tags[t];
	if (e->ntags != n)
		return req_fail(r, 400, "invalid_tag",
		                "The tags may be hostile, distant, defensive, mean, withdrew, grateful, "
		                "worried, later or other.");
	if (!(e->impact = note(r, "impact", "impact on your partner")) ||
	    !(e->own = note(r, "own", "what you want to own")))
		return -1;
	return 0;
}

int journal_do_save(struct req *r, int64_t *id)
{
	struct journal_entry e;
	if (*id < 0)
		return not_found(r);
	if (read_entry(r, &e) < 0)
		return -1;
	unsigned char key[KEY_BYTES];
	if (session_data_key(r, key) < 0)
		return -1;
	const char *sealed = seal_entry(r, key, &e);
	sodium_memzero(key, sizeof key);
	struct db *db = sealed ? db_get(&r->err) : NULL;
	if (!db)
		return -1;
	if (!*id)
		return journal_store_insert(db, r->user->id, sealed, id, &r->err);
	/* Edits from two devices: a change made from an older version is not saved. */
	int64_t version;
	int present;
	if (req_int(r, "version", "version", 1, INT64_MAX, 0, &version, &present) < 0)
		return -1;
	int found = journal_store_update(db, r->user->id, *id, present ? version : 0, sealed,
	                                 &r->err);
	if (found != 0)
		return found < 0 ? -1 : 0;
	struct journal_row row;
	found = journal_store_get(db, &r->arena, r->user->id, *id, &row, &r->err);
	if (found <= 0)
		return found < 0 ? -1 : not_found(r);
	return req_fail(r, 409, "edit_conflict",
	                "This entry was changed somewhere else (another device or tab) after "
	                "this page was opened, so this change wasn't saved. Compare the two and "
	                "save the one you want to keep.");
}

int journal_do_delete(struct req *r, int64_t id)
{
	struct db *db = db_get(&r->err);
	if (id < 0)
		return not_found(r);
	if (!db)
		return -1;
	int found = journal_store_delete(db, r->user->id, id, &r->err);
	return found < 0 ? -1 : found ? 0 : not_found(r);
}

/* ---- JSON API ----------------------------------------------------------- */

static json_t *entry_json(struct req *r, const struct journal_entry *e)
{
	json_t *tags = json_array();
	for (size_t i = 0; i < e->ntags; i++)
		json_array_append_new(tags, json_string(e->tags[i]));
	return json_pack("{s:I,s:s,s:o,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)e->id, "text",
	                 e->text, "tags", tags, "impact", e->impact, "own", e->own, "created_at",
	                 time_iso(&r->arena, e->created_at), "updated_at",
	                 time_iso(&r->arena, e->updated_at), "version", (json_int_t)e->version);
}

static int answer(struct req *r, int status, int64_t id)
{
	struct journal_entry e;
	if (journal_load(r, id, &e) < 0)
		return -1;
	return resp_json(r, status, json_pack("{s:o}", "entry", entry_json(r, &e)));
}

int journal_api_create(struct req *r)
{
	int64_t id = 0;
	return journal_do_save(r, &id) < 0 ? -1 : answer(r, 201, id);
}

int journal_api_list(struct req *r)
{
	struct journal_entry *list;
	size_t n;
	int64_t page;
	int more;
	if (journal_load_page(r, &list, &n, &page, &more) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, entry_json(r, &list[i]));
	return resp_json(r, 200, json_pack("{s:o,s:I,s:b}", "entries", arr, "page",
	                                   (json_int_t)page, "more", more));
}

int journal_api_get(struct req *r)
{
	return answer(r, 200, req_param_id(r, 0));
}

int journal_api_update(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (journal_do_save(r, &id) == 0)
		return answer(r, 200, id);
	struct journal_entry now;
	if (strcmp(r->err.code, "edit_conflict"))
		return -1;
	/* 409 with the entry as it is now, for the client to show beside its own */
	struct err conflict = r->err;
	err_clear(&r->err);
	if (journal_load(r, id, &now) < 0)
		return -1;
	return resp_json(r, 409,
	                 json_pack("{s:{s:s,s:s},s:o}", "error", "code", conflict.code, "message",
	                           conflict.msg, "current", entry_json(r, &now)));
}

int journal_api_delete(struct req *r)
{
	return journal_do_delete(r, req_param_id(r, 0)) < 0 ? -1 : resp_empty(r, 204);
}

int journal_export(struct req *r, struct export_out *out)
{
	int rc = export_list(out, "journal", &r->err);
	/* A page at a time, each opened in an arena of its own that is wiped and
	 * freed before the next: a journal of any size fits. */
	for (size_t skip = 0; rc == 0; skip += JOURNAL_PAGE) {
		struct arena keep = r->arena;
		struct journal_entry *list;
		size_t n = 0;
		arena_init(&r->arena, EXPORT_PAGE_ARENA);
		rc = load_some(r, skip, JOURNAL_PAGE, &list, &n);
		for (size_t i = 0; rc == 0 && i < n; i++)
			rc = export_item(out, entry_json(r, &list[i]), &r->err);
		arena_release(&r->arena);
		r->arena = keep;
		if (n < JOURNAL_PAGE)
			break;
	}
	return rc;
}
