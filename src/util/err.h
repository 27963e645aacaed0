/* err.h: a user-facing error, set once where it is detected and carried up.
 * The message is written for a person ("That invite has expired. Ask for a new one.").
 * `code` is a short machine word for the JSON API ("not_found"); `status` the
 * HTTP status that fits; `exit_code` what the command line exits with. The two
 * numbers are separate fields: an error met at start (a bad option, a missing
 * file) has an HTTP status too (500, or 400 for usage), so that it reads the
 * same wherever it surfaces. */
#ifndef DUET_ERR_H
#define DUET_ERR_H

#include "common.h"

enum { ERR_EXIT_FAILURE = 1, ERR_EXIT_USAGE = 2 };

struct err {
	int status;       /* HTTP status that fits, 0 when not set */
	int exit_code;    /* for the command line; 0 means ERR_EXIT_FAILURE */
	char code[32];    /* e.g. "invalid", "conflict" */
	char msg[256];    /* for a person */
};

/* Sets status, code and a printf-style message (exit_code stays 0: a
 * failure); always returns -1 so that `return err_set(e, 400, "invalid", "…");`
 * reads naturally. `e` may be NULL. */
int err_set(struct err *e, int status, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A usage error of the command line (a bad option or argument): status 400,
 * code "usage", exit code ERR_EXIT_USAGE. Returns -1. */
int err_usage(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The exit code for e: its exit_code, or ERR_EXIT_FAILURE. */
int err_exit_code(const struct err *e);

/* Clears the error. */
void err_clear(struct err *e);

#endif
