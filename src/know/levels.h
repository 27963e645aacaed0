/* levels.h: the couple's levels and progress through the decks, as a page and
 * JSON, and asking to open a level early (it opens when both have asked). */
#ifndef DUET_LEVELS_H
#define DUET_LEVELS_H

#include "http/request.h"

int levels_api_get(struct req *r);
int levels_api_early(struct req *r);
int levels_api_withdraw(struct req *r);
int levels_page(struct req *r);
int levels_post_early(struct req *r);
int levels_post_withdraw(struct req *r);

#endif
