#!/usr/bin/env bash
# it_tui_explore_b.sh — exploring a result, second half of issue 20: \crosstabview in batch mode
# byte for byte as psql's (errors too) and in the console as a grid, P in the browser; copying a
# cell, a row and a range through OSC 52 (tmux's buffer) and copy-to FILE; the mouse: wheel,
# click on a cell, click on a header to sort. On `dwh gen` data: weekday x hour of songplays.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb texplb
gen="$T_TMP/gen data"
"$DWH" gen "$gen" --songs 40 --events 6000 --seed 7 >/dev/null 2>&1 || t_fail "gen"
dwht --data "$gen" -c create -c run >"$T_TMP/run" 2>&1 || t_fail "run on gen data" "$(tail -5 "$T_TMP/run")"
PSQL() { psql -X -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@"; }

# ---- \crosstabview in batch mode: psql's bytes ----
PIV="SELECT t.weekday, t.hour, count(*) AS plays FROM songplays p JOIN time t USING (start_time) GROUP BY 1, 2 ORDER BY 1, 2"
cells=$(sqlv "SELECT count(DISTINCT weekday) || 'x' || count(DISTINCT hour) FROM ($PIV) q")
t_eq "the generated plays cover every weekday and hour" "$cells" "7x24"
# same bytes as psql, for psql's forms: no argument, named, numbered, quoted, a sort column
ct() {  # ct NAME SQL ARGS: dwh's output and error against psql's
	printf '%s\n' "$2;" "\\crosstabview $3" | PSQL >"$T_TMP/want" 2>"$T_TMP/want.err"
	dwht -c "$2" -c "\\crosstabview $3" >"$T_TMP/got" 2>"$T_TMP/got.err"
	if cmp -s "$T_TMP/want" "$T_TMP/got"; then t_pass "$1: the same bytes as psql"
	else t_fail "$1: the same bytes as psql" "$(diff "$T_TMP/want" "$T_TMP/got" | head -20)"; fi
	if [ -s "$T_TMP/want.err" ]; then
		t_has "$1: psql's error" "$(cat "$T_TMP/got.err")" "$(head -1 "$T_TMP/want.err")"
	fi
}
ct "weekday x hour" "$PIV" ""
# (the statement's own 168 rows first, then the pivot: header, rule, 7 rows, footer, blank)
t_eq "weekday x hour: 7 rows of 24 hours" "$(tail -n 11 "$T_TMP/got" | grep -c '^ *[0-6] |') $(tail -n 11 "$T_TMP/got" | sed -n 1p | tr '|' '\n' | wc -l)" "7 25"
ct "hour x weekday by name" "$PIV" "hour weekday plays"
ct "numbered, a sort column" "SELECT t.weekday, t.hour, count(*) AS plays, -t.hour AS back FROM songplays p JOIN time t USING (start_time) GROUP BY 1, 2" "1 2 3 back"
ct "quoted names, NULL headers, empty cells" "SELECT level AS \"Level\", CASE WHEN song_id IS NULL THEN NULL ELSE 'matched' END AS m, count(*) FROM songplays GROUP BY 1, 2" '"Level" M'
ct "a cell given twice" "SELECT weekday, 1 AS one, hour FROM time" ""
t_has "a cell given twice is psql's error" "$(cat "$T_TMP/got.err")" \
	"\\crosstabview: query result contains multiple data values for row \""
ct "two columns" "SELECT 1 AS a, 2 AS b" ""
ct "no such column" "$PIV" "weekday nope"
t_rc "an error fails the batch" 1 dwht -c "SELECT 1 AS a, 2 AS b" -c '\crosstabview'

# ---- the console: \crosstabview as a grid, P in the browser ----
res() { tui_pane result; }
ready() { tui_wait_dump "· ready" 10; }
# the Result pane's title says how many rows (not the Tables pane's "27 rows")
titled() { tui_wait_pane result "# Result$1" 10; }
footer_has() { tui_screen | grep -qF -- "$1"; }
tui_start 200 40 -- || t_fail "console starts" "$(tui_screen)"
$TX set-option -g set-clipboard on
tui_wait_screen "ready" 10
tui_run "$PIV;"
titled " — 168 rows" || t_fail "the weekday/hour query runs" "$(tui_screen | tail -5)"
ready
tui_run '\crosstabview'
titled ": crosstab — 7 rows" && t_pass "\\crosstabview in the console: 7 rows" || t_fail "\\crosstabview in the console" "$(tui_screen | tail -8)"
t_has "the grid's header: weekday then the hours" "$(res | sed -n 2p | tr -s ' ')" "weekday ║ 0 │ 1 │ 2 │"
ready
tui_run "$PIV;"
titled " — 168 rows"
ready
tui_keys Escape
tui_wait_screen "row 1 of 168" 5
tui_type P
titled ": crosstab — 7 rows" && t_pass "P pivots the three-column result into 7 rows" || t_fail "P pivots" "$(tui_screen | tail -8)"
t_has "P: 24 hours across" "$(res | sed -n 2p | tr -s ' ')" "│ 22 │ 23"

# ---- copy: y a cell, Y the row, v..y a range, through OSC 52 into tmux's buffer; copy-to ----
buf() { $TX show-buffer 2>/dev/null; }
buf_is() { [ "$(buf)" = "$1" ]; }
hours() { sqlv "SELECT string_agg(plays::text, E'\\t' ORDER BY hour) FROM ($PIV) q WHERE weekday = $1 AND hour BETWEEN $2 AND $3"; }
tui_keys g Home
tui_wait_screen "row 1 of 7  weekday" 5
tui_type Y
want="$(sqlv "SELECT min(weekday) FROM time")$(printf '\t')$(hours 0 0 23)"
wait_for 10 buf_is "$want"; t_eq "Y: the row as TSV in the clipboard (OSC 52, tmux's buffer)" "$(buf)" "$want"
tui_wait_screen "copied 25 cells to the clipboard" 5 && t_pass "the footer says 25 cells went to the clipboard" \
	|| t_fail "the footer says what was copied" "$(tui_screen | tail -3)"
tui_keys Right Right
tui_type y
want=$(hours 0 1 1)
wait_for 10 buf_is "$want"; t_eq "y: the cell (weekday 0, hour 1)" "$(buf)" "$want"
tui_type v
tui_keys Down Right Right
tui_type y
want="$(hours 0 1 3)
$(hours 1 1 3)"
wait_for 10 buf_is "$want"; t_eq "v, movement, y: a 2x3 range as TSV" "$(buf)" "$want"
tui_wait_screen "copied 6 cells" 5 && t_pass "the footer counts the range's 6 cells" || t_fail "range count" "$(tui_screen | tail -2)"
tui_keys q
tui_run "copy-to $(dq "$T_TMP/copied.tsv")"
tui_wait_pane log "copied 6 cells to" 10 && t_pass "copy-to says how many cells went to the file" \
	|| t_fail "copy-to's message" "$(tui_pane log | tail -3)"
t_eq "copy-to FILE writes the last copy" "$(cat "$T_TMP/copied.tsv")" "$want"
# batch mode: copy-to is the result as TSV
dwht -c "SELECT 'a' AS x, 1 AS n" -c "copy-to $(dq "$T_TMP/b.tsv")" >/dev/null 2>&1
t_eq "batch copy-to: the result as TSV" "$(cat "$T_TMP/b.tsv" 2>/dev/null)" "x	n
a	1"

# ---- the mouse: X10 sequences as the terminal sends them (TERM=tmux-256color: kmous=\E[M) ----
# report B X Y: the X10 report of button code B at 0-based screen column X, row Y; mouse B X Y
# sends one; click X Y: button 1 pressed and released (3) in one write, as a terminal's reports
# reach a console that was busy (curses hands the two over as one KEY_MOUSE: a console that
# takes only the newest, the release, loses the click)
report() { printf '\033[M%b%b%b' "$(printf '\\%03o' $((32 + $1)))" "$(printf '\\%03o' $((33 + $2)))" \
	"$(printf '\\%03o' $((33 + $3)))"; }
mouse() { $TX send-keys -l "$(report "$@")"; }
click() { $TX send-keys -l "$(report 0 "$1" "$2")$(report 3 "$1" "$2")"; }
# at TEXT: "X Y" of the first screen line holding TEXT (X in characters, where TEXT begins)
at() {
	local n=0 line pre
	while IFS= read -r line; do
		if [[ $line == *"$1"* ]]; then pre=${line%%"$1"*}; echo "$(LC_ALL=C.UTF-8; echo ${#pre}) $n"; return; fi
		n=$((n + 1))
	done < <(tui_screen)
}
t_eq "the console asks the terminal for mouse reports" "$($TX display -p '#{mouse_standard_flag}')" 1
ready
tui_run "SELECT hour, count(*) AS plays FROM time GROUP BY hour ORDER BY hour;"
titled " — 24 rows"
ready
# (the dump is written as the console draws; tmux's copy of the screen may be a moment behind it)
tui_wait_screen "hour ║ plays" 10
read -r cx cy < <(at "hour ║ plays")   # (the header: "songplays" is in the Pipeline pane too)
hx=$((cx + 7)) hy=$cy
click "$hx" "$hy"
tui_wait_screen "sorted by plays ascending" 15 && t_pass "a click on a header sorts by it" \
	|| t_fail "a click on a header sorts" "$(tui_screen | tail -14)"
least=$(sqlv "SELECT count(*) FROM time GROUP BY hour ORDER BY 1 LIMIT 1")
t_eq "sorted: the fewest plays first" "$(res | sed -n 3p | awk -F'║' '{gsub(/[ │]/,"",$2); print $2}')" "$least"
click "$hx" "$hy"
tui_wait_screen "sorted by plays descending" 15 && t_pass "a second click sorts descending" \
	|| t_fail "a second click sorts descending" "$(tui_screen | tail -3)"
click "$cx" $((cy + 3))
tui_wait_screen "row 3 of 24  hour" 5 && t_pass "a click on a cell: focus and the cursor there (row 3, hour)" \
	|| t_fail "a click on a cell" "$(tui_screen | grep -E "row [0-9]|sorted|of 24")" "$(cat "$TUI_DUMP" | grep -E "row [0-9]|sorted|of 24")"
mouse 65 "$cx" $((cy + 3))
tui_wait_screen "row 6 of 24" 5 && t_pass "the wheel scrolls the result under the pointer" \
	|| t_fail "the wheel on the result" "$(tui_screen | tail -3)"
read -r lx ly < <(at "dwh console: F1")
mouse 64 "$lx" "$ly"
tui_wait_screen "newer" 5 && t_pass "the wheel over the log scrolls the log back" \
	|| t_fail "the wheel on the log" "$(tui_screen | tail -8)"
click 3 "$(( $(tui_screen | wc -l) - 1 ))"
tui_type "abc"
tui_wait_screen "dwh> abc" 5 && t_pass "a click on the prompt gives it the keys" \
	|| t_fail "a click on the prompt" "$(tui_screen | tail -2)"
tui_keys C-u
ready
# (the log was scrolled back above: the wheel down over it brings the newest lines back, where
# the message of `set mouse off` is written)
mouse 65 "$lx" "$ly"
no_newer() { ! tui_screen | grep -q 'newer *$'; }
wait_for 10 no_newer || t_fail "the wheel down over the log brings the newest back" "$(tui_screen | tail -3)"
tui_run "set mouse off"
tui_wait_screen "mouse off: the terminal's own selection" 10 && t_pass "set mouse off: says so" \
	|| t_fail "set mouse off: says so" "$(tui_screen | tail -4)"
mouse_flag() { [ "$($TX display -p '#{mouse_standard_flag}')" = "$1" ]; }
wait_for 10 mouse_flag 0 && t_pass "set mouse off: the terminal keeps its own selection" \
	|| t_fail "set mouse off" "flag $($TX display -p '#{mouse_standard_flag}')"
tui_run "set mouse on"
wait_for 10 mouse_flag 1 && t_pass "set mouse on again" || t_fail "set mouse on"
# `set` other than the mouse is SQL's
t_has "set search_path is still SQL" "$(dwht -c 'set search_path to pg_catalog, public' -c "SELECT current_setting('search_path')" 2>&1)" "pg_catalog, public"
