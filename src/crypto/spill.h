/* spill.h: a sealed spill file, for an answer too large to hold in memory
 * (the export, which holds the person's unlocked journal).
 *
 * Bytes are written to a nameless temporary file (util/tmpfile.h) encrypted
 * with XChaCha20-Poly1305 secretstream under a random key that lives only in
 * this process's memory and is wiped with the spill. Nothing readable reaches
 * the disk: not the file's blocks, not what is left of them after it is gone,
 * not a copy an operator makes while it is sent. Records are at most
 * SPILL_RECORD bytes of plain text; the last one is tagged final, so a file
 * cut short or changed reads as an error, never as a shorter answer.
 *
 * Use: spill_open, spill_write as often as needed, spill_finish, then
 * spill_read until it returns 0, then spill_free. One thread at a time. */
#ifndef DUET_SPILL_H
#define DUET_SPILL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SPILL_RECORD (64 * 1024)

struct spill;

/* A new, empty spill; NULL (errno set) when no file or memory can be had. */
struct spill *spill_open(void);

/* Appends n bytes. 0, or -1 when the file cannot be written (full disk). */
int spill_write(struct spill *s, const void *p, size_t n);

/* Ends writing and turns the spill over for reading. 0 or -1. */
int spill_finish(struct spill *s);

/* Plain-text bytes written in all. */
uint64_t spill_length(const struct spill *s);

/* Up to max bytes of the plain text, in order: how many (0 at the end), or
 * -1 when the file cannot be read or fails its authentication. */
ssize_t spill_read(struct spill *s, void *out, size_t max);

/* The file under the spill, for tests that look at what reached the disk. */
int spill_fd(const struct spill *s);

/* Closes the file, wipes the key and buffers, frees s. s may be NULL. */
void spill_free(struct spill *s);

#endif
