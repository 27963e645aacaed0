/* push_page.c: notification settings, as JSON and as the Notifications
 * section of the account page (see push.h). */
#include <stdio.h>
#include <string.h>

#include "push.h"
#include "push_send.h"
#include "push_store.h"
#include "push_text.h"
#include "util/timefmt.h"
#include "web/page.h"

#define OFFSET_MAX (14 * 60) /* UTC-14:00 to UTC+14:00 */

static int load(struct req *r, struct push_settings *s)
{
	struct db *db = db_get(&r->err);
	return db ? push_store_settings_get(db, r->user->id, push_kinds_all(), s, &r->err) : -1;
}

static int save(struct req *r, const struct push_settings *s)
{
	struct db *db = db_get(&r->err);
	return db ? push_store_settings_put(db, r->user->id, s, &r->err) : -1;
}

static const char bad_time[] = "Quiet hours want two times like 22:00 and 07:00, or neither.";

/* Quiet hours from two "HH:MM" texts; both empty (or NULL) means none. */
static int quiet_from_text(struct req *r, const char *from, const char *to, struct push_settings *s)
{
	int none_from = !from || !*from, none_to = !to || !*to;
	if (none_from && none_to) {
		s->quiet = 0;
		return 0;
	}
	if (push_parse_hhmm(from, &s->quiet_from) < 0 || push_parse_hhmm(to, &s->quiet_to) < 0)
		return req_fail(r, 400, "invalid_quiet_hours", bad_time);
	s->quiet = s->quiet_from != s->quiet_to;
	return 0;
}

static json_t *settings_json(const struct push_settings *s)
{
	json_t *kinds = json_array(), *all = json_array(), *quiet = json_null();
	for (size_t i = 0; i < push_kinds_count; i++) {
		json_array_append_new(all, json_pack("{s:s,s:s}", "kind", push_kinds[i].kind, "label",
		                                     push_kinds[i].label));
		if (s->kinds & ((int64_t)1 << i))
			json_array_append_new(kinds, json_string(push_kinds[i].kind));
	}
	if (s->quiet) {
		char from[6], to[6];
		push_hhmm(s->quiet_from, from);
		push_hhmm(s->quiet_to, to);
		quiet = json_pack("{s:s,s:s}", "from", from, "to", to);
	}
	return json_pack("{s:b,s:o,s:o,s:i,s:o}", "discreet", s->discreet, "kinds", kinds,
	                 "quiet_hours", quiet, "utc_offset", s->utc_offset, "available_kinds", all);
}

/* The export's "push" (docs/EXPORT.md): the settings, and each device by the
 * origin of its endpoint only: the full endpoint URL is a capability (whoever
 * holds it can aim messages at that browser), and the keys p256dh and auth
 * are the browser's secrets, so neither leaves the server. */
int push_export(struct req *r, struct db *db, const struct export_who *who,
                struct export_out *out)
{
	struct push_settings s;
	struct push_sub *list;
	size_t n;
	if (push_store_settings_get(db, who->me, push_kinds_all(), &s, &r->err) < 0 ||
	    push_store_sub_list(db, &r->arena, who->me, PUSH_SUBS_MAX, &list, &n, &r->err) < 0)
		return -1;
	json_t *o = settings_json(&s), *subs = json_array();
	if (!o || !subs) {
		json_decref(o);
		json_decref(subs);
		return req_fail(r, 500, "no_memory", "out of memory");
	}
	json_object_del(o, "available_kinds");
	for (size_t i = n; i-- > 0;) { /* oldest first */
		char origin[PUSH_ENDPOINT_MAX];
		if (push_send_origin(list[i].endpoint, origin, sizeof origin) < 0)
			origin[0] = '\0';
		json_array_append_new(subs, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)list[i].id,
		                                      "origin", origin, "created",
		                                      time_iso(&r->arena, list[i].created_at)));
	}
	json_object_set_new(o, "subscriptions", subs);
	return export_put(out, "push", o, &r->err);
}

int push_api_settings_get(struct req *r)
{
	struct push_settings s;
	if (load(r, &s) < 0)
		return -1;
	return resp_json(r, 200, settings_json(&s));
}

/* PUT: each field given replaces the one stored; absent fields stay. */
int push_api_settings_put(struct req *r)
{
	struct push_settings s;
	if (!r->json || !json_is_object(r->json))
		return req_fail(r, 400, "invalid_json", "Send the settings as a JSON object.");
	if (load(r, &s) < 0)
		return -1;
	json_t *v;
	if ((v = json_object_get(r->json, "discreet"))) {
		if (!json_is_boolean(v))
			return req_fail(r, 400, "invalid_discreet", "discreet is true or false.");
		s.discreet = json_is_true(v);
	}
	if ((v = json_object_get(r->json, "kinds"))) {
		size_t i;
		json_t *k;
		if (!json_is_array(v) || json_array_size(v) > push_kinds_count)
			return req_fail(r, 400, "invalid_kinds", "kinds is a list of kinds, such as "
			                                         "[\"prompt\", \"dream\"].");
		s.kinds = 0;
		json_array_foreach(v, i, k) {
			size_t at = push_kind_index(json_string_value(k));
			if (!json_is_string(k) || strcmp(push_kinds[at].kind, json_string_value(k)))
				return req_fail(r, 400, "invalid_kinds",
				                "'%s' is not a kind of notification duet knows.",
				                json_is_string(k) ? json_string_value(k) : "?");
			s.kinds |= (int64_t)1 << at;
		}
	}
	if ((v = json_object_get(r->json, "quiet_hours"))) {
		if (json_is_null(v))
			s.quiet = 0;
		else if (!json_is_object(v))
			return req_fail(r, 400, "invalid_quiet_hours", bad_time);
		else if (quiet_from_text(r, json_string_value(json_object_get(v, "from")),
		                         json_string_value(json_object_get(v, "to")), &s) < 0)
			return -1;
	}
	if ((v = json_object_get(r->json, "utc_offset"))) {
		if (!json_is_integer(v) || json_integer_value(v) < -OFFSET_MAX ||
		    json_integer_value(v) > OFFSET_MAX)
			return req_fail(r, 400, "invalid_utc_offset",
			                "utc_offset is minutes east of UTC, from -840 to 840.");
		s.utc_offset = (int)json_integer_value(v);
	}
	if (save(r, &s) < 0)
		return -1;
	return resp_json(r, 200, settings_json(&s));
}

int push_post_settings(struct req *r)
{
	struct push_settings s;
	int64_t offset;
	int present;
	if (load(r, &s) < 0 || req_bool(r, "discreet", "discreet", &s.discreet) < 0 ||
	    req_int(r, "utc_offset", "time zone", -OFFSET_MAX, OFFSET_MAX, 0, &offset, &present) < 0 ||
	    quiet_from_text(r, req_form(r, "quiet_from"), req_form(r, "quiet_to"), &s) < 0)
		return -1;
	if (present)
		s.utc_offset = (int)offset;
	s.kinds = 0;
	for (size_t i = 0; i < push_kinds_count; i++) {
		char name[48];
		snprintf(name, sizeof name, "kind_%s", push_kinds[i].kind);
		if (req_form(r, name))
			s.kinds |= (int64_t)1 << i;
	}
	if (save(r, &s) < 0)
		return -1;
	return resp_redirect(r, "/account?saved=notifications#notifications");
}

int push_account_section(struct req *r)
{
	struct push_settings s;
	if (!strcmp(r->user->kind, "counsellor"))
		return 0;
	if (load(r, &s) < 0)
		return -1;
	char from[6] = "", to[6] = "";
	if (s.quiet) {
		push_hhmm(s.quiet_from, from);
		push_hhmm(s.quiet_to, to);
	}
	int off = s.utc_offset < 0 ? -s.utc_offset : s.utc_offset;
	h(r, "<section class=\"card\" id=\"notifications\" aria-labelledby=\"notifications-h\">"
	     "<h2 id=\"notifications-h\">Notifications</h2>");
	if (req_query(r, "saved") && !strcmp(req_query(r, "saved"), "notifications"))
		h(r, "<p class=\"notice\" role=\"status\">Notification settings saved.</p>");
	h(r, "<p>duet can let this phone or computer know when something new is waiting, even "
	     "when duet is closed. Turn it on for each device you want it on.</p>"
	     "<div class=\"push-device\"><p id=\"push-status\" role=\"status\">Notifications need "
	     "JavaScript and a secure (https://) address.</p>"
	     "<button type=\"button\" id=\"push-on\" hidden>Turn on for this device</button>"
	     "<button type=\"button\" id=\"push-test\" class=\"secondary\" hidden>Send a test "
	     "notification</button>"
	     "<button type=\"button\" id=\"push-off\" class=\"secondary\" hidden>Turn off for this "
	     "device</button></div>"
	     "<form method=\"post\" action=\"/account/notifications\">");
	page_csrf(r);
	hf(r,
	   "<fieldset class=\"choice\"><legend>What a notification says</legend><label><input "
	   "type=\"checkbox\" name=\"discreet\" value=\"on\"%s aria-describedby=\"discreet-hint\"> "
	   "Only \"Something new in duet\"</label><p class=\"hint\" id=\"discreet-hint\">A lock "
	   "screen can be seen by others. With this off, a notification says what kind of thing "
	   "happened and who did it, for example \"Ben answered a question\", never what anyone "
	   "wrote.</p></fieldset><fieldset class=\"choice\"><legend>Let me know about</legend>",
	   s.discreet ? " checked" : "");
	for (size_t i = 0; i < push_kinds_count; i++)
		hf(r, "<label><input type=\"checkbox\" name=\"kind_%s\" value=\"on\"%s> %s</label>",
		   push_kinds[i].kind, s.kinds & ((int64_t)1 << i) ? " checked" : "",
		   page_tr(r, push_kinds[i].label));
	hf(r,
	   "</fieldset><fieldset><legend>Quiet hours</legend><p class=\"hint\" id=\"quiet-hint\">"
	   "Notifications wait until quiet hours end. Leave both empty for none. Times are in "
	   "your time zone (<span id=\"tz-label\">UTC%c%02d:%02d</span>).</p>"
	   "<div class=\"field\"><label for=\"quiet_from\">From</label><input id=\"quiet_from\" "
	   "name=\"quiet_from\" type=\"time\" value=\"%s\" aria-describedby=\"quiet-hint\"></div>"
	   "<div class=\"field\"><label for=\"quiet_to\">Until</label><input id=\"quiet_to\" "
	   "name=\"quiet_to\" type=\"time\" value=\"%s\"></div><input type=\"hidden\" "
	   "id=\"utc_offset\" name=\"utc_offset\" value=\"%d\"></fieldset>"
	   "<button type=\"submit\">Save notification settings</button></form></section>",
	   s.utc_offset < 0 ? '-' : '+', off / 60, off % 60, from, to, s.utc_offset);
	page_script(r, "push.js");
	return 0;
}
