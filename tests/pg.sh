#!/bin/sh
# A throwaway PostgreSQL server for the tests: initdb in a temporary folder, a
# Unix socket only, no TCP, run as an unprivileged user (postgres when we are root).
#   tests/pg.sh start DIR   starts it; prints the socket folder
#   tests/pg.sh stop DIR    stops it and removes DIR
set -eu
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "pg.sh: no PostgreSQL server installed" >&2; exit 1; }
cmd=$1
dir=$2
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
case "$cmd" in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	as_pg "$PGBIN/initdb" -D "$dir/data" -A trust -U duet --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-k $dir -c listen_addresses= -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
	echo "$dir"
	;;
stop)
	as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
*)
	echo "usage: tests/pg.sh start|stop DIR" >&2
	exit 2
	;;
esac
