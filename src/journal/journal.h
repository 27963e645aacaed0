/* journal.h: the private journal of one's shadow side (hostile, distant,
 * defensive or mean moments), as pages and JSON API. Readable by its author
 * alone: every entry (text, tags, impact, what I want to own) is sealed under
 * the author's data key (crypto/seal.h, ad "journal:user:<id>"), which the
 * server can unlock only inside the author's own requests. Another person's
 * entry answers 404, whoever asks. Works before the partner has joined. An entry
 * can start the apology of an open repair (repair.h). */
#ifndef DUET_JOURNAL_H
#define DUET_JOURNAL_H

#include <stdint.h>

#include "crypto/crypto.h"
#include "http/request.h"
#include "util/buf.h"

#define JOURNAL_TEXT_MAX 8000
#define JOURNAL_NOTE_MAX 4000 /* "impact on my partner", "what I want to own" */

#define JOURNAL_TAGS_MAX 9

/* An entry, opened for its author; text owned by the request. */
struct journal_entry {
	int64_t id;
	const char *text;
	const char *tags[JOURNAL_TAGS_MAX]; /* from journal_tags, in that order */
	size_t ntags;
	const char *impact; /* "" when not written */
	const char *own;    /* "" when not written */
	int64_t created_at, updated_at;
	int64_t version; /* grows with each change (edits from two devices) */
};

/* The tags an entry may carry: hostile, distant, defensive, mean, withdrew,
 * grateful, worried, later (to say later), other. */
extern const char *const journal_tags[JOURNAL_TAGS_MAX];

/* Opens the signed-in person's entry id: 0, or -1 with r->err (404 when it is
 * not theirs, whoever else's it may be). */
int journal_load(struct req *r, int64_t id, struct journal_entry *out) WARN_UNUSED_RESULT;

#define JOURNAL_PAGE 20 /* entries on one page of the list */

/* Opens one page (?page=N) of the person's entries, newest first: *n entries
 * and *more when another page follows; 400 for a malformed page. */
int journal_load_page(struct req *r, struct journal_entry **out, size_t *n, int64_t *page,
		      int *more) WARN_UNUSED_RESULT;

/* Seals entry e of author user_id under their data key, exactly as every entry is
 * stored: the JSON object {"text","tags","impact","own"} sealed whole
 * (crypto/seal.h) with the associated data "journal:user:<user_id>". Appends the
 * sealed text to out. 0, or -1 when memory runs out or out's cap is passed (as
 * seal_text). The plaintext copy is wiped. Needs no request (the benchmark seeder
 * seals with it too). */
int journal_seal(const unsigned char key[KEY_BYTES], int64_t user_id, const struct journal_entry *e,
                 struct buf *out) WARN_UNUSED_RESULT;

/* Writes an entry from the request ("text", "tags", "impact", "own"), sealed:
 * a new one (*id set) when id is 0, else replaces entry id (404 if not theirs). */
int journal_do_save(struct req *r, int64_t *id) WARN_UNUSED_RESULT;

/* Deletes entry id for good (404 if not theirs). */
int journal_do_delete(struct req *r, int64_t id) WARN_UNUSED_RESULT;

int journal_api_create(struct req *r);
int journal_api_list(struct req *r);
int journal_api_get(struct req *r);
int journal_api_update(struct req *r);
int journal_api_delete(struct req *r);

int journal_page_list(struct req *r);
int journal_page_new(struct req *r);
int journal_post_create(struct req *r);
int journal_page_entry(struct req *r);
int journal_post_update(struct req *r);
int journal_page_delete(struct req *r);
int journal_post_delete(struct req *r);
int journal_page_apology(struct req *r);

/* The export's part (docs/EXPORT.md): the signed-in person's entries, unlocked
 * with their session's key, as the list "journal" (the same shape as the API's). */
struct export_out;
int journal_export(struct req *r, struct export_out *out) WARN_UNUSED_RESULT;

#endif
