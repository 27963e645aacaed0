/* home.h: the home page, the health check, and static files. */
#ifndef DUET_HOME_H
#define DUET_HOME_H

#include "http/request.h"
#include "util/err.h"

int home_page(struct req *r);
int health_check(struct req *r);

/* Static files are read once at start from <datadir>/../static or DUET_STATIC
 * and served from memory with an ETag. */
int static_load(const char *dir, struct err *e) WARN_UNUSED_RESULT;
void static_free(void);
int static_serve(struct req *r);
/* The few static files browsers look for at the root: /manifest.webmanifest,
 * /sw.js, /offline, /favicon.ico, /apple-touch-icon(-precomposed).png. */
int static_root(struct req *r);

#endif
