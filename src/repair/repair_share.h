/* repair_share.h: what a counsellor sees of a couple's repairs when the couple
 * shares the repair_plans scope: the plans for next time, nothing else. */
#ifndef DUET_REPAIR_SHARE_H
#define DUET_REPAIR_SHARE_H

#include "web/area.h"

/* The share_fn of the repair_plans scope (see counsel/share.h). */
int share_repair_plans(struct req *r, struct db *db, const struct share_couple *c, json_t **json);

#endif
