/* push_area.c: the push area's descriptor (web/area.h): Web Push
 * subscriptions, notification settings and their delivery. */
#include "web/area.h"

#include "push/push.h"

static const struct route routes[] = {
	{ M_GET, "/api/v1/push/key", push_api_key, R_AUTH },
	{ M_POST, "/api/v1/push/subscriptions", push_api_sub_create, R_AUTH | R_ADDS },
	{ M_GET, "/api/v1/push/subscriptions", push_api_sub_list, R_AUTH },
	{ M_DELETE, "/api/v1/push/subscriptions/{id}", push_api_sub_delete, R_AUTH },
	{ M_GET, "/api/v1/push/settings", push_api_settings_get, R_AUTH },
	{ M_PUT, "/api/v1/push/settings", push_api_settings_put, R_AUTH },
	{ M_POST, "/api/v1/push/test", push_api_test, R_AUTH },
	{ M_POST, "/api/v1/push/emit", push_api_emit, R_COUPLE },
	{ M_POST, "/account/notifications", push_post_settings, R_AUTH },
};

static int export_push(struct req *r, struct db *db, int64_t couple_id,
                       const struct export_who *who, struct export_out *out)
{
	(void)couple_id;
	return push_export(r, db, who, out);
}

/* No forget: subscriptions, settings and their queue are the person's alone
 * and go with the account (ON DELETE CASCADE), or with the session that made
 * a subscription (push_store.h). */
const struct area push_area = {
	.name = "push",
	.routes = routes,
	.nroutes = ARRAY_LEN(routes),
	.export = export_push,
};
