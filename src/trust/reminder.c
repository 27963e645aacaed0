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
#include "push/push.h"
#include "reminder_store.h"
#include "safety.h"
#include "util/timefmt.h"
#include "web/page.h"

#define TARGETS_PAGE 200
#define ARENA_CAP (4u << 20)

static const char subject[] = N_("Something is waiting for you in duet");

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

/* The reminder email, in the person's language (lang). */
static int send_one(const struct mail_config *mc, const char *to, int lang, struct err *e)
{
	const char *base = getenv("DUET_PUBLIC_URL");
	int link = safety_url_ok(base);
	char body[2048];
	snprintf(body, sizeof body, "%s\n\n%s%s%s%s\n\n%s\n", i18n_tr(lang, N_("Hello,")),
	         i18n_tr(lang, N_("Something is waiting for you in duet.")),
	         link ? "\n\n" : "", link ? i18n_tr(lang, N_("Open duet: ")) : "", link ? base : "",
	         i18n_tr(lang, N_("You get this email because you turned on email reminders. You "
	                         "can turn them off on the Reminders page in duet.")));
	return mail_send(mc, to, i18n_tr(lang, subject), body, e);
}

/* Reminds one person, when due: claims the reminder first, so that with
 * several processes (or `duet admin remind` beside `duet serve`) only one
 * sends it, then emails (when on and mc is set) and queues a push (when the
 * person has a device and reminders among their notification kinds). A claim
 * that sent nothing is given back. 1 reminded, 0 not, -1 with e set. */
static int remind_one(struct db *db, const struct mail_config *mc, FILE *log,
                      const struct reminder_target *t, int64_t now, int64_t since, int *failed,
                      struct err *e)
{
	int won;
	int64_t queued = 0;
	struct err me = { 0 };
	if (reminder_claim(db, t->user_id, now, since, &won, e) < 0)
		return -1;
	if (!won)
		return 0; /* another process reminded this person */
	int mailed = 0;
	if (mc && t->email) {
		if (send_one(mc, t->email, t->lang, &me) == 0)
			mailed = 1;
		else {
			fprintf(log, "duet: reminder for person %lld: %s\n", (long long)t->user_id,
			        me.msg);
			(*failed)++;
		}
	}
	if (t->has_push && push_remind(db, t->user_id, &queued, e) < 0)
		return -1;
	if (mailed || queued)
		return 1;
	return reminder_unclaim(db, t->user_id, now, t->last_sent_at, e) < 0 ? -1 : 0;
}

int reminder_run(const struct mail_config *mc, FILE *log, int *sent, int *failed, struct err *e)
{
	*sent = *failed = 0;
	struct db *db = db_get(e);
	if (!db)
		return -1;
	if (mc && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
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
		db_idle();
		for (size_t i = 0; i < n && rc == 0; i++) {
			const struct reminder_target *t = &list[i];
			struct waiting w;
			after = t->user_id;
			if (!strcmp(t->kind, "counsellor") || t->last_sent_at >= week_start ||
			    (!t->has_push && !(mc && t->email)))
				continue;
			if (reminder_waiting(db, &a, t->user_id, t->couple_id, t->partner_id, &w,
			                     e) < 0) {
				rc = -1;
				break;
			}
			if (!w.checkin_open && !w.agreements_due && !w.counsellor)
				continue;
			int one = remind_one(db, mc, log, t, now, week_start, failed, e);
			if (one < 0)
				rc = -1;
			else
				*sent += one;
			db_idle();
		}
		arena_release(&a);
		if (rc < 0 || n < TARGETS_PAGE)
			break;
	}
	if (mc)
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

/* The couple's shared pause, for the page and the API. */
struct pause {
	int on;
	const char *by; /* NULL when that person has left */
	int64_t at;
};

static int pause_load(struct req *r, struct pause *z)
{
	memset(z, 0, sizeof *z);
	if (!r->user->couple_id)
		return 0;
	struct db *db = db_get(&r->err);
	int rc = db ? reminder_pause_get(db, &r->arena, r->user->couple_id, &z->by, &z->at, &r->err)
	            : -1;
	if (rc < 0)
		return -1;
	z->on = rc;
	return 0;
}

static json_t *pause_json(struct req *r, const struct pause *z)
{
	if (!z->on)
		return json_null();
	return json_pack("{s:o,s:s}", "by", z->by ? json_string(z->by) : json_null(), "at",
	                 time_iso(&r->arena, z->at));
}

static json_t *pref_json(struct req *r, const struct reminder_pref *p, const struct pause *z)
{
	return json_pack("{s:o,s:b,s:b,s:o}", "email", p->email ? json_string(p->email) : json_null(),
	                 "email_reminders", p->email_on, "email_available", email_available(),
	                 "paused", pause_json(r, z));
}

/* The settings and the pause as JSON. */
static int answer(struct req *r, const struct reminder_pref *given)
{
	struct db *db = db_get(&r->err);
	struct reminder_pref p;
	struct pause z;
	if (given)
		p = *given;
	else if (!db || reminder_get(db, &r->arena, r->user->id, &p, &r->err) < 0)
		return -1;
	if (pause_load(r, &z) < 0)
		return -1;
	return resp_json(r, 200, pref_json(r, &p, &z));
}

int reminder_api_get(struct req *r)
{
	return answer(r, NULL);
}

int reminder_api_put(struct req *r)
{
	struct reminder_pref p;
	if (do_set(r, &p) < 0)
		return -1;
	return answer(r, &p);
}

/* Either partner pauses (or resumes) reminders for both. */
static int set_pause(struct req *r, int on)
{
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	return on ? reminder_pause_set(db, r->user->couple_id, r->user->id, &r->err)
	          : reminder_pause_clear(db, r->user->couple_id, &r->err);
}

int reminder_api_pause(struct req *r)
{
	return set_pause(r, 1) < 0 ? -1 : answer(r, NULL);
}

int reminder_api_resume(struct req *r)
{
	return set_pause(r, 0) < 0 ? -1 : answer(r, NULL);
}

int reminder_post_pause(struct req *r)
{
	return set_pause(r, 1) < 0 ? -1 : resp_redirect(r, "/reminders?saved=1#pause");
}

int reminder_post_resume(struct req *r)
{
	return set_pause(r, 0) < 0 ? -1 : resp_redirect(r, "/reminders?saved=1#pause");
}

/* The page's "Taking a break" section. */
static void pause_section(struct req *r, const struct pause *z)
{
	h(r, "<section class=\"card\" id=\"pause\" aria-labelledby=\"pause-h\"><h2 "
	     "id=\"pause-h\">Taking a break</h2>");
	if (z->on) {
		h(r, "<p>");
		if (z->by && strcmp(z->by, r->user->name)) {
			ht(r, z->by);
			h(r, " paused");
		} else if (z->by) {
			h(r, "You paused");
		} else {
			h(r, "Reminders are paused");
		}
		h(r, " reminders for both of you. No email or notification reminds either of you "
		     "until one of you starts them again.</p>");
		page_button_form(r, "/reminders/resume", "Start reminders again", "secondary");
	} else {
		h(r, "<p>Either of you can pause reminders for both of you, for as long as you "
		     "like. Your home pages still show what is waiting.</p>");
		page_button_form(r, "/reminders/pause", "We're taking a break from reminders",
		                 "secondary");
	}
	h(r, "</section>");
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
	h(r, "<section class=\"card\"><h2>On this device</h2><p>Reminders can also come as a "
	     "notification on a phone or computer where you turned notifications on. Choose that "
	     "in <a href=\"/account#notifications\">Account, Notifications</a>.</p></section>");
	if (r->user->couple_id && r->user->partner_id) {
		struct pause z;
		if (pause_load(r, &z) < 0)
			return -1;
		pause_section(r, &z);
	}
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
