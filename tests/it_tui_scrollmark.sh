#!/usr/bin/env bash
# it_tui_scrollmark.sh — panes taller or wider than the screen say so and scroll: a chart with
# more bars than the pane has lines ("lines 1-30 of 40 ↓ more", PgDn/j/G reach its last bar,
# was "… 1 more rows (a taller pane shows them)"); `peek`'s JSON line uses the pane's width,
# marks its cut end with …, and moves a character with Right, half a pane with Shift-Right; an
# hour chart at 80x24 goes sideways with every value rather than lose them.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tscroll
result_pane() { tui_pane result; }

# A two-series chart of 20 labels: 40 bar lines, taller than the pane at 120x36.
tui_start 120 36 || t_fail "console starts" "$(tui_screen)"
tui_run "SELECT 'label' || lpad(g::text, 2, '0') AS k, g * 10 AS a, g * 7 AS b FROM generate_series(1, 20) g;"
tui_wait_pane result "20 rows" 10 || t_fail "the rows" "$(tui_pane result)"
tui_run "chart"
tui_wait_screen "↓ more" 10 && t_pass "a chart taller than the pane says more lines exist" \
	|| t_fail "chart: more lines said" "$(tui_screen)"
t_has "... which lines show" "$(tui_screen)" "lines 1-"
t_lacks "... the last bar is out of view" "$(tui_pane result)" "label20"
t_lacks "... no dead end" "$(tui_screen)" "a taller pane shows them"
for _ in 1 2 3 4 5; do tui_keys PgDn; done
t_has_soon "PgDn from the prompt scrolls the chart to its last bar" "label20" result_pane
t_lacks "... the end: no more below" "$(tui_screen)" "↓ more"
t_has "... the legend stays on top" "$(tui_pane result | head -n 2)" "█ a"
tui_keys Escape g
t_has_soon "browsing: g back to the first bar" "lines 1-" tui_screen
tui_keys j
t_has_soon "... j one line down" "lines 2-" tui_screen
tui_keys G
t_has_soon "... G its last bar" "label20" result_pane
tui_keys Escape

# An hour chart at 80x24 (24 numeric labels: columns in order where there is room): the pane is
# too short and narrow for columns with their values, so the bars go sideways, each with its
# value, and scroll — never one row of bars without numbers
tui_start 80 24 || t_fail "console starts at 80x24" "$(tui_screen)"
tui_run "SELECT h AS hour, 1000 + h * 37 AS plays FROM generate_series(0, 23) h;"
tui_wait_pane result "24 rows" 10 || t_fail "the hour rows" "$(tui_pane result)"
tui_run "chart"
tui_wait_screen "↓ more" 10 && t_pass "80x24: the hour chart says more lines exist" \
	|| t_fail "80x24: the hour chart says more lines exist" "$(tui_screen)"
t_has "80x24: hour 0's bar has its value" "$(tui_pane result | grep -E '^ *0 ')" "1000"
tui_keys Escape G
t_has_soon "80x24: G reaches hour 23, with its value" "1851" result_pane
tui_keys Escape

# peek: a JSON line of ~500 characters in a pane 116 wide
data="$T_TMP/data"
"$DWH" gen "$data" --songs 20 --events 200 --seed 5 >/dev/null || t_fail "gen"
tui_start 120 36 -- --data "$data" || t_fail "console starts" "$(tui_screen)"
tui_run "peek"
tui_wait_pane result '{"artist"' 10 || t_fail "peek" "$(tui_screen)"
shown=$(tui_pane result | grep -F '{"artist"' | sed 's/^ //; s/ *$//')
t_eq "peek's line fills the pane's width (116 columns, the last one the mark)" "${#shown}" 116
t_has "... and its cut end is marked" "$shown" "…"
t_has "... the footer says how far it goes" "$(tui_screen)" "Shift-Right 1-116 of"
tui_keys Escape Right
t_has_soon "Right moves one character" "Shift-Right 2-117 of" tui_screen
tui_keys S-Right
t_has_soon "Shift-Right half a pane" "Shift-Right 60-175 of" tui_screen
t_has "... the lines' start out of view is marked too" "$(tui_pane result | grep -c '^ …')" 4
for _ in 1 2 3 4 5 6 7 8 9; do tui_keys S-Right; done
t_has_soon "Shift-Right reaches the line's end" '"userId":' result_pane
