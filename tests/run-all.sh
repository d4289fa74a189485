#!/bin/sh
# run-all.sh - run every test suite and add up the results.
#
# Suites: each cmocka binary $BUILD/tests/test_* (from tests/unit/), then each
# Python suite tests/*/test_*.py and tests/test_*.py (they use tests/lib/
# harness.py and get the binary as $LEDE_BIN). Every suite's summary is
# read; the run closes with one "N passed, N failed" line and fails when any
# suite failed or printed no summary.
set -u
BUILD=${BUILD:-build}
export BUILD
LEDE_BIN=${LEDE_BIN:-$BUILD/lede}
export LEDE_BIN
cd "$(dirname "$0")/.." || exit 2
total_pass=0
total_fail=0
bad=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_suite() {
    name=$1
    shift
    "$@" >"$log" 2>&1
    rc=$?
    # cmocka: "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s), ..."
    p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    if [ -z "$p$f" ]; then
        line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
        p=$(echo "$line" | sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p')
        f=$(echo "$line" | sed -n 's/.*\b\([0-9][0-9]*\) failed.*/\1/p')
    fi
    p=${p:-0}
    f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; echo "suite $name printed no result"; fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    if [ "$f" -ne 0 ]; then
        bad="$bad $name"
        cat "$log"
    fi
    printf '%-28s %4d passed, %d failed\n' "$name" "$p" "$f"
}

for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    run_suite "$(basename "$t")" "$t"
done
for t in tests/test_*.py tests/*/test_*.py; do
    [ -f "$t" ] || continue
    run_suite "$(basename "$t" .py)" python3 "$t"
done
[ -n "$bad" ] && echo "failed suites:$bad"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
