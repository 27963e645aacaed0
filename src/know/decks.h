/* decks.h: the couple's levels and progress through the decks, as a page and
 * JSON, and asking to open a level early (it opens when both have asked). */
#ifndef DUET_DECKS_H
#define DUET_DECKS_H

#include "http/request.h"

int decks_api_get(struct req *r);
int decks_api_early(struct req *r);
int decks_api_withdraw(struct req *r);
int decks_page(struct req *r);
int decks_post_early(struct req *r);
int decks_post_withdraw(struct req *r);

#endif
