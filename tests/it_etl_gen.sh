#!/usr/bin/env bash
# it_etl_gen.sh — generated data (`dwh gen`) through the whole pipeline gives the figures the
# generator counted in DIR/expected.json, twice in a row, with every check passing.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

gen="$T_TMP/gen"
"$DWH" -c "gen $gen --events 30000 --songs 3000 --users 150 --seed 7" >/dev/null || t_fail "gen"
want() { gen_want "$gen" "$1"; }
expected=$(gen_figures "$gen")
t_eq "expected.json has every figure" "$(echo $expected | wc -w)" 7

t_newdb
for pass in 1 2; do
	out=$(dwht --data "$gen" -c run -c check 2>&1); rc=$?
	t_eq "run + check exit 0 (pass $pass)" "$rc" 0
	t_has "every check passes (pass $pass)" "$out" "check: 29 passed, 0 failed"
	t_eq "figures of expected.json (pass $pass)" "$(etl_figures)" "$expected"
	t_eq "staging of expected.json (pass $pass)" "$(etl_staging)" "$(want staging_events) $(want staging_songs)"
done
