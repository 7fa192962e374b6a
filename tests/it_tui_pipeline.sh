#!/usr/bin/env bash
# it_tui_pipeline.sh — the done-when run: in a 100x30 terminal, `run` on the course sample moves
# every stage through the Pipeline pane and the Tables pane ends with the sample's figures.
# Needs the pipeline commands (`run`) and the sample beside the repo; skips otherwise.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"

have_sample || { t_skip "no udacity-sample beside the repo"; exit 0; }
"$DWH" -c "help" 2>/dev/null | grep -q '^ *run\b' || { t_skip "no \`run\` command in this build"; exit 0; }
t_newdb tp

tui_start 100 30 -- --data "$SHARED_SAMPLE" || t_fail "console starts" "$(tui_screen)"
tui_wait_dump "· ready" 10
tui_run "run"
tui_wait_dump "✓ load time" 60 && t_pass "run reaches the last stage" || t_fail "run reaches the last stage" "$(tui_pane pipeline; tui_pane log)"
p=$(tui_pane pipeline)
for st in "create" "stage songs" "stage events" "load songplays" "load users" "load songs" "load artists" "load time"; do
	t_has "pipeline: $st done" "$p" "✓ $st"
done
t_has "pipeline rows for stage events" "$p" "8056 rows"
tui_wait_dump "time                6813" 5
tb=$(tui_pane tables)
t_has "tables: staging_events" "$tb" "staging_events      8056"
t_has "tables: staging_songs" "$tb" "staging_songs         71"
t_has "tables: songplays" "$tb" "songplays           6820"
t_has "tables: users" "$tb" "users                 97"
t_has "tables: songs" "$tb" "songs                 71"
t_has "tables: artists" "$tb" "artists               69"
t_has "tables: time" "$tb" "time                6813"
# every stage again: the run starts the pane afresh and ends the same
tui_run "run"
sleep 0.5
tui_wait_dump "✓ load time" 60
t_has "second run ends the same" "$(tui_pane tables)" "songplays           6820"
tui_run "quit"
for _ in $(seq 30); do [ -s "$T_TMP/exited" ] && break; sleep 0.1; done
t_eq "quit leaves with 0" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"
