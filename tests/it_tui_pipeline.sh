#!/usr/bin/env bash
# it_tui_pipeline.sh — the done-when run: in a 100x30 terminal, `run` on the course sample moves
# every stage through the Pipeline pane and the Tables pane ends with the sample's figures.
# Then a long stage: progress bar, typing meanwhile, Ctrl-C. Without the course sample the run
# is on the project's own tests/data/etl/mini, whose figures are known by hand.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

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
tables_has() { printf '%s\n' "$1" | grep -Eq "(^|[^a-z_])$2 +$3( |$)"; }
{
	tui_start 100 30 -- --data "$data" || t_fail "console starts" "$(tui_screen)"
	tui_wait_dump "· ready" 10
	tui_run "run"
	tui_wait_dump "✓ load time" 60 && t_pass "run reaches the last stage" || t_fail "run reaches the last stage" "$(tui_pane pipeline; tui_pane log)"
	p=$(tui_pane pipeline)
	for st in "create" "stage songs" "stage events" "load songplays" "load users" "load songs" "load artists" "load time"; do
		t_has "pipeline: $st done" "$p" "✓ $st"
	done
	ev=${want#staging_events=}; ev=${ev%% *}
	t_has "pipeline rows for stage events" "$p" "$(echo "$ev" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') rows"
	for _ in $(seq 50); do tables_has "$(tui_pane tables)" time "${want##*time=}" && break; sleep 0.1; done
	tb=$(tui_pane tables)
	for tw in $want; do
		tables_has "$tb" "${tw%=*}" "${tw#*=}" && t_pass "tables: ${tw%=*} ${tw#*=}" \
			|| t_fail "tables: ${tw%=*} ${tw#*=}" "$tb"
	done
	# every stage again: the run starts the pane afresh and ends the same
	tui_run "run"
	sleep 0.5
	tui_wait_dump "✓ load time" 60
	sp=${want#*songplays=}; sp=${sp%% *}
	tables_has "$(tui_pane tables)" songplays "$sp" && t_pass "second run ends the same" \
		|| t_fail "second run ends the same" "$(tui_pane tables)"
	tui_run "quit"
	for _ in $(seq 30); do [ -s "$T_TMP/exited" ] && break; sleep 0.1; done
	t_eq "quit leaves with 0" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"
}

# a stage long enough to watch: the progress bar moves while the prompt takes typing, and
# Ctrl-C cancels it
{
	"$DWH" -c "gen $T_TMP/big --songs 200 --events 500000" >/dev/null || t_fail "gen the big data set"
	tui_start 100 30 -- --data "$T_TMP/big" || t_fail "console starts"
	tui_wait_dump "· ready" 10
	tui_run "create"
	tui_wait_dump "✓ create" 10
	before=$(sqlv 'SELECT count(*) FROM staging_events')
	tui_run "stage events"
	# one capture holds the bar, its rate and its blocks: the stage may end right after it
	pane=""
	for _ in $(seq 200); do
		pane=$(tui_pane pipeline)
		case "$pane" in *"█"*) break;; esac
		sleep 0.1
	done
	t_has "progress bar with a percentage" "$pane" "% "
	t_has "progress shows a rate" "$pane" "rows/s"
	t_has "progress bar drawn" "$pane" "█"
	tui_type "still typing"
	tui_wait_screen "dwh> still typing" 2 && t_pass "prompt takes typing during a stage" \
		|| t_fail "prompt takes typing during a stage" "$(tui_screen | tail -1)"
	tui_keys C-u
	t0=$(date +%s%N)
	tui_keys C-c
	tui_wait_dump "cancelled (" 5
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	[ "$ms" -lt 1000 ] && t_pass "Ctrl-C stops the stage within a second (${ms} ms)" || t_fail "Ctrl-C stops the stage" "$ms ms"
	tui_wait_dump "cancelled" 3
	t_has "stage still listed" "$(tui_pane pipeline)" "stage events"
	t_has "stage marked cancelled" "$(tui_pane pipeline | grep 'stage events')" "cancelled"
	t_eq "cancelled stage rolled back" "$(sqlv 'SELECT count(*) FROM staging_events')" "$before"
	tui_run "quit"
}
