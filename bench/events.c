/* events.c: a load generator for live events (GET /api/v1/events), for the
 * event-stream rows of `make bench` (docs/PERFORMANCE.md).
 *
 *     build/bench-events PORT TOKENS STREAMS WRITES
 *
 * TOKENS is a file of lines "LISTENER WRITER": the session tokens of the two
 * partners of one couple. Opens STREAMS event streams on 127.0.0.1:PORT,
 * spread round-robin over the couples (as the listeners), waits until every
 * one has answered, then makes WRITES writes one after another, 20 ms apart,
 * rotating over the couples (each puts a dream on the table as the writer)
 * and measures, for every stream of the couple, the time from just before the
 * write was sent to its `dream` event arriving. The writer's response comes
 * after the commit, so this is an upper bound of commit-to-event. Prints
 * "RESULT streams opened events p50_ms p99_ms max_ms missing". Raise
 * `ulimit -n` above STREAMS first. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_COUPLES 4096

struct stream {
	int fd;
	int couple;
	int answered;      /* the response head has come */
	char tail[16];     /* the last bytes seen, for a marker split over reads */
};

static int port;
static char *listener[MAX_COUPLES], *writer[MAX_COUPLES];
static int ncouples;
static volatile double sent_at[MAX_COUPLES]; /* ms; when the couple's write was sent */
static volatile int writes_done;
static double *lat;
static size_t nlat, caplat;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int dial(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);
		if (k <= 0)
			return -1;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

/* One write: a dream on the couple's table, as its writer; waits for the answer. */
static int write_one(int c)
{
	static const char body[] = "{\"title\":\"bench\",\"kind\":\"idea\"}";
	char req[512];
	int n = snprintf(req, sizeof req,
			 "POST /api/v1/dreams HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
			 "Content-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
			 writer[c], sizeof body - 1, body);
	int fd = dial();
	if (fd < 0)
		return -1;
	sent_at[c] = now_ms();
	int rc = send_all(fd, req, (size_t)n);
	char buf[4096];
	while (rc == 0 && read(fd, buf, sizeof buf) > 0)
		;
	close(fd);
	return rc;
}

static void *writer_main(void *arg)
{
	int writes = *(int *)arg;
	for (int i = 0; i < writes; i++) {
		if (write_one(i % ncouples) < 0)
			fprintf(stderr, "bench-events: a write failed\n");
		writes_done = i + 1;
		usleep(20000);
	}
	return NULL;
}

static void note(double ms)
{
	pthread_mutex_lock(&mu);
	if (nlat == caplat) {
		caplat = caplat ? caplat * 2 : 4096;
		lat = realloc(lat, caplat * sizeof *lat);
	}
	lat[nlat++] = ms;
	pthread_mutex_unlock(&mu);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Counts "event: dream" in what arrived, across read boundaries. */
static void seen(struct stream *s, const char *p, size_t n)
{
	static const char mark[] = "event: dream";
	char joined[16 + 8192 + 1];
	size_t t = strlen(s->tail);
	memcpy(joined, s->tail, t);
	memcpy(joined + t, p, n);
	joined[t + n] = '\0';
	for (char *q = joined; (q = strstr(q, mark)); q += sizeof mark - 1)
		note(now_ms() - sent_at[s->couple]);
	size_t keep = t + n < sizeof mark - 1 ? t + n : sizeof mark - 2;
	memcpy(s->tail, joined + t + n - keep, keep);
	s->tail[keep] = '\0';
	if (!s->answered && strstr(joined, "HTTP/1.1 200"))
		s->answered = 1;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: bench-events PORT TOKENS STREAMS WRITES\n");
		return 2;
	}
	port = atoi(argv[1]);
	int nstreams = atoi(argv[3]), writes = atoi(argv[4]);
	FILE *f = fopen(argv[2], "r");
	char a[128], b[128];
	while (f && ncouples < MAX_COUPLES && fscanf(f, "%127s %127s", a, b) == 2) {
		listener[ncouples] = strdup(a);
		writer[ncouples] = strdup(b);
		ncouples++;
	}
	if (!ncouples) {
		fprintf(stderr, "bench-events: no tokens in %s\n", argv[2]);
		return 2;
	}
	int ep = epoll_create1(0);
	struct stream *st = calloc((size_t)nstreams, sizeof *st);
	int opened = 0;
	for (int i = 0; i < nstreams; i++) {
		st[i].couple = i % ncouples;
		st[i].fd = dial();
		if (st[i].fd < 0) {
			fprintf(stderr, "bench-events: stream %d: %s\n", i, strerror(errno));
			break;
		}
		char req[512];
		int n = snprintf(req, sizeof req,
				 "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				 "Authorization: Bearer %s\r\nAccept: text/event-stream\r\n\r\n",
				 listener[st[i].couple]);
		if (send_all(st[i].fd, req, (size_t)n) < 0)
			break;
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &st[i] };
		epoll_ctl(ep, EPOLL_CTL_ADD, st[i].fd, &ev);
		opened++;
	}
	struct epoll_event evs[256];
	char buf[8192];
	int answered = 0;
	double t0 = now_ms();
	pthread_t w;
	int started = 0;
	double done_at = 0;
	for (;;) {
		int n = epoll_wait(ep, evs, 256, 100);
		for (int i = 0; i < n; i++) {
			struct stream *s = evs[i].data.ptr;
			ssize_t k = read(s->fd, buf, sizeof buf);
			if (k <= 0) {
				epoll_ctl(ep, EPOLL_CTL_DEL, s->fd, NULL);
				continue;
			}
			int was = s->answered;
			seen(s, buf, (size_t)k);
			answered += !was && s->answered;
		}
		if (!started && (answered == opened || now_ms() - t0 > 60000)) {
			fprintf(stderr, "bench-events: %d of %d streams open after %.0f ms\n", answered,
				opened, now_ms() - t0);
			if (getenv("BENCH_EVENTS_READY"))
				fclose(fopen(getenv("BENCH_EVENTS_READY"), "w"));
			pthread_create(&w, NULL, writer_main, &writes);
			started = 1;
		}
		if (started && writes_done == writes && !done_at)
			done_at = now_ms();
		if (done_at && now_ms() - done_at > 2000)
			break; /* two seconds after the last write */
	}
	pthread_join(w, NULL);
	size_t expected = 0;
	for (int i = 0; i < writes; i++)
		for (int k = 0; k < opened; k++)
			expected += st[k].couple == i % ncouples && st[k].answered;
	qsort(lat, nlat, sizeof *lat, cmp);
	double p50 = nlat ? lat[nlat / 2] : 0, p99 = nlat ? lat[(size_t)(nlat * 0.99)] : 0;
	printf("RESULT %d %d %zu %.1f %.1f %.1f %zd\n", nstreams, answered, nlat, p50, p99,
	       nlat ? lat[nlat - 1] : 0, (ssize_t)(expected - nlat));
	return 0;
}
