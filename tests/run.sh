#!/usr/bin/env bash
# run.sh — every test: the unit tests, then each tests/it_*.sh against one throwaway
# PostgreSQL server. `make check T=word` runs the integration tests whose name has `word`.
# Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
. tests/lib/pg.sh

# under SANITIZE=1, leaks inside libraries (not dwh's own) are listed in tests/lsan.supp
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export SANITIZE="${SANITIZE:-}"
T_RESULTS=$(mktemp /tmp/dwh-results.XXXXXX)
export T_RESULTS
unit_passed=0 unit_failed=0

if [ -n "${DWH_UNIT:-}" ] && [ -z "${T:-}" ]; then
	"$DWH_UNIT" > "$T_RESULTS.unit" 2>&1
	grep -v '^ok' "$T_RESULTS.unit" | grep -v '^unit: ' 
	line=$(tail -n1 "$T_RESULTS.unit")
	unit_passed=$(echo "$line" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	unit_failed=$(echo "$line" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	[ -n "$unit_passed" ] || { echo "unit tests did not finish:"; tail -n 20 "$T_RESULTS.unit"; unit_passed=0; unit_failed=1; }
	echo "unit tests: $unit_passed passed, $unit_failed failed"
	rm -f "$T_RESULTS.unit"
fi

pg_start || { echo "0 passed, 1 failed"; exit 1; }
trap 'pg_stop; rm -f "$T_RESULTS"' EXIT

shopt -s nullglob
for t in tests/it_*.sh; do
	case "$t" in *"${T:-}"*) ;; *) continue;; esac
	timeout 900 bash "$t" || echo "FAIL $(basename "$t" .sh): script exited $?" | tee -a "$T_RESULTS"
done

passed=$(( $(grep -c '^PASS' "$T_RESULTS") + unit_passed ))
failed=$(( $(grep -c '^FAIL' "$T_RESULTS") + unit_failed ))
skipped=$(grep -c '^SKIP' "$T_RESULTS")
grep '^FAIL' "$T_RESULTS" | sed 's/^/  /'
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
