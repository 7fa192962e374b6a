#!/usr/bin/env bash
# it_etl_step.sh — `step` walks the whole pipeline one stage at a time: the SQL first, then the
# rows made, then what is next; `run --from` resumes; inputs missing or empty are named.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

t_newdb
out=$(dwht -c 'load time' 2>&1); rc=$?
t_eq "load before create fails" "$rc" 1
t_has "says run create" "$out" "load time: songplays does not exist — run create first"

out=$(dwht -c step 2>&1)
t_has "step 1 is create" "$out" "step 1/8: create"
t_has "create shows its DDL" "$out" "CREATE TABLE IF NOT EXISTS songplays"
t_has "create names the next" "$out" "next: stage songs"

out=$(dwht -c 'load time' 2>&1); rc=$?
t_eq "load time on empty songplays fails" "$rc" 1
t_has "empty input is named" "$out" "load time: songplays is empty — run load songplays first"
out=$(dwht -c 'load songplays' 2>&1)
t_has "empty staging is named" "$out" "load songplays: staging_events is empty — run stage events first"
t_eq "nothing made" "$(sqlv "SELECT count(*) FROM songplays")" 0

out=$(dwht --data "$ETL_MINI" -c step 2>&1); rc=$?
t_eq "step 2 exit 0" "$rc" 0
t_has "step 2 stages songs" "$out" "step 2/8: stage songs"
t_eq "step 2 filled staging_songs only" "$(etl_staging)" "0 ${ETL_MINI_STAGING#* }"
out=$(dwht --data "$ETL_MINI" -c step 2>&1); rc=$?
t_eq "step 3 exit 0" "$rc" 0
t_has "step 3 stages events" "$out" "step 3/8: stage events"
t_eq "staging filled" "$(etl_staging)" "$ETL_MINI_STAGING"

n=4
for st in songplays users songs artists time; do
	out=$(dwht -c step 2>&1); rc=$?
	t_eq "step $n exit 0" "$rc" 0
	t_has "step $n names load $st" "$out" "step $n/8: load $st"
	t_has "step $n shows the SQL first" "$(printf '%s\n' "$out" | sed -n 2p)" "-- load $st"
	t_has "step $n shows the rows made" "$out" "$st: "
	n=$((n + 1))
done
t_has "last step says all done" "$out" "next: nothing"
t_eq "figures after stepping" "$(etl_figures)" "$ETL_MINI_FIGURES"
out=$(dwht -c step 2>&1)
t_has "step after the end" "$out" "every stage has run"

out=$(dwht -c 'step load users' 2>&1)
t_has "step STAGE reruns one" "$out" "step 5/8: load users"
t_has "rows made shown" "$out" "users: first 4 rows — 4 rows (rebuilt from "

sqlv "TRUNCATE songs, artists, time" >/dev/null
out=$(dwht -c step 2>&1)
t_has "step finds the first emptied stage" "$out" "step 6/8: load songs"
out=$(dwht -c 'run --from artists' 2>&1); rc=$?
t_eq "run --from exit 0" "$rc" 0
t_has "run --from starts there" "$out" "load artists"
t_lacks "run --from skips earlier stages" "$out" "load users"
t_eq "figures after resume" "$(etl_figures)" "$ETL_MINI_FIGURES"
out=$(dwht -c 'run --from nowhere' 2>&1); rc=$?
t_eq "run --from unknown fails" "$rc" 1
t_has "names the stages" "$out" "no such stage"
