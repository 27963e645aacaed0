/* home.h: the home page and static files (the health check: health.h). */
#ifndef DUET_HOME_H
#define DUET_HOME_H

#include "http/request.h"
#include "util/err.h"

int home_page(struct req *r);

/* Static files are read once at start from <datadir>/../static or DUET_STATIC
 * and served from memory with an ETag. */
int static_load(const char *dir, struct err *e) WARN_UNUSED_RESULT;
void static_free(void);
int static_serve(struct req *r);

#endif
