#!/usr/bin/env bash
# it_core_reconnect.sh — a new connection after a server restart is prepared as the first
# one: --lock-timeout holds after the automatic reset (the next statement after a lost
# connection) and after `reconnect`. The line prompt drives it; a private server restarts.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/lib/private_pg.sh"
. "$T_ROOT/tests/lib/tui.sh"
trap '$TX kill-server 2>/dev/null; priv_stop; sleep 0.3; rm -rf "$T_TMP"' EXIT

priv_start || { t_fail "private server did not start"; exit 0; }
trap '$TX kill-server 2>/dev/null; priv_stop; sleep 0.3; rm -rf "$T_TMP"' EXIT
t_newdb
# lock_timeout TAG: a query whose answer ("TAG=1234ms") only the result shows, not the typed line
lock_timeout() { tui_run "SELECT '$1' || '=' || current_setting('lock_timeout') AS lt;"; }
# restart: the server stops as by a power cut and comes back
restart() { priv_crash; priv_restart; }

tui_start 120 40 -- --plain --lock-timeout 1234ms || t_fail "plain prompt starts" "$(tui_screen)"
lock_timeout first
tui_wait_screen "first=1234ms" 10 && t_pass "--lock-timeout on the first connection" || t_fail "--lock-timeout on the first connection" "$(tui_screen | tail -5)"

restart
tui_run "SELECT 'no' || 'ticed' AS lost;"       # fails: the connection is gone
tui_wait_screen "connection" 10 || t_fail "the lost connection is said" "$(tui_screen | tail -5)"
lock_timeout reset                               # the next statement resets the connection
tui_wait_screen "reset=" 15
t_has "--lock-timeout after the automatic reset" "$(tui_screen)" "reset=1234ms"
t_has "the reset is said" "$(tui_screen)" "connection was lost; reconnected"

restart
tui_run "reconnect"
tui_wait_screen "connected: PostgreSQL" 15 || t_fail "reconnect connects" "$(tui_screen | tail -5)"
lock_timeout again
tui_wait_screen "again=" 10
t_has "--lock-timeout after reconnect" "$(tui_screen)" "again=1234ms"
tui_run quit
