#!/usr/bin/env bash
# it_etl_sample.sh — the udacity sample gives exactly its README's figures, `run` then `check`
# twice in a row gives the same counts with every check passing.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

if ! have_sample; then
	t_skip "udacity sample absent (../shared/data/udacity-sample); it_etl_mini covers the rules"
	exit 0
fi
t_newdb
dwht -c create >/dev/null
etl_stage "$SHARED_SAMPLE"
t_eq "staging rows" "$(etl_staging)" "8056 71"

for pass in 1 2; do
	# the whole pipeline through dwh's loader
	out=$(dwht --data "$SHARED_SAMPLE" -c run -c check 2>&1); rc=$?
	t_eq "run + check exit 0 (pass $pass)" "$rc" 0
	t_has "run prints staged songs (pass $pass)" "$out" "stage songs     71 rows (rebuilt from 71 rows read, 71 files)"
	t_has "run prints staged events (pass $pass)" "$out" "stage events    8,056 rows (rebuilt from 8,056 rows read, 30 files)"
	t_has "run prints songplays rows (pass $pass)" "$out" "load songplays  6,820 rows (rebuilt from 8,056 rows read)"
	t_has "run prints time rows (pass $pass)" "$out" "load time       6,813 rows (rebuilt from 6,820 rows read)"
	t_has "every check passes (pass $pass)" "$out" "check: 29 passed, 0 failed"
	t_lacks "no FAIL (pass $pass)" "$out" "FAIL"
	t_eq "sample figures (pass $pass)" "$(etl_figures)" "$ETL_SAMPLE_FIGURES"
	t_eq "staging unchanged (pass $pass)" "$(etl_staging)" "8056 71"
done
t_eq "the one matched play" "$(sqlv "SELECT song_id || ' ' || start_time FROM songplays WHERE song_id IS NOT NULL")" \
	"SOZCTXZ12AB0182364 2018-11-21 21:56:47.796"
