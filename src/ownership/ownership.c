/* ownership.c: the export and account deletion (see ownership.h). */
#include "ownership.h"

#include <sodium.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "account/account.h"
#include "account/account_store.h"
#include "couple/couple_store.h"
#include "crypto/pw.h"
#include "http/session.h"
#include "ownership/ownership_store.h"
#include "store/export_rows.h"
#include "util/log.h"
#include "util/timefmt.h"
#include "crypto/spill.h"
#include "web/area.h"
#include "web/page.h"

#define PASSPHRASE_MAX 1024

/* ---- export ---- */

/* Every area's part of the document, in the table's order (docs/EXPORT.md). */
static int export_areas(struct req *r, struct db *db, const struct export_who *who,
                        struct export_out *out)
{
	int64_t c = r->user->couple_id;
	for (size_t i = 0; i < areas_count; i++) {
		const struct area *a = areas[i];
		if (!a->export || (a->export_couple && !c))
			continue;
		if (a->export(r, db, c, who, out) < 0)
			return -1;
	}
	return 0;
}

int ownership_api_export(struct req *r)
{
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	struct export_who who = {r->user->id, r->user->partner_id};
	/* Written a row at a time to a sealed spill (a nameless file encrypted
	 * under a key held only in memory) and sent from there, so an account of
	 * any size is exported in bounded memory and nothing readable, the
	 * journal least of all, touches the disk (docs/EXPORT.md). */
	struct spill *sp = spill_open();
	if (!sp)
		return req_fail(
		    r, 500, "no_room",
		    "There is no room to prepare your export now. Try again in a while.");
	struct export_out out;
	export_out_begin(&out, sp);
	const char *about = "Everything that is yours in duet, and what you and your partner "
	                    "share as you see it. Described in docs/EXPORT.md.";
	if (export_put(&out, "format", json_string(EXPORT_FORMAT), &r->err) < 0 ||
	    export_put(&out, "version", json_integer(EXPORT_VERSION), &r->err) < 0 ||
	    export_put(&out, "exported", json_string(time_iso(&r->arena, db_now())), &r->err) < 0 ||
	    export_put(&out, "about", json_string(about), &r->err) < 0 ||
	    export_areas(r, db, &who, &out) < 0 || export_out_end(&out, &r->err) < 0) {
		export_out_release(&out);
		spill_free(sp);
		db_idle();
		return -1;
	}
	const char *cd = arena_printf(&r->arena, "attachment; filename=\"duet-export-%s.json\"",
	                              time_day(&r->arena, db_now()));
	if (!cd || req_add_header(r, "Content-Disposition", cd) < 0) {
		spill_free(sp);
		return req_fail(r, 500, "no_memory", "out of memory");
	}
	return resp_spill(r, 200, "application/json", sp);
}

/* ---- deletion ---- */

/* Checks the passphrase of the signed-in person: 0, or -1 with r->err set. */
static int check_passphrase(struct req *r, struct account *a)
{
	const char *pass = req_text(r, "passphrase", "passphrase", PASSPHRASE_MAX, 1);
	if (!pass)
		return -1;
	unsigned char kek[KEY_BYTES];
	int rc =
	    account_verify(r, pass, "That passphrase isn't right, so nothing was deleted.", a, kek);
	sodium_memzero(kek, sizeof kek);
	return rc;
}

/* Removes what the person wrote in shared places, then the couple or its
 * membership, then the person (everything else of theirs cascades). */
static int forget_all(struct req *r, struct db *db)
{
	int64_t c = r->user->couple_id, me = r->user->id;
	struct err *e = &r->err;
	if (c) {
		for (size_t i = 0; i < areas_count; i++)
			if (areas[i]->forget && areas[i]->forget(db, c, me, e) < 0)
				return -1;
		/* With a partner the space stays theirs, closed to newcomers; alone
		 * (or the last one left) the space goes too. */
		if ((r->user->partner_id ? couple_close(db, c, e) : couple_delete(db, c, e)) < 0)
			return -1;
	}
	return acct_forget(db, me, e);
}

static int do_delete(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct account a;
	if (!db || check_passphrase(r, &a) < 0)
		return -1;
	if (db_begin(db, &r->err) < 0)
		return -1;
	if (forget_all(r, db) < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, &r->err) < 0)
		return -1;
	struct err e2 = {0};
	if (ownership_scrub(db, &e2) < 0)
		log_msg(
		    "account deletion: the write-ahead log was not emptied yet (%s); it will be "
		    "at the next checkpoint",
		    e2.msg);
	r->token[0] = '\0'; /* the session went with the account */
	return session_end(r);
}

int ownership_api_delete(struct req *r)
{
	if (do_delete(r) < 0)
		return -1;
	return resp_empty(r, 204);
}

static int delete_view(struct req *r, int status, const char *error)
{
	page_begin(r, status, "Delete your account", "account");
	h(r, "<section class=\"card\"><h1>Delete your account</h1>");
	if (error)
		page_alert(r, error);
	h(r, "<p>This cannot be undone. If you want to keep a copy, "
	     "<a href=\"/api/v1/export\" download>download your export</a> first.</p>"
	     "<h2>What goes</h2><ul class=\"ownership-list\">"
	     "<li>Your account, your sign-ins on every device and your reminder settings.</li>"
	     "<li>Everything you wrote: your answers and additions, your ratings, your "
	     "journal, your check-ins.</li>"
	     "<li>What you wrote in shared places: dreams you added (with the replies on them), "
	     "your replies, agreements you wrote, prompts of your own, negotiations you "
	     "started and items you added, items of your own on the difference map, repairs "
	     "you started (with both sides' steps).</li></ul>");
	if (r->user->partner_id) {
		h(r, "<h2>What stays for ");
		ht(r, r->user->partner_name);
		h(r, "</h2><ul class=\"ownership-list\"><li>");
		ht(r, r->user->partner_name);
		h(r, "'s own entries, and what ");
		ht(r, r->user->partner_name);
		h(r, " wrote in shared places.</li><li>The couple space stays for ");
		ht(r, r->user->partner_name);
		h(r, ", who will see that your account is gone. Nobody new can join it, so "
		     "your shared history is never shown to someone else.</li></ul>");
	} else if (r->user->couple_id) {
		h(r, "<p>Your couple space goes too.</p>");
	}
	h(r, "<form method=\"post\" action=\"/account/delete\">");
	page_csrf(r);
	page_field(r, "passphrase", "Your passphrase", "password", NULL, "current-password",
	           "To be sure it is you.");
	h(r, "<button type=\"submit\" class=\"danger\">Delete my account and everything "
	     "listed</button> <a href=\"/account\">Keep my account</a></form></section>");
	return page_end(r);
}

int ownership_page_delete(struct req *r)
{
	return delete_view(r, 200, NULL);
}

int ownership_post_delete(struct req *r)
{
	if (do_delete(r) < 0)
		return page_retry(r, delete_view);
	/* Said once, in the signed-out layout: what happened, and that it is done. */
	r->user = NULL;
	page_begin(r, 200, "Your account is deleted", NULL);
	h(r, "<section class=\"card narrow\"><h1>Your account is deleted</h1><p>Everything "
	     "that was yours on this server is gone, and you are signed out. Thank you for the "
	     "time you spent here.</p><p><a class=\"button secondary\" href=\"/\">To the start "
	     "page</a></p></section>");
	return page_end(r);
}

void ownership_account_sections(struct req *r)
{
	h(r, "<section class=\"card\"><h2>Export</h2><p>One file with everything that is "
	     "yours: your account, answers, journal (unlocked, readable), check-ins and more, "
	     "and what you and your partner share as you see it here. Keep it somewhere "
	     "safe: it is as private as duet itself.</p><p><a class=\"button\" "
	     "href=\"/api/v1/export\" download>Download my data</a></p></section>"
	     "<section class=\"card\"><h2>Delete your account</h2><p>Removes everything of "
	     "yours. You will see exactly what goes, and what stays for your partner, before "
	     "anything happens.</p><p><a href=\"/account/delete\">Delete my account…</a></p>"
	     "</section>");
}
