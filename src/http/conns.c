/* conns.c: per-address connection counts and the header deadline (see conns.h). */
#include "conns.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "clientaddr.h"

#define BUCKETS 1024
#define LINGER_MS 100            /* most time spent draining one connection */
#define LINGER_BYTES (8u << 20)  /* most bytes drained from one connection */

/* The connections from one group; freed when the last closes. */
struct group {
	struct group *next;
	int count;
	char name[CLIENTADDR_MAX];
};

struct conn {
	struct conn *prev, *next; /* all open connections */
	struct group *group;      /* NULL when not counted */
	int fd;
	int busy;                 /* headers received, answer not done yet */
	int shut;                 /* already shut down by the watcher */
	int linger;               /* drain the input before closing */
	int64_t since;            /* when it began waiting for headers */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static struct group *buckets[BUCKETS];
static struct conn *open_list;
static int limit, deadline, running;
static pthread_t watcher;

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct group **slot(const char *name)
{
	uint32_t h = 2166136261u;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	struct group **g = &buckets[h % BUCKETS];
	while (*g && strcmp((*g)->name, name))
		g = &(*g)->next;
	return g;
}

/* Shuts down connections past the deadline; runs with the lock held. */
static void sweep(int64_t now)
{
	for (struct conn *c = open_list; c; c = c->next) {
		if (!c->busy && !c->shut && now - c->since > (int64_t)deadline * 1000) {
			shutdown(c->fd, SHUT_RDWR);
			c->shut = 1;
		}
	}
}

static void *watch(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (running) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 250 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&wake, &lock, &ts);
		if (running && deadline > 0)
			sweep(now_ms());
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int conns_start(int per_address, int deadline_s)
{
	limit = per_address;
	deadline = deadline_s;
	if (deadline <= 0)
		return 0;
	running = 1;
	if (pthread_create(&watcher, NULL, watch, NULL) != 0) {
		running = 0;
		return -1;
	}
	return 0;
}

void conns_stop(void)
{
	pthread_mutex_lock(&lock);
	int was = running;
	running = 0;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	if (was)
		pthread_join(watcher, NULL);
	for (struct conn *c = open_list, *n; c; c = n) {
		n = c->next;
		free(c);
	}
	open_list = NULL;
	for (size_t i = 0; i < BUCKETS; i++)
		for (struct group *g = buckets[i], *n; g; g = n) {
			n = g->next;
			free(g);
		}
	memset(buckets, 0, sizeof buckets);
}

int conns_admit(const char *group, int trusted)
{
	if (trusted || limit <= 0)
		return 1;
	pthread_mutex_lock(&lock);
	struct group *g = *slot(group);
	int ok = !g || g->count < limit;
	pthread_mutex_unlock(&lock);
	return ok;
}

/* Counts c in group g (NULL: not counted) and lists it; runs with the lock held. */
static void track(struct conn *c, struct group *g)
{
	c->group = g;
	if (g)
		g->count++;
	c->next = open_list;
	if (open_list)
		open_list->prev = c;
	open_list = c;
}

struct conn *conns_open(const char *group, int fd)
{
	struct conn *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->fd = fd;
	c->since = now_ms();
	pthread_mutex_lock(&lock);
	struct group **gp = slot(group);
	if (!*gp && (*gp = calloc(1, sizeof **gp)))
		snprintf((*gp)->name, sizeof (*gp)->name, "%s", group);
	track(c, *gp);
	pthread_mutex_unlock(&lock);
	return c;
}

struct conn *conns_hand_over(struct conn *c, int fd)
{
	struct conn *h = c ? calloc(1, sizeof *h) : NULL;
	if (!h)
		return NULL;
	h->fd = fd;
	h->busy = 1; /* never swept: no request is awaited on it */
	pthread_mutex_lock(&lock);
	track(h, c->group);
	pthread_mutex_unlock(&lock);
	return h;
}

void conns_headers_done(struct conn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&lock);
	c->busy = 1;
	pthread_mutex_unlock(&lock);
}

void conns_request_done(struct conn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&lock);
	c->busy = 0;
	c->since = now_ms();
	pthread_mutex_unlock(&lock);
}

void conns_linger(struct conn *c)
{
	if (c)
		c->linger = 1;
}

/* Reads and drops what the client still sends, within LINGER_MS and
 * LINGER_BYTES, or until it stops. */
static void drain(int fd)
{
	char buf[16384];
	size_t total = 0;
	int64_t end = now_ms() + LINGER_MS;
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return;
	for (int64_t left; (left = end - now_ms()) > 0 && total < LINGER_BYTES;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, (int)left) <= 0)
			break;
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		if (n <= 0 && !(n < 0 && (errno == EAGAIN || errno == EINTR)))
			break;
		if (n > 0)
			total += (size_t)n;
	}
}

void conns_close(struct conn *c)
{
	if (!c)
		return;
	if (c->linger)
		drain(c->fd);
	pthread_mutex_lock(&lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		open_list = c->next;
	if (c->next)
		c->next->prev = c->prev;
	struct group *g = c->group;
	if (g && --g->count == 0) {
		struct group **gp = slot(g->name);
		*gp = g->next;
		free(g);
	}
	pthread_mutex_unlock(&lock);
	free(c);
}

int conns_count(const char *group)
{
	pthread_mutex_lock(&lock);
	struct group *g = *slot(group);
	int n = g ? g->count : 0;
	pthread_mutex_unlock(&lock);
	return n;
}
