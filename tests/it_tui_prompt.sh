#!/usr/bin/env bash
# it_tui_prompt.sh — the console's prompt keeps psql's habits: an unknown word is answered at
# once with a suggestion (never collected as SQL), continuation prompts say why a statement is
# unfinished, and the prompt shows the transaction state.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tprompt

tui_start 120 36 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 10

tui_run "chek"
tui_wait_dump "did you mean check?" 3 && t_pass "a typo is answered at once" \
	|| t_fail "a typo is answered at once" "$(tui_pane log | tail -3)"
t_has "... naming the word" "$(tui_pane log)" "unknown command: chek — did you mean check?"
t_eq "... and the prompt stays dwh>" "$(tui_screen | tail -1)" "dwh>"
tui_run "frobnicate"
tui_wait_dump "unknown command: frobnicate" 3 && t_pass "an unknown word is answered" \
	|| t_fail "an unknown word is answered" "$(tui_pane log | tail -3)"
tui_run "SELECT 7 AS seven;"
tui_wait_dump "# Result — 1 row" 5
t_lacks "nothing was collected as SQL" "$(tui_pane log)" "syntax error"

# continuation prompts: why the statement is not finished yet
prompt_after() {        # prompt_after TEXT WANT: type a line, see the prompt, drop it
	tui_run "$1"
	if tui_wait_screen "$2" 3; then t_pass "continuation prompt $2 after: $1"
	else t_fail "continuation prompt $2 after: $1" "$(tui_screen | tail -2)"; fi
	tui_keys C-c
	wait_for 5 tui_line_empty
}
# (tmux trims the space after a prompt)
prompt_after "SELECT 1" "dwh->"
prompt_after "SELECT 'abc" "dwh'>"
prompt_after 'SELECT 1 AS "ab' 'dwh">'
prompt_after "SELECT (1" "dwh(>"
prompt_after 'SELECT $x$ abc' 'dwh$>'
prompt_after "SELECT /* hm" 'dwh*>'

# transaction state, from PQtransactionStatus, as psql's %x
tui_run "BEGIN;"
tui_wait_screen "dwh=*>" 5 && t_pass "in a transaction the prompt is dwh=*>" \
	|| t_fail "prompt in a transaction" "$(tui_screen | tail -2)"
tui_wait_dump "in transaction" 3 && t_pass "the bar says in transaction" \
	|| t_fail "the bar says in transaction" "$(tui_pane bar)"
tui_run "SELECT 1/0;"
tui_wait_screen "dwh=!>" 5 && t_pass "after an error the prompt is dwh=!>" \
	|| t_fail "prompt in a failed transaction" "$(tui_screen | tail -2)"
tui_wait_dump "failed transaction — ROLLBACK" 3 && t_pass "the bar says failed transaction" \
	|| t_fail "the bar says failed transaction" "$(tui_pane bar)"
tui_run "ROLLBACK;"
tui_wait_dump "ROLLBACK" 5
t_eq_soon "after ROLLBACK the prompt is dwh> again" "dwh>" tui_tail 1
tui_wait_dump "· ready" 3 && t_pass "the bar says ready again" || t_fail "bar ready after rollback" "$(tui_pane bar)"

nres() { tui_pane result | head -1 | grep -o '\[[0-9]*/' | tr -d '[/'; }
nres_not() { [ "$(nres)" != "$1" ]; }
nres_is() { [ "$(nres)" = "$1" ]; }

# a statement over three lines, with a comment: its earlier lines stay visible above the prompt
tui_run "create"
tui_wait_dump "✓ create" 10
tui_run "SELECT level, count(*) AS plays -- plays per level"
tui_run "FROM songplays"
tui_wait_screen "dwh->" 3
t_has "earlier lines of the statement stay above the prompt" "$(tui_screen | tail -3)" "dwh> SELECT level, count(*) AS plays -- plays per level
dwh-> FROM songplays
dwh->"
tui_run "GROUP BY level;"
tui_wait_dump "# Result — 0 rows" 5 && t_pass "the three-line statement with a comment runs" \
	|| t_fail "the three-line statement runs" "$(tui_pane log | tail -4)"
t_has "history keeps it as one entry with its newlines" "$(tr '\001' '\n' < "$T_TMP/state/dwh/history")" \
	"SELECT level, count(*) AS plays -- plays per level
FROM songplays
GROUP BY level;"
tui_run "SELECT 'between' AS x;"
tui_wait_dump " between" 5
tui_keys Up Up
tui_wait_screen "     GROUP BY level;" 3 && t_pass "Up brings the statement back whole" \
	|| t_fail "Up brings the statement back whole" "$(tui_screen | tail -4)"
t_has "... on its three lines" "$(tui_screen | tail -3)" "dwh> SELECT level, count(*) AS plays -- plays per level
     FROM songplays
     GROUP BY level;"
before=$(nres)
tui_keys Enter
wait_for 10 nres_not "$before"
tui_wait_dump "· ready" 10
t_lacks "recalled, the comment did not swallow the rest" "$(tui_pane log | tail -4)" "ERROR"
t_has "... it ran again" "$(tui_pane result | head -2)" "level"
tui_keys C-r
tui_type "per level"
tui_wait_screen "reverse-i-search" 3
t_has "Ctrl-R finds it" "$(tui_screen | tail -3)" "GROUP BY level;"
before=$(nres)
tui_keys Enter
wait_for 10 nres_not "$before"
t_eq "Ctrl-R's statement ran" "$(nres)" "$((before + 1))"
t_lacks "... without errors" "$(tui_pane log | tail -6)" "ERROR"
tui_wait_dump "· ready" 10

# bracketed paste: a tab stays a tab, newlines run nothing until Enter, then all in order
printf "SELECT 'e\tf' AS tab, length('e\tf') AS len;\nSELECT 1 AS one;\nSELECT 2 AS two;\n" > "$T_TMP/paste"
before=$(nres)
$TX load-buffer "$T_TMP/paste"
$TX paste-buffer -p
t_has_soon "the pasted statements wait in the line" "     SELECT 2 AS two;" tui_tail 3
t_eq "... nothing ran yet" "$(nres)" "$before"
tui_keys Enter
wait_for 10 nres_is "$((before + 3))"
t_eq "a paste of three statements runs them all" "$(nres)" "$((before + 3))"
t_has "... the last one shown" "$(tui_pane result | head -3)" "two"
tui_run "result $((before + 1))"
result_head() { tui_pane result | head -3; }
t_has_soon "... in order: the first is the tab's" "len" result_head
t_has "the tab was pasted, not completed (length 3)" "$(tui_pane result | sed -n 3p)" "   3"
t_has "... shown as a tab" "$(tui_pane result | sed -n 3p)" "e⇥f"

# completion by context, as pgcli: relations after FROM, a relation's columns after ALIAS.,
# stage names after show sql load
tui_type "SELECT * FROM staging_e"
tui_keys Tab
tui_wait_screen "FROM staging_events" 2 && t_pass "after FROM: a relation" || t_fail "after FROM" "$(tui_screen | tail -1)"
tui_keys C-c
tui_type "SELECT * FROM song_"
tui_keys Tab
# (keys are taken in order: once an '@' typed after Tab shows, Tab has done what it does)
tui_type "@"
typed_at() { tui_tail 1 | grep -q '@$'; }
wait_for 5 typed_at
t_eq "after FROM so...: no column names (song_id is one)" "$(tui_tail 1 | sed 's/@$//')" "dwh> SELECT * FROM song_"
tui_keys C-c
tui_run "SELECT count(*) FROM songplays sp"
tui_type "WHERE sp.user_i"
tui_keys Tab
tui_wait_screen "WHERE sp.user_id" 2 && t_pass "after sp.: that relation's columns" || t_fail "after sp." "$(tui_screen | tail -2)"
tui_keys C-c
tui_type "SELECT lev"
tui_keys Tab
tui_wait_screen "dwh> SELECT level" 2 && t_pass "after SELECT: columns" || t_fail "after SELECT" "$(tui_screen | tail -1)"
tui_keys C-c
tui_type "show sql load s"
tui_keys Tab
tui_wait_screen "dwh> show sql load song" 2 && t_pass "after show sql load: stage names" || t_fail "after show sql load" "$(tui_screen | tail -1)"
tui_keys C-c
tui_type "show sql load songp"
tui_keys Tab
tui_wait_screen "dwh> show sql load songplays" 2 && t_pass "... completed" || t_fail "show sql load songp" "$(tui_screen | tail -1)"
tui_keys C-c
tui_type "\\d songp"
tui_keys Tab
tui_wait_screen "dwh> \\d songplays" 2 && t_pass "after \\d: a relation" || t_fail "after \\d" "$(tui_screen | tail -1)"
tui_keys C-c
tui_type "sel"
tui_keys Tab
tui_wait_screen "dwh> select" 2 && t_pass "keywords follow the typed case" || t_fail "keyword case" "$(tui_screen | tail -1)"
tui_keys C-c
# the first word completes from the one list of statement keywords the classifier knows (cmd_word.c)
tui_type "reind"
tui_keys Tab
tui_wait_screen "dwh> reindex" 2 && t_pass "a first word completes from every statement keyword (REINDEX)" \
	|| t_fail "a first word completes from every statement keyword (REINDEX)" "$(tui_screen | tail -1)"
tui_keys C-c
wait_for 5 tui_line_empty

# Up/Down move between the lines of a pending statement, as pgcli: an earlier line is edited in
# place, the line being typed is kept, Down past the last line comes back to it
cursor_line() { tui_screen | sed -n "$(( $($TX display -p '#{cursor_y}') + 1 ))p"; }
tui_run "SELECT 1 AS a,"
tui_run "2 AS bb"
tui_wait_screen "dwh-> 2 AS bb" 3
tui_keys Up
t_eq_soon "Up in a pending statement edits its previous line" "dwh-> 2 AS bb" cursor_line
tui_keys Up
t_eq_soon "... Up again: the line before" "dwh> SELECT 1 AS a," cursor_line
tui_keys End BSpace BSpace
tui_type "c,"
tui_keys Down Down
t_has_soon "the edit shows above the prompt, back on the line being typed" \
	"dwh> SELECT 1 AS c,
dwh-> 2 AS bb
dwh->" tui_tail 3
t_eq_soon "... the cursor on it" "dwh->" cursor_line
tui_type "FROM (SELECT 1) t"
tui_keys Up
t_eq_soon "Up from a typed line" "dwh-> 2 AS bb" cursor_line
tui_keys Down
t_eq_soon "... Down: the typed line is kept" "dwh-> FROM (SELECT 1) t" cursor_line
before=$(nres)
tui_run ";"
wait_for 10 nres_not "$before"
t_eq "the edited statement ran: columns c and bb" "$(tui_pane result | sed -n 2p | awk '{print $1, $3}')" "c bb"
t_lacks "... without errors" "$(tui_pane log | tail -4)" "ERROR"
tui_run "SELECT 3 AS x,"
tui_run "4 AS y"
tui_keys Up End BSpace
tui_type "z"
tui_keys Enter
t_has_soon "Enter on an earlier line takes its edit, runs nothing" \
	"dwh> SELECT 3 AS x,
dwh-> 4 AS z
dwh->" tui_tail 3
t_eq_soon "... and goes back to the line being typed" "dwh->" cursor_line
tui_keys Up Up Up
t_has_soon "Up on the first line goes on into the history" "     FROM (SELECT 1) t;" tui_tail 3
tui_keys Down
t_has_soon "... Down brings the statement back" "dwh> SELECT 3 AS x,
     4 AS z" tui_tail 2
tui_keys C-c
wait_for 5 tui_line_empty
tui_keys Up
t_has_soon "with nothing pending, Up recalls history" "dwh> SELECT 1 AS c,
     2 AS bb
     FROM (SELECT 1) t;" tui_tail 3
tui_keys C-c
wait_for 5 tui_line_empty

# \dt, \watch and \e in the console
tui_run '\dt'
tui_wait_pane result "List of relations" 10 && t_pass "\\dt lists the tables in the console" \
	|| t_fail "\\dt in the console" "$(tui_pane log | tail -3)"
tui_wait_pane result "artists" 10
t_has "... the warehouse's among them (the first of them in the pane)" "$(tui_pane result)" "| artists "
tui_run "SELECT now()::time(0) AS t;"
tui_wait_dump "# Result — 1 row" 5
tui_run '\watch 1'
# re-runs: the result's title (with the time of the run) changes
tui_wait_dump "(every 1s)" 3
first=$(tui_pane result | head -1)
rerun() { tui_pane result | head -1 | grep -qF "(every 1s)" && [ "$(tui_pane result | head -1)" != "$first" ]; }
wait_for 10 rerun && t_pass "\\watch re-runs in the result pane" || t_fail "\\watch" "$(tui_pane result | head -2)"
tui_keys C-c
tui_wait_dump "cancelled" 3 && t_pass "Ctrl-C stops \\watch" || t_fail "Ctrl-C stops \\watch" "$(tui_pane log | tail -3)"
tui_run "SELECT 'usable' AS after_watch;"
tui_wait_dump " usable" 5 && t_pass "the console is usable after \\watch" || t_fail "after \\watch" "$(tui_pane log | tail -3)"

tui_run "quit"
tui_ended 10
t_eq "quit leaves with 0" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"

# \e: the editor gets the terminal, the statement it writes runs
cat > "$T_TMP/ed.sh" <<'SH'
#!/bin/sh
printf 'SELECT 6 * 7 AS from_editor;\n' > "$1"
SH
chmod +x "$T_TMP/ed.sh"
tui_start 120 36 EDITOR="$T_TMP/ed.sh" VISUAL= -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 10
tui_run '\e'
tui_wait_dump " from_editor" 5 && t_pass "\\e runs what the editor wrote" || t_fail "\\e in the console" "$(tui_pane log | tail -3)"
t_has "... its answer" "$(tui_pane result)" "42"
tui_run "quit"
