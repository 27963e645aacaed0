#!/bin/sh
# check-layers.sh: the floors of the source tree hold (docs/internals/layers.md).
#   check-layers.sh PURE_FILE.c …
# 1. The lower floors (util, store, crypto, http, web, lib) include no product
#    area: a header of theirs names only util/, store/, crypto/, http/, web/,
#    lib/ or a file of their own folder.
# 2. Pure modules (src/lib and the files named on the command line, with their
#    headers) include only util/, lib/ and other pure modules' headers, and no
#    library that does I/O (databases, HTTP, sockets, files).
# Prints each breach as FILE:LINE: what; exits 1 when there is any.
set -u
cd "$(dirname "$0")/.."
bad=0
lower="util store crypto http web lib"

breach() {
	echo "$1"
	bad=1
}

# quoted includes of a file, as "LINE:path"
includes() {
	grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$1" |
		sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1:\2/'
}

for dir in $lower; do
	for f in src/$dir/*.c src/$dir/*.h; do
		[ -f "$f" ] || continue
		for inc in $(includes "$f"); do
			line=${inc%%:*}
			path=${inc#*:}
			case "$path" in
			*/*)
				top=${path%%/*}
				case " $lower " in
				*" $top "*) ;;
				*) breach "$f:$line: the $dir layer includes $path (a product area)" ;;
				esac
				;;
			esac
		done
	done
done

pure=""
for c in "$@" src/lib/*.c; do
	pure="$pure $c ${c%.c}.h"
done
pure_headers=""
for p in $pure; do
	case "$p" in *.h) pure_headers="$pure_headers ${p#src/}" ;; esac
done
for f in $pure; do
	[ -f "$f" ] || { breach "$f: named as pure but missing"; continue; }
	dir=$(dirname "${f#src/}")
	for inc in $(includes "$f"); do
		line=${inc%%:*}
		path=${inc#*:}
		case "$path" in */*) full=$path ;; *) full=$dir/$path ;; esac
		case "$full" in
		util/log.h | util/datadir.h) breach "$f:$line: a pure module includes $full (I/O)" ;;
		util/* | lib/*) ;;
		*)
			case " $pure_headers " in
			*" $full "*) ;;
			*) breach "$f:$line: a pure module includes $full, which is not pure" ;;
			esac
			;;
		esac
	done
	if grep -n '#[[:space:]]*include[[:space:]]*<\(sqlite3\|libpq-fe\|microhttpd\|curl/curl\|jansson\|unistd\|fcntl\|dirent\|sys/socket\|sys/stat\|pthread\|sodium\)\.h>' "$f"; then
		breach "$f: a pure module includes an I/O library (above)"
	fi
done

if [ "$bad" -eq 0 ]; then
	echo "layers: ok ($(echo $pure | wc -w) pure files)"
fi
exit $bad
