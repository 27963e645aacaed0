/* trust_share.h: the check-in scope a couple can share with a counsellor
 * (web/area.h, struct area_share). */
#ifndef DUET_TRUST_SHARE_H
#define DUET_TRUST_SHARE_H

#include "web/area.h"

/* The couple's check-in trends over the last SERIES_WEEKS_DEFAULT weeks: the
 * numbers, never the appreciations the partners write to each other. */
int share_checkins(struct req *r, struct db *db, const struct share_couple *c, json_t **json);

#endif
