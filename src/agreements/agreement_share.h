/* agreement_share.h: the agreements scope a couple can share with a
 * counsellor (web/area.h, struct area_share). */
#ifndef DUET_AGREEMENT_SHARE_H
#define DUET_AGREEMENT_SHARE_H

#include "web/area.h"

/* The couple's agreements (text, who, review date, status, source) and the
 * kept and missed marks per month. */
int share_agreements(struct req *r, struct db *db, const struct share_couple *c, json_t **json);

#endif
