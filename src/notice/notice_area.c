/* notice_area.c: the notice area's descriptor (web/area.h): noticing each other: the partner's news since one last looked. */
#include "web/area.h"

#include "notice/notice.h"

static const struct route routes[] = {
	{ M_POST, "/noticing/seen", notice_post_seen, R_COUPLE },
	{ M_GET, "/api/v1/noticing", notice_api_list, R_COUPLE },
	{ M_POST, "/api/v1/noticing/seen", notice_api_seen, R_COUPLE },
};

const struct area notice_area = {
	.name = "notice",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.home = { notice_home, AREA_PAIR, 20 },
};
