#!/usr/bin/env bash
# valgrind.sh [WORD...] — the batch-mode integration tests (default: those not timed: core, etl, stage and the commit protocol ones) with every
# dwh run under valgrind's memcheck: any memory error or definite leak fails the run
# (--error-exitcode, and each process's log is read afterwards). CI runs it (.ci/run).
set -u
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)"; exit 1; }
logs=$(mktemp -d /tmp/dwh-valgrind.XXXXXX)
chmod 777 "$logs"
wrap="$logs/dwh"
cat >"$wrap" <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --read-inline-info=no \
	--show-leak-kinds=definite --suppressions="$(pwd)/tests/valgrind.supp" \
	--log-file="$logs/vg.%p.log" "$(pwd)/dwh" "\$@"
WRAP
chmod 755 "$wrap"
# (--read-inline-info=no: inlined frames go unnamed in a report's stack, which finds the same
# errors; reading that information at each of the ~150 starts was ~15% of the stage's CPU)
rc=0
# one `make check` for every word (its scripts run JOBS at a time, as in make check)
words="${*:-core_cli core_sql core_schema core_conn etl_mini etl_atomic etl_check stage_bad stage_layout fault_pair}"
DWH_UNDER_TEST=$wrap make --no-print-directory check T="$words" >"$logs/check" 2>&1 || rc=1
grep '^  FAIL' "$logs/check"
tail -n1 "$logs/check" | sed "s/^/valgrind ($words): /"
bad=$(grep -l -E 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]|Invalid (read|write)|uninitialised' "$logs"/vg.*.log 2>/dev/null)
runs=$(ls "$logs"/vg.*.log 2>/dev/null | wc -l)
if [ -n "$bad" ]; then
	echo "valgrind: memory errors or definite leaks in:"
	for f in $bad; do echo "== $f"; head -n 40 "$f"; done
	rc=1
fi
echo "valgrind: $runs dwh runs, $(echo "$bad" | grep -c . ) with errors"
[ $rc = 0 ] && rm -rf "$logs"
exit $rc
