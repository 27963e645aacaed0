/* coach_area.c: the coach area's descriptor (web/area.h): the message coach. */
#include "web/area.h"
#include "util/i18n.h"

#include "coach/coach_http.h"

static const struct route routes[] = {
	{ M_GET, "/coach", coach_page, R_AUTH },
	{ M_POST, "/coach", coach_post, R_AUTH },
	{ M_POST, "/api/v1/coach", coach_api_check, R_AUTH },
};

static const struct area_menu menu[] = {
	{ "coach", "/coach", N_("Coach"), AREA_PARTNER, 90, NULL,
	  N_("Look at a message before you send it"), 0 },
};

const struct area coach_area = {
	.name = "coach",
	.setup = coach_server_load,
	.unload = coach_server_free,
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
};
