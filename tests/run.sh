#!/bin/sh
# Runs every test suite of `make check` and ends with one line "N passed, N failed".
#   tests/run.sh BUILD_DIR
# Unit tests are cmocka programs built with ASan+UBSan; HTTP and browser tests are
# Node.js test files that start the ASan build of duet on ephemeral loopback ports.
set -u
BUILD=${1:-build}
OUT=test-output
mkdir -p "$OUT"
rm -f "$OUT/flaky.txt" "$OUT"/first-*.tap
passed=0
failed=0
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export DUET_DATA="$PWD/data"

echo "== layers"
if sh scripts/check-layers.sh ${PURE_SRCS:-} >"$OUT/layers.log" 2>&1; then
	passed=$((passed + 1))
	cat "$OUT/layers.log"
else
	failed=$((failed + 1))
	echo "FAIL layers:"
	cat "$OUT/layers.log"
fi

echo "== unit tests"
for t in "$BUILD"/asan/tests/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	"$t" >"$OUT/$name.log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$OUT/$name.log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$OUT/$name.log" | awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1  # crashed or a sanitizer stopped it
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $name (exit $rc):"
		cat "$OUT/$name.log"
	else
		# Suites may print a report worth seeing (the coach prints precision and recall).
		grep '^report:' "$OUT/$name.log" | sed 's/^report: /  /'
		echo "ok   $name ($p)"
	fi
done

# Each libFuzzer target (tests/fuzz/) runs for FUZZ_CHECK_SECONDS over its committed
# seed corpus; new inputs go to a scratch folder, a crash input to test-output/.
# One target is one test. `make fuzz` runs them longer.
echo "== fuzz targets"
fuzz_s=${FUZZ_CHECK_SECONDS:-3}
for f in "$BUILD"/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	name=${f##*/fuzz_}
	scratch=$(mktemp -d /tmp/duet-fuzz-XXXXXX)
	mkdir -p "tests/fuzz/corpus/$name"
	timeout $((fuzz_s + 60)) "$f" -max_total_time="$fuzz_s" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$OUT/fuzz-$name-" "$scratch" "tests/fuzz/corpus/$name" \
		>"$OUT/fuzz-$name.log" 2>&1
	rc=$?
	rm -rf "$scratch"
	if [ "$rc" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok   fuzz $name ($(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$OUT/fuzz-$name.log") runs)"
	else
		failed=$((failed + 1))
		echo "FAIL fuzz $name (exit $rc):"
		tail -40 "$OUT/fuzz-$name.log"
	fi
done

# Each test file runs in its own Node.js process under a time limit, so that a
# file that hangs fails by name (with its output) instead of stopping the whole
# run; a line per file says how long it took. node_files LABEL TAP FILES...
NODE_FILE_SECONDS=${NODE_FILE_SECONDS:-300}
NODE_FILE_RETRIES=${NODE_FILE_RETRIES:-1}
# node_file FILE: runs one file into $one; sets rc, secs, p (passed), f (failed).
node_file() {
	t0=$(date +%s)
	# timeout signals its whole process group (node and the duet servers it
	# started); Chromium, which Playwright starts in a group of its own, is
	# stopped below.
	timeout -k 15 "$NODE_FILE_SECONDS" node --test --test-reporter=tap "$1" >"$one" 2>&1 </dev/null
	rc=$?
	secs=$(($(date +%s) - t0))
	p=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$one" | tail -1)
	f=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$one" | tail -1)
	p=${p:-0}
	f=${f:-0}
	[ "$rc" -eq 0 ] || [ "$f" -ne 0 ] || f=1
}
node_files() {
	label=$1
	tap=$2
	shift 2
	: >"$tap"
	np=0
	nf=0
	for file in "$@"; do
		one="$OUT/one.tap"
		node_file "$file"
		# A file that failed by an assertion (not a hang, not a sanitizer report)
		# runs once more, since browser tests on a loaded machine can lose a race
		# the product does not; a pass then is reported as FLAKY, with the first
		# run's failures, and kept in $OUT/flaky.txt, never hidden.
		if [ "$f" -ne 0 ] && [ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] && [ "$NODE_FILE_RETRIES" -gt 0 ] &&
			! grep -q 'Sanitizer\|runtime error:' "$one"; then
			first="$OUT/first-$(basename "$file").tap"
			mv "$one" "$first"
			node_file "$file"
			if [ "$f" -eq 0 ]; then
				echo "FLAKY $label$file: failed once, passed when run again; the first run's failures:"
				grep -A12 '^not ok\|^    not ok' "$first" | head -40
				echo "$label$file" >>"$OUT/flaky.txt"
			fi
		fi
		if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
			pkill -f 'playwright_chromiumdev_profile' 2>/dev/null
			echo "FAIL $label$file: still running after $NODE_FILE_SECONDS s; stopped. Its last output:"
			tail -60 "$one"
			f=$((f + 1))
		elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			f=1
		fi
		if [ "$f" -ne 0 ]; then
			[ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] || {
				echo "FAIL $label$file ($p passed, $f failed, ${secs} s):"
				grep -B2 -A30 '^not ok\|^    not ok\|^        not ok' "$one" | head -200
				grep -q '^not ok\|^    not ok' "$one" || tail -40 "$one"
			}
		else
			echo "ok   $label$file ($p, ${secs} s)"
		fi
		grep '^# report:' "$one" | sed 's/^# report: /  /'
		cat "$one" >>"$tap"
		np=$((np + p))
		nf=$((nf + f))
	done
	rm -f "$OUT/one.tap"
}

echo "== CLI, HTTP and browser tests"
files=$(ls tests/cli/*.test.mjs tests/http/*.test.mjs tests/browser/*.test.mjs 2>/dev/null)
if [ -n "$files" ]; then
	export DUET_BIN="$PWD/$BUILD/asan/duet"
	node_files "" "$OUT/node.tap" $files
	echo "node tests: $np passed, $nf failed (full output in $OUT/node.tap)"
	passed=$((passed + np))
	failed=$((failed + nf))
fi

# The HTTP suite again, against PostgreSQL (a throwaway server from tests/pg.sh).
if [ -n "$(ls tests/http/*.test.mjs 2>/dev/null)" ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
	echo "== HTTP tests on PostgreSQL"
	pgdir=$(mktemp -d /tmp/duet-pg-XXXXXX)
	if sh tests/pg.sh start "$pgdir" >"$OUT/pg-start.log" 2>&1; then
		export DUET_TEST_PG="$pgdir" DUET_BIN="$PWD/$BUILD/asan/duet"
		node_files "pg " "$OUT/node-pg.tap" tests/http/*.test.mjs
		unset DUET_TEST_PG
		sh tests/pg.sh stop "$pgdir"
		echo "PostgreSQL HTTP tests: $np passed, $nf failed (full output in $OUT/node-pg.tap)"
		passed=$((passed + np))
		failed=$((failed + nf))
	else
		cat "$OUT/pg-start.log"
		echo "FAIL could not start a throwaway PostgreSQL server"
		failed=$((failed + 1))
	fi
fi

if [ -s "$OUT/flaky.txt" ]; then
	echo "flaky (failed once, passed when run again): $(wc -l <"$OUT/flaky.txt") file(s), listed in $OUT/flaky.txt"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
