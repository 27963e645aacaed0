/* pagecache.c: rendered pages kept in memory (see pagecache.h).
 *
 * A direct-mapped table: the slot is picked by a hash of the session and the
 * path, and a new page replaces whatever was in its slot. One mutex guards the
 * table; it is held only for a compare and a copy of a few kilobytes. */
#include "pagecache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	struct pagecache_key key;
	char ctype[PAGECACHE_CTYPE_MAX];
	char *body; /* NULL: empty slot */
	size_t len;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots;
static size_t nslots, budget, used, entries;
static uint64_t hits, misses, stores;

static uint64_t key_hash(const struct pagecache_key *k)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (const char *p = k->session; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	h = (h ^ 0xff) * 1099511628211u;
	for (const char *p = k->path; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	return h ^ (h >> 29);
}

static int key_equal(const struct pagecache_key *a, const struct pagecache_key *b)
{
	return a->couple_version == b->couple_version && a->epoch == b->epoch &&
	       a->minute == b->minute && !strcmp(a->session, b->session) &&
	       !strcmp(a->path, b->path);
}

static void slot_empty(struct slot *s)
{
	if (!s->body)
		return;
	used -= s->len;
	entries--;
	free(s->body);
	s->body = NULL;
	s->len = 0;
}

static void clear_locked(void)
{
	for (size_t i = 0; i < nslots; i++)
		slot_empty(&slots[i]);
}

int pagecache_setup(size_t bytes, size_t n)
{
	pagecache_free();
	if (bytes == 0)
		return 0;
	if (n == 0)
		n = 1024;
	if (n & (n - 1))
		return -1;
	pthread_mutex_lock(&lock);
	slots = calloc(n, sizeof *slots);
	if (slots) {
		nslots = n;
		budget = bytes;
	}
	pthread_mutex_unlock(&lock);
	return slots ? 0 : -1;
}

void pagecache_free(void)
{
	pthread_mutex_lock(&lock);
	clear_locked();
	free(slots);
	slots = NULL;
	nslots = budget = used = entries = 0;
	hits = misses = stores = 0;
	pthread_mutex_unlock(&lock);
}

int pagecache_on(void)
{
	return nslots != 0;
}

int pagecache_get(const struct pagecache_key *k, struct buf *out, char *ctype)
{
	int rc = 0;
	pthread_mutex_lock(&lock);
	if (nslots) {
		struct slot *s = &slots[key_hash(k) & (nslots - 1)];
		if (s->body && key_equal(&s->key, k)) {
			rc = buf_append(out, s->body, s->len) < 0 ? -1 : 1;
			memcpy(ctype, s->ctype, PAGECACHE_CTYPE_MAX);
			hits++;
		} else {
			misses++;
		}
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

void pagecache_put(const struct pagecache_key *k, const char *ctype, const char *body,
		   size_t len)
{
	if (!nslots || !body || len > PAGECACHE_ENTRY_MAX || strlen(ctype) >= PAGECACHE_CTYPE_MAX)
		return;
	/* The copy is made outside the lock; a page that no longer fits is dropped. */
	char *copy = malloc(len ? len : 1);
	if (!copy)
		return;
	memcpy(copy, body, len);
	pthread_mutex_lock(&lock);
	if (nslots) {
		struct slot *s = &slots[key_hash(k) & (nslots - 1)];
		slot_empty(s);
		if (used + len <= budget) {
			s->key = *k;
			snprintf(s->ctype, sizeof s->ctype, "%s", ctype);
			s->body = copy;
			s->len = len;
			used += len;
			entries++;
			stores++;
			copy = NULL;
		}
	}
	pthread_mutex_unlock(&lock);
	free(copy);
}

void pagecache_clear(void)
{
	pthread_mutex_lock(&lock);
	clear_locked();
	pthread_mutex_unlock(&lock);
}

void pagecache_stats(struct pagecache_stats *out)
{
	pthread_mutex_lock(&lock);
	out->hits = hits;
	out->misses = misses;
	out->stores = stores;
	out->bytes = used;
	out->entries = entries;
	pthread_mutex_unlock(&lock);
}
