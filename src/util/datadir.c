/* datadir.c: locating the data folder (see datadir.h). */
#include "datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* PREFIX/share/duet/data for the PREFIX the running binary sits in
 * (PREFIX/bin/duet), found at run time so that `make install PREFIX=…` needs
 * no rebuild. NULL when the binary's place cannot be read or has no data. */
static const char *installed_data(void)
{
	static char path[PATH_MAX];
	static int done;
	if (done)
		return path[0] ? path : NULL;
	done = 1;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0'; /* PREFIX/bin */
	slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0'; /* PREFIX */
	int w = snprintf(path, sizeof path, "%s/share/duet/data", exe);
	if (w < 0 || (size_t)w >= sizeof path || !is_dir(path)) {
		path[0] = '\0';
		return NULL;
	}
	return path;
}

const char *datadir(void)
{
	const char *env = getenv("DUET_DATA");
	if (env && *env)
		return env;
	if (is_dir("data"))
		return "data";
	const char *inst = installed_data();
	if (inst)
		return inst;
	return "/usr/share/duet/data";
}

int datadir_path(char *out, size_t size, const char *rel)
{
	int n = snprintf(out, size, "%s/%s", datadir(), rel);
	return (n < 0 || (size_t)n >= size) ? -1 : 0;
}
