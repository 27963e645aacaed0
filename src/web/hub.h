/* hub.h: home as a hub of the areas: one tile per area the person can use,
 * with a line of what it is for, so that nothing is reachable only through
 * the menu. The tiles come from the areas' menu entries (web/area.h,
 * `words`), so an area brings its own tile. */
#ifndef DUET_HUB_H
#define DUET_HUB_H

#include "http/request.h"

/* Writes the hub card for the signed-in partner: every area for a couple of
 * two; for one still alone, those that work alone. */
void hub_card(struct req *r);

#endif
