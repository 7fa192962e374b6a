#!/usr/bin/env bash
# it_tui_conn.sh — the console's connection bar: a terminated session shows as lost within
# seconds while idle, `reconnect` brings it back, and the next command works; a server that
# cannot be reached shows as failed with the reason. Also NO_COLOR and --theme choices.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tc

tui_start 100 30 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_dump "· ready" 10
pid=$(tui_pane bar | sed -n 's/.*pid \([0-9]*\).*/\1/p')
t_eq "bar pid is the session's backend" "$(sqlv "SELECT count(*) FROM pg_stat_activity WHERE pid = ${pid:-0} AND datname = '$T_DB'")" "1"
sqlv "SELECT pg_terminate_backend(${pid:-0})" >/dev/null
# the probe looks every 2 s: "within seconds" is 10 s here, generous for a loaded machine
t0=$(t_ms)
tui_wait_dump "lost" 30 && [ $(( $(t_ms) - t0 )) -lt 10000 ] && t_pass "terminated session shows lost within seconds" \
	|| t_fail "terminated session shows lost within 10 s" "$(( $(t_ms) - t0 )) ms" "$(tui_pane bar)"
tui_run "reconnect"
tui_wait_dump "· ready" 10 && t_pass "reconnect makes it ready" || t_fail "reconnect" "$(tui_pane bar; tui_pane log)"
newpid=$(tui_pane bar | sed -n 's/.*pid \([0-9]*\).*/\1/p')
[ -n "$newpid" ] && [ "$newpid" != "$pid" ] && t_pass "reconnect gives a new backend" || t_fail "new backend" "$pid -> $newpid"
tui_run "SELECT 'back' AS again;"
tui_wait_dump "back" 5 && t_pass "commands work after reconnect" || t_fail "commands after reconnect"
tui_run "quit"

# a server nobody listens on: failed, with the reason, and the console still leaves cleanly
tui_start 100 30 -- -p 1 || true
tui_wait_dump "failed" 10 && t_pass "unreachable server shows failed" || t_fail "unreachable server shows failed" "$(tui_pane bar)"
t_has "failure has a reason" "$(tui_pane bar)" "failed:"
tui_keys C-d
tui_ended 10
t_has "leaves after a failure" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc="

# NO_COLOR gives the monochrome theme; --theme picks one; a broken theme reports its line
tui_start 100 30 NO_COLOR=1 -- || true
tui_wait_dump "theme: mono" 5 && t_pass "NO_COLOR gives mono" || t_fail "NO_COLOR gives mono" "$(tui_pane bar)"
t_lacks "NO_COLOR: no colour escapes" "$(tui_screen -e | cat -v)" "[38;5;"
tui_run quit
mkdir -p "$T_TMP/config/dwh/themes"
printf 'normal = default, default\ntitle = red, blue, glitter\n' > "$T_TMP/config/dwh/themes/broken.theme"
tui_start 100 30 -- --theme broken || true
tui_wait_pane_joined log "broken.theme:2: unknown attribute 'glitter'" 5 && t_pass "broken theme reported with its line" \
	|| t_fail "broken theme reported with its line" "$(tui_pane log)"
t_has "broken theme falls back to dusk" "$(tui_pane bar)" "theme: dusk"
tui_run quit
tui_start 100 30 -- --theme contrast || true
tui_wait_dump "theme: contrast" 5 && t_pass "--theme picks a theme" || t_fail "--theme picks a theme" "$(tui_pane bar)"
tui_run quit

# an 8-colour terminal gets the nearest of its 8 colours; one without colours gets mono
tui_start 100 30 TERM=screen -- || true
tui_wait_dump "· ready" 5
esc=$(tui_screen -e | cat -v)
t_lacks "8 colours: no 256-colour escapes" "$esc" "[38;5;"
case "$esc" in *"[3"[0-7]"m"*|*"[3"[0-7]";"*) t_pass "8 colours: basic colour escapes";; *) t_fail "8 colours: basic colour escapes" "$(printf '%s' "$esc" | head -3)";; esac
tui_run quit
tui_start 100 30 TERM=vt100 -- || true
tui_wait_dump "theme: mono" 5 && t_pass "colourless terminal gives mono" || t_fail "colourless terminal gives mono" "$(tui_pane log)"
t_has "colourless terminal says why" "$(tui_pane log)" "the terminal has none"
tui_run quit

# over TCP the test server wants a password: the console asks on its own prompt line, inside
# the screen, echoing nothing, and comes back connected; the password shows nowhere
if [ -n "${T_PASS:-}" ]; then
	TUI_NOWAIT=1 tui_start 100 30 -- -h 127.0.0.1
	tui_wait_screen "Password for user $T_USER:" 10 && t_pass "asks for a password" || t_fail "asks for a password" "$(tui_screen)"
	t_has "inside the screen (the bar is up)" "$(tui_screen)" "connecting"
	$TX send-keys -l -- "$T_PASS"
	sleep 0.3       # (a look at what typing did; the screen is judged again once connected)
	t_lacks "typing is not echoed" "$(tui_screen)" "$T_PASS"
	$TX send-keys Enter
	tui_wait_dump "· ready" 10 && t_pass "connected after the password" || t_fail "connected after the password" "$(tui_screen)"
	t_lacks "password not on screen" "$(tui_screen)" "$T_PASS"
	t_lacks "password not in the dump" "$(cat "$TUI_DUMP")" "$T_PASS"
	tui_run "quit"
	# batch mode and the plain prompt ask on the terminal, without echo, as psql does
	TUI_NOWAIT=1 tui_start 100 30 -- -h 127.0.0.1 -c "SELECT 'pw' || 'ok' AS batch;"
	tui_wait_screen "Password for user $T_USER:" 10 && t_pass "batch asks on the terminal" || t_fail "batch asks on the terminal" "$(tui_screen)"
	$TX send-keys -l -- "$T_PASS"; sleep 0.2      # (judged again once it ran)
	t_lacks "batch: typing is not echoed" "$(tui_screen)" "$T_PASS"
	$TX send-keys Enter
	tui_wait_screen "EXITED rc=0" 10 && t_has "batch runs after the password" "$(tui_screen)" " pwok" \
		|| t_fail "batch runs after the password" "$(tui_screen)"
	t_lacks "batch: the password was never echoed" "$(tui_screen -J)" "$T_PASS"
	tui_start 100 30 -- --plain -h 127.0.0.1
	tui_run "SELECT 'plain' || 'ok' AS plain;"
	tui_wait_screen "Password for user $T_USER:" 10 && t_pass "plain prompt asks" || t_fail "plain prompt asks" "$(tui_screen)"
	$TX send-keys -l -- "$T_PASS"; $TX send-keys Enter
	tui_wait_screen " plainok" 10 && t_lacks "plain: connected, password not shown" "$(tui_screen)" "$T_PASS" \
		|| t_fail "plain: connected after the password" "$(tui_screen)"
	tui_run "quit"
fi
