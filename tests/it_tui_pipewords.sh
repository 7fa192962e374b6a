#!/usr/bin/env bash
# it_tui_pipewords.sh — at 80x24 the Pipeline pane keeps its words: a stage's age says
# "N s ago" whole (it was "0.14 s  3 "), "failed" stays "failed" (it was "fa"); where a line
# still does not fit it ends in …, never in a cut word.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tpipewords
data="$T_TMP/data"
"$DWH" gen "$data" --songs 20 --events 200 --seed 4 >/dev/null || t_fail "gen"
bar_ready() { tui_screen | head -1 | grep -q ' ready '; }

tui_start 80 24 -- --data "$data" || t_fail "console starts" "$(tui_screen)"
tui_run "run"
tui_wait_pane pipeline "load time" 10
wait_for 20 bar_ready
tui_wait_pane pipeline "ago" 10 || t_fail "ages in the pipeline" "$(tui_pane pipeline)"
mkdir -p "$T_TMP/bad" && printf '{"ts": broken\n' > "$T_TMP/bad/2018-11-01-events.json"
tui_run "stage events $T_TMP/bad"
tui_wait_pane pipeline "failed" 10 && t_pass "80x24: a failed stage says 'failed' whole" \
	|| t_fail "80x24: 'failed' whole" "$(tui_pane pipeline)"
wait_for 20 bar_ready
cut=$(tui_pane pipeline | grep -E '^ *[✓✗⚠!x]' | sed 's/ *$//' | grep -vE '(ago|…)$')
t_eq "80x24: every stage line ends in its age or a …" "$cut" ""
# (the cut was "0.14 s  3 ": a duration, then the age's number and nothing after it; an age
# of "1 s ago" beside "0.02 s" is whole, and when it is 1 s is the machine's speed)
t_eq "... no age cut to a bare number" "$(tui_pane pipeline | grep -E '[0-9] s +[0-9]+ *$')" ""
