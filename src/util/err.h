/* err.h: a user-facing error, set once where it is detected and carried up.
 * The message is written for a person ("That invite has expired. Ask for a new one.").
 * `code` is a short machine word for the JSON API ("not_found"); `status` an HTTP status. */
#ifndef DUET_ERR_H
#define DUET_ERR_H

#include "common.h"

struct err {
	int status;       /* HTTP status that fits, 0 when not set */
	char code[32];    /* e.g. "invalid", "conflict" */
	char msg[256];    /* for a person */
};

/* Sets status, code and a printf-style message; always returns -1 so that
 * `return err_set(e, 400, "invalid", "…");` reads naturally. `e` may be NULL. */
int err_set(struct err *e, int status, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Clears the error. */
void err_clear(struct err *e);

#endif
