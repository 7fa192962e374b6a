#!/usr/bin/env bash
# it_tui_pipeline.sh — the done-when run: in a 100x30 terminal, `run` on the course sample moves
# every stage through the Pipeline pane and the Tables pane ends with the sample's figures.
# Then a long stage: progress bar, typing meanwhile, Ctrl-C. Parts whose commands (`run`, or
# the loader's `gen` and `stage`) or data are missing skip themselves.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"

t_newdb tp

if ! have_sample; then
	t_skip "no udacity-sample beside the repo"
elif ! "$DWH" -c "help" 2>/dev/null | grep -q '^ *run\b'; then
	t_skip "no \`run\` command in this build"
else
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
fi

# a stage long enough to watch: the progress bar moves while the prompt takes typing, and
# Ctrl-C cancels it (needs the loader's `gen` and `stage`)
if "$DWH" -c "help gen" >/dev/null 2>&1 && "$DWH" -c "help stage" >/dev/null 2>&1; then
	"$DWH" -c "gen $T_TMP/big --songs 200 --events 500000" >/dev/null 2>&1
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
else
	t_skip "no gen/stage commands in this build"
fi
