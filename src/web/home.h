/* home.h: the home page and static files (the health check: health.h). */
#ifndef DUET_HOME_H
#define DUET_HOME_H

#include "http/request.h"
#include "util/err.h"

/* Parts of home that a product area provides. The areas sit above this layer,
 * so `duet serve` sets these once at start, before any thread (when areas
 * describe themselves, they become the couple area's home card):
 *   welcome: "Welcome" on the person's very first look, "Welcome back" after;
 *            NULL with r->err set on failure;
 *   first:   the cards shown first (a new couple's first steps): 0, or -1. */
struct home_parts {
	const char *(*welcome)(struct req *r);
	int (*first)(struct req *r);
};
extern struct home_parts home_parts;

int home_page(struct req *r);

/* Static files are read once at start from <datadir>/../static or DUET_STATIC
 * and served from memory with an ETag. Call after the catalogues are loaded
 * (area_load()): each script's words are prepared then in every language. */
int static_load(const char *dir, struct err *e) WARN_UNUSED_RESULT;
void static_free(void);
/* The data-words attribute of the script called name in lang (web/words.h),
 * borrowed; "" when it has none (English, or no translated words). */
const char *static_words(const char *name, int lang);
int static_serve(struct req *r);
/* The few static files browsers look for at the root: /manifest.webmanifest,
 * /sw.js, /favicon.ico, /apple-touch-icon(-precomposed).png. */
int static_root(struct req *r);
/* GET /offline: the page the service worker shows when a page cannot load,
 * in the reader's language (web/offline.c). */
int offline_page(struct req *r);

#endif
