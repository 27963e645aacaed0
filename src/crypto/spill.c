/* spill.c: see spill.h. A record on disk is its cipher text's length (4 bytes,
 * little-endian) and the cipher text; the stream's header comes first. */
#include "spill.h"

#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/tmpfile.h"
#include "util/wipe.h"

#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES
#define HBYTES crypto_secretstream_xchacha20poly1305_HEADERBYTES

struct spill {
	int fd;
	int reading;
	int done;     /* the final record has been read */
	uint64_t len; /* plain text written */
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char plain[SPILL_RECORD]; /* the record being read */
	size_t plain_len, plain_pos;
	unsigned char cipher[SPILL_RECORD + ABYTES]; /* a record on its way */
};

static int write_all(int fd, const void *p, size_t n)
{
	const unsigned char *b = p;
	while (n > 0) {
		ssize_t w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* 1 when n bytes were read, 0 at the end of the file before any, -1 else. */
static int read_all(int fd, void *p, size_t n)
{
	unsigned char *b = p;
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, b + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return got == 0 ? 0 : -1;
		got += (size_t)r;
	}
	return 1;
}

struct spill *spill_open(void)
{
	struct spill *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->fd = tmpfile_open();
	if (s->fd < 0) {
		free(s);
		return NULL;
	}
	unsigned char header[HBYTES];
	crypto_secretstream_xchacha20poly1305_keygen(s->key);
	if (crypto_secretstream_xchacha20poly1305_init_push(&s->st, header, s->key) != 0 ||
	    write_all(s->fd, header, sizeof header) < 0) {
		spill_free(s);
		return NULL;
	}
	return s;
}

static int put_record(struct spill *s, const unsigned char *p, size_t n, unsigned char tag)
{
	unsigned long long clen = 0;
	if (crypto_secretstream_xchacha20poly1305_push(&s->st, s->cipher, &clen, p, n, NULL, 0,
	                                               tag) != 0)
		return -1;
	unsigned char lenb[4] = {(unsigned char)clen, (unsigned char)(clen >> 8),
	                         (unsigned char)(clen >> 16), (unsigned char)(clen >> 24)};
	return write_all(s->fd, lenb, 4) < 0 || write_all(s->fd, s->cipher, (size_t)clen) < 0 ? -1
	                                                                                      : 0;
}

int spill_write(struct spill *s, const void *p, size_t n)
{
	if (s->reading)
		return -1;
	const unsigned char *b = p;
	while (n > 0) {
		size_t k = n < SPILL_RECORD ? n : SPILL_RECORD;
		if (put_record(s, b, k, 0) < 0)
			return -1;
		s->len += k;
		b += k;
		n -= k;
	}
	return 0;
}

int spill_finish(struct spill *s)
{
	if (s->reading)
		return -1;
	unsigned char header[HBYTES];
	if (put_record(s, NULL, 0, crypto_secretstream_xchacha20poly1305_TAG_FINAL) < 0 ||
	    lseek(s->fd, 0, SEEK_SET) != 0 || read_all(s->fd, header, sizeof header) != 1 ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&s->st, header, s->key) != 0)
		return -1;
	s->reading = 1;
	return 0;
}

uint64_t spill_length(const struct spill *s)
{
	return s->len;
}

/* Reads and opens the next record into plain. 0, or -1. */
static int next_record(struct spill *s)
{
	unsigned char lenb[4];
	if (read_all(s->fd, lenb, 4) != 1)
		return -1;
	size_t clen =
	    (size_t)lenb[0] | (size_t)lenb[1] << 8 | (size_t)lenb[2] << 16 | (size_t)lenb[3] << 24;
	if (clen < ABYTES || clen > sizeof s->cipher || read_all(s->fd, s->cipher, clen) != 1)
		return -1;
	unsigned long long plen = 0;
	unsigned char tag = 0;
	if (crypto_secretstream_xchacha20poly1305_pull(&s->st, s->plain, &plen, &tag, s->cipher,
	                                               clen, NULL, 0) != 0)
		return -1;
	s->plain_len = (size_t)plen;
	s->plain_pos = 0;
	if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
		s->done = 1;
	return 0;
}

ssize_t spill_read(struct spill *s, void *out, size_t max)
{
	if (!s->reading)
		return -1;
	while (s->plain_pos == s->plain_len) {
		if (s->done)
			return 0;
		if (next_record(s) < 0)
			return -1;
	}
	size_t k = s->plain_len - s->plain_pos;
	if (k > max)
		k = max;
	memcpy(out, s->plain + s->plain_pos, k);
	s->plain_pos += k;
	return (ssize_t)k;
}

int spill_fd(const struct spill *s)
{
	return s->fd;
}

void spill_free(struct spill *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	wipe(s, sizeof *s);
	free(s);
}
