/* config.h: the configuration file of `duet serve` (README "Configuring").
 *
 * A file is lines of `key = value`. Blank lines, and lines whose first
 * non-blank character is '#', are ignored; the value runs to the end of its
 * line, with the blanks around it trimmed (so a '#' inside a value, as in a
 * URL, is kept). Keys are the long options of `duet serve` (listen, db,
 * threads, tls-cert, tls-key, metrics-listen, log-format) and the DUET_*
 * settings in lower case without the prefix, '-' for '_': page-cache-mb is
 * DUET_PAGE_CACHE_MB. Each key is one environment variable.
 *
 * The file is applied by setting those variables that are not already set
 * (cli_serve.c), which gives the precedence command line > environment > file
 * and keeps every getenv() of the settings working.
 *
 * Parsing is pure: no I/O. A key that is not known, a key given twice, a line
 * without '=', or a value the key does not accept stops the parse with
 * "FILE:LINE: what was wrong". */
#ifndef DUET_CONFIG_H
#define DUET_CONFIG_H

#include <stddef.h>

#include "util/common.h"
#include "util/err.h"

#define CONFIG_MAX_BYTES (64u << 10) /* a larger file is refused */

struct config_setting {
	const char *key;   /* "page-cache-mb"; static */
	const char *env;   /* "DUET_PAGE_CACHE_MB"; static */
	const char *value; /* points into the config's own copy of the text */
	int line;          /* 1-based line of the file it came from */
};

/* The settings a file gave, in file order. Invariant: every value has passed
 * its key's check. Owned by the caller: config_release frees the copy. */
struct config {
	char *text; /* the one allocation: the settings, then the file's text
		     * edited in place; NULL when the file set nothing */
	size_t n;
	struct config_setting *set; /* n settings, at the start of text */
};

/* Parses len bytes of text read from the file named `file` (used only in
 * messages). 0 and *out filled (release it), or -1 with e set to
 * "FILE:LINE: …" (status 2) and *out empty. */
int config_parse(const char *text, size_t len, const char *file, struct config *out,
		 struct err *e) WARN_UNUSED_RESULT;

/* Frees what config_parse kept; safe on an empty or released config. */
void config_release(struct config *c);

/* The environment variable of a key ("db" gives "DUET_DB"), or NULL when the
 * key is not one duet knows. */
const char *config_env_of(const char *key);

/* Checks a value for the key: 0, or -1 with a person's message in e (without
 * file and line). Used by config_parse and for settings from the environment. */
int config_check(const char *key, const char *value, struct err *e) WARN_UNUSED_RESULT;

#endif
