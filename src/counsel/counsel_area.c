/* counsel_area.c: the counsel area's descriptor (web/area.h): the counsellor: invitations and consent on the couple's side, the shared views on the counsellor's. */
#include "web/area.h"
#include "util/i18n.h"

#include "counsel/counsel.h"

static const struct route routes[] = {
	{ M_GET, "/counsellor", counsel_page, R_AUTH },
	{ M_POST, "/counsellor/invites", counsel_post_invite, R_COUPLE },
	{ M_POST, "/counsellor/invites/{id}/approve", counsel_post_approve, R_COUPLE },
	{ M_GET, "/counsellor/end", counsel_page_end, R_COUPLE },
	{ M_POST, "/counsellor/end", counsel_post_end, R_COUPLE },
	{ M_POST, "/counsellor/accept", counsellor_post_accept, R_AUTH },
	{ M_GET, "/counsellor/couples/{id}", counsellor_page_couple, R_AUTH },
	{ M_GET, "/counsellor/couples/{id}/{scope}", counsellor_page_scope, R_AUTH },
	{ M_GET, "/api/v1/counsellor", counsel_api_state, R_COUPLE },
	{ M_DELETE, "/api/v1/counsellor", counsel_api_end, R_COUPLE },
	{ M_POST, "/api/v1/counsellor/invites", counsel_api_invite, R_COUPLE },
	{ M_POST, "/api/v1/counsellor/invites/{id}/approve", counsel_api_approve, R_COUPLE },
	{ M_GET, "/api/v1/counsellor/log", counsel_api_log, R_COUPLE },
	{ M_POST, "/api/v1/counsellor/accept", counsellor_api_accept, R_AUTH },
	{ M_GET, "/api/v1/counsellor/couples", counsellor_api_couples, R_AUTH },
	{ M_GET, "/api/v1/counsellor/couples/{id}/{scope}", counsellor_api_scope, R_AUTH },
};

static const struct area_menu menu[] = {
	{ "counsellor", "/counsellor", N_("Counsellor"), AREA_PAIR, 100, NULL,
	  N_("Invite one, and choose together what is shared"), 0 },
	{ "counsellor", "/counsellor", N_("Couples"), AREA_COUNSELLOR, 101, NULL, NULL, 0 },
};

static const char *const events[] = { "counsellor", NULL };

const struct area counsel_area = {
	.name = "counsel",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
	.events = events,
};
