#!/usr/bin/env bash
# it_tui_wide.sh — columns as wide as their values and the pane allow: a value longer than the
# old 40-column cap shows whole where the pane has room; one wider than the pane is reached
# with Shift-Right (half a pane at a time, the footer says where), as the longest line of an
# EXPLAIN ANALYZE is.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb twide
result_pane() { tui_pane result; }     # (the log shows the statements typed: look at the result only)

tui_start 120 36 || t_fail "console starts" "$(tui_screen)"
tui_run "SELECT 7 AS id, repeat('abcdefghij', 8) || '-END' AS v;"
tui_wait_pane result "abcdefghij" 10
t_has "a value of 84 characters shows whole at 120 columns" "$(tui_pane result)" "abcdefghij-END"

tui_start 80 24 || t_fail "console starts at 80x24" "$(tui_screen)"
tui_run "SELECT 1 AS n, repeat('x', 150) || ' TAILMARK' AS v;"
tui_wait_pane result "xxxxxxxx" 10
t_lacks "80 columns: the end of a 159-character value is out of view" "$(tui_pane result)" "TAILMARK"
tui_keys Escape
tui_keys Right
t_has_soon "the footer says the value goes on, and how to reach it" "Shift-Right chars 1-" tui_screen
for _ in 1 2 3 4; do tui_keys S-Right; done
t_has_soon "Shift-Right reaches its end" "TAILMARK" result_pane
tui_keys S-Left S-Left S-Left
t_has_soon "Shift-Left back to its start" "chars 1-" tui_screen

tui_keys Escape
tui_run "EXPLAIN ANALYZE SELECT g % 7 AS k, count(*) FROM generate_series(1, 1000) g GROUP BY g % 7;"
tui_wait_pane result "HashAggregate" 10
line=$(tui_pane result | grep -m1 -o 'HashAggregate.*')
t_lacks "80 columns: the plan's first line is cut" "$line" "loops=1)"
tui_keys Escape
for _ in 1 2 3 4; do tui_keys S-Right; done
t_has_soon "Shift-Right reaches the end of EXPLAIN ANALYZE's longest line" "loops=1)" result_pane
