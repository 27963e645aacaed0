#!/bin/sh
# run.sh: the benchmark behind `make bench` (see docs/PERFORMANCE.md).
#   sh bench/run.sh [BUILD]
# For each size (1,000, 10,000 and BENCH_COUPLES couples, default 100,000) it
# seeds a database through the store layer, starts `duet serve` on loopback on
# the migrated database (timing start to first answer), signs partners in over
# HTTP, starts nginx (2 workers) serving a copy of one couple's home page, and
# runs wrk (2 threads, 64 connections) alternately against both. The full set
# of pages runs at the largest size; the smaller sizes measure the home page
# (for the p99 scaling). At the largest size it also measures real use
# (issue 17): the mixed load (80 % reads, 20 % writes) against the same reads
# alone, the home page made afresh (page cache off) against nginx, and reads
# while 8 sign-ins run at once against the same reads alone. Writes
# bench/results/latest.md and a JSON file.
# Knobs: BENCH_COUPLES, BENCH_SECONDS (10), BENCH_ROUNDS (3), BENCH_SESSIONS (128),
# BENCH_QUICK=1 (only the largest size, 10,000 couples unless BENCH_COUPLES says
# otherwise, 5 s runs, 2 rounds, and only the rows of real use plus the home page).
# (for the p99 scaling). Then, when PostgreSQL is installed, the same for
# BENCH_PG_COUPLES couples (default 10,000) on a throwaway PostgreSQL server
# (tests/pg.sh: Unix socket, fsync off) in rows named pg-*, so the two backends
# are compared in one run. Writes bench/results/latest.md and a JSON file.
# Knobs: BENCH_COUPLES, BENCH_SECONDS (10), BENCH_ROUNDS (3), BENCH_SESSIONS (128),
# BENCH_PG (1; 0 skips PostgreSQL), BENCH_PG_COUPLES.
set -eu
BUILD=${1:-build}
DUET=$BUILD/duet
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
	COUPLES=${BENCH_COUPLES:-10000}
	SECONDS_EACH=${BENCH_SECONDS:-5}
	ROUNDS=${BENCH_ROUNDS:-2}
else
	COUPLES=${BENCH_COUPLES:-100000}
	SECONDS_EACH=${BENCH_SECONDS:-10}
	ROUNDS=${BENCH_ROUNDS:-3}
fi
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
PAIRS=$TMP/pairs # size|name|rps|p50us|p99us|errors|base rps|base p50us|base p99us|base errors
: >"$PAIRS"

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
	# Each answer goes out in one write (echo), so that parallel answers do
	# not interleave (curl writes the body and the -w text separately).
	xargs -P 4 -I{} sh -c 'a=$(curl -s -w " (HTTP %{http_code}, curl exit %{exitcode}, %{time_total} s)" \
		-H "Content-Type: application/json" -d "{\"login\":\"{}\",\"passphrase\":\"bench passphrase\"}" \
		"$1/api/v1/sessions"); echo "$a"' sh "http://127.0.0.1:$DPORT" <"$TMP/logins" >"$TMP/signins"
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
	# The very first look says "Welcome" (and is recorded); nginx serves the
	# page as duet serves it from then on, "Welcome back".
	curl -sf -H "Cookie: duet_session=$tok" "http://127.0.0.1:$DPORT/" >/dev/null
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

# For the mixed load: one line per signed-in partner, "TOKEN PROMPT JOURNAL
# DREAM ITEM" (their current prompt, a journal entry of theirs, a dream of
# their couple, a catalogue item), read over HTTP; to $TMP/people.
first_id() { grep -o '"id":"\{0,1\}[^",}]*' | head -1 | sed 's/"id":"\{0,1\}//'; }
people() {
	while read -r t; do
		g() { curl -s -H "Cookie: duet_session=$t" "http://127.0.0.1:$DPORT/api/v1/$1" | first_id; }
		echo "$t $(g prompts/current) $(g journal) $(g dreams) $(g differences/items)"
	done <"$TMP/tokens" | awk 'NF == 5' >"$TMP/people"
	[ "$(wc -l <"$TMP/people")" -gt 0 ] || { say "no signed-in partner has a prompt, journal entry and dream"; exit 1; }
}

# wrk_mixed WRITES(0/1) -> "rps p50us p99us requests non2xx errors"
wrk_mixed() {
	BENCH_PEOPLE=$TMP/people BENCH_WRITES=$1 wrk -t2 -c64 -d"${SECONDS_EACH}s" -s bench/mixed.lua \
		"http://127.0.0.1:$DPORT" 2>/dev/null | awk '/^RESULT/ { print $2, $3, $4, $5, $6, $7 }'
}

# wrk_burst -> the reads-only run while wrk signs partners in over 8
# connections for the same time (8 Argon2id hashes at once, all along).
wrk_burst() {
	BENCH_LOGINS=$TMP/logins wrk -t1 -c8 -d"${SECONDS_EACH}s" --timeout 30s -s bench/signin.lua \
		"http://127.0.0.1:$DPORT" >"$TMP/burst-signins" 2>/dev/null &
	bp=$!
	wrk_mixed 0
	wait "$bp" || true
}

# pair SIZE NAME CMD BASECMD: ROUNDS runs of CMD, each followed by one of
# BASECMD (the reference, measured seconds apart); medians to $PAIRS.
pair() {
	size=$1 name=$2
	: >"$TMP/a"; : >"$TMP/b"
	r=1
	while [ "$r" -le "$ROUNDS" ]; do
		$3 >>"$TMP/a"
		$4 >>"$TMP/b"
		say "$size $name round $r: $(tail -1 "$TMP/a" | cut -d' ' -f1-3), reference $(tail -1 "$TMP/b" | cut -d' ' -f1-3)"
		r=$((r + 1))
	done
	med() { cut -d' ' -f"$2" "$1" | median; }
	bad() { awk '{ s += $5 + $6 } END { print s + 0 }' "$1"; }
	echo "$size|$name|$(med "$TMP/a" 1)|$(med "$TMP/a" 2)|$(med "$TMP/a" 3)|$(bad "$TMP/a")|$(med "$TMP/b" 1)|$(med "$TMP/b" 2)|$(med "$TMP/b" 3)|$(bad "$TMP/b")" >>"$PAIRS"
}
mixed_run() { wrk_mixed 1; }
reads_run() { wrk_mixed 0; }

largest=$COUPLES
for size in 1000 10000 "$COUPLES"; do
	[ "$size" -gt "$COUPLES" ] && continue
	[ "$QUICK" = 1 ] && [ "$size" != "$COUPLES" ] && continue
	grep -q "^$size " "$TMP/sizes" 2>/dev/null && continue
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
		if [ "$QUICK" != 1 ]; then
			measure know /know 1 "$size"
			measure api-current /api/v1/prompts/current 1 "$size"
			measure differences /differences 1 "$size"
			measure api-differences /api/v1/differences/map 1 "$size"
			measure style /static/style.css 0 "$size"
		fi
		rss_kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$duet_pid/status")
		# Sign-ins with the normal Argon2id limits (the first sign-in above
		# raised each seeded record to them).
		BENCH_LOGINS=$TMP/logins wrk -t2 -c8 -d"${SECONDS_EACH}s" --timeout 30s -s bench/signin.lua \
			"http://127.0.0.1:$DPORT" 2>/dev/null | awk '/^RESULT/ { print $2, $3, $4, $5, $6, $7 }' >"$TMP/signin"
		signin_rps=$(cut -d' ' -f1 "$TMP/signin")
		signin_p50=$(cut -d' ' -f2 "$TMP/signin")
		largest_bytes=$bytes largest_start=$start_ms
		# Real use: the mixed load against the same reads alone, then
		# reads during sign-ins against reads alone. The writes change
		# the seeded data a little (answers, ratings, check-ins, one
		# journal entry and one dream per person), never its size.
		people
		pair "$size" mixed mixed_run reads_run
		pair "$size" signin-burst wrk_burst reads_run
		burst_signins=$(awk '/^RESULT/ { print $5 }' "$TMP/burst-signins")
		# The mixed load again without group commit (each commit waits
		# for its own fsync on its worker thread): what group commit buys.
		stop_duet
		export DUET_GROUP_COMMIT=0
		start_duet "$db"
		pair "$size" mixed-no-group-commit mixed_run reads_run
		unset DUET_GROUP_COMMIT
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
mixed_ratio=$(awk -F'|' '$2 == "mixed" { printf "%.2f", $3 / $7 }' "$PAIRS")
mixed_p99=$(awk -F'|' '$2 == "mixed" { print $5 }' "$PAIRS")
mixed_bad=$(awk -F'|' '$2 == "mixed" { print $6 }' "$PAIRS")
burst_ratio=$(awk -F'|' '$2 == "signin-burst" { printf "%.2f", ($9 > 0 ? $5 / $9 : 0) }' "$PAIRS")
uncached_ratio=$(awk -F'|' -v s="$largest" '$1 == s && $2 == "home-uncached" { printf "%.2f", $3 / $6 }' "$ROWS")
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
	[ "$QUICK" = 1 ] || echo "| home p99 at $largest / p99 at 1000 couples | $growth | ≤ 1.3 |"
	echo "| duet resident memory after the run (VmRSS) | $rss_mb MB | < 40 MB |"
	echo "| database size per couple | $per_couple KiB | |"
	while read -r s b t; do
		echo "| start to first answer, $s couples (migrated database) | $t ms | < 100 ms |"
	done <"$TMP/sizes"
	echo "| sign-ins per second (Argon2id ops=2, mem=64 MiB; 8 connections) | $signin_rps (p50 $(ms "$signin_p50") ms) | deliberately slow |"
	echo
	echo "Real use (issue 17), $largest couples, $(wc -l <"$TMP/people") signed-in partners in rotation, wrk 64 connections; each run is followed by its reference run:"
	echo
	echo "| run | req/s | p50 ms | p99 ms | errors | reference | ref req/s | ref p50 ms | ref p99 ms | ref errors |"
	echo "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|"
	while IFS='|' read -r size name rps p50 p99 bad brps bp50 bp99 bbad; do
		printf '| %s | %.0f | %s | %s | %s | reads only | %.0f | %s | %s | %s |\n' "$name" "$rps" "$(ms "$p50")" \
			"$(ms "$p99")" "$bad" "$brps" "$(ms "$bp50")" "$(ms "$bp99")" "$bbad"
	done <"$PAIRS"
	echo
	echo "| goal (issue 17) | value | target |"
	echo "|---|---:|---|"
	echo "| mixed load (80 % reads, 20 % writes) throughput / reads only | $mixed_ratio | ≥ 0.5 |"
	echo "| mixed load p99 | $(ms "$mixed_p99") ms | ≤ 20 ms |"
	echo "| mixed load errors (non-2xx and socket errors) | $mixed_bad | 0 |"
	echo "| the same without group commit (DUET_GROUP_COMMIT=0) / reads only | $(awk -F'|' '$2 == "mixed-no-group-commit" { printf "%.2f", $3 / $7 }' "$PAIRS") | (before) |"
	echo "| home page made afresh (page cache off) / nginx, same bytes | $uncached_ratio | ≥ 0.25 |"
	echo "| reads p99 while 8 sign-ins run / reads p99 alone | $burst_ratio | ≤ 3 |"
	echo "| sign-ins completed during those runs (last round) | $burst_signins | |"
} >"$TMP/table.md"

growth_note=" ($growth x the p99 at 1000)"
[ "$QUICK" = 1 ] && growth_note=""
summary="duet home page $home_ratio x nginx, p99 $(ms "$p99_large") ms at $largest couples$growth_note, RSS $rss_mb MB, first answer $largest_start ms, $signin_rps sign-ins/s; mixed load $mixed_ratio x reads only (p99 $(ms "$mixed_p99") ms, $mixed_bad errors), page made afresh $uncached_ratio x nginx, reads p99 during sign-ins $burst_ratio x alone"
echo >>"$TMP/table.md"
echo "$summary" >>"$TMP/table.md"
cp "$TMP/table.md" "$RES/latest.md"

{
	printf '{"date":"%s","nproc":%s,"cpu":"%s","couples":%s,"seconds":%s,"rounds":%s,"runs":[' \
		"$STAMP" "$(nproc)" "$cpu" "$largest" "$SECONDS_EACH" "$ROUNDS"
	awk -F'|' '{ printf "%s{\"couples\":%s,\"target\":\"%s\",\"rps\":%s,\"p50_us\":%s,\"p99_us\":%s,\"nginx_rps\":%s,\"nginx_p50_us\":%s,\"nginx_p99_us\":%s,\"errors\":%s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5, $6, $7, $8, $9 }' "$ROWS"
	printf '],"pairs":['
	awk -F'|' '{ printf "%s{\"couples\":%s,\"target\":\"%s\",\"rps\":%s,\"p50_us\":%s,\"p99_us\":%s,\"errors\":%s,\"reads_rps\":%s,\"reads_p50_us\":%s,\"reads_p99_us\":%s,\"reads_errors\":%s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' "$PAIRS"
	printf '],"home_ratio":%s,"p99_growth":%s,"rss_kb":%s,"db_bytes_per_couple":%s,"start_ms":%s,"signins_per_s":%s,"quick":%s,"mixed_ratio":%s,"mixed_p99_us":%s,"mixed_errors":%s,"uncached_ratio":%s,"signin_burst_p99_ratio":%s}\n' \
		"$home_ratio" "$growth" "$rss_kb" "$((largest_bytes / largest))" "$largest_start" "$signin_rps" "$QUICK" \
		"$mixed_ratio" "$mixed_p99" "$mixed_bad" "$uncached_ratio" "$burst_ratio"
} >"$RES/$STAMP.json"

cat "$RES/latest.md"
