/* metrics.h: counters for monitoring, served in Prometheus's text format at
 * /metrics on a separate, operator-only address (never the public one).
 *
 * Invariants: every counter is an atomic, so any thread may bump one without a
 * lock; nothing counted names or identifies a person (no user, couple, path
 * beyond its route group, or address). Route groups are fixed when the server
 * starts (metrics_setup), so label values stay few. */
#ifndef DUET_METRICS_H
#define DUET_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "router.h"
#include "util/buf.h"
#include "util/common.h"
#include "util/err.h"

/* Counters (only go up) and gauges (set, or up and down) others may move. */
enum metric {
	METRIC_DB_ERRORS,              /* counter duet_db_errors_total */
	METRIC_DB_RECONNECTS,          /* counter duet_db_reconnects_total */
	METRIC_EVENT_STREAMS_OPEN,     /* gauge duet_event_streams_open */
	METRIC_PUSH_QUEUE_LENGTH,      /* gauge duet_push_queue_length */
	METRIC_SIGNIN_HASHES_WAITING,  /* gauge duet_signin_hashes_waiting */
	METRIC_COUNT
};

void metrics_inc(enum metric m);
void metrics_dec(enum metric m);
void metrics_set(enum metric m, int64_t v);

/* Learns the route groups from the route table: "/know" for /know/…, and
 * "/api/v1/know" for /api/v1/know/…. Call once before serving. */
void metrics_setup(const struct route *table, size_t n);

/* Counts one finished request: its path's route group ("other" when none),
 * its status and how long it took. */
void metrics_request(const char *path, int status, uint64_t micros);

/* The route group of a path, copied into out (size > 1): one of the groups
 * metrics_setup learnt, or "other". */
void metrics_group_of(const char *path, char *out, size_t size);

/* Appends every metric in the Prometheus text format (version 0.0.4). */
int metrics_render(struct buf *out) WARN_UNUSED_RESULT;

/* Serves GET /metrics (and 404 for anything else) on addr ("ADDR:PORT") from
 * a thread of its own; prints "duet: metrics on http://ADDR:PORT/metrics".
 * 0, or -1 with e set. metrics_stop ends it (safe when it was never started). */
int metrics_listen(const char *addr, struct err *e) WARN_UNUSED_RESULT;
void metrics_stop(void);

#endif
