#!/usr/bin/env bash
# it_tui_pipeline.sh — the done-when run: in a 100x30 terminal, `run` on the course sample moves
# every stage through the Pipeline pane and the Tables pane ends with the sample's figures.
# Then a long stage: progress bar, typing meanwhile, Ctrl-C. Without the course sample the run
# is on the project's own tests/data/etl/mini, whose figures are known by hand.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
. "$T_ROOT/tests/data/etl/lib.sh"
. "$(dirname "$0")/lib/gate.sh"

t_newdb tp

# the course sample when it is beside the repo, else the project's own hand-checked mini set
if have_sample; then
	data=$SHARED_SAMPLE
	want="staging_events=8056 staging_songs=71 songplays=6820 users=97 songs=71 artists=69 time=6813"
else
	data=$ETL_MINI
	want="staging_events=14 staging_songs=8 songplays=6 users=4 songs=6 artists=5 time=5"
fi
# tables_has PANE TABLE ROWS: the Tables pane shows TABLE with ROWS
# tables_has PANE TABLE ROWS: the Tables pane's line for TABLE shows ROWS (written 6,820)
tables_has() { printf '%s\n' "$1" | grep -Eq "(^|[^a-z_])$2 +$(printf '%s' "$3" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')( |$)"; }
{
	tui_start 100 30 -- --data "$data" || t_fail "console starts" "$(tui_screen)"
	tui_wait_dump "· ready" 10
	tui_run "run"
	# (the loads run on two lanes: load time may end before load artists, so the run's end is its
	# summary line, and the pane is read once it has caught up with every stage)
	stages=("create" "stage songs" "stage events" "load songplays" "load users" "load songs" "load artists" "load time")
	all_ticked() { local p; p=$(tui_pane pipeline); for st in "${stages[@]}"; do grep -qF "✓ $st" <<<"$p" || return 1; done; }
	tui_wait_dump "8 stages in" 60 && t_pass "run reaches the last stage" || t_fail "run reaches the last stage" "$(tui_pane pipeline; tui_pane log)"
	wait_for 10 all_ticked
	p=$(tui_pane pipeline)
	for st in "${stages[@]}"; do
		t_has "pipeline: $st done" "$p" "✓ $st"
	done
	ev=${want#staging_events=}; ev=${ev%% *}
	t_has "pipeline rows for stage events" "$p" "$(echo "$ev" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') rows"
	wait_for 10 eval 'tables_has "$(tui_pane tables)" time "${want##*time=}"'
	tb=$(tui_pane tables)
	for tw in $want; do
		tables_has "$tb" "${tw%=*}" "${tw#*=}" && t_pass "tables: ${tw%=*} ${tw#*=}" \
			|| t_fail "tables: ${tw%=*} ${tw#*=}" "$tb"
	done
	# every stage again: the run starts the pane afresh and ends the same
	# (the pane shows the first run's end until the second begins: the run log tells them apart)
	runs_done() { [ "$(sqlv "SELECT count(*) FROM dwh_runs WHERE stage LIKE 'load %' AND status = 'done'")" = "$1" ]; }
	wait_for 10 runs_done 5 || t_fail "the first run is in the run log"
	tui_run "run"
	wait_for 60 runs_done 10 || t_fail "the second run logs its five loads"
	wait_for 10 all_ticked
	tui_wait_dump "· ready" 30
	sp=${want#*songplays=}; sp=${sp%% *}
	wait_for 10 eval 'tables_has "$(tui_pane tables)" songplays "$sp"'
	tables_has "$(tui_pane tables)" songplays "$sp" && t_pass "second run ends the same" \
		|| t_fail "second run ends the same" "$(tui_pane tables)"
	tui_run "quit"
	tui_ended 10
	t_eq "quit leaves with 0" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"
}

# a stage held mid-way (its 60,000th row of 150,000 waits at the gate, tests/lib/gate.sh), so
# that it is watched however fast the machine: the progress bar shows, the prompt takes typing,
# and Ctrl-C cancels it. The gate stays shut: only the cancel ends the stage.
{
	"$DWH" -c "gen $T_TMP/big --songs 200 --events 150000" >/dev/null || t_fail "gen the big data set"
	tui_start 100 30 -- --data "$T_TMP/big" || t_fail "console starts"
	tui_wait_dump "· ready" 10
	# (the pane shows the first part's create from the run log: the log's count tells this one)
	creates() { sqlv "SELECT count(*) FROM dwh_runs WHERE stage = 'create' AND status = 'done'"; }
	n_create=$(creates)
	tui_run "create"
	create_done() { [ "$(creates)" -gt "$n_create" ]; }
	wait_for 30 create_done || t_fail "create ran in the second console"
	tui_wait_dump "✓ create" 10
	tui_wait_dump "· ready" 10
	before=$(sqlv 'SELECT count(*) FROM staging_events')
	gate_close staging_events 60000
	tui_run "stage events"
	wait_for 60 gate_reached || t_fail "the stage reached its 60,000th row (the gate)"
	# one capture holds the bar, its rate and its blocks
	bar_drawn() { pane=$(tui_pane pipeline); case "$pane" in *"█"*) return 0;; esac; return 1; }
	pane=""
	wait_for 30 bar_drawn
	t_has "progress bar with a percentage" "$pane" "% "
	t_has "progress shows a rate" "$pane" "rows/s"
	t_has "progress bar drawn" "$pane" "█"
	tui_type "still typing"
	tui_wait_screen "dwh> still typing" 10 && t_pass "prompt takes typing during a stage" \
		|| t_fail "prompt takes typing during a stage" "$(tui_screen | tail -1)"
	tui_keys C-u
	# the limit is the feature (cancelled at once, not when the stage would end: never, here),
	# generous for a loaded machine: 10 s
	t0=$(t_ms)
	tui_keys C-c
	tui_wait_dump "cancelled (" 30
	ms=$(( $(t_ms) - t0 ))
	[ "$ms" -lt 10000 ] && t_pass "Ctrl-C stops the stage within 10 s (${ms} ms)" || t_fail "Ctrl-C stops the stage" "$ms ms"
	tui_wait_dump "cancelled" 10
	gate_remove staging_events
	t_has "stage still listed" "$(tui_pane pipeline)" "stage events"
	t_has "stage marked cancelled" "$(tui_pane pipeline | grep 'stage events')" "cancelled"
	t_eq "cancelled stage rolled back" "$(sqlv 'SELECT count(*) FROM staging_events')" "$before"
	tui_run "quit"
}
