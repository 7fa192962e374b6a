#!/usr/bin/env bash
# it_runlog.sh — the run log (dwh_runs): one row per stage run, written in the stage's own
# transaction when it succeeds and after the rollback when it fails; read by `history`,
# `status`, `step` (stale stages) and a stage given no path (the remembered input).
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

t_newdb
mini=$(cd "$ETL_MINI" && pwd -P)
t_rc "create and run" 0 dwht --data "$ETL_MINI" -c create -c run
t_eq "the log exists after create" "$(sqlv "SELECT count(*) FROM information_schema.tables WHERE table_name = 'dwh_runs'")" 1
# (songs and events commit on two connections, in either order)
t_eq "one done row per stage" "$(sqlv "SELECT string_agg(stage || ':' || status, ',' ORDER BY stage) FROM dwh_runs")" \
	"create:done,load artists:done,load songplays:done,load songs:done,load time:done,load users:done,stage events:done,stage songs:done"
t_eq "stage events: rows, files, bytes, input, mode" \
	"$(sqlv "SELECT rows, files, bytes > 0, input, mode, bad FROM dwh_runs WHERE stage = 'stage events'")" "14|2|t|$mini/log_data|full|0"
t_eq "loads: rows and their input tables" "$(sqlv "SELECT rows || ' ' || input FROM dwh_runs WHERE stage = 'load songplays'")" "6 staging_events, staging_songs"
t_eq "timestamps, duration, version, user" \
	"$(sqlv "SELECT bool_and(finished >= started AND duration >= 0 AND finished > now() - interval '5 min' AND dwh_version <> '' AND db_user = current_user AND client LIKE 'dwh pid % on host %') FROM dwh_runs")" t

# a failed stage: a row after the rollback, the staging table as it was
bad="$T_TMP/bad.json"; printf '{"ts": 1, "userId": "1"}\n{"ts": "x"}\n' > "$bad"
t_rc "a bad record fails the stage" 1 dwht -c "stage events $bad"
t_eq "failed row logged" "$(sqlv "SELECT status || ' ' || input FROM dwh_runs WHERE stage = 'stage events' ORDER BY run_id DESC LIMIT 1")" "failed $bad"
t_eq "staging kept its rows" "$(sqlv 'SELECT count(*) FROM staging_events')" 14

# the row is part of the stage's transaction: when it cannot be written, the stage's rows go too
sqlv "ALTER TABLE dwh_runs ADD CONSTRAINT no_users CHECK (stage <> 'load users' OR status <> 'done') NOT VALID" >/dev/null
sqlv "DELETE FROM users" >/dev/null
t_rc "a load whose log row fails, fails" 1 dwht -c 'load users'
t_eq "and leaves its table as it was" "$(sqlv 'SELECT count(*) FROM users')" 0
sqlv "ALTER TABLE dwh_runs DROP CONSTRAINT no_users" >/dev/null
t_eq "the failure is logged after the rollback" "$(sqlv "SELECT status FROM dwh_runs WHERE stage = 'load users' ORDER BY run_id DESC LIMIT 1")" failed

# history
out=$(dwht -c 'history events' 2>&1)
t_eq "history of one stage" "$(dwht --csv -c 'history stage events' | tail -n +2 | cut -d, -f3,4 | tr '\n' ' ')" "stage events,failed stage events,done "
t_has "history shows the failure" "$out" "failed"
t_eq "newest first" "$(dwht --csv -c 'history' | sed -n 2p | cut -d, -f3)" "load users"
t_eq "--limit" "$(dwht --csv -c 'history --limit 3' | wc -l)" 4
t_rc "history with a bad limit" 1 dwht -c 'history --limit 0'
t_rc "history of no such stage" 1 dwht -c 'history nowhere'

# step: failed stages, then the stages that read what they made, each saying why
out=$(dwht -c step 2>&1)
t_has "step picks the failed stage" "$out" "step 3/8: stage events — its last run failed"
out=$(dwht -c step 2>&1)
t_has "then the load that reads it" "$out" "step 4/8: load songplays — stale: stage events ran after it"
out=$(dwht -c step 2>&1)
t_has "then the failed load" "$out" "step 5/8: load users — "
out=$(dwht -c step 2>&1)
t_has "then what reads songplays" "$out" "step 8/8: load time — stale: load songplays ran after it"
out=$(dwht -c step 2>&1)
t_has "then nothing is due" "$out" "every stage has run"

# status: when the warehouse was last built, from what
out=$(dwht -c status 2>&1)
t_has "status: last built" "$out" " last built "
t_has "status: age" "$out" " s ago)"
t_has "status: built from" "$out" "$mini/log_data (full)"

# stale: a stage it reads from ran after it; its table emptied (as UNLOGGED staging after a crash)
t_rc "stage events again" 0 dwht --data "$ETL_MINI" -c 'stage events'
out=$(dwht -c step 2>&1)
t_has "step: a load is stale when its input ran after it" "$out" "step 4/8: load songplays — stale: stage events ran after it"
t_rc "load all" 0 dwht -c 'load all'
sqlv "TRUNCATE staging_events" >/dev/null
out=$(dwht -c step 2>&1); rc=$?
t_eq "step on emptied staging (exit 0)" "$rc" 0
t_has "step: staging is stale when emptied" "$out" "step 3/8: stage events — stale: staging_events is empty (server restarted?)"
# ... and a stage without a path, without --data, takes its last input
t_has "the remembered input is named" "$out" "stage events: from $mini/log_data (last used "
t_eq "restaged from it" "$(sqlv 'SELECT count(*) FROM staging_events')" 14
t_rc "run with no --data, no [LOCAL]" 0 dwht -c run
t_has "run says where the songs came from" "$(cat "$T_TMP/out")" "stage songs: from $mini/song_data"
t_eq "figures after the remembered run" "$(etl_figures)" "$ETL_MINI_FIGURES"

# no log at all (a warehouse made before it): the first stage makes it
sqlv "DROP TABLE dwh_runs" >/dev/null
t_rc "stage without a log makes one" 0 dwht --data "$ETL_MINI" -c 'stage songs'
t_eq "and writes its row" "$(sqlv "SELECT stage FROM dwh_runs")" "stage songs"
t_rc "no input anywhere still fails" 1 dwht -c 'stage events'
t_has "saying so" "$(cat "$T_TMP/err")" "stage events: no input"
t_rc "drop removes the log" 0 dwht --yes -c drop
t_eq "log gone" "$(sqlv "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'dwh\_%'")" 0
