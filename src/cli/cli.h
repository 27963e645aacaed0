/* cli.h: the `duet` subcommands. Each takes argc/argv starting at its own name
 * and returns the process exit code: 0 success, 1 failure, 2 usage error. */
#ifndef DUET_CLI_H
#define DUET_CLI_H

#include <stdio.h>

#include "util/buf.h"
#include "util/common.h"
#include "util/err.h"

int cli_serve(int argc, char **argv);

/* The configuration file (cli_config.c, config.h). cli_config_path finds
 * `--config FILE` in argv (NULL when absent). cli_config_apply reads the file
 * at path, or /etc/duet/duet.conf when path is NULL, the file exists and this
 * binary is an installed one (PREFIX/bin/duet), and sets each setting's
 * environment variable unless the environment already has it; -1 with e set
 * ("FILE:LINE: …", status 1) when the file cannot be read or is wrong. */
const char *cli_config_path(int argc, char **argv);
int cli_config_apply(const char *path, struct err *e) WARN_UNUSED_RESULT;

/* A setting's value: opt (from the command line) when given, else the key's
 * environment variable (config.h), else *out is left alone. The value is
 * checked; -1 with e set (status 2 for an option, 1 for the environment). */
int cli_setting(const char *key, const char *opt, const char **out, struct err *e)
	WARN_UNUSED_RESULT;
int cli_admin(int argc, char **argv);

/* Reads all of `f` into `out` (which must be initialised with its cap); fails
 * with a message when the input passes the cap or is not valid UTF-8. */
int cli_read_input(FILE *f, struct buf *out, const char *what, struct err *e) WARN_UNUSED_RESULT;

/* `duet fair-split`: the Adjusted Winner split of a decision (cli_fair.c). */
int cli_fair_split(int argc, char **argv);

/* `duet choose`: the Nash bargaining choice among options (cli_fair.c). */
int cli_choose(int argc, char **argv);
/* duet coach: the message coach (src/cli/cli_coach.c). */
int cli_coach(int argc, char **argv);

#endif
