/* dreams.h: the dream table as pages and JSON API: either partner puts out an
 * idea, a dream or a desire; both reply in a thread, with curious questions
 * duet offers; both move it through new, exploring, planning, living it and
 * set aside. Shared openly within the couple; anyone else gets 404. Each
 * person can delete what they put there: their dreams (with the replies under
 * them) and their replies; the other's, never (403). */
#ifndef DUET_DREAMS_H
#define DUET_DREAMS_H

#include "http/request.h"

int dreams_api_list(struct req *r);
int dreams_api_create(struct req *r);
int dreams_api_get(struct req *r);
int dreams_api_reply(struct req *r);
int dreams_api_update(struct req *r);
int dreams_api_delete(struct req *r);
int dreams_api_delete_reply(struct req *r);

int dreams_page(struct req *r);
int dreams_page_new(struct req *r);
int dreams_post_create(struct req *r);
int dreams_page_one(struct req *r);
int dreams_post_reply(struct req *r);
int dreams_post_status(struct req *r);
int dreams_page_delete(struct req *r);
int dreams_post_delete(struct req *r);
int dreams_page_delete_reply(struct req *r);
int dreams_post_delete_reply(struct req *r);

#endif
