#!/usr/bin/env bash
# it_psql_saved.sh — saved queries from the prompt, as pgcli's: \ns NAME keeps the last
# statement in the user's query folder ($XDG_DATA_HOME/dwh/queries), \n lists them, \n NAME
# runs one, \nd NAME deletes it; a bad name is refused; they show in `queries` beside
# sql/analytics/ and complete in the console.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb
export XDG_DATA_HOME="$T_TMP/data"
Q="$XDG_DATA_HOME/dwh/queries"

out=$(dwht -c "SELECT 6 * 7 AS answer;" -c '\ns the_answer' 2>&1); rc=$?
t_eq "\\ns saves (exit 0)" "$rc" 0
t_has "... and says so" "$out" "Saved query the_answer"
t_eq "... the statement, in the query folder" "$(cat "$Q/the_answer.sql")" "SELECT 6 * 7 AS answer;"
t_eq "... a folder only the user reads" "$(stat -c %a "$Q")" 700
t_eq "\\n NAME runs it" "$(dwht -c '\n the_answer' 2>&1)" " answer 
--------
     42
(1 row)"
t_has "\\n lists them" "$(dwht -c '\n')" " the_answer | SELECT 6 * 7 AS answer;"
t_has "queries shows them beside sql/analytics/" "$(dwht -c queries)" "| yours (\\n the_answer): SELECT 6 * 7 AS answer;"
t_has "... and the analytics ones still" "$(dwht -c queries)" "top_songs"
dwht -c "SELECT 'again' AS w;" -c '\ns the_answer' >"$T_TMP/o" 2>&1
t_has "\\ns over a name replaces it, saying so" "$(cat "$T_TMP/o")" "(replaced)"
for bad in '../x' 'a/b' '-x' '' 'x.y' "$(printf 'a%.0s' $(seq 70))"; do
	t_rc "\\ns refuses the name '$bad'" 1 dwht -c 'SELECT 1;' -c "\\ns '$bad'"
done
t_eq "nothing was written outside the folder" "$(ls "$XDG_DATA_HOME/dwh")" "queries"
t_rc "\\ns with nothing sent yet fails" 1 dwht -c '\ns nothing'
t_rc "\\n of an unknown name fails" 1 dwht -c '\n nosuch'
t_has "... saying so" "$(cat "$T_TMP/err")" "no saved query nosuch"
t_rc "\\nd deletes" 0 dwht -c '\nd the_answer'
t_eq "... the file is gone" "$(ls "$Q")" ""
t_rc "\\nd of an unknown name fails" 1 dwht -c '\nd the_answer'
t_has "\\n with none says how to save one" "$(dwht -c '\n')" "No saved queries"

# the console: saved, then completed after \n
dwht -c "SELECT 'kept' AS w;" -c '\ns weekly_report' >/dev/null 2>&1
tui_start 100 30 "XDG_DATA_HOME=$XDG_DATA_HOME" || t_fail "console starts" "$(tui_screen)"
tui_type '\n week'
tui_keys Tab
tui_wait_screen 'dwh> \n weekly_report' 5 && t_pass "console: \\n completes saved query names" || t_fail "console completion" "$(tui_tail 1)"
tui_keys Enter
tui_wait_pane result "kept" 10 && t_pass "console: \\n NAME runs it" || t_fail "console: \\n runs" "$(tui_pane log)"
