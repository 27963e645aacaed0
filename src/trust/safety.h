/* safety.h: the resources page (reading, couples counselling, finding a
 * counsellor), "Feeling unsafe?" with where to get help, and the quick exit.
 *
 * The operator sets, in the environment, read once by safety_setup() at start:
 *   DUET_HELP_TEXT  where to get help locally (plain text, up to 1000 characters)
 *   DUET_HELP_URL   a link to a local help service (http:// or https://)
 *   DUET_EXIT_URL   where the quick exit goes (http:// or https://); default
 *                   /kitchen, a neutral recipe page served by duet itself
 * A value that is malformed is ignored with a line in the log, so the pages
 * always show something safe.
 */
#ifndef DUET_SAFETY_H
#define DUET_SAFETY_H

#include "http/request.h"

#define SAFETY_TEXT_MAX 1000
#define SAFETY_URL_MAX 500

/* Reads the three settings from the environment (see above). */
void safety_setup(void);

/* Whether s is an http:// or https:// address of at most SAFETY_URL_MAX bytes
 * holding only printable ASCII and none of "<>\"'` \\" (so it is safe in an
 * attribute and a Location header). */
int safety_url_ok(const char *s);

int safety_page_resources(struct req *r);
int safety_page_safety(struct req *r);
int safety_exit(struct req *r);
int safety_page_kitchen(struct req *r);
int safety_api(struct req *r);

#endif
