#!/bin/sh
# events.sh: the event-stream rows of the benchmark (docs/PERFORMANCE.md,
# docs/internals/events.md). Seeds COUPLES couples, starts `duet serve`, signs
# both partners of each in, opens STREAMS event streams (build/bench-events)
# and, while they are open, makes WRITES writes one after another; reports
# duet's resident memory with the streams open and the write-to-event latency.
#   sh bench/events.sh [BUILD]
# Knobs: BENCH_STREAMS (10000), BENCH_EVENT_COUPLES (50), BENCH_WRITES (300).
set -eu
BUILD=${1:-build}
STREAMS=${BENCH_STREAMS:-10000}
COUPLES=${BENCH_EVENT_COUPLES:-50}
WRITES=${BENCH_WRITES:-300}
PORT=${BENCH_EVENTS_PORT:-18482}
TMP=$(mktemp -d /tmp/duet-bench-events.XXXXXX)
ulimit -n "$(ulimit -Hn)"
need=$((STREAMS + 200))
if [ "$(ulimit -n)" -lt "$need" ]; then
	echo "bench-events: needs ulimit -n of at least $need (have $(ulimit -n))" >&2
	exit 1
fi
say() { echo "bench-events: $*" >&2; }
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

say "seeding $COUPLES couples"
"$BUILD/bench-seed" "$TMP/duet.db" "$COUPLES" >/dev/null
# All the streams come from one loopback address: the per-address limit
# (which a real client never meets) is off for the run.
DUET_CONNECTIONS_PER_ADDRESS=0 DUET_QUIET=1 "$BUILD/duet" serve --listen "127.0.0.1:$PORT" --db "$TMP/duet.db" 2>"$TMP/serve.log" &
pid=$!
i=0
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; do
	i=$((i + 1))
	[ "$i" -lt 200 ] || { cat "$TMP/serve.log" >&2; exit 1; }
	sleep 0.05
done
say "signing in $((COUPLES * 2)) partners"
token() { # login
	curl -s -H 'Content-Type: application/json' \
		-d "{\"login\":\"$1\",\"passphrase\":\"bench passphrase\"}" \
		"http://127.0.0.1:$PORT/api/v1/sessions" | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p'
}
: >"$TMP/tokens"
i=1
while [ "$i" -le "$COUPLES" ]; do
	a=$(token "b${i}a") b=$(token "b${i}b")
	[ -n "$a" ] && [ -n "$b" ] && echo "$a $b" >>"$TMP/tokens"
	i=$((i + 1))
done
say "$(wc -l <"$TMP/tokens") couples signed in; idle RSS $(awk '/^VmRSS/ { print $2 }' /proc/$pid/status) kB"
BENCH_EVENTS_READY=$TMP/ready "$BUILD/bench-events" "$PORT" "$TMP/tokens" "$STREAMS" "$WRITES" \
	>"$TMP/result" &
bench=$!
until [ -e "$TMP/ready" ] || ! kill -0 "$bench" 2>/dev/null; do sleep 0.2; done
sleep 1
rss_open=$(awk '/^VmRSS/ { print $2 }' /proc/$pid/status)
threads=$(awk '/^Threads/ { print $2 }' /proc/$pid/status)
# Ordinary requests while the streams are held (and written to).
i=0
: >"$TMP/plain"
while [ "$i" -lt 50 ]; do
	curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT/healthz" >>"$TMP/plain"
	i=$((i + 1))
done
plain=$(sort -n "$TMP/plain" | awk '{ t[NR] = $1 * 1000 } END { printf "%.1f / %.1f", t[int(NR / 2)], t[NR] }')
wait "$bench"
set -- $(awk '/^RESULT/ { print $2, $3, $4, $5, $6, $7, $8 }' "$TMP/result")
echo "| event streams open at once | $2 of $1 | 10,000 |"
echo "| duet resident memory with them open (VmRSS) | $((rss_open / 1024)) MB ($threads threads) | <= 64 MB |"
echo "| GET /healthz meanwhile, p50 / max of 50 | $plain ms | not starved |"
echo "| write to event, p50 / p99 / max ($3 events from $WRITES writes, $7 missing) | $4 / $5 / $6 ms | p99 <= 100 ms |"
