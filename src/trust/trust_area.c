/* trust_area.c: the trust area's descriptor (web/area.h): trust and closeness: check-ins, trends, reminders, resources and safety. */
#include "web/area.h"
#include "util/i18n.h"

#include "counsel/scope.h"
#include "trust/checkin.h"
#include "trust/checkin_store.h"
#include "trust/reminder.h"
#include "trust/safety.h"
#include "trust/trends.h"
#include "trust/trust_share.h"

static const struct route routes[] = {
	{ M_GET, "/checkin", checkin_page, R_AUTH },
	{ M_POST, "/checkin", checkin_post, R_AUTH },
	{ M_POST, "/checkin/rhythm", checkin_post_rhythm, R_AUTH },
	{ M_GET, "/trends", trends_page, R_AUTH },
	{ M_GET, "/reminders", reminder_page, R_AUTH },
	{ M_POST, "/reminders", reminder_post, R_AUTH },
	{ M_PUT, "/api/v1/checkins/current", checkin_api_put, R_AUTH },
	{ M_GET, "/api/v1/checkins", checkin_api_list, R_AUTH },
	{ M_PUT, "/api/v1/checkins/rhythm", checkin_api_rhythm, R_AUTH },
	{ M_GET, "/api/v1/summary", trends_api_summary, R_AUTH },
	{ M_GET, "/api/v1/reminders", reminder_api_get, R_AUTH },
	{ M_PUT, "/api/v1/reminders", reminder_api_put, R_AUTH },
	{ M_PUT, "/api/v1/reminders/pause", reminder_api_pause, R_COUPLE },
	{ M_DELETE, "/api/v1/reminders/pause", reminder_api_resume, R_COUPLE },
	{ M_POST, "/reminders/pause", reminder_post_pause, R_COUPLE },
	{ M_POST, "/reminders/resume", reminder_post_resume, R_COUPLE },
	{ M_GET, "/resources", safety_page_resources, 0 },
	{ M_GET, "/safety", safety_page_safety, 0 },
	{ M_GET, "/exit", safety_exit, 0 },
	{ M_GET, "/kitchen", safety_page_kitchen, 0 },
	{ M_GET, "/api/v1/safety", safety_api, 0 },
};

static const struct area_menu menu[] = {
	{ "checkin", "/checkin", N_("Check-in"), AREA_PARTNER, 20, NULL, N_("How close you feel this week"),
	  0 },
	{ "trends", "/trends", N_("Trends"), AREA_PARTNER, 75, NULL, N_("Your check-ins over time"), 1 },
};

static int export_trust(struct req *r, struct db *db, int64_t couple_id,
			 const struct export_who *who, struct export_out *out)
{
	return checkin_export(db, couple_id, who, out, &r->err);
}

static int setup_trust(struct err *e)
{
	(void)e;
	safety_setup();
	return 0;
}

static const char *const events[] = { "checkin", NULL };

static const struct area_share shares[] = {
	{ SCOPE_CHECKINS, share_checkins },
};

const struct area trust_area = {
	.name = "trust",
	.setup = setup_trust,
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.home = { reminder_home, AREA_PARTNER, 10 },
	.export = export_trust,
	.shares = shares,
	.nshares = ARRAY_LEN(shares),
	.events = events,
};
