#!/usr/bin/env bash
# it_tui_data.sh — the data from inside the console and batch mode: `data` shows and sets the
# source, `run --data DIR` works in a console opened without --data (no restart), and the run's
# summary counts every stage the pipeline pane lists (8, with 1 row / 2 rows plurals).
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb

"$DWH" gen "$T_TMP/gen/sample" --songs 20 --events 200 --seed 3 >/dev/null || t_fail "gen"
mkdir -p "$T_TMP/empty"

out=$(dwht -c data 2>&1)
t_has "data alone: not set" "$out" "data: not set"
t_rc "data on a missing directory fails" 1 dwht -c "data $T_TMP/nope"
t_has "... saying so" "$(cat "$T_TMP/err")" "not a directory"
t_rc "data on a directory without song_data/log_data fails" 1 dwht -c "data $T_TMP/empty"
t_has "... saying what is missing" "$(cat "$T_TMP/err")" "no song_data/ and log_data/ in it"
out=$(dwht -c "data $T_TMP/gen" -c data 2>&1)
t_has "data DIR finds song_data and log_data one level down" "$out" "data: $T_TMP/gen/sample"
t_has "... and says where stage reads" "$out" "stage songs: $T_TMP/gen/sample/song_data"
out=$(dwht -c "run --data $T_TMP/gen/sample" 2>&1); rc=$?
t_eq "run --data DIR (exit 0)" "$rc" 0
t_has "the summary counts all 8 stages" "$out" "8 stages in"
t_rc "run --data with no DIR is a usage error" 1 dwht -c "run --data"
t_has "... naming the options" "$(cat "$T_TMP/err")" "usage: run [--data DIR] [--from STAGE]"
out=$(dwht -c "run --data $T_TMP/gen/sample --from load users" 2>&1)
t_has "--data and --from together" "$out" "4 stages in"
out=$(dwht -c 'SELECT 1 AS one;' -c "stage songs $T_TMP/gen/sample/song_data/A/A/A" 2>&1)
t_lacks "no '1 rows' anywhere" "$out" " 1 rows"
t_lacks "no '1 files' anywhere" "$out" " 1 files"

# the console, opened without --data: the data given from inside, no restart
t_newdb "${T_NAME}_console"
tui_start 120 36 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 10
tui_wait_dump "The warehouse is empty" 5 && t_pass "an empty warehouse's first screen says what to do next" \
	|| t_fail "the opening screen" "$(tui_pane result)"
t_has "... run" "$(tui_pane result)" "  run        build everything from the data"
t_has "... step" "$(tui_pane result)" "  step       one stage at a time"
t_has "... help" "$(tui_pane result)" "  help       every command"
tui_run "run"
tui_wait_dump "no input" 10 && t_pass "run without data says there is no input" || t_fail "run without data" "$(tui_pane log | tail -3)"
wait_for 5 tui_pane_has bar "· ready"
tui_run "run --data $T_TMP/gen/sample"
tui_wait_dump "8 stages in" 30 && t_pass "run --data DIR works in the console without a restart" \
	|| t_fail "run --data in the console" "$(tui_pane log | tail -5)"
t_has "the pipeline pane shows load time done" "$(tui_pane pipeline)" "✓ load time"
wait_for 5 tui_pane_has bar "· ready"   # (the run's recount ends)
tui_run "data"
tui_wait_dump "data: $T_TMP/gen/sample" 5 && t_pass "data shows the source the console now uses" \
	|| t_fail "data in the console" "$(tui_pane log | tail -3)"
tui_run "quit"

# the log: a long line wraps instead of being cut, F7/F8 scroll, `log` shows all of it
tui_start 80 30 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 10
long="SELECT 'the beginning' AS a, 'and a middle part that goes on' AS b, 'until the very end of it' AS c;"
tui_run "$long"
tui_wait_dump "# Result — 1 row" 5
t_has "a long log line wraps: its end is on screen" "$(tui_pane log)" "until the very end of it' AS c;"
for i in $(seq 1 12); do tui_run "\\echo line $i"; tui_wait_pane log "line $i" 5; done
tui_wait_dump "line 12" 5
tui_keys F7
tui_wait_pane log "newer" 5
t_has "F7 scrolls the log back" "$(tui_pane log)" "newer"
tui_keys F8
log_at_end() { ! tui_pane_has log "newer"; }
wait_for 5 log_at_end
t_lacks "F8 scrolls it forward again" "$(tui_pane log)" "newer"
tui_run "log"
tui_wait_dump "session log" 5 && t_pass "log shows the session log in the result pane" \
	|| t_fail "log" "$(tui_pane result | head -3)"
t_has "... every line, the first too" "$(tui_pane result)" "dwh console: F1 for help"
tui_run "quit"
t_has "log in batch mode says where the messages went" "$(dwht -c log)" "printed as it comes"
