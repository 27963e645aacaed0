/* events.h: live events for a couple, and the Server-Sent Events stream that
 * carries them (GET /api/v1/events). Design: docs/internals/events.md.
 *
 * An event says only that something of a kind changed, and where: its kind
 * (one the areas list: events_kind_known), its number in the couple's log, a URL the pages may
 * fetch, and the time. **Never private text**: no answers, titles or names;
 * a page fetches what it may show through the normal routes and rules.
 *
 * Areas record events with event_emit() right after their write, in the same
 * transaction when there is one (on -1 roll back). After an autocommitted
 * write the write stands whatever the event does, so such callers may ignore
 * the result: a missed event costs a page a reload, never data.
 *
 * Streams: the handler registers a stream and the server answers with
 * events_response(), a libmicrohttpd callback response. A stream with nothing
 * to send suspends its connection (MHD_suspend_connection), so held streams
 * hold no worker thread; one stream thread (events_start) finds new events —
 * at once for this process's writes, within EVENTS_TICK_MS for other
 * processes' (SQLite: the db_mark() of the wal-index; PostgreSQL: polling the
 * log) — appends them to the streams of their couple and resumes those
 * connections. It also sends each stream a comment line when it has been
 * quiet for the keep-alive interval (DUET_EVENTS_KEEPALIVE_MS, 20 s by
 * default), which is also when a vanished client is noticed. */
#ifndef DUET_EVENTS_H
#define DUET_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "request.h"
#include "store/db.h"

#define EVENTS_TICK_MS 100            /* how often other processes' writes are looked for */
#define EVENTS_STREAMS_MAX 20000      /* open streams one process holds */
#define EVENTS_STREAM_OUT_MAX 65536   /* bytes a slow stream may fall behind before it ends */
#define EVENTS_STREAM_MAX_MS (10 * 60 * 1000) /* then a stream ends and its client
                                               * reconnects (Last-Event-ID), signed
                                               * in again or not */

/* Whether `kind` is a kind of event some area sends: set at start by the
 * program to the areas' lists (web/area.h, area_event_known); recording an
 * unknown kind is a programmer's error (asserted). NULL: every kind passes. */
extern int (*events_kind_known)(const char *kind);

/* ---- watchers: streams of someone outside the couple (a counsellor) --------
 *
 * A partner's stream carries every event of their couple. Someone in no couple
 * may instead watch other couples, each with a set of bits: an event reaches
 * such a watch only when events_kind_bits(kind) meets those bits. The program
 * sets both hooks at start (counsel/counsel.h says who watches what); with
 * either unset, nobody outside a couple hears anything. A watcher's stream:
 * - carries {"kind","id","url","at"} like any, with the watch's own url (a
 *   page of the watcher's) instead of the couple's, and the global row number
 *   (seq) as the SSE id, since it mixes couples; Last-Event-ID is that number;
 * - ends after an event of an EVENTS_REWATCH kind (sharing started, changed or
 *   ended), so that its client reconnects and is given its watches afresh;
 *   and in any case after EVENTS_STREAM_MAX_MS, like every stream. */

#define EVENTS_WATCH_MAX 500        /* couples one stream may watch */
#define EVENTS_WATCH_URL_MAX 64
#define EVENTS_REWATCH (1u << 31)   /* a kind that changes what a watcher may see */

struct events_watch {
	int64_t couple_id;
	unsigned bits;                    /* kinds whose bits meet these reach it */
	char url[EVENTS_WATCH_URL_MAX];   /* sent as the events' url */
};

/* Fills out[0..*n) (at most max) with what the signed-in person r->user, who
 * is in no couple, may watch; *n 0 for nobody. 0, or -1 with r->err set. */
extern int (*events_watch_hook)(struct req *r, struct db *db, struct events_watch *out,
				size_t max, size_t *n);

/* The bits of an event kind for watches (pure, called under the hub's lock). */
extern unsigned (*events_kind_bits)(const char *kind);

/* Records an event of `kind` for the signed-in person's couple (nothing when
 * they have none), about `ref` (an id, or NULL), to be looked at on `url` (a
 * path of ours, where "{id}" stands for ref; no private text in either).
 * Wakes this process's streams once the request is done. 0, or -1 with
 * r->err set. */
int event_emit(struct req *r, const char *kind, const char *ref, const char *url);

/* event_emit about a numbered thing: ref is the number. */
int event_emit_id(struct req *r, const char *kind, int64_t id, const char *url);

/* The same for a given couple: a counsellor's action, or a partner leaving. */
int event_emit_couple(struct req *r, int64_t couple_id, const char *kind, const char *ref,
		      const char *url);

/* Ends this process's streams of a couple whose space was deleted (its log
 * went with it), after a last `couple` event telling the page to reload.
 * Other processes' streams of it end at their next keep-alive at most. */
void events_end_couple(int64_t couple_id);

/* Records an event without a request (the CLI, a job); actor_id may be 0. */
int events_record(struct db *db, int64_t couple_id, int64_t actor_id, const char *kind,
		  const char *ref, const char *url, struct err *e) WARN_UNUSED_RESULT;

/* Called after each recorded event, in the writer's thread and transaction,
 * when set (Web Push attaches here). NULL by default. */
extern void (*events_on_emit_hook)(struct db *db, int64_t couple_id, int64_t actor_id,
				   const char *kind);

/* GET /api/v1/events: the caller's stream (see docs/API.md). */
int events_api_stream(struct req *r);

/* ---- for the server (server.c) ------------------------------------------ */

/* Starts the stream thread; -1 with e set. */
int events_start(struct err *e) WARN_UNUSED_RESULT;

/* After a request: wakes the stream thread when the request recorded events. */
void events_after_request(struct req *r);

/* The response for a request whose handler opened a stream, or NULL when it
 * did not. The response owns the stream from then on. `hold`: the stream may
 * be taken out of libmicrohttpd once idle (events.c, "Held streams"): only
 * for a plain-HTTP/1.1 request (a chunked body, no TLS), and only with a
 * daemon started with MHD_USE_TURBO (which closes a connection without
 * shutdown(), so that the dup()ed socket lives on). `counted` is the
 * connection's record in conns.h (borrowed), carried over when held. */
struct MHD_Response;
struct conn;
struct MHD_Response *events_response(struct req *r, int hold, struct conn *counted);

/* For libmicrohttpd's error log: 1 when its message in this thread is the one
 * about the response a stream just left by being held (not an error); clears
 * that. */
int events_quiet_log(void);

/* Ends every stream and stops the stream thread; call before the HTTP daemon
 * stops (it must not hold suspended connections then). */
void events_stop(void);

#endif
