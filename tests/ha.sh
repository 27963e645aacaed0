#!/bin/sh
# High availability on PostgreSQL, end to end (`make ha-test`; about a minute):
# a primary and a synchronous standby on loopback (initdb, pg_basebackup -R,
# synchronous_standby_names), duet on the multi-host URL
#   postgresql://duet@127.0.0.1:P1,127.0.0.1:P2/duet?target_session_attrs=read-write
# under a write load; the primary is killed with kill -9, the standby promoted
# (pg_ctl promote), and tests/ha/failover.mjs checks that writes resume within
# 10 s and that every acknowledged write is there.
#   sh tests/ha.sh [DUET_BIN]
set -eu
BIN=${1:-${DUET_BIN:-$PWD/build/asan/duet}}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "ha.sh: no PostgreSQL server installed (apt-get install postgresql-15)" >&2; exit 1; }
TMP=$(mktemp -d /tmp/duet-ha.XXXXXX)
chmod 755 "$TMP"
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# Two free loopback ports.
free_port() {
	node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })"
}
P1=$(free_port)
P2=$(free_port)
stop_all() {
	as_pg "$PGBIN/pg_ctl" -D "$TMP/standby" -m immediate -w stop >/dev/null 2>&1 || true
	as_pg "$PGBIN/pg_ctl" -D "$TMP/primary" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$TMP"
}
trap stop_all EXIT INT TERM
[ "$(id -u)" -eq 0 ] && chown postgres "$TMP"

echo "ha: primary on 127.0.0.1:$P1, synchronous standby on 127.0.0.1:$P2"
as_pg "$PGBIN/initdb" -D "$TMP/primary" -A trust -U duet -E UTF8 --locale=C.UTF-8 >"$TMP/initdb.log" 2>&1 ||
	{ cat "$TMP/initdb.log" >&2; exit 1; }
cat >>"$TMP/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $P1
unix_socket_directories = '$TMP'
synchronous_commit = on
wal_level = replica
max_wal_senders = 4
CONF
as_pg "$PGBIN/pg_ctl" -D "$TMP/primary" -l "$TMP/primary.log" -w start >/dev/null
"$PGBIN/createdb" -h 127.0.0.1 -p "$P1" -U duet duet
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$P1" -U duet -D "$TMP/standby" -R --wal-method=stream
cat >>"$TMP/standby/postgresql.conf" <<CONF
port = $P2
cluster_name = 'standby1'
primary_conninfo = 'host=127.0.0.1 port=$P1 user=duet application_name=standby1'
CONF
as_pg "$PGBIN/pg_ctl" -D "$TMP/standby" -l "$TMP/standby.log" -w start >/dev/null
# Only now: with a synchronous standby named, every commit waits for it.
"$PGBIN/psql" -h 127.0.0.1 -p "$P1" -U duet -Atq \
	-c "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" -c "SELECT pg_reload_conf()" duet >/dev/null
i=0
until [ "$("$PGBIN/psql" -h 127.0.0.1 -p "$P1" -U duet -Atc \
	"SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'" duet)" = sync ]; do
	i=$((i + 1))
	[ "$i" -lt 100 ] || { echo "ha: the standby did not become synchronous" >&2; cat "$TMP/standby.log" >&2; exit 1; }
	sleep 0.1
done
echo "ha: the standby is synchronous"

HA_URL="postgresql://duet@127.0.0.1:$P1,127.0.0.1:$P2/duet?target_session_attrs=read-write" \
HA_PRIMARY_PID=$(head -1 "$TMP/primary/postmaster.pid") \
HA_PROMOTE="$PGBIN/pg_ctl -D $TMP/standby -w promote" \
DUET_BIN=$BIN DUET_DATA=${DUET_DATA:-$PWD/data} \
	node --test --test-reporter=spec tests/ha/failover.mjs
