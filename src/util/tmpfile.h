/* tmpfile.h: a nameless temporary file for an answer too large to hold in
 * memory (the export). The file is created with mode 0600 in $TMPDIR (else
 * /tmp) and never has a name another process could open: O_TMPFILE where the
 * file system has it, else mkstemp() followed at once by unlink(). It goes
 * away when its last descriptor is closed, even if the process dies. */
#ifndef DUET_TMPFILE_H
#define DUET_TMPFILE_H

/* A new, empty, unlinked file open for reading and writing (close-on-exec);
 * the caller closes it. -1 with errno set when none can be made. */
int tmpfile_open(void);

#endif
