#!/usr/bin/env bash
# it_tui_layout.sh — projector mode (tmux): the `projector` theme (black on white, bold) and
# `layout focus` / F9, where the result takes the screen and Tables and Pipeline fold into one
# summary line; `layout` returns. Complete at 80x24 and 200x60, with a tour card too.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
# idle: until the bar says ready (a command typed while one runs is refused, as it should be)
bar_ready() { tui_screen | head -1 | grep -q ' ready '; }
idle() { wait_for 10 bar_ready; }
t_newdb tlayout
dwht -c create >/dev/null
sqlv "INSERT INTO users SELECT g::text, 'F' || g, 'L' || g, 'F', 'free' FROM generate_series(1, 120) g" >/dev/null

for size in 80x24 200x60; do
	cols=${size%x*} rows=${size#*x}
	tui_start "$cols" "$rows" -- --theme projector || t_fail "$size: console starts" "$(tui_screen)"
	tui_wait_screen "ready" 10
	# the projector theme: bright white background (SGR 107), bold text, nothing dim
	t_has "$size projector: white background" "$(tui_screen -e)" "107m"
	t_has "$size projector: bold" "$(tui_screen -e)" $'\e[1m'
	t_lacks "$size projector: nothing dim" "$(tui_screen -e)" $'\e[2m'
	idle; tui_run "layout focus"
	tui_wait_screen "layout: focus" 5 || t_fail "$size: layout focus" "$(tui_screen)"
	idle; tui_run "SELECT user_id, first_name FROM users ORDER BY user_id::int;"
	tui_wait_dump "# Result — 120 rows" 5 || t_fail "$size: the query" "$(tui_pane result | head -3)"
	s=$(tui_screen)
	t_lacks "$size focus: no Tables box" "$s" "┌ Tables"
	t_lacks "$size focus: no Pipeline box" "$s" "┌ Pipeline"
	t_has "$size focus: the summary line has the tables" "$(sed -n 2p <<<"$s")" "users 120"
	t_has "$size focus: ... and the pipeline" "$(sed -n 2p <<<"$s")" "of 8 stages"
	t_has "$size focus: the result box right below" "$(sed -n 3p <<<"$s")" "┌ Result"
	# (the dump's pane: its title line, then the rows inside the box)
	t_eq "$size focus: the result has all but 4 rows" "$(tui_pane result | wc -l)" "$((rows - 5))"
	t_has "$size focus: the last line is the prompt" "$(tail -n1 <<<"$s")" "dwh>"
	t_has "$size focus: one log line above it" "$(tail -n2 <<<"$s" | head -n1)" "SELECT"
	t_eq "$size focus: every row fits the screen" "$(( $(wc -L <<<"$s") <= cols ))" 1
	idle; tui_run "layout"
	tui_wait_screen "┌ Tables" 5 && t_pass "$size: layout returns" || t_fail "$size: layout returns" "$(tui_screen)"
	t_has "$size: the pipeline is back" "$(tui_screen)" "┌ Pipeline"
	idle; tui_keys F9
	tui_wait_screen "of 8 stages" 5 && t_pass "$size: F9 gives focus" || t_fail "$size: F9 gives focus" "$(tui_screen)"
	idle; tui_keys F9
	tui_wait_screen "┌ Tables" 5 && t_pass "$size: F9 again returns" || t_fail "$size: F9 again returns" "$(tui_screen)"
	idle; tui_run "layout sideways"
	tui_wait_screen "no layout sideways" 5 && t_pass "$size: a wrong layout is named" || t_fail "$size: a wrong layout" "$(tui_pane log)"
done

# the tour in focus at 80x24: the card, then at least 4 rows of result
tui_start 80 24 -- --theme projector || t_fail "console starts" "$(tui_screen)"
idle; tui_run "layout focus"
tui_wait_screen "layout: focus" 5
mkdir -p "$T_TMP/t"
printf 'One step\nA step with a result below it.\n$ SELECT user_id FROM users ORDER BY user_id::int LIMIT 20;\n' > "$T_TMP/t/1"
idle; tui_run "tour $T_TMP/t"
tui_wait_screen "Tour 1/1: One step" 5 || t_fail "tour in focus" "$(tui_screen)"
# the step lands on its SQL (a result of its own, a clause a line); ] shows its rows
tui_wait_screen "on screen: 1 of 2" 5 && t_pass "tour in focus: the card says the SQL is on screen" \
	|| t_fail "tour in focus: on screen" "$(tui_screen)"
t_has "tour in focus: the SQL, whole" "$(tui_pane result)" "ORDER BY user_id::int"
idle; tui_keys ']'
tui_wait_dump "# Result — 20 rows" 5
t_has "tour in focus: the card" "$(tui_screen | sed -n 3p)" "┌ Tour 1/1"
# 24 rows: bar, summary, log, prompt; the card's 5; the result box's borders; its title line
t_eq "tour in focus: the result keeps the rest" "$(tui_pane result | wc -l)" "$((24 - 4 - 5 - 2 + 1))"

# batch mode has no panes
dwht -c 'layout focus' >"$T_TMP/out" 2>"$T_TMP/err"
t_eq "layout in batch: exit 1" "$?" 1
t_has "layout in batch says why" "$(cat "$T_TMP/err")" "only the console has panes"
