#!/bin/sh
# Installs what `make bench` needs from Debian, only what is missing: wrk (the
# load generator), nginx (the static-file baseline), curl and sqlite3.
set -eu
missing=""
for p in wrk nginx-light curl sqlite3; do
	cmd=$p
	[ "$p" = nginx-light ] && cmd=nginx
	command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "bench: installing$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q
	$SUDO apt-get install -y -q --no-install-recommends $missing
fi
