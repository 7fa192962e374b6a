# tui.sh — driving the console inside a private tmux server: start dwh in a pane of a given
# size, type into it, wait for text on the screen or in the DWH_SCREEN_DUMP file.
# Source after lib.sh. Sets TX (the tmux command) and TUI_DUMP.

command -v tmux >/dev/null || { t_skip "no tmux (apt-get install tmux)"; exit 0; }

TUI_N=0
TX="tmux -L dwh-$T_NAME-$$-$TUI_N -f /dev/null"
TUI_DUMP="$T_TMP/dump"
# (the console writes a last dump as it goes: give it a moment before removing its directory)
trap '$TX kill-server 2>/dev/null; sleep 0.3; rm -rf "$T_TMP"' EXIT

# tui_start COLS ROWS [ENV=VALUE...] -- [DWH ARGS...]: dwh on the test database in a new pane.
# When dwh ends, the pane prints "EXITED rc=N" and stays for inspection. The pane runs a script
# that records its PID and execs dwh (tui_pid gives it: no process is looked up by its command
# line); the shell in the pane sees only that script's name, so a crash report of the shell's
# ("Segmentation fault  bash …/run.1") repeats none of dwh's arguments. TUI_STDERR=FILE: dwh's
# stderr goes to FILE.
tui_start() {
	local cols=$1 rows=$2 envs=() ; shift 2
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
	[ "${1:-}" = "--" ] && shift
	mkdir -p "$T_TMP/state" "$T_TMP/config"
	rm -f "$T_TMP/exited"
	# a fresh tmux server each time: a dying one must not take the new session with it
	$TX kill-server 2>/dev/null
	TUI_N=$((TUI_N + 1))
	TX="tmux -L dwh-$T_NAME-$$-$TUI_N -f /dev/null"
	TUI_DUMP="$T_TMP/dump.$TUI_N"	# the last console may still write its final dump
	TUI_PIDFILE="$T_TMP/pid.$TUI_N"
	local run="$T_TMP/run.$TUI_N"
	{
		printf 'echo $$ > %q\n' "$TUI_PIDFILE"
		printf 'exec '; printf '%q ' env -u PGHOST -u PGDATABASE -u PGSERVICE -u NO_COLOR TERM=tmux-256color \
			LANG=C.UTF-8 DWH_SCREEN_DUMP="$TUI_DUMP" XDG_STATE_HOME="$T_TMP/state" \
			XDG_CONFIG_HOME="$T_TMP/config" "${envs[@]}" \
			"$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@"
		[ -n "${TUI_STDERR:-}" ] && printf '2>%q' "$TUI_STDERR"
		echo
	} > "$run"
	$TX new-session -d -x "$cols" -y "$rows" \
		"bash $(printf %q "$run"); echo \"EXITED rc=\$?\" | tee $(printf %q "$T_TMP/exited"); sleep 600"
	$TX set-option -g status off >/dev/null
	[ -n "${TUI_NOWAIT:-}" ] || tui_wait_screen "dwh>" 10
}

# tui_pid: the PID of the dwh the last tui_start ran (empty when it did not start)
tui_pid() { wait_for 10 test -s "$TUI_PIDFILE" && cat "$TUI_PIDFILE"; }
# tui_ended [SECONDS]: until the pane's dwh has ended ("EXITED rc=N" written); 0 when it did
tui_ended() { wait_for "${1:-10}" test -s "$T_TMP/exited"; }

# What the terminal shows now (-e: with colour escapes).
tui_screen() { $TX capture-pane -p "$@"; }
# Type text literally (tmux would take a trailing ';' as a command separator: escape it).
tui_type() { local t=$1; [[ $t == *";" ]] && t="${t%;}\\;"; $TX send-keys -l -- "$t"; }
tui_keys() { $TX send-keys "$@"; }
# tui_run TEXT: type a line and press Enter.
tui_run() { tui_type "$1"; $TX send-keys Enter; }

# tui_wait_screen TEXT [SECONDS]: until the terminal shows TEXT; 0 when it did.
# (SECONDS is a deadline for a failing test only: wait_for never waits less than T_WAIT_MIN)
tui_screen_has() { [[ $(tui_screen) == *"$1"* ]]; }   # (as grep -F, one process fewer a try)
tui_wait_screen() { wait_for "${2:-5}" tui_screen_has "$1"; }

# tui_wait_dump TEXT [SECONDS]: until the dump file holds TEXT.
tui_wait_dump() { wait_for "${2:-5}" file_has "$TUI_DUMP" "$1"; }

# One pane's text from the dump.
tui_pane() { sed -n "/^== $1 ==\$/,/^== /p" "$TUI_DUMP" | sed '1d;$d'; }

# tui_wait_pane PANE TEXT [SECONDS]: until that pane in the dump holds TEXT (not the typed line
# that may hold the same words); 0 when it did.
tui_pane_has() { tui_pane "$1" | grep -qF -- "$2"; }
tui_wait_pane() { wait_for "${3:-5}" tui_pane_has "$1" "$2"; }
# tui_wait_pane_joined PANE TEXT [SECONDS]: the same, blind to where the pane wrapped a line
# (all blanks and line ends left out on both sides): for text holding a path, whose length
# depends on where the temporary folder is
tui_pane_has_joined() { tui_pane "$1" | tr -d '[:space:]' | grep -qF -- "$(printf '%s' "$2" | tr -d '[:space:]')"; }
tui_wait_pane_joined() { wait_for "${3:-5}" tui_pane_has_joined "$1" "$2"; }

# The last N lines of the terminal (default 1), for t_eq_soon / t_has_soon.
tui_tail() { tui_screen | tail -n "${1:-1}"; }
# tui_line_empty: the prompt line is back to an empty "dwh>" (a Ctrl-C or Enter was taken)
tui_line_empty() { [ "$(tui_screen | tail -n1)" = "dwh>" ]; }

# tui_cursor_at X: the terminal's cursor is in column X (for wait_for)
tui_cursor_at() { [ "$($TX display -p '#{cursor_x}')" = "$1" ]; }

# The screen with line drawing folded to ASCII, as the dump writes it.
tui_screen_ascii() {
	tui_screen | sed 's/[─]/-/g; s/[│]/|/g; s/[┌┐└┘├┤┬┴┼]/+/g'
}
