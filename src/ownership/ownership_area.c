/* ownership_area.c: the ownership area's descriptor (web/area.h): what is a person's own: the export and account deletion. */
#include "web/area.h"

#include "ownership/ownership.h"

static const struct route routes[] = {
	{ M_GET, "/api/v1/export", ownership_api_export, R_AUTH },
	{ M_DELETE, "/api/v1/account", ownership_api_delete, R_AUTH | R_HASH },
	{ M_GET, "/account/delete", ownership_page_delete, R_AUTH },
	{ M_POST, "/account/delete", ownership_post_delete, R_AUTH | R_HASH },
};

const struct area ownership_area = {
	.name = "ownership",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
};
