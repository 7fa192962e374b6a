#!/usr/bin/env bash
# it_tui_signals.sh — the terminal is given back however the console ends: SIGTERM and SIGHUP
# leave cleanly, and even a crash (SIGSEGV) restores the screen before dying.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tsig

dwh_pid() { pgrep -n -f "^$DWH -h $T_HOST -p $T_PORT -U $T_USER -d $T_DB"; }
ended() { for _ in $(seq 50); do [ -s "$T_TMP/exited" ] && return 0; sleep 0.1; done; return 1; }

for sig in TERM HUP SEGV; do
	tui_start 100 30 -- || t_fail "console starts"
	tui_wait_dump "· ready" 10
	pid=$(dwh_pid)
	[ -n "$pid" ] || { t_fail "found dwh's pid for SIG$sig"; continue; }
	kill -s "$sig" "$pid"
	ended && t_pass "SIG$sig ends the console" || t_fail "SIG$sig ends the console"
	sleep 0.2
	t_lacks "SIG$sig: terminal restored" "$(tui_screen)" "Pipeline"
	# the terminal is back in cooked mode with echo: the shell's `read` sees a typed line
	$TX send-keys -l "echo-check"
	tui_wait_screen "echo-check" 2 && t_pass "SIG$sig: typing echoes again" || t_fail "SIG$sig: typing echoes" "$(tui_screen)"
done
