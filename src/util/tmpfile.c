/* tmpfile.c: nameless temporary files (see tmpfile.h). */
#include "tmpfile.h"

#include <fcntl.h>
#include <stdio.h>
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
	if (snprintf(path, sizeof path, "%s/duet-XXXXXX", dir) >= (int)sizeof path)
		return -1;
	fd = mkostemp(path, O_CLOEXEC); /* mode 0600 */
	if (fd < 0)
		return -1;
	unlink(path);
	return fd;
}
