/* couple.c: couples and invites, as pages and as API (see couple.h). */
#include "couple.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "couple_store.h"
#include "couple/firstweek.h"
#include "crypto/recovery.h"
#include "http/events.h"
#include "crypto/keys.h"
#include "crypto/seal.h"
#include "http/session.h"
#include "util/timefmt.h"
#include "web/page.h"
#include "util/i18n.h"

#define INVITE_DAYS 7
#define PARTNER_LEFT                                                                               \
	"Your partner deleted their account. This space takes in no new partner; leave it "        \
	"to start a new one."

struct new_invite {
	char code[RECOVERY_CODE_MAX];
	int64_t expires_at;
};

/* What binds a sealed invite code to its maker (seal.h). */
static const char *invite_ad(struct req *r)
{
	char ad[KEY_AD_MAX];
	key_ad_invite(ad, r->user->id);
	return arena_strdup(&r->arena, ad);
}

/* Makes a fresh invite for the signed-in person's couple (inside the caller's
 * transaction). The code is kept sealed under the maker's data key, so that
 * the maker (and no one else, not even the operator) can see it again. */
static int make_invite(struct req *r, struct db *db, int64_t couple_id, struct new_invite *out)
{
	char hex[65];
	recovery_code_new(out->code);
	if (code_fingerprint(out->code, hex) < 0)
		return req_fail(r, 500, "crypto", "Could not make an invite code.");
	unsigned char key[KEY_BYTES];
	struct buf sealed = BUF_INIT(256);
	if (session_data_key(r, key) < 0)
		return -1;
	int rc = seal_text(key, out->code, strlen(out->code), invite_ad(r), &sealed);
	sodium_memzero(key, sizeof key);
	if (rc < 0 || buf_append(&sealed, "", 1) < 0) {
		buf_release(&sealed);
		return req_fail(r, 500, "crypto", "Could not make an invite code.");
	}
	out->expires_at = db_now() + INVITE_DAYS * 86400;
	rc = invite_create(db, couple_id, hex, sealed.data, r->user->id, out->expires_at, &r->err);
	buf_release(&sealed);
	return rc;
}

/* The invite the signed-in person made that still works: 1 with *out filled,
 * 0 when there is none (or it can no longer be opened), -1 error. */
static int pending_invite(struct req *r, struct new_invite *out)
{
	if (!r->user->couple_id || r->user->partner_id)
		return 0;
	struct db *db = db_get(&r->err);
	const char *sealed;
	int found = db ? invite_pending(db, &r->arena, r->user->couple_id, r->user->id, &sealed,
	                                &out->expires_at, &r->err)
	               : -1;
	if (found <= 0)
		return found;
	unsigned char key[KEY_BYTES];
	if (session_data_key(r, key) < 0)
		return -1;
	struct buf plain = BUF_INIT(RECOVERY_CODE_MAX);
	int rc = open_text(key, sealed, strlen(sealed), invite_ad(r), &plain);
	sodium_memzero(key, sizeof key);
	int ok = rc == 0 && plain.len < RECOVERY_CODE_MAX;
	if (ok) {
		memcpy(out->code, plain.data, plain.len);
		out->code[plain.len] = '\0';
	}
	if (plain.data)
		sodium_memzero(plain.data, plain.len);
	buf_release(&plain);
	return ok; /* an invite made before duet kept codes: make a new one */
}

static int do_create(struct req *r, int64_t *couple_id, struct new_invite *inv)
{
	if (r->user->couple_id)
		return req_fail(r, 409, "already_in_couple",
				"You already have a couple space. Leave it first to start a new one.");
	if (!strcmp(r->user->kind, "counsellor"))
		return req_fail(r, 409, "counsellor",
				"A counsellor account can't make a couple space; couples invite "
				"their counsellor instead.");
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	if (couple_create(db, r->user->id, couple_id, &r->err) < 0 ||
	    make_invite(r, db, *couple_id, inv) < 0) {
		db_rollback(db);
		if (!strcmp(r->err.code, "conflict"))
			return req_fail(r, 409, "already_in_couple", "You already have a couple space.");
		return -1;
	}
	if (db_commit(db, &r->err) < 0)
		return -1;
	r->user->couple_id = *couple_id;
	return 0;
}

static int do_invite(struct req *r, struct new_invite *inv)
{
	if (!r->user->couple_id)
		return req_fail(r, 409, "no_couple", "Make a couple space first, then invite your partner.");
	if (r->user->partner_id)
		return req_fail(r, 409, "couple_full", "Your partner has already joined you.");
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	int closed = couple_is_closed(db, r->user->couple_id, &r->err);
	if (closed != 0) {
		db_rollback(db);
		return closed < 0 ? -1 : req_fail(r, 409, "partner_left", PARTNER_LEFT);
	}
	if (make_invite(r, db, r->user->couple_id, inv) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, &r->err);
}

/* Checks an invite code; fills inv. 404 unknown, 410 used/expired/replaced. */
static int check_code(struct req *r, struct db *db, const char *code, struct invite *inv)
{
	char hex[65];
	int found = code_fingerprint(code, hex) == 0 ? invite_find(db, &r->arena, hex, inv, &r->err) : 0;
	if (found < 0)
		return -1;
	if (!found)
		return req_fail(r, 404, "invite_not_found",
				"That invite code doesn't match any invite. Check it for typos, or "
				"ask your partner for a new one.");
	const char *who = inv->inviter[0] ? inv->inviter : "your partner";
	if (inv->used_at)
		return req_fail(r, 410, "invite_used",
				"That invite has already been used. Ask %s for a new one.", who);
	if (inv->revoked_at)
		return req_fail(r, 410, "invite_replaced",
				"That invite was replaced by a newer one. Ask %s for the latest.", who);
	if (inv->expires_at <= db_now())
		return req_fail(r, 410, "invite_expired",
				"That invite has expired (invites last %d days). Ask %s for a new one.",
				INVITE_DAYS, who);
	return 0;
}

static int do_join(struct req *r, const char *code)
{
	if (r->user->couple_id)
		return req_fail(r, 409, "already_in_couple",
				"You are already in a couple space. Leave it first to join another.");
	if (!strcmp(r->user->kind, "counsellor"))
		return req_fail(r, 409, "counsellor",
				"This is a partner's invite; a counsellor account can't join as a partner.");
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	struct invite inv;
	int64_t members = 0;
	if (check_code(r, db, code, &inv) < 0 ||
	    couple_members(db, inv.couple_id, &members, &r->err) < 0)
		goto fail;
	if (members >= 2) {
		req_fail(r, 409, "couple_full", "That couple already has two partners.");
		goto fail;
	}
	int closed = couple_is_closed(db, inv.couple_id, &r->err);
	if (closed != 0) {
		if (closed > 0)
			req_fail(r, 410, "invite_closed",
			         "That couple space takes in no new partner.");
		goto fail;
	}
	if (couple_add(db, inv.couple_id, r->user->id, &r->err) < 0 ||
	    invite_use(db, inv.id, &r->err) < 0 ||
	    event_emit_couple(r, inv.couple_id, "couple", NULL, "/couple") < 0)
		goto fail;
	if (db_commit(db, &r->err) < 0)
		return -1;
	r->user->couple_id = inv.couple_id;
	r->user->partner_name = inv.inviter;
	return 0;
fail:
	db_rollback(db);
	if (!strcmp(r->err.code, "conflict"))
		return req_fail(r, 409, "already_in_couple", "You are already in a couple space.");
	return -1;
}

static int do_leave(struct req *r)
{
	if (!r->user->couple_id)
		return req_fail(r, 409, "no_couple", "You are not in a couple space.");
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	if (couple_delete(db, r->user->couple_id, &r->err) < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db, &r->err) < 0)
		return -1;
	/* The couple's log went with it: tell this process's streams directly. */
	events_end_couple(r->user->couple_id);
	r->user->couple_id = 0;
	r->user->partner_id = 0;
	r->user->partner_name = NULL;
	return 0;
}

/* ---- JSON API ----------------------------------------------------------- */

static json_t *invite_json(struct req *r, const struct new_invite *inv)
{
	return json_pack("{s:s,s:s}", "code", inv->code, "expires_at", time_iso(&r->arena, inv->expires_at));
}

int couple_api_get(struct req *r)
{
	struct user *u = r->user;
	if (!u->couple_id)
		return resp_json(r, 200, json_pack("{s:n}", "couple"));
	struct new_invite inv;
	int pending = pending_invite(r, &inv);
	if (pending < 0)
		return -1;
	json_t *partner = u->partner_id ? json_pack("{s:I,s:s}", "id", (json_int_t)u->partner_id,
	                                            "name", u->partner_name)
	                                : json_null();
	int rc = resp_json(r, 200,
	                   json_pack("{s:{s:I,s:o,s:o}}", "couple", "id", (json_int_t)u->couple_id,
	                             "partner", partner, "invite",
	                             pending ? invite_json(r, &inv) : json_null()));
	sodium_memzero(inv.code, sizeof inv.code);
	return rc;
}

int couple_api_create(struct req *r)
{
	int64_t id;
	struct new_invite inv;
	if (do_create(r, &id, &inv) < 0)
		return -1;
	return resp_json(r, 201, json_pack("{s:{s:I},s:o}", "couple", "id", (json_int_t)id,
					   "invite", invite_json(r, &inv)));
}

int couple_api_invite(struct req *r)
{
	struct new_invite inv;
	if (do_invite(r, &inv) < 0)
		return -1;
	return resp_json(r, 201, json_pack("{s:o}", "invite", invite_json(r, &inv)));
}

int couple_api_join(struct req *r)
{
	const char *code = req_text(r, "code", "invite code", 80, 1);
	if (!code || do_join(r, code) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	int64_t pid = 0;
	const char *pname = "";
	if (!db || couple_partner(db, &r->arena, r->user->couple_id, r->user->id, &pid, &pname,
				  &r->err) < 0)
		return -1;
	return resp_json(r, 200,
			 json_pack("{s:{s:I,s:{s:I,s:s}}}", "couple", "id",
				   (json_int_t)r->user->couple_id, "partner", "id", (json_int_t)pid,
				   "name", pname));
}

int couple_api_leave(struct req *r)
{
	if (do_leave(r) < 0)
		return -1;
	return resp_empty(r, 204);
}

/* ---- pages -------------------------------------------------------------- */

static void invite_box(struct req *r, const struct new_invite *inv)
{
	const char *host = req_header(r, "Host");
	char *link = arena_printf(&r->arena, "http://%s/join/%s", host ? host : "localhost",
	                          inv->code);
	h(r, "<div class=\"invite\"><p>Send your partner this link:</p><p class=\"code\">"
	     "<a id=\"invite-link\" href=\"");
	ht(r, link ? link : "");
	h(r, "\">");
	ht(r, link ? link : "");
	h(r, "</a></p><p class=\"actions\" hidden data-needs-js>"
	     "<button type=\"button\" data-copy=\"invite-link\">Copy the link</button> "
	     "<button type=\"button\" class=\"secondary\" data-share=\"invite-link\" "
	     "data-share-title=\"Join me on duet\" hidden>Share…</button> "
	     "<span class=\"copied\" role=\"status\"></span></p>"
	     "<p>Or they can sign up and enter this code on their Couple page:</p>");
	page_code(r, "invite-code", inv->code);
	h(r, "<p class=\"hint\">It works once, until ");
	ht(r, time_when(&r->arena, inv->expires_at));
	h(r, ". It stays here, for you alone, until your partner has joined.</p></div>");
	page_script(r, "keep.js");
}

/* The join form; keeps what was typed after a mistake. */
static void join_form(struct req *r, const char *code)
{
	if (!code && r->form)
		code = req_form(r, "code");
	h(r, "<form method=\"post\" action=\"/couple/join\">");
	page_csrf(r);
	h(r, "<div class=\"field\"><label for=\"code\">Invite code</label>"
	     "<input id=\"code\" name=\"code\" type=\"text\" autocomplete=\"off\" required "
	     "aria-describedby=\"code-hint\"");
	if (code) {
		h(r, " value=\"");
		ht(r, code);
		h(r, "\"");
	}
	h(r, "><p class=\"hint\" id=\"code-hint\">Seven groups of four letters and digits, "
	     "like 7KQ2-M9XD-…; dashes and small or capital letters don't matter.</p></div>"
	     "<button type=\"submit\">Join</button></form>");
}

/* 1 when the couple's other partner deleted their account (errors read as 0). */
static int couple_closed(struct req *r)
{
	struct db *db = db_get(&r->err);
	return db && couple_is_closed(db, r->user->couple_id, &r->err) > 0;
}

static int couple_view(struct req *r, int status, const char *error,
		       const struct new_invite *inv)
{
	struct user *u = r->user;
	page_begin(r, status, "Couple", "couple");
	if (error)
		page_alert(r, error);
	if (!u->couple_id) {
		h(r, "<section class=\"card\"><h1>Your couple space</h1>"
		     "<p>duet is for two. Make a couple space and invite your partner, or join "
		     "the space your partner made.</p>");
		page_button_form(r, "/couple", "Make a couple space and invite my partner", NULL);
		h(r, "<p class=\"hint\">Only one of you makes it. If your partner already has, use "
		     "the link or the code they sent you instead.</p>"
		     "</section><section class=\"card\"><h2>Have an invite code?</h2>");
		join_form(r, NULL);
		h(r, "</section>");
		return page_end(r);
	}
	h(r, "<section class=\"card\"><h1>");
	if (u->partner_id) {
		ht(r, u->name);
		h(r, " and ");
		ht(r, u->partner_name);
		h(r, "</h1><p>You are both here. What each of you writes is shown to the other only "
		     "as each part of duet says.</p></section><section class=\"card\" "
		     "id=\"counsellor\"><h2>A counsellor, if you like</h2><p>The two of you can "
		     "invite a couples counsellor, who sees only what you both choose to share, for "
		     "as long as you both want. <a href=\"/counsellor\">Your counsellor</a></p>");
	} else if (couple_closed(r)) {
		h(r,
		  "Your partner's account was deleted</h1><p>Your own entries are still here, "
		  "and you can download them with what you shared from "
		  "<a href=\"/account\">your account</a>. This space takes in no new partner, so "
		  "that your shared history is never shown to someone else. When you are ready, "
		  "leave it and start a new one.</p>");
	} else {
		h(r, "Waiting for your partner</h1>");
		struct new_invite kept;
		int pending = inv ? 0 : pending_invite(r, &kept);
		if (pending < 0)
			return -1;
		if (inv || pending) {
			invite_box(r, inv ? inv : &kept);
			sodium_memzero(kept.code, sizeof kept.code);
		} else {
			h(r, "<p>Your invite has been used up or has expired. Make a new one to send "
			     "to your partner.</p>");
		}
		page_button_form(r, "/couple/invites", "Make a new invite", "secondary");
		if (inv || pending)
			h(r, "<p class=\"hint\">A new invite replaces this one.</p>");
	}
	h(r, "</section><section class=\"card\"><h2>Leave this couple space</h2>"
	     "<p><a href=\"/couple/leave\">Leave…</a> (you will be asked to confirm)</p></section>");
	return page_end(r);
}

int couple_page(struct req *r)
{
	return couple_view(r, 200, NULL, NULL);
}

static int couple_form(struct req *r, int status, const char *error)
{
	return couple_view(r, status, error, NULL);
}

int couple_post_create(struct req *r)
{
	int64_t id;
	struct new_invite inv;
	if (do_create(r, &id, &inv) < 0)
		return page_retry(r, couple_form);
	return couple_view(r, 201, NULL, &inv);
}

int couple_post_invite(struct req *r)
{
	struct new_invite inv;
	if (do_invite(r, &inv) < 0)
		return page_retry(r, couple_form);
	return couple_view(r, 201, NULL, &inv);
}

int couple_page_join(struct req *r)
{
	const char *code = r->params[0];
	struct db *db = db_get(&r->err);
	struct invite inv;
	if (!db)
		return -1;
	/* Who invited, or why the code no longer works, before anyone signs up. */
	const char *problem = NULL;
	if (check_code(r, db, code, &inv) < 0) {
		if (r->err.status >= 500)
			return -1;
		problem = arena_strdup(&r->arena, r->err.msg);
		err_clear(&r->err);
	}
	page_begin(r, 200, "Join your partner", "couple");
	h(r, "<section class=\"card narrow\"><h1>Join your partner on duet</h1>");
	if (problem) {
		page_alert(r, problem);
	} else if (inv.inviter[0]) {
		h(r, "<p class=\"lead\" id=\"inviter\">");
		ht(r, inv.inviter);
		h(r, " has invited you to share a couple space.</p>");
	}
	if (!r->user) {
		char *next = arena_printf(&r->arena, "/join/%s", code);
		h(r, "<p>First make your own account (or sign in), then you will come back here "
		     "to join.</p><p><a class=\"button\" href=\"/signup?next=");
		ht(r, next ? next : "/");
		h(r, "\">Make an account</a> <a class=\"button secondary\" href=\"/signin?next=");
		ht(r, next ? next : "/");
		h(r, "\">Sign in</a></p></section>");
		return page_end(r);
	}
	if (r->user->couple_id) {
		h(r, "<p>You are already in a couple space. To join another, leave yours first on "
		     "the <a href=\"/couple\">Couple page</a>.</p></section>");
		return page_end(r);
	}
	h(r, "<p>Joining connects your account with your partner's. Each of you still "
	     "decides what to share.</p>");
	join_form(r, code);
	h(r, "</section>");
	return page_end(r);
}

/* After a join that did not work: the code as typed, what to check, and no
 * button that would make a second couple space by mistake. */
static int join_retry_form(struct req *r, int status, const char *error)
{
	if (r->user->couple_id)
		return couple_form(r, status, error);
	page_begin(r, status, "Join your partner", "couple");
	h(r, "<section class=\"card narrow\"><h1>Join your partner on duet</h1>");
	page_alert(r, error);
	join_form(r, NULL);
	h(r, "<p>If your partner hasn't made a couple space yet, one of you makes it on the "
	     "<a href=\"/couple\">Couple page</a> and invites the other.</p></section>");
	return page_end(r);
}

int couple_post_join(struct req *r)
{
	const char *code = req_text(r, "code", "invite code", 80, 1);
	if (!code || do_join(r, code) < 0)
		return page_retry(r, join_retry_form);
	return resp_redirect(r, "/");
}

int couple_page_leave(struct req *r)
{
	page_begin(r, 200, "Leave the couple space", "couple");
	h(r, "<section class=\"card narrow\"><h1>Leave your couple space?</h1>");
	if (!r->user->couple_id) {
		h(r, "<p>You are not in a couple space.</p></section>");
		return page_end(r);
	}
	h(r, "<p>Leaving ends the couple space for both of you");
	if (r->user->partner_name) {
		h(r, " (you and ");
		ht(r, r->user->partner_name);
		h(r, ")");
	}
	h(r, ". Everything shared in it (answers, ratings, check-ins, agreements and the "
	     "rest) is deleted for both of you and can't be brought back. Your account and "
	     "your private journal stay yours.</p>");
	page_button_form(r, "/couple/leave", "Yes, leave and delete what we shared", "danger");
	h(r, "<p><a href=\"/couple\">No, keep it</a></p></section>");
	return page_end(r);
}

int couple_post_leave(struct req *r)
{
	if (do_leave(r) < 0)
		return -1;
	return resp_redirect(r, "/");
}

/* ---- home: the welcome and a new couple's first week ---------------------- */

static const char first_week_key; /* req_memo: the person's struct first_week */

/* The person's first-week facts, loaded once per request; NULL with r->err
 * set on failure. */
static const struct first_week *first_week_of(struct req *r)
{
	struct first_week *w = req_memo_get(r, &first_week_key);
	if (w)
		return w;
	struct db *db = db_get(&r->err);
	w = arena_calloc(&r->arena, 1, sizeof *w);
	if (!db || !w) {
		if (db)
			req_fail(r, 500, "no_memory", "out of memory");
		return NULL;
	}
	if (couple_first_week(db, r->user->couple_id, r->user->id, w, &r->err) < 0)
		return NULL;
	req_memo_put(r, &first_week_key, w);
	return w;
}

const char *couple_home_welcome(struct req *r)
{
	const struct first_week *w = first_week_of(r);
	if (!w)
		return NULL;
	if (w->welcomed_at)
		return N_("Welcome back");
	/* Bookkeeping on a GET: the page is served even when it cannot be noted
	 * (a full disk); the welcome is then said again next time. */
	struct db *db = db_get(&r->err);
	if (!db)
		return NULL;
	(void)db_best_effort(couple_welcomed(db, r->user->id, &r->err), "the first welcome",
			     &r->err);
	return N_("Welcome");
}

int couple_home_first_week(struct req *r)
{
	const struct first_week *w = first_week_of(r);
	if (!w)
		return -1;
	if (!r->user->partner_id || !first_week_shown(w, db_now()))
		return 0;
	h(r, "<section class=\"card first-week\" id=\"first-week\" aria-labelledby=\"fw-title\">"
	     "<h2 id=\"fw-title\">Your first days together here</h2><p>A few ways to begin, in "
	     "any order, whenever it suits you both. None of it is due.</p><ul class=\"steps\">");
	for (int s = 0; s < FIRST_STEP_COUNT; s++) {
		h(r, w->done[s] ? "<li class=\"done\">" : "<li>");
		h(r, "<a href=\"");
		h(r, first_step_href(s));
		h(r, "\">");
		ht(r, page_tr(r, first_step_words(s)));
		h(r, "</a>");
		if (w->done[s])
			h(r, " <span class=\"hint\">(done)</span>");
		h(r, "</li>");
	}
	h(r, "</ul>");
	page_button_form(r, "/first-week/hide", "Hide these suggestions", "link");
	h(r, "</section>");
	return 0;
}

int couple_post_first_week_hide(struct req *r)
{
	struct db *db = db_get(&r->err);
	if (!db || couple_first_week_hide(db, r->user->id, &r->err) < 0)
		return -1;
	return resp_redirect(r, "/");
}
