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
# When dwh ends, the pane prints "EXITED rc=N" and stays for inspection.
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
	local q; q=$(printf '%q ' env -u PGHOST -u PGDATABASE -u PGSERVICE -u NO_COLOR TERM=tmux-256color \
		LANG=C.UTF-8 DWH_SCREEN_DUMP="$TUI_DUMP" XDG_STATE_HOME="$T_TMP/state" \
		XDG_CONFIG_HOME="$T_TMP/config" "${envs[@]}" \
		"$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@")
	$TX new-session -d -x "$cols" -y "$rows" "$q; echo \"EXITED rc=\$?\" | tee $T_TMP/exited; sleep 600"
	$TX set-option -g status off >/dev/null
	[ -n "${TUI_NOWAIT:-}" ] || tui_wait_screen "dwh>" 10
}

# What the terminal shows now (-e: with colour escapes).
tui_screen() { $TX capture-pane -p "$@"; }
# Type text literally (tmux would take a trailing ';' as a command separator: escape it).
tui_type() { $TX send-keys -l -- "${1//;/\\;}"; }
tui_keys() { $TX send-keys "$@"; }
# tui_run TEXT: type a line and press Enter.
tui_run() { tui_type "$1"; $TX send-keys Enter; }

# tui_wait_screen TEXT [SECONDS]: until the terminal shows TEXT; 0 when it did.
tui_wait_screen() {
	local n=$(( ${2:-5} * 10 ))
	while [ $n -gt 0 ]; do
		tui_screen | grep -qF -- "$1" && return 0
		sleep 0.1; n=$((n - 1))
	done
	return 1
}

# tui_wait_dump TEXT [SECONDS]: until the dump file holds TEXT.
tui_wait_dump() {
	local n=$(( ${2:-5} * 10 ))
	while [ $n -gt 0 ]; do
		grep -qF -- "$1" "$TUI_DUMP" 2>/dev/null && return 0
		sleep 0.1; n=$((n - 1))
	done
	return 1
}

# One pane's text from the dump.
tui_pane() { sed -n "/^== $1 ==\$/,/^== /p" "$TUI_DUMP" | sed '1d;$d'; }

# tui_wait_pane PANE TEXT [SECONDS]: until that pane in the dump holds TEXT (not the typed line
# that may hold the same words); 0 when it did.
tui_wait_pane() {
	local n=$(( ${3:-5} * 10 ))
	while [ $n -gt 0 ]; do
		tui_pane "$1" | grep -qF -- "$2" && return 0
		sleep 0.1; n=$((n - 1))
	done
	return 1
}

# The screen with line drawing folded to ASCII, as the dump writes it.
tui_screen_ascii() {
	tui_screen | sed 's/[─]/-/g; s/[│]/|/g; s/[┌┐└┘├┤┬┴┼]/+/g'
}
