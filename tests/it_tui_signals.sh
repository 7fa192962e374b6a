#!/usr/bin/env bash
# it_tui_signals.sh — the terminal is given back however the console ends: SIGTERM and SIGHUP
# leave cleanly, and even a crash (SIGSEGV) restores the screen before dying.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tsig


for sig in TERM HUP SEGV; do
	tui_start 100 30 -- || t_fail "console starts"
	tui_wait_dump "· ready" 10
	pid=$(tui_pid)
	[ -n "$pid" ] || { t_fail "found dwh's pid for SIG$sig"; continue; }
	kill -s "$sig" "$pid"
	tui_ended 10 && t_pass "SIG$sig ends the console" || t_fail "SIG$sig ends the console"
	tui_wait_screen "EXITED rc=" 10
	t_lacks "SIG$sig: terminal restored" "$(tui_screen)" "Pipeline"
	# the terminal is back in cooked mode with echo: the shell's `read` sees a typed line
	$TX send-keys -l "echo-check"
	tui_wait_screen "echo-check" 10 && t_pass "SIG$sig: typing echoes again" || t_fail "SIG$sig: typing echoes" "$(tui_screen)"
	# a crash says so in a line of dwh's own (only a crash: leaving on a signal is no crash)
	if [ $sig = SEGV ]; then
		t_has "SIGSEGV: dwh says it crashed, and where the last screen is" "$(tui_screen -J)" \
			"dwh: crashed on SIGSEGV (segmentation fault); the last screen is in $TUI_DUMP"
	else
		t_lacks "SIG$sig: no crash message" "$(tui_screen)" "crashed"
	fi
done
