#!/usr/bin/env bash
# it_tui_teach.sh — the console front end of `unmatched`, `why` and `exercise`: each runs at
# the console prompt and reports in its panes (batch mode: it_etl_unmatched, it_etl_why,
# it_etl_exercise).
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb
gen="$T_TMP/gen data"
"$DWH" gen "$gen" --songs 30 --events 1200 --seed 5 >/dev/null 2>&1 || t_fail "gen"
dwht --data "$gen" -c create -c run >/dev/null 2>&1 || t_fail "run on gen data"
paid=$(jq .users_paid "$gen/expected.json")

tui_start 160 40 -- --data "$gen" || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 10
tui_run "unmatched --near 0.002"
tui_wait_dump "the reasons add up to" 10
t_has "unmatched: the sum and total said in the log" "$(tui_pane log)" "plays of songplays have no song; the reasons add up to"
# (its own line, said after the sum: waited for, not read at once)
tui_wait_pane log "--near 0.002:" 10 && t_pass "unmatched: --near's count in the log" \
	|| t_fail "unmatched: --near's count in the log" "$(tui_pane log)"

tui_run "why songplays 1"
tui_wait_dump "-events.json, line " 10
t_has "why: the raw line's file and line in the log" "$(tui_pane log)" "-events.json, line "

tui_run "exercise 1"
tui_wait_dump "How many users are on the paid level now?" 5
t_has "exercise: the question shown" "$(tui_pane log)" "How many users are on the paid level now?"
tui_run "SELECT COUNT(*) + 1 FROM users WHERE level = 'paid';"
tui_wait_dump "exercise 1: wrong" 10
t_has "exercise: a wrong answer said, with the row" "$(tui_pane log)" "the expected answer has the row ($paid)"
tui_run "SELECT COUNT(*) AS paid FROM users WHERE level = 'paid';"
tui_wait_dump "right!" 10
t_has "exercise: the right answer said" "$(tui_pane log)" "exercise 1 (How many paid users?): right!"
t_has "exercise: the answer's rows in the result pane" "$(tui_pane result)" "$paid"
t_eq "exercise: progress kept" "$(cat "$T_TMP/state/dwh/exercises")" "01_paid_users"
# w on a row in the browser: why for its songplay_id (row 2 here)
# where staging says songplay 2's event is: its log file's name and line
at2=$(sqlv "SELECT regexp_replace(f.path, '.*/', '') || ', line ' || e.src_line || ':' FROM songplays sp
	JOIN staging_events e ON e.page = 'NextSong' AND e.user_id = sp.user_id
	AND e.session_id = sp.session_id AND TIMESTAMP 'epoch' + e.ts * INTERVAL '1 millisecond' = sp.start_time
	JOIN staging_files f ON f.tbl = 'staging_events' AND f.file = e.src_file
	WHERE sp.songplay_id = 2 LIMIT 1")
tui_run "SELECT songplay_id, user_id, song_id FROM songplays ORDER BY songplay_id LIMIT 3;"
tui_wait_dump "# Result — 3 rows" 10
tui_keys Escape
tui_keys j
tui_keys w
tui_wait_dump "$at2" 10
t_has "w on row 2 of the browser: why songplays 2, its raw line" "$(tui_pane log)" "$at2"
tui_keys q
tui_run "quit"
tui_ended 10
