/* pagecache.c: rendered pages kept in memory (see pagecache.h).
 *
 * A set-associative table: a hash of the session and the path picks a set of
 * WAYS slots; a page goes into the slot its session and path already had, else
 * an empty one, else the one stored longest ago. Sets are guarded by STRIPES
 * mutexes (set i by stripe i % STRIPES), so that worker threads rarely wait for
 * each other; a stripe is held only for a few compares and a copy of a few
 * kilobytes. The budget is kept with an atomic count of the bytes kept. Setup
 * and free take every stripe. */
#include "pagecache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STRIPES 64
#define WAYS 4

struct slot {
	struct pagecache_key key;
	char ctype[PAGECACHE_CTYPE_MAX];
	char *body; /* NULL: empty slot */
	size_t len;
	uint64_t stored; /* when it was stored, in stores made */
};

static pthread_mutex_t stripe[STRIPES];
static pthread_once_t stripes_made = PTHREAD_ONCE_INIT;
static struct slot *slots;
static size_t nslots, budget; /* changed only with every stripe held */
static atomic_size_t used, entries;
static atomic_uint_fast64_t hits, misses, stores;

static void make_stripes(void)
{
	for (size_t i = 0; i < STRIPES; i++)
		pthread_mutex_init(&stripe[i], NULL);
}

static void lock_all(void)
{
	pthread_once(&stripes_made, make_stripes);
	for (size_t i = 0; i < STRIPES; i++)
		pthread_mutex_lock(&stripe[i]);
}

static void unlock_all(void)
{
	for (size_t i = STRIPES; i-- > 0;)
		pthread_mutex_unlock(&stripe[i]);
}

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

static int same_page(const struct pagecache_key *a, const struct pagecache_key *b)
{
	return !strcmp(a->session, b->session) && !strcmp(a->path, b->path);
}

static int key_equal(const struct pagecache_key *a, const struct pagecache_key *b)
{
	return a->couple_version == b->couple_version && a->epoch == b->epoch &&
	       a->minute == b->minute && a->lang == b->lang && same_page(a, b);
}

/* Empties a slot; its stripe is held. */
static void slot_empty(struct slot *s)
{
	if (!s->body)
		return;
	atomic_fetch_sub(&used, s->len);
	atomic_fetch_sub(&entries, 1);
	free(s->body);
	s->body = NULL;
	s->len = 0;
}

/* The first slot of k's set, with the set's stripe locked; NULL (nothing
 * locked) when off. */
static struct slot *set_lock(const struct pagecache_key *k)
{
	if (!nslots)
		return NULL;
	size_t set = (size_t)key_hash(k) & (nslots / WAYS - 1);
	pthread_mutex_lock(&stripe[set % STRIPES]);
	return &slots[set * WAYS];
}

static void set_unlock(const struct slot *set)
{
	pthread_mutex_unlock(&stripe[(size_t)(set - slots) / WAYS % STRIPES]);
}

/* Where a new page for k goes in its set: k's own slot, an empty one, or the
 * one stored longest ago. */
static struct slot *victim(struct slot *set, const struct pagecache_key *k)
{
	struct slot *v = &set[0];
	for (int w = 0; w < WAYS; w++) {
		if (set[w].body && same_page(&set[w].key, k))
			return &set[w];
		if (v->body && (!set[w].body || set[w].stored < v->stored))
			v = &set[w];
	}
	return v;
}

int pagecache_setup(size_t bytes, size_t n)
{
	pagecache_free();
	if (bytes == 0)
		return 0;
	if (n == 0)
		n = 4096;
	if (n < WAYS || (n & (n - 1)))
		return -1;
	struct slot *s = calloc(n, sizeof *s);
	if (!s)
		return -1;
	lock_all();
	slots = s;
	nslots = n;
	budget = bytes;
	unlock_all();
	return 0;
}

void pagecache_free(void)
{
	lock_all();
	for (size_t i = 0; i < nslots; i++)
		slot_empty(&slots[i]);
	free(slots);
	slots = NULL;
	nslots = budget = 0;
	atomic_store(&used, 0);
	atomic_store(&entries, 0);
	atomic_store(&hits, 0);
	atomic_store(&misses, 0);
	atomic_store(&stores, 0);
	unlock_all();
}

int pagecache_on(void)
{
	return nslots != 0;
}

int pagecache_get(const struct pagecache_key *k, struct buf *out, char *ctype)
{
	struct slot *set = set_lock(k);
	if (!set)
		return 0;
	int rc = 0;
	for (int w = 0; w < WAYS; w++) {
		struct slot *s = &set[w];
		if (s->body && key_equal(&s->key, k)) {
			rc = buf_append(out, s->body, s->len) < 0 ? -1 : 1;
			memcpy(ctype, s->ctype, PAGECACHE_CTYPE_MAX);
			break;
		}
	}
	set_unlock(set);
	atomic_fetch_add(rc == 1 ? &hits : &misses, 1);
	return rc;
}

void pagecache_put(const struct pagecache_key *k, const char *ctype, const char *body,
		   size_t len)
{
	if (!nslots || !body || len > PAGECACHE_ENTRY_MAX || strlen(ctype) >= PAGECACHE_CTYPE_MAX)
		return;
	/* The copy is made outside the lock; a page that does not fit is dropped. */
	char *copy = malloc(len ? len : 1);
	if (!copy)
		return;
	memcpy(copy, body, len);
	struct slot *set = set_lock(k);
	if (set) {
		struct slot *s = victim(set, k);
		slot_empty(s);
		/* Reserve the bytes first, so that two threads cannot both pass. */
		if (atomic_fetch_add(&used, len) + len <= budget) {
			s->key = *k;
			snprintf(s->ctype, sizeof s->ctype, "%s", ctype);
			s->body = copy;
			s->len = len;
			s->stored = atomic_fetch_add(&stores, 1);
			atomic_fetch_add(&entries, 1);
			copy = NULL;
		} else {
			atomic_fetch_sub(&used, len);
		}
		set_unlock(set);
	}
	free(copy);
}

void pagecache_clear(void)
{
	lock_all();
	for (size_t i = 0; i < nslots; i++)
		slot_empty(&slots[i]);
	unlock_all();
}

void pagecache_stats(struct pagecache_stats *out)
{
	out->hits = atomic_load(&hits);
	out->misses = atomic_load(&misses);
	out->stores = atomic_load(&stores);
	out->bytes = atomic_load(&used);
	out->entries = atomic_load(&entries);
}
