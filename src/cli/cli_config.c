/* cli_config.c: finding, reading and applying the configuration file
 * (config.h parses it). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"

#define CONFIG_DEFAULT "/etc/duet/duet.conf"

/* True when the running binary is an installed one (PREFIX/bin/duet), not a
 * build in a source tree: only then is /etc/duet/duet.conf read by default. */
static int running_installed(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	size_t len = (size_t)n;
	return len >= 9 && !strcmp(exe + len - 9, "/bin/duet");
}

/* Reads path whole into out (capped at CONFIG_MAX_BYTES + 1). */
static int read_file(const char *path, struct buf *out, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_usage(e, "%.160s: %s", path, strerror(errno));
	int rc = cli_read_input(f, out, path, e);
	fclose(f);
	return rc;
}

const char *cli_config_path(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--config"))
			return argv[i + 1];
	return NULL;
}

int cli_config_apply(const char *path, struct err *e)
{
	if (!path) {
		if (!running_installed() || access(CONFIG_DEFAULT, F_OK) != 0)
			return 0;
		path = CONFIG_DEFAULT;
	}
	struct buf text;
	buf_init(&text, CONFIG_MAX_BYTES + 1);
	struct config c;
	int rc = read_file(path, &text, e);
	if (rc == 0)
		rc = config_parse(text.data ? text.data : "", text.len, path, &c, e);
	buf_release(&text);
	if (rc < 0) {
		e->exit_code = ERR_EXIT_FAILURE; /* a bad file stops the start: exit 1, not a usage error */
		return -1;
	}
	for (size_t i = 0; i < c.n && rc == 0; i++) {
		const char *have = getenv(c.set[i].env);
		if (have && *have)
			continue; /* the environment wins over the file */
		if (setenv(c.set[i].env, c.set[i].value, 1) < 0)
			rc = err_set(e, 500, "no_memory", "out of memory applying %.160s", path);
	}
	config_release(&c);
	return rc;
}

int cli_setting(const char *key, const char *opt, const char **out, struct err *e)
{
	const char *v = opt;
	const char *from = NULL;
	if (!v || !*v) {
		const char *env = config_env_of(key);
		v = env ? getenv(env) : NULL;
		from = env;
	}
	if (!v || !*v)
		return 0;
	struct err why = { 0 };
	if (config_check(key, v, &why) < 0)
		return from ? err_set(e, 500, "config", "%s: %s", from, why.msg)
			    : err_usage(e, "--%s: %s", key, why.msg);
	*out = v;
	return 0;
}
