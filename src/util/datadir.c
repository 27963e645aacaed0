/* datadir.c: locating the data folder (see datadir.h). */
#include "datadir.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#ifndef DUET_SHARE
#define DUET_SHARE "/usr/local/share/duet"
#endif

const char *datadir(void)
{
	const char *env = getenv("DUET_DATA");
	if (env && *env)
		return env;
	struct stat st;
	if (stat("data", &st) == 0 && S_ISDIR(st.st_mode))
		return "data";
	return DUET_SHARE "/data";
}

int datadir_path(char *out, size_t size, const char *rel)
{
	int n = snprintf(out, size, "%s/%s", datadir(), rel);
	return (n < 0 || (size_t)n >= size) ? -1 : 0;
}
