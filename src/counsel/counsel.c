/* counsel.c: the couple's side of sharing with a counsellor (see counsel.h). */
#include "counsel.h"

#include "util/i18n.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "crypto/recovery.h"
#include "http/events.h"
#include "web/area.h"
#include "util/timefmt.h"
#include "web/page.h"

#define SCOPES_LIST_MAX 16
#define LOG_SHOWN 200

int counsel_consent(struct req *r, struct db *db, const struct counsel_link *l,
                    const int64_t ids[2], size_t n, struct counsel_approval ap[2],
                    struct scope_consent *out)
{
	struct counsel_approval got[2];
	size_t k = 0;
	memset(out, 0, sizeof *out);
	memset(ap, 0, 2 * sizeof *ap);
	if (counsel_approvals(db, l->couple_id, l->id, got, &k, &r->err) < 0)
		return -1;
	for (size_t i = 0; i < n && i < 2; i++) {
		ap[i].user_id = ids[i];
		for (size_t j = 0; j < k; j++) {
			if (got[j].user_id == ids[i]) {
				ap[i] = got[j];
				out->approved[i] = 1;
				out->chosen[i] = got[j].scopes;
			}
		}
	}
	out->counsellor_joined = l->counsellor_id != 0;
	out->ended = l->ended_at != 0;
	return 0;
}

json_t *counsel_scopes_json(unsigned set)
{
	json_t *a = json_array();
	for (size_t i = 0; i < SCOPE_COUNT; i++)
		if (set & scope_at(i))
			json_array_append_new(a, json_string(scope_name(scope_at(i))));
	return a;
}

void counsel_scopes_text(struct req *r, unsigned set)
{
	int first = 1;
	for (size_t i = 0; i < SCOPE_COUNT; i++) {
		if (!(set & scope_at(i)))
			continue;
		if (!first)
			h(r, ", ");
		ht(r, scope_label(scope_at(i)));
		first = 0;
	}
	if (first)
		h(r, "nothing");
}

/* The couple's current link as the signed-in partner sees it. */
struct state {
	int found;
	struct counsel_link link;
	struct counsel_approval ap[2]; /* [0] me, [1] my partner */
	struct scope_consent consent;
};

static int load_state(struct req *r, struct db *db, struct state *s)
{
	memset(s, 0, sizeof *s);
	s->found = counsel_link_current(db, &r->arena, r->user->couple_id, &s->link, &r->err);
	if (s->found <= 0)
		return s->found;
	int64_t ids[2] = {r->user->id, r->user->partner_id};
	return counsel_consent(r, db, &s->link, ids, 2, s->ap, &s->consent);
}

static const char *status_of(const struct state *s)
{
	if (!s->link.counsellor_id)
		return s->link.expires_at <= db_now() ? "expired" : "invited";
	return scope_shared(&s->consent) ? "active" : "waiting";
}

static json_t *approval_json(struct req *r, const struct counsel_approval *a)
{
	if (!a->approved_at)
		return json_null();
	return json_pack("{s:o,s:s}", "scopes", counsel_scopes_json(a->scopes), "approved_at",
	                 time_iso(&r->arena, a->approved_at));
}

static json_t *state_json(struct req *r, const struct state *s)
{
	if (!s->found)
		return json_pack("{s:n}", "counsellor");
	const struct counsel_link *l = &s->link;
	return json_pack("{s:{s:I,s:s,s:o,s:{s:I,s:s},s:s,s:{s:o,s:o},s:o,s:o}}", "counsellor",
	                 "invite_id", (json_int_t)l->id, "status", status_of(s), "name",
	                 l->counsellor_id ? json_string(l->counsellor_name) : json_null(),
	                 "invited_by", "id", (json_int_t)l->created_by, "name", l->created_by_name,
	                 "expires_at", time_iso(&r->arena, l->expires_at), "approvals", "me",
	                 approval_json(r, &s->ap[0]), "partner", approval_json(r, &s->ap[1]),
	                 "shared", counsel_scopes_json(scope_shared(&s->consent)), "active_since",
	                 l->active_at ? json_string(time_iso(&r->arena, l->active_at))
	                              : json_null());
}

int counsel_waiting_on(struct db *db, struct arena *a, int64_t couple_id, int64_t user_id,
                       const char **name, struct err *e)
{
	struct counsel_link l;
	struct counsel_approval ap[2];
	size_t n;
	int found = counsel_link_current(db, a, couple_id, &l, e);
	if (found <= 0 || !l.counsellor_id)
		return found < 0 ? -1 : 0;
	if (counsel_approvals(db, couple_id, l.id, ap, &n, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (ap[i].user_id == user_id)
			return 0;
	*name = l.counsellor_name;
	return 1;
}

/* ---- actions --------------------------------------------------------------- */

static int do_invite(struct req *r, int64_t *id, char code[RECOVERY_CODE_MAX])
{
	char hex[65];
	struct state s;
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	if (load_state(r, db, &s) < 0)
		goto fail;
	if (s.found && scope_shared(&s.consent)) {
		req_fail(
		    r, 409, "counsellor_active",
		    "You already share with %s. End that first if you want to invite someone else.",
		    s.link.counsellor_name);
		goto fail;
	}
	recovery_code_new(code);
	if (code_fingerprint(code, hex) < 0) {
		req_fail(r, 500, "crypto", "Could not make an invitation code.");
		goto fail;
	}
	/* a new code replaces any invitation still waiting */
	if (counsel_link_end(db, r->user->couple_id, 0, r->user->id, &r->err) < 0 ||
	    counsel_link_create(db, r->user->couple_id, hex, r->user->id,
	                        db_now() + COUNSEL_INVITE_DAYS * 86400, id, &r->err) < 0 ||
	    event_emit(r, "counsellor", NULL, "/counsellor") < 0)
		goto fail;
	return db_commit(db, &r->err);
fail:
	db_rollback(db);
	return -1;
}

/* Reads the scopes chosen: a JSON array of names, or the form's "scopes"
 * checkboxes. */
static int read_scopes(struct req *r, unsigned *set)
{
	const char *names[SCOPES_LIST_MAX];
	size_t n = 0;
	if (r->json) {
		json_t *a = json_object_get(r->json, "scopes");
		if (!json_is_array(a))
			return req_fail(r, 400, "missing",
			                "Send scopes as a list, for example [\"checkins\"].");
		if (json_array_size(a) > SCOPES_LIST_MAX)
			return req_fail(r, 400, "too_many", "That is more scopes than there are.");
		for (size_t i = 0; i < json_array_size(a); i++) {
			json_t *v = json_array_get(a, i);
			if (!json_is_string(v))
				return req_fail(r, 400, "invalid_scope",
				                "Each scope must be a name.");
			names[n++] = json_string_value(v);
		}
	} else {
		for (size_t i = 0; i < r->nform; i++) {
			if (strcmp(r->form[i].name, "scopes"))
				continue;
			if (n == SCOPES_LIST_MAX)
				return req_fail(r, 400, "too_many",
				                "That is more scopes than there are.");
			names[n++] = r->form[i].value;
		}
	}
	return scope_parse(names, n, set, &r->err);
}

/* Approves the invitation named in the route ({id}) with the scopes sent. */
static int do_approve(struct req *r, struct state *out)
{
	unsigned set;
	int64_t id = req_param_id(r, 0);
	if (id < 0)
		return req_fail(r, 404, "not_found",
		                "There is no such invitation for your couple.");
	if (read_scopes(r, &set) < 0)
		return -1;
	struct db *db = db_get(&r->err);
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	struct counsel_link l;
	int found = counsel_link_get(db, &r->arena, r->user->couple_id, id, &l, &r->err);
	if (found < 0)
		goto fail;
	if (!found) {
		req_fail(r, 404, "not_found", "There is no such invitation for your couple.");
		goto fail;
	}
	if (l.ended_at) {
		req_fail(r, 410, "invite_ended",
		         "That invitation has ended. Make a new code if you want to share again.");
		goto fail;
	}
	if (!l.counsellor_id) {
		req_fail(r, 409, "waiting_for_counsellor",
		         "Your counsellor hasn't entered the code yet. You can approve once duet "
		         "shows who entered it.");
		goto fail;
	}
	if (counsel_approve(db, r->user->couple_id, id, r->user->id, set, &r->err) < 0 ||
	    load_state(r, db, out) < 0)
		goto fail;
	if (scope_shared(&out->consent) && !out->link.active_at &&
	    counsel_link_activate(db, r->user->couple_id, id, &r->err) < 0)
		goto fail;
	if (event_emit(r, "counsellor", NULL, "/counsellor") < 0)
		goto fail;
	if (db_commit(db, &r->err) < 0)
		return -1;
	return load_state(r, db, out);
fail:
	db_rollback(db);
	return -1;
}

static int do_end(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct state s;
	if (!db || db_begin(db, &r->err) < 0)
		return -1;
	if (load_state(r, db, &s) < 0)
		goto fail;
	if (!s.found) {
		req_fail(r, 404, "no_counsellor", "There is no counsellor sharing to end.");
		goto fail;
	}
	if (counsel_link_end(db, r->user->couple_id, 0, r->user->id, &r->err) < 0 ||
	    event_emit(r, "counsellor", NULL, "/counsellor") < 0)
		goto fail;
	return db_commit(db, &r->err);
fail:
	db_rollback(db);
	return -1;
}

/* ---- JSON API --------------------------------------------------------------- */

int counsel_api_state(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct state s;
	if (!db || load_state(r, db, &s) < 0)
		return -1;
	return resp_json(r, 200, state_json(r, &s));
}

int counsel_api_invite(struct req *r)
{
	int64_t id;
	char code[RECOVERY_CODE_MAX];
	if (do_invite(r, &id, code) < 0)
		return -1;
	int rc = resp_json(r, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "code", code));
	sodium_memzero(code, sizeof code);
	return rc;
}

int counsel_api_approve(struct req *r)
{
	struct state s;
	if (do_approve(r, &s) < 0)
		return -1;
	return resp_json(r, 200, state_json(r, &s));
}

int counsel_api_end(struct req *r)
{
	if (do_end(r) < 0)
		return -1;
	return resp_empty(r, 204);
}

static const char *log_label(const char *scope)
{
	if (!strcmp(scope, "overview"))
		return "Closeness in the counsellor's list of couples";
	const char *l = scope_label(scope_bit(scope));
	return l ? l : scope;
}

int counsel_api_log(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct counsel_log_entry *list;
	size_t n;
	if (!db ||
	    counsel_log_list(db, &r->arena, r->user->couple_id, LOG_SHOWN, &list, &n, &r->err) < 0)
		return -1;
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:{s:s},s:s,s:s}", "counsellor", "name",
		                                     list[i].counsellor_name, "scope",
		                                     list[i].scope, "opened_at",
		                                     time_iso(&r->arena, list[i].opened_at)));
	return resp_json(r, 200, json_pack("{s:o}", "log", arr));
}

/* ---- pages ------------------------------------------------------------------ */

static void scope_form(struct req *r, const struct state *s)
{
	hf(r, "<form method=\"post\" action=\"/counsellor/invites/%lld/approve\">",
	   (long long)s->link.id);
	page_csrf(r);
	h(r, "<fieldset class=\"choice\"><legend>What ");
	ht(r, s->link.counsellor_name);
	h(r, " may see</legend>");
	for (size_t i = 0; i < SCOPE_COUNT; i++) {
		unsigned bit = scope_at(i);
		int on = s->ap[0].approved_at && (s->ap[0].scopes & bit);
		hf(r, "<label><input type=\"checkbox\" name=\"scopes\" value=\"%s\"%s> <span>",
		   scope_name(bit), on ? " checked" : "");
		ht(r, scope_label(bit));
		if (!area_share_for(bit))
			h(r, " <span class=\"hint\">(nothing to show here yet)</span>");
		h(r, "</span></label>");
	}
	h(r, "</fieldset><p class=\"hint\">Only what both of you tick is shared. Prompt answers "
	     "and journal entries are never shared.</p>");
	h(r, s->ap[0].approved_at ? "<button type=\"submit\">Save my choice</button>"
	                          : N_("<button type=\"submit\">Approve and share</button>"));
	h(r, "</form>");
}

static void approvals_text(struct req *r, const struct state *s)
{
	h(r, "<ul class=\"approvals\"><li>");
	if (s->ap[0].approved_at) {
		h(r, "You chose: ");
		counsel_scopes_text(r, s->ap[0].scopes);
	} else {
		h(r, "You haven't approved yet.");
	}
	h(r, "</li><li>");
	ht(r, r->user->partner_name);
	if (s->ap[1].approved_at) {
		h(r, " chose: ");
		counsel_scopes_text(r, s->ap[1].scopes);
	} else {
		h(r, " hasn't approved yet.");
	}
	h(r, "</li></ul>");
}

static void log_html(struct req *r, struct db *db)
{
	struct counsel_log_entry *list;
	size_t n;
	if (counsel_log_list(db, &r->arena, r->user->couple_id, LOG_SHOWN, &list, &n, &r->err) < 0)
		return;
	h(r, "<section class=\"card\" aria-labelledby=\"log-h\"><h2 id=\"log-h\">What your "
	     "counsellor opened</h2>");
	if (!n) {
		h(r,
		  "<p class=\"muted\">Nothing yet. Every time your counsellor opens something you "
		  "shared, it is listed here.</p></section>");
		return;
	}
	h(r, "<ul class=\"items log\">");
	for (size_t i = 0; i < n; i++) {
		time_t t = (time_t)list[i].opened_at;
		struct tm tm;
		char hm[16];
		gmtime_r(&t, &tm);
		strftime(hm, sizeof hm, "%H:%M", &tm);
		h(r, "<li class=\"item\"><p class=\"item-text\">");
		ht(r, list[i].counsellor_name);
		h(r, " opened ");
		ht(r, log_label(list[i].scope));
		h(r, "</p><p class=\"hint\">");
		ht(r, time_when(&r->arena, list[i].opened_at));
		hf(r, ", %s UTC</p></li>", hm);
	}
	h(r, "</ul></section>");
}

static void code_box(struct req *r, const char *code, const struct state *s)
{
	h(r, "<div class=\"invite\"><p>Give this code to your counsellor:</p><p class=\"code\" "
	     "id=\"counsellor-code\">");
	ht(r, code);
	h(r, "</p><p class=\"hint\">Your counsellor enters it on their own duet account (a "
	     "counsellor account). It works once, until ");
	ht(r, time_when(&r->arena, s->link.expires_at));
	h(r, ". Nothing is shared until both of you approve.</p></div>");
}

static int couple_view(struct req *r, int status, const char *error, const char *code)
{
	page_begin(r, status, "Your counsellor", "counsellor");
	h(r, "<section class=\"card\"><h1>Your counsellor</h1><p>If you see a couples counsellor, "
	     "you can let them see some of what you do in duet. It starts only when both of you "
	     "approve; each of you chooses what to share, and your counsellor sees only what you "
	     "both chose. Never your prompt answers, never your journal. Either of you can end it "
	     "at any time, and you see everything they open.</p>");
	if (error)
		page_alert(r, error);
	if (!r->user->partner_id) {
		h(r, "<p>This needs both of you: <a href=\"/couple\">invite your partner</a> "
		     "first.</p></section>");
		return page_end(r);
	}
	struct db *db = db_get(&r->err);
	struct state s;
	if (!db || load_state(r, db, &s) < 0)
		return -1;
	const char *st = s.found ? status_of(&s) : "none";
	if (!strcmp(st, "none") || !strcmp(st, "expired")) {
		if (!strcmp(st, "expired"))
			h(r, "<p>The last invitation code expired before it was used.</p>");
		page_button_form(r, "/counsellor/invites", "Make an invitation code", NULL);
		h(r, "</section>");
	} else if (!strcmp(st, "invited")) {
		if (code) {
			code_box(r, code, &s);
		} else {
			if (s.link.created_by == r->user->id) {
				h(r, "<p>An invitation from you is waiting for your counsellor to "
				     "enter the code, until ");
			} else {
				h(r, "<p>An invitation from ");
				ht(r, s.link.created_by_name);
				h(r, " is waiting for your counsellor to enter the code, until ");
			}
			ht(r, time_when(&r->arena, s.link.expires_at));
			h(r,
			  ". If the code got lost, make a new one; the old one stops working.</p>");
		}
		page_button_form(r, "/counsellor/invites", "Make a new code", "secondary");
		h(r, "<p><a href=\"/counsellor/end\">Withdraw the invitation…</a></p></section>");
	} else {
		h(r, "<h2>");
		ht(r, s.link.counsellor_name);
		h(r, "</h2>");
		if (!strcmp(st, "active")) {
			h(r, "<p class=\"notice\">Sharing since ");
			ht(r, time_when(&r->arena, s.link.active_at));
			h(r, ". ");
			ht(r, s.link.counsellor_name);
			h(r, " can see: ");
			counsel_scopes_text(r, scope_shared(&s.consent));
			h(r, ".</p>");
		} else {
			h(r, "<p>");
			ht(r, s.link.counsellor_name);
			h(r,
			  " entered your code. Nothing is shared until both of you approve.</p>");
		}
		approvals_text(r, &s);
		scope_form(r, &s);
		h(r, "<p><a href=\"/counsellor/end\">");
		h(r, !strcmp(st, "active") ? "End sharing…" : N_("Withdraw the invitation…"));
		h(r, "</a></p></section>");
	}
	log_html(r, db);
	return page_end(r);
}

static int couple_form(struct req *r, int status, const char *error)
{
	return couple_view(r, status, error, NULL);
}

int counsel_page(struct req *r)
{
	if (!strcmp(r->user->kind, "counsellor"))
		return counsellor_dashboard(r);
	return couple_view(r, 200, NULL, NULL);
}

int counsel_post_invite(struct req *r)
{
	int64_t id;
	char code[RECOVERY_CODE_MAX];
	if (do_invite(r, &id, code) < 0)
		return page_retry(r, couple_form);
	int rc = couple_view(r, 201, NULL, code);
	sodium_memzero(code, sizeof code);
	return rc;
}

int counsel_post_approve(struct req *r)
{
	struct state s;
	if (do_approve(r, &s) < 0)
		return page_retry(r, couple_form);
	return resp_redirect(r, "/counsellor");
}

int counsel_page_end(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct state s;
	if (!db || load_state(r, db, &s) < 0)
		return -1;
	page_begin(r, 200, "End sharing", "counsellor");
	h(r, "<section class=\"card narrow\">");
	if (!s.found) {
		h(r, "<h1>Nothing to end</h1><p>You are not sharing with a counsellor.</p>"
		     "<p><a href=\"/counsellor\">Back</a></p></section>");
		return page_end(r);
	}
	if (s.link.counsellor_id) {
		h(r, "<h1>Stop sharing with ");
		ht(r, s.link.counsellor_name);
		h(r, "?</h1><p>");
		ht(r, s.link.counsellor_name);
		h(r, " loses access at once, for both of you. The list of what was opened stays "
		     "here. You can invite a counsellor again later with a new code.</p>");
	} else {
		h(r, "<h1>Withdraw the invitation?</h1><p>The code stops working at once. You can "
		     "make a new one later.</p>");
	}
	page_button_form(r, "/counsellor/end",
	                 s.link.counsellor_id ? "Yes, stop sharing" : N_("Yes, withdraw it"), "danger");
	h(r, "<p><a href=\"/counsellor\">No, go back</a></p></section>");
	return page_end(r);
}

int counsel_post_end(struct req *r)
{
	if (do_end(r) < 0)
		return page_retry(r, couple_form);
	return resp_redirect(r, "/counsellor");
}
