/* areas.h: every area's descriptor, for the table in areas.c. Only the table
 * (and nothing below src/app) names areas one by one; everything else loops
 * over areas[] (web/area.h). */
#ifndef DUET_AREAS_H
#define DUET_AREAS_H

#include "web/area.h"

extern const struct area site_area;
extern const struct area account_area;
extern const struct area journal_area;
extern const struct area trust_area;
extern const struct area couple_area;
extern const struct area know_area;
extern const struct area dreams_area;
extern const struct area conversations_area;
extern const struct area agreements_area;
extern const struct area negotiate_area;
extern const struct area differences_area;
extern const struct area repair_area;
extern const struct area notice_area;
extern const struct area counsel_area;
extern const struct area coach_area;
extern const struct area ownership_area;
extern const struct area push_area;

#endif
