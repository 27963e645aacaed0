/* conversations.h: structured conversations as pages and JSON API: the weekly
 * meeting, the stress-reducing conversation, and speaker and listener
 * (script.h has the steps and rules). duet holds the floor for the couple on
 * two phones, or on one shared screen; either partner may call a break of at
 * least twenty minutes. A conversation can end in an agreement (agreements
 * store) or a dream on the table (dreams store). Shared within the couple;
 * anyone else gets 404. A couple has at most one conversation going at a time. */
#ifndef DUET_CONVERSATIONS_H
#define DUET_CONVERSATIONS_H

#include "http/request.h"

int conversations_api_list(struct req *r);
int conversations_api_create(struct req *r);
int conversations_api_get(struct req *r);
int conversations_api_floor(struct req *r);
int conversations_api_next(struct req *r);
int conversations_api_break(struct req *r);
int conversations_api_resume(struct req *r);
int conversations_api_end(struct req *r);

int conversations_page(struct req *r);
int conversations_post_create(struct req *r);
int conversations_page_one(struct req *r);
int conversations_post_floor(struct req *r);
int conversations_post_next(struct req *r);
int conversations_post_break(struct req *r);
int conversations_post_resume(struct req *r);
int conversations_post_end(struct req *r);

#endif
