#!/usr/bin/env bash
# it_hostile_ctrl.sh — data never drives the terminal: control characters in values (a title
# change, a screen clear, a C1 CSI, broken UTF-8) are shown escaped (`\x1b`) by batch mode on
# a terminal and in the console's cells; files and pipes get the exact bytes.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/lib/tui.sh"

t_newdb
q=$(cat <<'SQL'
SELECT E'\x1b]0;owned\x07' || 'x' AS v, E'a\x1b[2Jb' AS w, convert_from('\xc29b'::bytea, 'UTF8') || '3' AS c
SQL
)

# to a pipe and to a file: the bytes exactly as stored
hex() { od -An -tx1 | tr -d ' \n'; }
t_has "a pipe gets the raw bytes" "$(dwht -c "$q" | hex)" "$(printf '\033]0;owned\007x | a\033[2Jb | \xc2\x9b3' | hex)"
dwht --csv -c "$q" > "$T_TMP/file.csv"
t_has "a file gets the raw bytes" "$(hex < "$T_TMP/file.csv")" "$(printf '\033]0;owned\007x,a\033[2Jb,\xc2\x9b3' | hex)"

# to a terminal (script(1) gives dwh a pty): visible, never obeyed
if command -v script >/dev/null; then
	script -qec "$(printf '%q ' env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "$q")" /dev/null > "$T_TMP/tty" 2>&1
	tty=$(tr -d '\r' < "$T_TMP/tty")
	t_has "terminal: ESC shown as \\x1b" "$tty" '\x1b]0;owned\x07x'
	t_has "terminal: screen clear shown" "$tty" 'a\x1b[2Jb'
	t_has "terminal: C1 CSI shown" "$tty" '\u009b3'
	t_lacks "terminal: no raw ESC from the data" "$tty" $'\033]0;owned'
	t_lacks "terminal: no raw C1" "$tty" $'\xc2\x9b'
	# aligned: the escaped text is measured as shown, so the header rule fits it
	t_has "terminal: column as wide as the escaped value" "$tty" '-----------------+'
	# an error message quoting the data is escaped too
	script -qec "$(printf '%q ' env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "SELECT 1/0 AS \"$(printf 'x\033[2J')\" FROM nosuchtable")" /dev/null > "$T_TMP/tty2" 2>&1
	t_lacks "terminal: error quoting the statement has no raw ESC" "$(cat "$T_TMP/tty2")" $'\033[2J'
else
	t_skip "no script(1) for a pty"
fi

# the console: escaped in the cells; tmux's pane title stays
tui_start 120 30 -- 
tui_wait_screen '· ready' 10     # the console's first job (connecting, counting) is done
tui_wait_screen "ready" 20      # (a line typed while the console still connects is refused as busy)
tui_run "$q;"
tui_wait_screen 'Result — 1 row' 20 || t_fail "console: no result shown" "$(tui_pane log | tail -5)"
tui_wait_screen 'a\x1b[2Jb' 5      # the cells, not only the title, are on the terminal
screen=$(tui_screen)
t_has "console: ESC shown as \\x1b in the cell" "$screen" '\x1b]0;owned\x07x'
t_has "console: screen clear shown" "$screen" 'a\x1b[2Jb'
t_has "console: C1 shown" "$screen" '\u009b3'
t_lacks "console: title not changed by the data" "$($TX display -p '#{pane_title}')" "owned"
tui_run "quit"
