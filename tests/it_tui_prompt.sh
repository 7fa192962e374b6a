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
	sleep 0.3
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
tui_wait_dump "ROLLBACK" 5; sleep 0.5
t_eq "after ROLLBACK the prompt is dwh> again" "$(tui_screen | tail -1)" "dwh>"
tui_wait_dump "· ready" 3 && t_pass "the bar says ready again" || t_fail "bar ready after rollback" "$(tui_pane bar)"

tui_run "quit"
for _ in $(seq 30); do [ -s "$T_TMP/exited" ] && break; sleep 0.1; done
t_eq "quit leaves with 0" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"
