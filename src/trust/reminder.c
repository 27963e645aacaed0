/* reminder.c: reminders on the home page and by email (see reminder.h). */
#include "reminder.h"

#include "util/i18n.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "agreements/agreement_store.h"
#include "checkin_store.h"
#include "trust/period.h"
#include "counsel/counsel.h"
#include "reminder_store.h"
#include "safety.h"
#include "util/timefmt.h"
#include "web/page.h"

#define TARGETS_PAGE 200
#define ARENA_CAP (4u << 20)

static const char subject[] = "Something is waiting for you in duet";

int reminder_waiting(struct db *db, struct arena *a, int64_t user_id, int64_t couple_id,
                     int64_t partner_id, struct waiting *w, struct err *e)
{
	struct period p;
	struct checkin c;
	memset(w, 0, sizeof *w);
	if (checkin_rhythm_get(db, couple_id, &w->rhythm, e) < 0)
		return -1;
	int64_t now = db_now();
	period_at(now, w->rhythm, &p);
	w->period_end = p.end;
	int found =
	    checkin_mine_in(db, a, user_id, couple_id, p.week, p.week + w->rhythm - 1, &c, e);
	if (found < 0)
		return -1;
	w->checkin_open = !found;
	if (!partner_id)
		return 0;
	if (checkin_exists_since(db, partner_id, couple_id, p.week, &w->partner_checked_in, e) <
	        0 ||
	    agreement_due_count(db, couple_id, now - now % 86400, &w->agreements_due, e) < 0)
		return -1;
	return counsel_waiting_on(db, a, couple_id, user_id, &w->counsellor, e) < 0 ? -1 : 0;
}

int reminder_home(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct waiting w;
	if (!db || reminder_waiting(db, &r->arena, r->user->id, r->user->couple_id,
	                            r->user->partner_id, &w, &r->err) < 0)
		return -1;
	const char *span = w.rhythm == 1 ? _("this week") : _("this period");
	h(r, "<section class=\"card\" aria-labelledby=\"for-you-h\"><h2 id=\"for-you-h\">For you"
	     "</h2><ul>");
	if (w.checkin_open) {
		hf(r, "<li><a href=\"/checkin\">Your check-in for %s is open</a>", span);
		if (w.partner_checked_in) {
			h(r, " (");
			ht(r, r->user->partner_name);
			h(r, " has checked in)");
		}
		h(r, "</li>");
	} else {
		hf(r,
		   "<li>You have checked in for %s. <a href=\"/trends\">See how things have "
		   "moved</a></li>",
		   span);
	}
	if (w.agreements_due)
		hn(r, (long)w.agreements_due,
		   "<li><a href=\"/agreements\">%lld agreement to look at together</a></li>",
		   "<li><a href=\"/agreements\">%lld agreements to look at together</a></li>",
		   (long long)w.agreements_due);
	if (w.counsellor) {
		h(r, "<li><a href=\"/counsellor\">");
		ht(r, w.counsellor);
		h(r,
		  " entered your invitation code</a>: sharing starts once you both approve.</li>");
	}
	h(r, "</ul></section>");
	return 0;
}

/* ---- email ------------------------------------------------------------------ */

static int send_one(const struct mail_config *mc, const char *to, struct err *e)
{
	const char *base = getenv("DUET_PUBLIC_URL");
	char body[1024];
	snprintf(body, sizeof body,
	         "Hello,\n\nSomething is waiting for you in duet.%s%s\n\n"
	         "You get this email because you turned on email reminders. You can turn them "
	         "off on the Reminders page in duet.\n",
	         safety_url_ok(base) ? "\n\nOpen duet: " : "", safety_url_ok(base) ? base : "");
	return mail_send(mc, to, subject, body, e);
}

int reminder_run(const struct mail_config *mc, FILE *log, int *sent, int *failed, struct err *e)
{
	*sent = *failed = 0;
	struct db *db = db_get(e);
	if (!db)
		return -1;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return err_set(e, 500, "mail", "could not start the mail library");
	int64_t now = db_now(), week_start = period_week_time(period_week(now)), after = 0;
	int rc = 0;
	for (;;) {
		struct arena a;
		struct reminder_target *list;
		size_t n;
		arena_init(&a, ARENA_CAP);
		if (reminder_targets(db, &a, after, TARGETS_PAGE, &list, &n, e) < 0) {
			arena_release(&a);
			rc = -1;
			break;
		}
		for (size_t i = 0; i < n && rc == 0; i++) {
			const struct reminder_target *t = &list[i];
			struct waiting w;
			struct err me = {0};
			after = t->user_id;
			if (!strcmp(t->kind, "counsellor") || t->last_sent_at >= week_start)
				continue;
			if (reminder_waiting(db, &a, t->user_id, t->couple_id, t->partner_id, &w,
			                     e) < 0) {
				rc = -1;
				break;
			}
			if (!w.checkin_open && !w.agreements_due && !w.counsellor)
				continue;
			if (send_one(mc, t->email, &me) < 0) {
				fprintf(log, "duet admin remind: person %lld: %s\n",
				        (long long)t->user_id, me.msg);
				(*failed)++;
				continue;
			}
			if (reminder_mark_sent(db, t->user_id, now, e) < 0)
				rc = -1;
			else
				(*sent)++;
		}
		arena_release(&a);
		if (rc < 0 || n < TARGETS_PAGE)
			break;
	}
	curl_global_cleanup();
	return rc;
}

/* ---- settings ---------------------------------------------------------------- */

static int email_available(void)
{
	struct mail_config mc;
	struct err e = {0};
	return mail_config_env(&mc, &e) == 1;
}

static int do_set(struct req *r, struct reminder_pref *out)
{
	const char *email = req_text(r, "email", "email address", MAIL_ADDRESS_MAX, 0);
	int on;
	if (!email || req_bool(r, "email_reminders", "email reminders", &on) < 0)
		return -1;
	if (*email && !mail_address_ok(email))
		return req_fail(r, 400, "invalid_email",
		                "That doesn't look like an email address. Write it like "
		                "name@example.org.");
	if (on && !*email)
		return req_fail(r, 400, "missing_email",
		                "To get email reminders, fill in the address to send them to.");
	struct db *db = db_get(&r->err);
	if (!db || reminder_set(db, r->user->id, *email ? email : NULL, on, &r->err) < 0)
		return -1;
	return reminder_get(db, &r->arena, r->user->id, out, &r->err);
}

static json_t *pref_json(const struct reminder_pref *p)
{
	return json_pack("{s:o,s:b,s:b}", "email", p->email ? json_string(p->email) : json_null(),
	                 "email_reminders", p->email_on, "email_available", email_available());
}

int reminder_api_get(struct req *r)
{
	struct db *db = db_get(&r->err);
	struct reminder_pref p;
	if (!db || reminder_get(db, &r->arena, r->user->id, &p, &r->err) < 0)
		return -1;
	return resp_json(r, 200, pref_json(&p));
}

int reminder_api_put(struct req *r)
{
	struct reminder_pref p;
	if (do_set(r, &p) < 0)
		return -1;
	return resp_json(r, 200, pref_json(&p));
}

static int reminder_view(struct req *r, int status, const char *error)
{
	struct db *db = db_get(&r->err);
	struct reminder_pref p;
	if (!db || reminder_get(db, &r->arena, r->user->id, &p, &r->err) < 0)
		return -1;
	if (error && r->form) {
		p.email = req_form(r, "email");
		p.email_on = req_form(r, "email_reminders") != NULL;
	}
	page_begin(r, status, "Reminders", "reminders");
	h(r, "<section class=\"card\"><h1>Reminders</h1><p>Your home page always shows what is "
	     "waiting for you: a check-in that is open, an agreement to look at together, or a "
	     "counsellor waiting for your approval.</p>");
	if (error)
		page_alert(r, error);
	else if (req_query(r, "saved"))
		h(r, "<p class=\"notice\" role=\"status\">Saved.</p>");
	h(r, "<h2>Email reminders</h2>");
	if (!email_available())
		h(r, "<p class=\"muted\">Email isn't set up on this server, so duet can't send "
		     "reminders by email. You can still save an address for later.</p>");
	h(r, "<p>The email never says what is waiting, only: \"Something is waiting for you in "
	     "duet\". At most one a week. They are off unless you turn them on, because an email "
	     "from duet may be seen by whoever can read your inbox.</p>"
	     "<form method=\"post\" action=\"/reminders\">");
	page_csrf(r);
	h(r, "<div class=\"field\"><label for=\"email\">Email address</label><p class=\"hint\" "
	     "id=\"email-hint\">Whoever runs this server can see it. Leave it empty to remove it."
	     "</p><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" "
	     "aria-describedby=\"email-hint\" value=\"");
	ht(r, p.email ? p.email : "");
	hf(r,
	   "\"></div><fieldset class=\"choice\"><legend>Email me</legend><label><input "
	   "type=\"checkbox\" name=\"email_reminders\" value=\"on\"%s> When something is "
	   "waiting for me</label></fieldset><button type=\"submit\">Save</button></form>"
	   "</section>",
	   p.email_on ? " checked" : "");
	return page_end(r);
}

int reminder_page(struct req *r)
{
	return reminder_view(r, 200, NULL);
}

int reminder_post(struct req *r)
{
	struct reminder_pref p;
	if (do_set(r, &p) < 0)
		return page_retry(r, reminder_view);
	return resp_redirect(r, "/reminders?saved=1");
}
