#!/bin/sh
# run.sh: the benchmark behind `make bench` (see docs/PERFORMANCE.md).
#   sh bench/run.sh [BUILD]
# For each size (1,000, 10,000 and BENCH_COUPLES couples, default 100,000) it
# seeds a database through the store layer, starts `duet serve` on loopback on
# the migrated database (timing start to first answer), signs partners in over
# HTTP, starts nginx (2 workers) serving a copy of one couple's home page, and
# runs wrk (2 threads, 64 connections) alternately against both. The full set
# of pages runs at the largest size; the smaller sizes measure the home page
# (for the p99 scaling). Then, when PostgreSQL is installed, the same for
# BENCH_PG_COUPLES couples (default 10,000) on a throwaway PostgreSQL server
# (tests/pg.sh: Unix socket, fsync off) in rows named pg-*, so the two backends
# are compared in one run. Writes bench/results/latest.md and a JSON file.
# Knobs: BENCH_COUPLES, BENCH_SECONDS (10), BENCH_ROUNDS (3), BENCH_SESSIONS (128),
# BENCH_PG (1; 0 skips PostgreSQL), BENCH_PG_COUPLES.
set -eu
BUILD=${1:-build}
DUET=$BUILD/duet
COUPLES=${BENCH_COUPLES:-100000}
SECONDS_EACH=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
SESSIONS=${BENCH_SESSIONS:-128}
DPORT=${BENCH_DUET_PORT:-18480}
NPORT=${BENCH_NGINX_PORT:-18481}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
TMP=$(mktemp -d /tmp/duet-bench.XXXXXX)
RES=bench/results
mkdir -p "$RES"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
ROWS=$TMP/rows   # target|rps|p50us|p99us|nginx_rps|ok
: >"$ROWS"

duet_pid=""
nginx_pid=""
pgdir=""
cleanup() {
	[ -n "$duet_pid" ] && kill "$duet_pid" 2>/dev/null
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
	[ -n "$pgdir" ] && sh tests/pg.sh stop "$pgdir"
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

say() { echo "bench: $*" >&2; }

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# wrk_run URL [tokens-file] -> prints "rps p50us p99us requests non2xx errors"
wrk_run() {
	BENCH_TOKENS=${2:-} wrk -t2 -c64 -d"${SECONDS_EACH}s" -s bench/rotate.lua "$1" 2>/dev/null |
		awk '/^RESULT/ { print $2, $3, $4, $5, $6, $7 }'
}

# Starts duet on db; the ms from start to first answer go to $TMP/start.
# DUET_PAGE_CACHE_MB passes through (0: the page cache off).
start_duet() { # db
	DUET_QUIET=1 DUET_DATA=data DUET_STATIC=static "$BUILD/bench-first" "$DPORT" "$TMP/duet.pid" \
		"$DUET" serve --db "$1" --listen "127.0.0.1:$DPORT" >"$TMP/start" 2>"$TMP/duet.log"
	duet_pid=$(cat "$TMP/duet.pid")
}

stop_duet() {
	kill "$duet_pid" 2>/dev/null || true
	while kill -0 "$duet_pid" 2>/dev/null; do sleep 0.05; done
	duet_pid=""
}

# Signs in one partner of SESSIONS couples spread over 1..N; tokens to $TMP/tokens.
sign_in() { # couples
	: >"$TMP/logins"
	i=0
	while [ "$i" -lt "$SESSIONS" ]; do
		echo "b$((1 + i * $1 / SESSIONS))a" >>"$TMP/logins"
		i=$((i + 1))
	done
	xargs -P 4 -I{} curl -s -w '\n' -H 'Content-Type: application/json' \
		-d '{"login":"{}","passphrase":"bench passphrase"}' \
		"http://127.0.0.1:$DPORT/api/v1/sessions" <"$TMP/logins" >"$TMP/signins"
	sed -n 's/.*"token": *"\([^"]*\)".*/\1/p' "$TMP/signins" >"$TMP/tokens"
	n=$(wc -l <"$TMP/tokens")
	if [ "$n" -lt "$SESSIONS" ]; then
		say "$((SESSIONS - n)) of $SESSIONS sign-ins failed:"
		grep -v '"token"' "$TMP/signins" | sort | uniq -c >&2
		[ "$n" -ge $((SESSIONS * 9 / 10)) ] && return 0
	fi
	[ "$n" -eq "$SESSIONS" ] || { say "only $n of $SESSIONS sign-ins worked"; exit 1; }
}

start_nginx() {
	mkdir -p "$TMP/nginx/www" "$TMP/nginx/logs"
	tok=$(head -1 "$TMP/tokens")
	curl -sf -H "Cookie: duet_session=$tok" "http://127.0.0.1:$DPORT/" >"$TMP/nginx/www/home.html"
	grep -q 'Welcome back' "$TMP/nginx/www/home.html" || { say "the home page is not signed in"; exit 1; }
	cat >"$TMP/nginx/nginx.conf" <<EOF
user root;
worker_processes 2;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	keepalive_requests 1000000;
	client_body_temp_path $TMP/nginx/body;
	proxy_temp_path $TMP/nginx/proxy;
	fastcgi_temp_path $TMP/nginx/fastcgi;
	uwsgi_temp_path $TMP/nginx/uwsgi;
	scgi_temp_path $TMP/nginx/scgi;
	types { text/html html; }
	server {
		listen 127.0.0.1:$NPORT;
		root $TMP/nginx/www;
		add_header Cache-Control no-store;
	}
}
EOF
	"$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/logs/error.log" &
	nginx_pid=$!
	for _ in $(seq 50); do
		curl -sf -o /dev/null "http://127.0.0.1:$NPORT/home.html" && return 0
		sleep 0.1
	done
	say "nginx did not start"; exit 1
}

stop_nginx() {
	kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null || true
	nginx_pid=""
}

# measure NAME PATH AUTH(0/1) SIZE: ROUNDS runs of duet's PATH, each followed
# by one of nginx's file; appends medians to $ROWS.
measure() {
	name=$1 path=$2 auth=$3 size=$4
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: duet_session=$(head -1 "$TMP/tokens")" \
		"http://127.0.0.1:$DPORT$path")
	if [ "$code" != 200 ]; then
		say "$name ($path) answers $code: skipped"
		return 0
	fi
	: >"$TMP/d" ; : >"$TMP/n"
	r=1
	while [ "$r" -le "$ROUNDS" ]; do
		if [ "$auth" = 1 ]; then wrk_run "http://127.0.0.1:$DPORT$path" "$TMP/tokens" >>"$TMP/d"
		else wrk_run "http://127.0.0.1:$DPORT$path" >>"$TMP/d"; fi
		wrk_run "http://127.0.0.1:$NPORT/home.html" >>"$TMP/n"
		say "$size $name round $r: duet $(tail -1 "$TMP/d" | cut -d' ' -f1-3), nginx $(tail -1 "$TMP/n" | cut -d' ' -f1-3)"
		r=$((r + 1))
	done
	bad=$(awk '{ s += $5 + $6 } END { print s + 0 }' "$TMP/d")
	echo "$size|$name|$(cut -d' ' -f1 "$TMP/d" | median)|$(cut -d' ' -f2 "$TMP/d" | median)|$(cut -d' ' -f3 "$TMP/d" | median)|$(cut -d' ' -f1 "$TMP/n" | median)|$(cut -d' ' -f2 "$TMP/n" | median)|$(cut -d' ' -f3 "$TMP/n" | median)|$bad" >>"$ROWS"
}

largest=$COUPLES
for size in 1000 10000 "$COUPLES"; do
	[ "$size" -gt "$COUPLES" ] && continue
	db=$TMP/duet-$size.db
	say "seeding $size couples"
	"$BUILD/bench-seed" "$db" "$size"
	bytes=$(stat -c %s "$db")
	start_duet "$db"
	start_ms=$(cat "$TMP/start")
	say "$size couples: first answer after $start_ms ms; signing in $SESSIONS partners"
	sign_in "$size"
	start_nginx
	measure home / 1 "$size"
	if [ "$size" = "$largest" ]; then
		measure know /know 1 "$size"
		measure api-current /api/v1/prompts/current 1 "$size"
		measure differences /differences 1 "$size"
		measure api-differences /api/v1/differences/map 1 "$size"
		measure style /static/style.css 0 "$size"
		rss_kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$duet_pid/status")
		# Sign-ins with the normal Argon2id limits (the first sign-in above
		# raised each seeded record to them).
		BENCH_LOGINS=$TMP/logins wrk -t2 -c8 -d"${SECONDS_EACH}s" -s bench/signin.lua \
			"http://127.0.0.1:$DPORT" 2>/dev/null | awk '/^RESULT/ { print $2, $3, $4, $5, $6, $7 }' >"$TMP/signin"
		signin_rps=$(cut -d' ' -f1 "$TMP/signin")
		signin_p50=$(cut -d' ' -f2 "$TMP/signin")
		largest_bytes=$bytes largest_start=$start_ms
		# The home page again with the page cache off: what every page
		# costs to make (docs/internals/pagecache.md). Sessions live in the
		# database, so the tokens stay good across the restart.
		stop_duet
		export DUET_PAGE_CACHE_MB=0
		start_duet "$db"
		measure home-uncached / 1 "$size"
		unset DUET_PAGE_CACHE_MB
	fi
	echo "$size $bytes $start_ms" >>"$TMP/sizes"
	stop_nginx
	stop_duet
	rm -f "$db" "$db-wal" "$db-shm"
done

# ---- PostgreSQL: the same pages, the database on a PostgreSQL server ---------
PG_COUPLES=${BENCH_PG_COUPLES:-10000}
if [ "${BENCH_PG:-1}" = 1 ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
	pgdir=$(mktemp -d /tmp/duet-bench-pg.XXXXXX)
	sh tests/pg.sh start "$pgdir" >/dev/null
	PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
	"$PGBIN/createdb" -h "$pgdir" -U duet duet_bench
	url="postgresql://duet@/duet_bench?host=$pgdir"
	say "seeding $PG_COUPLES couples on PostgreSQL"
	"$BUILD/bench-seed" "$url" "$PG_COUPLES"
	start_duet "$url"
	say "PostgreSQL, $PG_COUPLES couples: first answer after $(cat "$TMP/start") ms"
	sign_in "$PG_COUPLES"
	start_nginx
	measure pg-home / 1 "$PG_COUPLES"
	measure pg-know /know 1 "$PG_COUPLES"
	measure pg-api-current /api/v1/prompts/current 1 "$PG_COUPLES"
	stop_duet
	export DUET_PAGE_CACHE_MB=0
	start_duet "$url"
	measure pg-home-uncached / 1 "$PG_COUPLES"
	unset DUET_PAGE_CACHE_MB
	stop_nginx
	stop_duet
	sh tests/pg.sh stop "$pgdir"
	pgdir=""
fi

# ---- the table ---------------------------------------------------------------
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }
p99_small=$(awk -F'|' '$1 == 1000 && $2 == "home" { print $5 }' "$ROWS")
p99_large=$(awk -F'|' -v s="$largest" '$1 == s && $2 == "home" { print $5 }' "$ROWS")
growth=$(awk -v a="$p99_small" -v b="$p99_large" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
home_ratio=$(awk -F'|' -v s="$largest" '$1 == s && $2 == "home" { printf "%.2f", $3 / $6 }' "$ROWS")
per_couple=$(awk -v b="$largest_bytes" -v c="$largest" 'BEGIN { printf "%.1f", b / c / 1024 }')
rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)

{
	echo "# duet benchmark, $(date -u +%Y-%m-%d)"
	echo
	echo "Machine: $(nproc) cores ($cpu), $mem; wrk 2 threads, 64 connections, ${SECONDS_EACH} s a run, median of $ROUNDS runs, each followed by a run against nginx (2 workers, static copy of the home page)."
	echo
	echo "| couples | target | req/s | p50 ms | p99 ms | nginx req/s | ratio to nginx | errors |"
	echo "|---:|---|---:|---:|---:|---:|---:|---:|"
	while IFS='|' read -r size name rps p50 p99 nrps np50 np99 bad; do
		printf '| %s | %s | %.0f | %s | %s | %.0f | %.2f | %s |\n' "$size" "$name" "$rps" "$(ms "$p50")" \
			"$(ms "$p99")" "$nrps" "$(awk -v a="$rps" -v b="$nrps" 'BEGIN { print a / b }')" "$bad"
	done <"$ROWS"
	echo
	echo "| measure | value | target |"
	echo "|---|---:|---|"
	echo "| home page throughput / nginx ($largest couples) | $home_ratio | ≥ 0.75 |"
	echo "| home page p99 ($largest couples) | $(ms "$p99_large") ms | < 10 ms |"
	echo "| home page made afresh every time (page cache off) / nginx | $(awk -F'|' -v s="$largest" '$1 == s && $2 == "home-uncached" { printf "%.2f", $3 / $6 }' "$ROWS") | (not a target) |"
	echo "| home p99 at $largest / p99 at 1000 couples | $growth | ≤ 1.3 |"
	echo "| duet resident memory after the run (VmRSS) | $rss_mb MB | < 40 MB |"
	echo "| database size per couple | $per_couple KiB | |"
	while read -r s b t; do
		echo "| start to first answer, $s couples (migrated database) | $t ms | < 100 ms |"
	done <"$TMP/sizes"
	echo "| sign-ins per second (Argon2id ops=2, mem=64 MiB; 8 connections) | $signin_rps (p50 $(ms "$signin_p50") ms) | deliberately slow |"
} >"$TMP/table.md"

summary="duet home page $home_ratio x nginx, p99 $(ms "$p99_large") ms at $largest couples ($growth x the p99 at 1000), RSS $rss_mb MB, first answer $largest_start ms, $signin_rps sign-ins/s"
echo >>"$TMP/table.md"
echo "$summary" >>"$TMP/table.md"
cp "$TMP/table.md" "$RES/latest.md"

{
	printf '{"date":"%s","nproc":%s,"cpu":"%s","couples":%s,"seconds":%s,"rounds":%s,"runs":[' \
		"$STAMP" "$(nproc)" "$cpu" "$largest" "$SECONDS_EACH" "$ROUNDS"
	awk -F'|' '{ printf "%s{\"couples\":%s,\"target\":\"%s\",\"rps\":%s,\"p50_us\":%s,\"p99_us\":%s,\"nginx_rps\":%s,\"nginx_p50_us\":%s,\"nginx_p99_us\":%s,\"errors\":%s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$ROWS"
	printf '],"home_ratio":%s,"p99_growth":%s,"rss_kb":%s,"db_bytes_per_couple":%s,"start_ms":%s,"signins_per_s":%s}\n' \
		"$home_ratio" "$growth" "$rss_kb" "$((largest_bytes / largest))" "$largest_start" "$signin_rps"
} >"$RES/$STAMP.json"

cat "$RES/latest.md"
