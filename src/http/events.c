/* events.c: the live event log's emitting side and the event streams (see
 * events.h and docs/internals/events.md).
 *
 * Locking: `hub.mu` guards the list of streams, each stream's watches (couple
 * and last_id), and the thread's state; a stream's own `mu` guards its pending
 * bytes and whether its connection is suspended. Order: hub.mu, then a
 * stream's mu, then libmicrohttpd's own locks (suspend and resume).
 *
 * Held streams: a suspended connection still costs libmicrohttpd's whole
 * per-connection memory pool (all of it written, so resident) and its
 * connection struct, about 18 KB a stream. So a stream over plain HTTP/1.1,
 * once its head and first bytes are sent and it has nothing more to say, is
 * taken out of libmicrohttpd instead of being suspended: the reader dup()s the
 * socket into the stream (s->fd) and ends the response with an error, which
 * makes libmicrohttpd close its own descriptor without writing or shutting
 * anything down (MHD_USE_TURBO: no shutdown() on close), and the stream
 * thread writes the chunked body from then on, watching the socket with its
 * own epoll set. Such a stream has two owners until both are done with it:
 * libmicrohttpd (until it frees the response: s->mhd_done) and the hub (until
 * it ends the stream: s->hub_done); the second to finish frees it. Over TLS
 * the socket carries GnuTLS records, so those streams stay suspended in
 * libmicrohttpd. */
#include "events.h"

#include <assert.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "conns.h"
#include "events_store.h"
#include "util/log.h"

int (*events_kind_known)(const char *kind) = NULL;

void (*events_on_emit_hook)(struct db *db, int64_t couple_id, int64_t actor_id,
			    const char *kind) = NULL;

int (*events_watch_hook)(struct req *r, struct db *db, struct events_watch *out, size_t max,
			 size_t *n) = NULL;

unsigned (*events_kind_bits)(const char *kind) = NULL;

/* Rows the PostgreSQL scan reads again each time: there a row with a lower seq
 * may commit after one with a higher seq; each stream skips what it has. */
#define PG_SCAN_LAG 64
#define SCAN_BATCH 256

/* A couple whose events a stream carries. */
struct watch {
	int64_t couple_id;
	int64_t last_id;     /* the couple's last event queued (or passed over) here */
	unsigned bits;       /* a watcher's: kinds whose bits meet these are sent */
	char url[EVENTS_WATCH_URL_MAX]; /* a watcher's: the url its events carry */
};

struct stream {
	struct stream *prev, *next; /* hub.streams, under hub.mu */
	int watcher;                /* 0: a partner's (one watch, every kind) */
	int64_t viewer;             /* whose stream: events they caused say "mine" */
	size_t nw;                  /* watches, 0 or 1 for a partner */
	struct watch *w;            /* &one, or nw from calloc; under hub.mu */
	struct watch one;
	uint64_t quiet_since_ms;    /* last bytes queued; under hub.mu */
	uint64_t opened_ms;         /* under hub.mu */
	pthread_mutex_t mu;
	struct MHD_Connection *conn;
	struct buf out;             /* bytes not yet handed to libmicrohttpd, or (held)
				     * chunks not yet sent; under mu */
	size_t sent;                /* of out, handed over already */
	int suspended;              /* under mu */
	int closing;                /* end once out is drained; under mu */
	/* Holding (see the top of the file); all under mu but can_hold. */
	int can_hold;               /* plain HTTP/1.1 with a chunked body: may be held */
	int mhd_fd;                 /* libmicrohttpd's socket, until held */
	struct conn *mhd_conn;      /* its count against its address (conns.h), borrowed */
	int fd;                     /* -1, or the socket the hub holds and writes */
	struct conn *held_conn;     /* held: its count, owned by the stream */
	int dead;                   /* held: the client left, or a send failed */
	uint64_t stalled_ms;        /* held: since when sends have not all gone out, or 0 */
	int mhd_done, hub_done;     /* held: which owners are done with it */
};

#define HELD_STALL_MS 60000 /* a held stream whose client reads nothing ends then
			     * (libmicrohttpd's connection timeout, for the others) */

static struct {
	pthread_mutex_t mu;
	pthread_t thread;
	int wake_fd;          /* an eventfd: this process recorded events, or stop */
	int running, stop;
	struct stream *streams;
	size_t count;
	int64_t last_seq;     /* the highest seq the thread has read */
	uint64_t keepalive_ms;
	int ep;               /* epoll set of held streams' sockets (data.ptr: the stream) */
	int reap;             /* some held stream may be over; under mu */
} hub = { .mu = PTHREAD_MUTEX_INITIALIZER, .ep = -1 };

/* Set by the reader in the libmicrohttpd thread that just took a stream over,
 * for events_quiet_log(): the error it ends the response with is no error. */
static __thread int handing_over;

static const char stream_key;  /* req memo: this request opened a stream */

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Milliseconds from t to now; 0 when t is later (set by another thread after
 * `now` was read). */
static uint64_t ms_since(uint64_t now, uint64_t t)
{
	return now > t ? now - t : 0;
}

static int kind_known(const char *kind)
{
	return !events_kind_known || events_kind_known(kind);
}

/* ---- recording ------------------------------------------------------------- */

int events_record(struct db *db, int64_t couple_id, int64_t actor_id, const char *kind,
		  const char *ref, const char *url, struct err *e)
{
	assert(kind_known(kind));
	assert(url && url[0] == '/' && strlen(url) < EVENT_URL_MAX);
	int64_t id;
	if (!couple_id)
		return 0;
	if (events_store_add(db, couple_id, kind, ref, url, actor_id, db_now(), &id, e) < 0)
		return -1;
	if (events_on_emit_hook)
		events_on_emit_hook(db, couple_id, actor_id, kind);
	return 0;
}

/* url with "{id}" replaced by ref, into out. */
static void url_of(char *out, size_t cap, const char *url, const char *ref)
{
	const char *at = ref ? strstr(url, "{id}") : NULL;
	if (!at)
		snprintf(out, cap, "%s", url);
	else
		snprintf(out, cap, "%.*s%s%s", (int)(at - url), url, ref, at + 4);
}

int event_emit_couple(struct req *r, int64_t couple_id, const char *kind, const char *ref,
		      const char *url)
{
	char where[EVENT_URL_MAX];
	url_of(where, sizeof where, url, ref);
	struct db *db = db_get(&r->err);
	if (!db || events_record(db, couple_id, r->user ? r->user->id : 0, kind, ref, where,
				 &r->err) < 0) {
		log_msg("could not record a %s event: %s", kind, r->err.msg);
		return -1;
	}
	r->emitted_couple = couple_id;
	r->changes_at_emit = db_total_changes(db);
	return 0;
}

int event_emit(struct req *r, const char *kind, const char *ref, const char *url)
{
	return event_emit_couple(r, r->user ? r->user->couple_id : 0, kind, ref, url);
}

int event_emit_id(struct req *r, const char *kind, int64_t id, const char *url)
{
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)id);
	return event_emit(r, kind, ref, url);
}

/* Wakes the stream thread (an eventfd write never blocks). */
static void hub_wake(void)
{
	uint64_t one = 1;
	if (write(hub.wake_fd, &one, sizeof one) < 0 && errno != EAGAIN)
		log_msg("live events: could not wake the stream thread: %s", strerror(errno));
}

void events_after_request(struct req *r)
{
	if (r->emitted_couple && __atomic_load_n(&hub.running, __ATOMIC_ACQUIRE))
		hub_wake();
}

/* ---- the wire format ------------------------------------------------------- */

/* Appends one SSE event of `kind` numbered id with data j (stolen). */
static int format_json(struct buf *b, const char *kind, int64_t id, json_t *j)
{
	char *data = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!data)
		return -1;
	int rc = buf_printf(b, "event: %s\nid: %lld\ndata: %s\n\n", kind, (long long)id, data);
	free(data);
	return rc;
}

/* Appends one event as SSE text: event, id (sse_id), and data
 * {"kind","id","url","at"} with the given url, and "mine": true when `mine`
 * (on a stream of the person who caused it: their page, having written, need
 * not fetch itself again; static/live.js). */
static int format_event(struct buf *b, const struct event_row *ev, int64_t sse_id,
			const char *url, int mine)
{
	char at[32];
	time_t t = (time_t)ev->at;
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm))
		at[0] = '\0';
	json_t *j = json_pack("{s:s,s:I,s:s,s:s}", "kind", ev->kind, "id", (json_int_t)ev->id,
			      "url", url, "at", at);
	if (j && mine && json_object_set_new(j, "mine", json_true()) < 0) {
		json_decref(j);
		j = NULL;
	}
	return format_json(b, ev->kind, sse_id, j);
}

/* "Start again": the events asked for are no longer in the window. */
static int format_reset(struct buf *b, int64_t id)
{
	return format_json(b, "reset", id,
			   json_pack("{s:s,s:I}", "kind", "reset", "id", (json_int_t)id));
}

/* ---- streams --------------------------------------------------------------- */

/* Queues bytes on a stream and resumes its connection. `close` ends the stream
 * after them. A stream too far behind ends; its client reconnects with
 * Last-Event-ID and catches up from the log. Caller holds hub.mu. */
static void held_push(struct stream *s, const char *text, size_t len, int close);

static void stream_push(struct stream *s, const char *text, size_t len, int close)
{
	pthread_mutex_lock(&s->mu);
	if (s->fd >= 0) {
		held_push(s, text, len, close);
		pthread_mutex_unlock(&s->mu);
		return;
	}
	if (!s->closing && buf_append(&s->out, text, len) < 0)
		s->closing = 1;
	if (close)
		s->closing = 1;
	s->quiet_since_ms = now_ms();
	if (s->suspended) {
		s->suspended = 0;
		MHD_resume_connection(s->conn);
	}
	pthread_mutex_unlock(&s->mu);
}

/* Takes s out of hub.streams; caller holds hub.mu. */
static void stream_remove(struct stream *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else if (hub.streams == s)
		hub.streams = s->next;
	if (s->next)
		s->next->prev = s->prev;
	hub.count--;
}

static void stream_unlink(struct stream *s)
{
	pthread_mutex_lock(&hub.mu);
	stream_remove(s);
	pthread_mutex_unlock(&hub.mu);
}

/* Frees a stream that is in no list. */
static void stream_discard(struct stream *s)
{
	if (s->w != &s->one)
		free(s->w);
	buf_release(&s->out);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

/* ---- held streams ---------------------------------------------------------- */

/* Sends a held stream's pending chunks as far as its socket takes them; a
 * failed send, or chunks lost to the cap, end it. Caller holds s->mu. */
static void held_flush(struct stream *s)
{
	if (!buf_ok(&s->out))
		s->dead = 1;
	while (!s->dead && s->sent < s->out.len) {
		ssize_t k = send(s->fd, s->out.data + s->sent, s->out.len - s->sent, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (!s->stalled_ms)
				s->stalled_ms = now_ms();
			return;
		}
		if (k <= 0) {
			s->dead = 1;
			return;
		}
		s->sent += (size_t)k;
	}
	if (s->sent == s->out.len) {
		buf_release(&s->out); /* an idle stream holds no buffer */
		s->sent = 0;
		s->stalled_ms = 0;
	}
}

/* 1 when a held stream is over: its client left, or its last chunk went out. */
static int held_over(const struct stream *s)
{
	return s->dead || (s->closing && s->out.len == 0);
}

/* stream_push for a held stream: the bytes as one HTTP chunk (an empty one
 * would end the body), then the last chunk when closing. Caller holds hub.mu
 * and s->mu. */
static void held_push(struct stream *s, const char *text, size_t len, int close)
{
	if (!s->closing && len > 0 &&
	    (buf_printf(&s->out, "%zx\r\n", len) < 0 || buf_append(&s->out, text, len) < 0 ||
	     buf_puts(&s->out, "\r\n") < 0))
		s->dead = 1;
	if (close && !s->closing) {
		s->closing = 1;
		if (buf_puts(&s->out, "0\r\n\r\n") < 0)
			s->dead = 1;
	}
	s->quiet_since_ms = now_ms();
	held_flush(s);
	if (held_over(s))
		hub.reap = 1;
}

/* Takes the stream out of libmicrohttpd: its socket, dup()ed, joins the hub's
 * epoll set. 0, or -1 (the stream stays with libmicrohttpd). Caller holds
 * s->mu; libmicrohttpd has sent everything it was given. */
static int stream_hold(struct stream *s)
{
	int fd = fcntl(s->mhd_fd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	int one = 1, zero = 0; /* send each event at once, whatever libmicrohttpd left set */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_CORK, &zero, sizeof zero);
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	s->fd = fd;
	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET,
				  .data.ptr = s };
	if (epoll_ctl(hub.ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
		s->fd = -1;
		close(fd);
		return -1;
	}
	s->held_conn = conns_hand_over(s->mhd_conn, fd);
	s->mhd_conn = NULL;
	return 0;
}

/* The hub is done with a held stream that is in no list any more: closes its
 * socket, and frees it when libmicrohttpd is done with it too. */
static void held_end(struct stream *s)
{
	epoll_ctl(hub.ep, EPOLL_CTL_DEL, s->fd, NULL);
	close(s->fd);
	conns_close(s->held_conn);
	pthread_mutex_lock(&s->mu);
	s->fd = -1;
	s->held_conn = NULL;
	s->hub_done = 1;
	int last = s->mhd_done;
	pthread_mutex_unlock(&s->mu);
	if (last)
		stream_discard(s);
}

/* Whether the thread's libmicrohttpd error message is the one that ends a
 * stream just taken over (see events.h); clears it. */
int events_quiet_log(void)
{
	int was = handing_over;
	handing_over = 0;
	return was;
}

/* libmicrohttpd asks for the next bytes: pending ones, the end, or (nothing
 * to say) take the stream over (held) or suspend the connection until
 * stream_push resumes it. */
static ssize_t stream_read(void *cls, uint64_t pos, char *dst, size_t max)
{
	(void)pos;
	struct stream *s = cls;
	ssize_t n = 0;
	pthread_mutex_lock(&s->mu);
	if (buf_ok(&s->out) && s->sent < s->out.len) {
		size_t k = s->out.len - s->sent;
		if (k > max)
			k = max;
		memcpy(dst, s->out.data + s->sent, k);
		s->sent += k;
		if (s->sent == s->out.len) {
			buf_release(&s->out); /* an idle stream holds no buffer */
			s->sent = 0;
		}
		n = (ssize_t)k;
	} else if (s->closing || !buf_ok(&s->out)) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else if (s->can_hold && stream_hold(s) == 0) {
		handing_over = 1;
		/* libmicrohttpd marks the connection closed, but 0.9.75 frees it
		 * (closing its descriptor, freeing its pool) only when its event loop
		 * comes across it again: that loop visits every connection with a
		 * timeout of its own on every turn, and turns within a second. */
		MHD_set_connection_option(s->conn, MHD_CONNECTION_OPTION_TIMEOUT, 1u);
		n = MHD_CONTENT_READER_END_WITH_ERROR;
	} else {
		s->suspended = 1;
		MHD_suspend_connection(s->conn);
	}
	pthread_mutex_unlock(&s->mu);
	return n;
}

/* The response is gone (the client left, the stream ended, or the hub holds
 * it now). */
static void stream_free(void *cls)
{
	struct stream *s = cls;
	pthread_mutex_lock(&s->mu);
	int held = s->fd >= 0 || s->hub_done;
	s->mhd_done = 1;
	int last = s->hub_done;
	pthread_mutex_unlock(&s->mu);
	handing_over = 0;
	if (!held) {
		stream_unlink(s);
		stream_discard(s);
	} else if (last) {
		stream_discard(s);
	}
}

/* Appends the couple's events since `last` (a Last-Event-ID) up to `upto`,
 * or a reset when some of them have left the window. */
static int replay_since_id(struct db *db, struct buf *b, int64_t couple, int64_t last,
			   int64_t upto, int64_t viewer, struct err *e)
{
	static struct event_row rows[EVENTS_KEEP]; /* used under hub.mu only */
	size_t n = 0;
	if (last > upto)
		return format_reset(b, upto);
	if (last == upto)
		return 0;
	if (events_store_of_couple(db, couple, last, upto, 0, 0, 0, rows, EVENTS_KEEP, &n, e) < 0)
		return -1;
	if (n == 0 || rows[0].id != last + 1)
		return format_reset(b, upto);
	for (size_t i = 0; i < n; i++)
		if (format_event(b, &rows[i], rows[i].id, rows[i].url,
				 viewer && rows[i].actor_id == viewer) < 0)
			return -1;
	return 0;
}

/* Appends the couple's events from unix time `since` on (a page made then),
 * but for the viewer's own: the page they loaded after acting shows those. */
static int replay_since_time(struct db *db, struct buf *b, int64_t couple, int64_t since,
			     int64_t upto, int64_t viewer, struct err *e)
{
	static struct event_row rows[EVENTS_KEEP]; /* used under hub.mu only */
	size_t n = 0;
	if (events_store_of_couple(db, couple, 0, upto, 0, since, viewer, rows, EVENTS_KEEP, &n,
				   e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (format_event(b, &rows[i], rows[i].id, rows[i].url, 0) < 0)
			return -1;
	return 0;
}

static unsigned kind_bits(const char *kind)
{
	return events_kind_bits ? events_kind_bits(kind) : 0;
}

/* A watcher's replay: for each watch, its events up to its last_id that came
 * after row `after_seq` (a Last-Event-ID) or, without one, from unix time
 * `since` on but for the viewer's own; only the kinds the watch may see. When
 * that would fill half the stream's buffer, a reset stands for the rest. */
static int replay_watches(struct db *db, struct stream *s, int64_t after_seq, int64_t since,
			  int64_t viewer, struct err *e)
{
	static struct event_row rows[EVENTS_KEEP]; /* used under hub.mu only */
	int by_seq = after_seq >= 0;
	int64_t from = by_seq ? after_seq : 0, top = from; /* top: the highest seq read */
	for (size_t k = 0; k < s->nw; k++) {
		const struct watch *w = &s->w[k];
		size_t n = 0;
		if (events_store_of_couple(db, w->couple_id, 0, w->last_id, from, by_seq ? 0 : since,
					   by_seq ? 0 : viewer, rows, EVENTS_KEEP, &n, e) < 0)
			return -1;
		for (size_t i = 0; i < n; i++) {
			if (!(w->bits & kind_bits(rows[i].kind)))
				continue;
			if (rows[i].seq > top)
				top = rows[i].seq;
			if (s->out.len > EVENTS_STREAM_OUT_MAX / 2)
				return format_json(&s->out, "reset", top,
						   json_pack("{s:s,s:I}", "kind", "reset", "id",
							     (json_int_t)0));
			if (format_event(&s->out, &rows[i], rows[i].seq, w->url, 0) < 0)
				return -1;
		}
	}
	return 0;
}

/* What the signed-in person's stream carries: their couple's every event, or
 * (in no couple) what events_watch_hook lets them watch. 0, or -1 with r->err. */
static int stream_watches(struct req *r, struct db *db, struct stream *s)
{
	s->w = &s->one;
	if (r->user->couple_id) {
		s->one.couple_id = r->user->couple_id;
		s->nw = 1;
		return 0;
	}
	if (!events_watch_hook)
		return 0;
	struct events_watch *ws = arena_calloc(&r->arena, EVENTS_WATCH_MAX, sizeof *ws);
	size_t n = 0;
	if (!ws)
		return req_fail(r, 500, "no_memory", "out of memory");
	if (events_watch_hook(r, db, ws, EVENTS_WATCH_MAX, &n) < 0)
		return -1;
	s->watcher = 1;
	if (n == 0)
		return 0;
	if (n > 1 && !(s->w = calloc(n, sizeof *s->w))) {
		s->w = &s->one;
		return req_fail(r, 503, "busy", "duet is very busy just now. Please try again soon.");
	}
	for (size_t i = 0; i < n && i < EVENTS_WATCH_MAX; i++) {
		s->w[i].couple_id = ws[i].couple_id;
		s->w[i].bits = ws[i].bits;
		snprintf(s->w[i].url, sizeof s->w[i].url, "%s", ws[i].url);
	}
	s->nw = n;
	return 0;
}

int events_api_stream(struct req *r)
{
	if (r->method == M_HEAD)
		return resp_text(r, 200, "text/event-stream", "");
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	int64_t last = req_number(req_header(r, "Last-Event-ID"));
	int64_t since = req_number(req_query(r, "since"));
	struct stream *s = calloc(1, sizeof *s);
	if (!s)
		return req_fail(r, 503, "busy", "duet is very busy just now. Please try again soon.");
	pthread_mutex_init(&s->mu, NULL);
	buf_init(&s->out, EVENTS_STREAM_OUT_MAX);
	s->conn = r->conn;
	s->fd = -1;
	s->mhd_fd = -1;
	if (stream_watches(r, db, s) < 0) {
		db_idle();
		stream_discard(s);
		return -1;
	}
	int64_t couple = s->watcher ? 0 : r->user->couple_id;
	int rc = buf_puts(&s->out, "retry: 2000\n: live updates for duet\n\n");

	pthread_mutex_lock(&hub.mu);
	if (!hub.running || hub.count >= EVENTS_STREAMS_MAX) {
		pthread_mutex_unlock(&hub.mu);
		stream_discard(s);
		r->retry_after = 30;
		return req_fail(r, 503, "busy",
				"Live updates are not available just now. Pages still work; "
				"reload to see what changed.");
	}
	/* Read under hub.mu: whatever the stream thread has already handed out is
	 * at most `upto`, and what it hands out next goes to this stream too. */
	int64_t upto = 0;
	if (couple && rc == 0) {
		rc = events_store_last(db, couple, &upto, &r->err);
		if (rc == 0 && last >= 0)
			rc = replay_since_id(db, &s->out, couple, last, upto, r->user->id, &r->err);
		else if (rc == 0 && since >= 0)
			rc = replay_since_time(db, &s->out, couple, since, upto, r->user->id,
					       &r->err);
		s->one.last_id = upto;
		s->viewer = r->user->id;
	}
	for (size_t k = 0; s->watcher && rc == 0 && k < s->nw; k++)
		rc = events_store_last(db, s->w[k].couple_id, &s->w[k].last_id, &r->err);
	if (s->watcher && rc == 0 && (last >= 0 || since >= 0))
		rc = replay_watches(db, s, last, since, r->user->id, &r->err);
	db_idle();
	if (rc < 0) {
		pthread_mutex_unlock(&hub.mu);
		stream_discard(s);
		return r->err.status ? -1 : req_fail(r, 500, "no_memory", "out of memory");
	}
	s->quiet_since_ms = s->opened_ms = now_ms();
	s->next = hub.streams;
	if (hub.streams)
		hub.streams->prev = s;
	hub.streams = s;
	hub.count++;
	pthread_mutex_unlock(&hub.mu);
	req_memo_put(r, &stream_key, s);
	r->status = 200;
	r->ctype = "text/event-stream; charset=utf-8";
	return 0;
}

struct MHD_Response *events_response(struct req *r, int hold, struct conn *counted)
{
	struct stream *s = req_memo_get(r, &stream_key);
	if (!s)
		return NULL;
	const union MHD_ConnectionInfo *fi =
		hold ? MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CONNECTION_FD) : NULL;
	if (fi && hub.ep >= 0) {
		s->can_hold = 1;
		s->mhd_fd = fi->connect_fd;
		s->mhd_conn = counted;
	}
	struct MHD_Response *resp =
		MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024, stream_read, s, stream_free);
	if (!resp) {
		stream_free(s);
		return NULL;
	}
	MHD_add_response_header(resp, "X-Accel-Buffering", "no"); /* nginx: do not hold it back */
	/* A held stream keeps only its struct req: from here on the server reads
	 * the status, the type and the headers (none) and logs method and path. */
	r->method_name = "GET";
	r->path = "/api/v1/events";
	r->user = NULL;
	buf_release(&r->body);
	arena_release(&r->arena);
	return resp;
}

void events_end_couple(int64_t couple_id)
{
	struct event_row ev = { .couple_id = couple_id, .kind = "couple", .url = "/couple",
				.at = db_now() };
	struct buf b = BUF_INIT(512);
	if (format_event(&b, &ev, ev.id, ev.url, 0) == 0) {
		pthread_mutex_lock(&hub.mu);
		for (struct stream *s = hub.streams; s; s = s->next)
			for (size_t k = 0; k < s->nw; k++)
				if (s->w[k].couple_id == couple_id) {
					/* a watcher just reconnects: the couple is no more */
					stream_push(s, b.data, s->watcher ? 0 : b.len, 1);
					break;
				}
		pthread_mutex_unlock(&hub.mu);
	}
	buf_release(&b);
}

/* ---- the stream thread ----------------------------------------------------- */

/* Hands one event to a watcher's watch w, when its kind is one w may see. */
static void deliver_watch(struct stream *s, const struct watch *w, const struct event_row *ev,
			  unsigned bits, struct buf *b)
{
	if (!(w->bits & bits))
		return;
	buf_reset(b);
	if (format_event(b, ev, ev->seq, w->url, 0) == 0)
		stream_push(s, b->data, b->len, (bits & EVENTS_REWATCH) != 0);
}

/* Hands rows to the streams that watch their couples; caller holds hub.mu. A
 * couple event (someone joined or left) ends a partner's stream after it, so
 * that the page reconnects as who it now is; an EVENTS_REWATCH one ends a
 * watcher's, for the same reason. */
static void deliver(const struct event_row *rows, size_t n)
{
	struct buf b = BUF_INIT(4096), mb = BUF_INIT(4096), wb = BUF_INIT(4096);
	for (size_t i = 0; i < n; i++) {
		const struct event_row *ev = &rows[i];
		struct buf *text[2] = { &b, &mb }; /* a partner's, and the actor's own */
		int made[2] = { 0, 0 };            /* each made when a stream first needs it;
						    * -1: could not be */
		int close = !strcmp(ev->kind, "couple");
		unsigned bits = kind_bits(ev->kind);
		for (struct stream *s = hub.streams; s; s = s->next) {
			for (size_t k = 0; k < s->nw; k++) {
				struct watch *w = &s->w[k];
				if (w->couple_id != ev->couple_id || ev->id <= w->last_id)
					continue;
				w->last_id = ev->id;
				if (s->watcher) {
					deliver_watch(s, w, ev, bits, &wb);
					continue;
				}
				int mine = ev->actor_id && s->viewer == ev->actor_id;
				struct buf *f = text[mine];
				if (!made[mine]) {
					buf_reset(f);
					made[mine] = format_event(f, ev, ev->id, ev->url, mine) < 0 ? -1 : 1;
				}
				if (made[mine] > 0)
					stream_push(s, f->data, f->len, close);
			}
		}
	}
	buf_release(&b);
	buf_release(&mb);
	buf_release(&wb);
}

/* Reads the events added since the last look and delivers them. */
static void scan(struct db *db, int pg)
{
	static struct event_row rows[SCAN_BATCH]; /* the stream thread's own */
	size_t n;
	do {
		struct err e = { 0 };
		int64_t from = hub.last_seq - (pg ? PG_SCAN_LAG : 0);
		if (events_store_after_seq(db, from < 0 ? 0 : from, rows, SCAN_BATCH, &n, &e) < 0) {
			log_msg("live events: could not read new events: %s", e.msg);
			break;
		}
		if (n == 0)
			break;
		pthread_mutex_lock(&hub.mu);
		deliver(rows, n);
		if (rows[n - 1].seq > hub.last_seq)
			hub.last_seq = rows[n - 1].seq;
		pthread_mutex_unlock(&hub.mu);
	} while (n == SCAN_BATCH && !pg);
	db_idle();
}

/* A comment on every stream quiet for the keep-alive interval; the end for
 * every stream open for EVENTS_STREAM_MAX_MS, so that its client comes back
 * through sign-in checks (a signed-out session gets 401 and stops). */
static void keep_alive(void)
{
	static const char ka[] = ": keep-alive\n\n";
	pthread_mutex_lock(&hub.mu);
	/* Read under the lock: a stream opened while this waited for it would
	 * otherwise look opened in the future, hence ancient, and be ended. */
	uint64_t now = now_ms();
	for (struct stream *s = hub.streams; s; s = s->next) {
		int old = ms_since(now, s->opened_ms) >= EVENTS_STREAM_MAX_MS;
		if (old || ms_since(now, s->quiet_since_ms) >= hub.keepalive_ms)
			stream_push(s, ka, sizeof ka - 1, old);
	}
	pthread_mutex_unlock(&hub.mu);
}

/* Unlinks and ends the held streams that are over (all of them: `all`);
 * marks those stalled for HELD_STALL_MS over first. */
static void held_reap(int all)
{
	struct stream *over = NULL;
	pthread_mutex_lock(&hub.mu);
	uint64_t now = now_ms();
	hub.reap = 0;
	for (struct stream *s = hub.streams, *next; s; s = next) {
		next = s->next;
		pthread_mutex_lock(&s->mu);
		int held = s->fd >= 0;
		if (held && s->stalled_ms && ms_since(now, s->stalled_ms) >= HELD_STALL_MS)
			s->dead = 1;
		int end = held && (all || held_over(s));
		pthread_mutex_unlock(&s->mu);
		if (!end)
			continue;
		stream_remove(s);
		s->next = over;
		over = s;
	}
	pthread_mutex_unlock(&hub.mu);
	for (struct stream *s = over, *next; s; s = next) {
		next = s->next;
		held_end(s);
	}
}

/* Handles what the held streams' sockets report: room to send more, or the
 * client gone (a client sends nothing on a stream; anything it does send, or
 * its end of the connection closing, ends the stream). */
static void held_events(void)
{
	struct epoll_event evs[128];
	int n = epoll_wait(hub.ep, evs, 128, 0);
	for (int i = 0; i < n; i++) {
		struct stream *s = evs[i].data.ptr;
		pthread_mutex_lock(&s->mu);
		if (evs[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
			s->dead = 1;
		else if (s->fd >= 0)
			held_flush(s);
		int over = held_over(s);
		pthread_mutex_unlock(&s->mu);
		if (over) {
			pthread_mutex_lock(&hub.mu);
			hub.reap = 1;
			pthread_mutex_unlock(&hub.mu);
		}
	}
}

/* The stream thread's connection, listening (PostgreSQL) when it can. */
struct hub_db {
	struct db *db;
	int pg;
	int listen_fd;       /* -1: not listening (SQLite, or LISTEN failed) */
	int have_seen;
	struct db_mark seen; /* SQLite: the wal-index as of the last look */
};

/* Opens (again) the thread's connection; 1 when it is new, so that whatever
 * was missed meanwhile gets read. */
static int hub_connect(struct hub_db *h)
{
	struct err e = { 0 };
	if (h->db || !(h->db = db_get(&e)))
		return 0;
	h->pg = !strcmp(db_backend_name(), "postgresql");
	h->listen_fd = h->pg ? db_listen(h->db, "duet_events", &e) : -1;
	if (h->pg && h->listen_fd < 0)
		log_msg("live events: LISTEN failed (%s); looking for new events every %d ms",
			e.msg, EVENTS_TICK_MS);
	h->have_seen = db_mark(h->db, &h->seen) == 0;
	return 1;
}

/* 1 when something may have been committed since the last look. */
static int hub_moved(struct hub_db *h)
{
	if (h->pg) {
		int got = h->listen_fd >= 0 ? db_notified(h->db) : 1;
		if (got < 0) { /* the connection broke: a new one next time round */
			db_thread_done();
			h->db = NULL;
			h->listen_fd = -1;
		}
		return got != 0;
	}
	struct db_mark m;
	if (db_mark(h->db, &m) < 0)
		return 1;
	int moved = !h->have_seen || memcmp(&m, &h->seen, sizeof m) != 0;
	h->seen = m;
	h->have_seen = 1;
	return moved;
}

static void *hub_main(void *arg)
{
	(void)arg;
	struct hub_db h = { .listen_fd = -1 };
	uint64_t stalls_looked_at = now_ms();
	while (!__atomic_load_n(&hub.stop, __ATOMIC_ACQUIRE)) {
		int fresh = hub_connect(&h);
		struct pollfd pf[3] = { { hub.wake_fd, POLLIN, 0 },
					{ hub.ep, POLLIN, 0 },
					{ h.listen_fd, POLLIN, 0 } };
		int kicked = 0;
		if (poll(pf, h.listen_fd >= 0 ? 3 : 2, EVENTS_TICK_MS) > 0 && (pf[0].revents & POLLIN)) {
			uint64_t v;
			kicked = read(hub.wake_fd, &v, sizeof v) > 0;
		}
		if (pf[1].revents & POLLIN)
			held_events();
		if (__atomic_load_n(&hub.stop, __ATOMIC_ACQUIRE))
			break;
		/* This process's writes kick at once; other processes' show in the
		 * wal-index (SQLite) or arrive as notifications (PostgreSQL). */
		if (h.db && (hub_moved(&h) || kicked || fresh) && h.db)
			scan(h.db, h.pg);
		keep_alive();
		pthread_mutex_lock(&hub.mu);
		int reap = hub.reap;
		pthread_mutex_unlock(&hub.mu);
		if (reap || now_ms() - stalls_looked_at >= 1000) {
			held_reap(0);
			stalls_looked_at = now_ms();
		}
	}
	db_thread_done();
	return NULL;
}

static uint64_t keepalive_setting(void)
{
	const char *v = getenv("DUET_EVENTS_KEEPALIVE_MS");
	int64_t ms = req_number(v);
	return ms >= 50 && ms <= 25000 ? (uint64_t)ms : 20000;
}

int events_start(struct err *e)
{
	struct db *db = db_get(e);
	int64_t seq;
	if (!db || events_store_max_seq(db, &seq, e) < 0)
		return -1;
	db_idle();
	hub.wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (hub.wake_fd < 0)
		return err_set(e, 1, "thread", "could not start live events: %s", strerror(errno));
	hub.ep = epoll_create1(EPOLL_CLOEXEC); /* -1: no stream is held, all stay suspended */
	hub.last_seq = seq;
	hub.keepalive_ms = keepalive_setting();
	hub.stop = 0;
	if (pthread_create(&hub.thread, NULL, hub_main, NULL) != 0) {
		close(hub.wake_fd);
		if (hub.ep >= 0)
			close(hub.ep);
		hub.ep = -1;
		return err_set(e, 1, "thread", "could not start the live events thread");
	}
	__atomic_store_n(&hub.running, 1, __ATOMIC_RELEASE);
	return 0;
}

void events_stop(void)
{
	pthread_mutex_lock(&hub.mu);
	if (!hub.running) {
		pthread_mutex_unlock(&hub.mu);
		return;
	}
	__atomic_store_n(&hub.stop, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&hub.running, 0, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&hub.mu);
	hub_wake();
	pthread_join(hub.thread, NULL);
	pthread_mutex_lock(&hub.mu);
	for (struct stream *s = hub.streams; s; s = s->next)
		stream_push(s, "", 0, 1);
	pthread_mutex_unlock(&hub.mu);
	if (hub.ep >= 0) {
		held_reap(1); /* their last chunk sent as far as the sockets take it */
		close(hub.ep);
		hub.ep = -1;
	}
	close(hub.wake_fd);
}
