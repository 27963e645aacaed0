#!/bin/sh
# Installs the Debian packages duet needs, only those that are missing.
#   deps.sh build   what `make run` needs: a C compiler and the libraries
#   deps.sh check   that, plus what the tests need: cmocka, Node.js, Chromium, npm packages
#   deps.sh deb     that of build, plus what `make deb` needs: debhelper, lintian
set -eu
want="gcc libc6-dev make pkg-config libmicrohttpd-dev libsqlite3-dev libsodium-dev libjansson-dev libpq-dev libcurl4-openssl-dev libgnutls28-dev libssl-dev zlib1g-dev"
if [ "${1:-build}" = deb ]; then
	want="$want dpkg-dev debhelper fakeroot lintian"
fi
if [ "${1:-build}" = check ]; then
	want="$want libcmocka-dev chromium sqlite3 ca-certificates postgresql clang gettext"
fi
# libFuzzer's runtime comes with the compiler-rt of the clang that is installed
# (Debian 12: clang 14); its version is read from clang itself, never pinned.
if [ "${1:-build}" = check ] && command -v clang >/dev/null 2>&1; then
	v=$(clang -dumpversion | cut -d. -f1)
	want="$want libclang-rt-$v-dev"
fi
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
# Node.js may come from elsewhere than Debian; what matters is that the commands exist.
if [ "${1:-build}" = check ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q
	$SUDO apt-get install -y -q --no-install-recommends $missing
	# clang was new: install the compiler-rt of its version too
	if [ "${1:-build}" = check ]; then
		v=$(clang -dumpversion | cut -d. -f1)
		dpkg-query -W -f='${Status}' "libclang-rt-$v-dev" 2>/dev/null | grep -q 'install ok installed' ||
			$SUDO apt-get install -y -q --no-install-recommends "libclang-rt-$v-dev"
	fi
fi
if [ "${1:-build}" = check ]; then
	# npm packages pinned by package-lock.json; reinstalled only when the lock changes.
	if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.duet-lock; then
		npm ci --no-audit --no-fund --loglevel=error
		cp package-lock.json node_modules/.duet-lock
	fi
fi
