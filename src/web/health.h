/* health.h: GET /healthz, the health check load balancers and monitors poll.
 *
 * 200 {"status":"ok"} only when the database answered a trivial query within
 * one second; otherwise 503 {"status":"database_down"}, "storage_full" or
 * "read_only", with Retry-After. The answer is kept for about a second and
 * shared by all threads, so polling it often costs next to nothing; while one
 * thread asks the database, the others answer with the last result. */
#ifndef DUET_HEALTH_H
#define DUET_HEALTH_H

#include "http/request.h"

int health_check(struct req *r);

#endif
