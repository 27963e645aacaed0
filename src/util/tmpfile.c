/* tmpfile.c: nameless temporary files (see tmpfile.h). */
#include "tmpfile.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

static const char *tmp_dir(void)
{
	const char *d = getenv("TMPDIR");
	return d && *d == '/' ? d : "/tmp";
}

int tmpfile_open(void)
{
	const char *dir = tmp_dir();
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	/* file systems without O_TMPFILE: a name that lives for one unlink() */
	char path[4096];
	int n = snprintf(path, sizeof path, "%s/duet-", dir);
	if (n < 0 || (size_t)n + 7 > sizeof path)
		return -1;
	memset(path + n, 'X', 6); /* mkostemp's template: six of them, replaced */
	path[n + 6] = '\0';
	fd = mkostemp(path, O_CLOEXEC); /* mode 0600 */
	if (fd < 0)
		return -1;
	unlink(path);
	return fd;
}
