/* site.c: the site's own descriptor (web/area.h): the home page, the health
 * check and static files. Not a product area, but described the same way so
 * that the router and the menu have one source. */
#include "http/events.h"
#include "web/area.h"
#include "web/health.h"
#include "web/home.h"

static const struct route routes[] = {
	{ M_GET, "/", home_page, R_CACHE },
	{ M_GET, "/healthz", health_check, 0 },
	{ M_GET, "/static/{file}", static_serve, 0 },
	/* live updates for every area (http/events.h) */
	{ M_GET, "/api/v1/events", events_api_stream, R_AUTH },
	/* the installable app: files browsers look for at the root */
	{ M_GET, "/manifest.webmanifest", static_root, 0 },
	{ M_GET, "/sw.js", static_root, 0 },
	{ M_GET, "/offline", offline_page, 0 },
	{ M_GET, "/favicon.ico", static_root, 0 },
	{ M_GET, "/apple-touch-icon.png", static_root, 0 },
	{ M_GET, "/apple-touch-icon-precomposed.png", static_root, 0 },
};

static const struct area_menu menu[] = {
	{ "home", "/", "Home", AREA_ANYONE, 0, NULL, NULL, 0 },
};

const struct area site_area = {
	.name = "site",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.menu = menu,
	.nmenu = ARRAY_LEN(menu),
};
