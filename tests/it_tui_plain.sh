#!/usr/bin/env bash
# it_tui_plain.sh — `dwh --plain`: the line prompt without curses (commands, SQL over several
# lines, results as text, completion, Ctrl-C, history, quit), run in a real terminal (tmux).
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb

tui_start 100 30 -- --plain || t_fail "plain prompt starts" "$(tui_screen)"
t_lacks "no full screen in plain mode" "$(tui_screen)" "Pipeline"
tui_run "SELECT 'Beyoncé' AS who, 42 AS n;"
tui_wait_screen "(1 row)" 5
t_has "results print aligned" "$(tui_screen)" " Beyoncé | 42"
tui_run "SELECT 'multi'"
tui_wait_screen "dwh->" 3 && t_pass "continuation prompt" || t_fail "continuation prompt" "$(tui_screen | tail -2)"
tui_run "AS line;"
tui_wait_screen " multi" 5 && t_pass "multi-line SQL" || t_fail "multi-line SQL" "$(tui_screen | tail -5)"
tui_type "cou"
tui_keys Tab
tui_wait_screen "dwh> counts" 3 && t_pass "Tab completes commands" || t_fail "Tab completes commands" "$(tui_screen | tail -2)"
tui_keys Enter
tui_wait_screen "staging_events" 5 && t_pass "commands run" || t_fail "commands run" "$(tui_screen | tail -5)"
tui_run "SELECT pg_sleep(30);"
sleeping() { [ "$(sqlv "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(30);' AND state = 'active'")" = 1 ]; }
wait_for 10 sleeping || t_fail "the statement runs on the server"
# the limit is the feature (cancelled at once, not after the statement's 30 s), generous for a
# loaded machine: 10 s
t0=$(t_ms)
tui_keys C-c
tui_wait_screen "cancel" 30
ms=$(( $(t_ms) - t0 ))
[ "$ms" -lt 10000 ] && t_pass "Ctrl-C cancels within 10 s (${ms} ms)" || t_fail "Ctrl-C cancels" "$ms ms: $(tui_screen | tail -4)"
tui_run "SELECT 'after' AS cancel_ok;"
tui_wait_screen " after" 5 && t_pass "usable after cancel" || t_fail "usable after cancel" "$(tui_screen | tail -4)"
tui_type "half a line"
tui_keys C-c
tui_run "SELECT 'fresh' AS line;"
tui_wait_screen " fresh" 5 && t_pass "Ctrl-C at the prompt drops the line" || t_fail "Ctrl-C drops the line" "$(tui_screen | tail -4)"
tui_run "theme light"
tui_wait_screen "only the console has themes" 3 && t_pass "theme says console only" || t_fail "theme in plain" "$(tui_screen | tail -3)"
tui_run "quit"
tui_ended 10
t_eq "quit leaves with 0" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"
t_has "history kept, a statement's lines as one entry" "$(tr '\001' '\n' < "$T_TMP/state/dwh/history")" "SELECT 'multi'
AS line;"

# a terminal curses does not know falls back to the plain prompt instead of dying
tui_start 100 30 TERM=no-such-terminal -- || true
tui_wait_screen "using the plain prompt" 5 && t_pass "unknown TERM falls back to plain" || t_fail "unknown TERM falls back" "$(tui_screen)"
tui_run "SELECT 'plain ok' AS x;"
tui_wait_screen " plain ok" 5 && t_pass "fallback prompt runs SQL" || t_fail "fallback prompt runs SQL" "$(tui_screen | tail -4)"
tui_run "quit"
tui_ended 10
t_eq "fallback quits with 0" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"
