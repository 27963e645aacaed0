/* durable.h: group commit. An answer to a request that wrote is sent only once
 * its write is on disk, and one flush serves every request that wrote while
 * the previous flush ran.
 *
 * After durable_start() the database's connections commit without waiting for
 * the disk (db_sync_defer in store/db.h: the commit is in the WAL, safe from a
 * crash of the process, not yet from a power cut). A request that committed
 * anything is handed to durable_wait(), which suspends its connection, so the
 * worker thread goes on serving other connections; one flusher thread takes
 * every request handed over since its last flush, calls db_sync() once for all
 * of them, and resumes their connections; libmicrohttpd then calls the access
 * handler again, which sends the answer (durable_done). So every acknowledged
 * write is durable, as with an fsync per commit, but reads never wait behind a
 * flush and N writers share one fsync instead of queueing for N.
 *
 * When the backend's commits are durable by themselves (PostgreSQL), or with
 * DUET_GROUP_COMMIT=0 (every commit waits for its own fsync, under the write
 * lock, on the worker thread, as before), nothing is started and durable_on()
 * is 0. DUET_SYNC_DELAY_MS (tests only) makes every
 * flush take that much longer, as a slow disk would. Thread-safe. See
 * docs/internals/durable.md. */
#ifndef DUET_DURABLE_H
#define DUET_DURABLE_H

#include "request.h"

/* r->durable */
enum { DURABLE_NONE = 0, DURABLE_WAITING, DURABLE_DONE };

/* Defers the database's flushes and starts the flusher thread. Call before
 * any worker opens a connection. 0, or -1 with e set. */
int durable_start(struct err *e) WARN_UNUSED_RESULT;

/* 1 when answers to writes wait for the flusher. */
int durable_on(void);

/* Makes every commit so far durable before r is answered. Returns 1 when r
 * was handed to the flusher: its connection is suspended, and from then on
 * only the flusher touches r until it resumes the connection, when the access
 * handler is called again (r->durable is then DURABLE_DONE). Returns 0 when the
 * flush was made on this thread (while shutting down): answer at once. On a
 * failed flush r->err is set (the answer becomes an error). Call from the
 * access handler, with nothing queued on the connection. */
int durable_wait(struct req *r) WARN_UNUSED_RESULT;

/* Makes every commit so far durable on this thread, for a request that is
 * already off the worker threads (the passphrase-hashing pool); on a failed
 * flush r->err is set. */
void durable_sync_here(struct req *r);

/* Stops handing requests to the flusher (later writers flush on their own
 * thread) and waits until every request already handed over has been
 * resumed. Call before stopping the HTTP daemon, then durable_stop(). */
void durable_drain(void);

/* Ends the flusher thread (after the daemon stopped). */
void durable_stop(void);

struct durable_stats {
	uint64_t flushes, requests; /* flushes made; requests they answered */
	uint64_t checkpoints;       /* WAL folded back by the flusher (db_checkpoint_due) */
};
void durable_stats(struct durable_stats *out);

#endif
