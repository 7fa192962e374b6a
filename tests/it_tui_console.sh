#!/usr/bin/env bash
# it_tui_console.sh — the console in a real terminal (tmux): start, SQL and results, typing
# while a query runs, Ctrl-C cancelling at once (and dropping lines typed ahead), type-ahead, readline
# editing and completion, resize without garbage, live theme switch, leaving cleanly.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tcon

tui_start 100 30 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 10
t_has "bar shows engine and state" "$(tui_screen | head -1)" "PostgreSQL"
t_has "bar shows user@" "$(tui_screen | head -1)" "$T_USER@"
t_has "bar shows :port/db" "$(tui_screen | head -1)" ":$T_PORT/$T_DB"
t_has "bar says ready" "$(tui_screen | head -1)" "ready"
[ -n "${T_PASS:-}" ] && t_lacks "bar never shows the password" "$(tui_screen)" "$T_PASS"

# create reports its stage; the Tables pane is counted after it
tui_run "create"
tui_wait_dump "✓ create" 10
t_has "pipeline shows create done" "$(tui_pane pipeline)" "✓ create"
tui_wait_dump "songplays              0" 5
t_has "tables pane counted after create" "$(tui_pane tables)" "songplays              0"

tui_run "SELECT 42 AS answer, 'Beyoncé' AS who;"
tui_wait_dump "# Result — 1 row" 5
t_has "result pane shows rows" "$(tui_pane result)" "    42 ║ Beyoncé"
t_has "result header" "$(tui_pane result)" "answer ║ who"

# errors go to the log in the theme's error colour (dusk: #ff5f5f, 203 on 256 colours)
tui_run "SELECT nope;"
tui_wait_dump 'column "nope" does not exist' 5
t_has "error in the log" "$(tui_pane log)" 'column "nope" does not exist'
t_has "error in the error colour" "$(tui_screen -e | grep 'does not exist')" "38;5;203"

# a long query: the prompt still takes typing, a second command waits its turn, Ctrl-C cancels
tui_run "SELECT g, repeat('x', g % 7) AS pad FROM generate_series(1, 150000) g;"
tui_wait_dump "— 150000 rows" 10 && t_pass "a big result is kept whole (spilled to a file)" \
	|| t_fail "a big result is kept whole" "$(tui_pane result | head -3)"
# (rows 1-9 are on the first screen too: wait for the row that PgDn brings to the top)
line3_has() { tui_pane result | sed -n 3p | grep -qF -- "$1"; }
line3() { wait_for 5 line3_has "$1"; }
tui_keys NPage
line3 "     9 ║"
t_has "PgDn scrolls the result" "$(tui_pane result | sed -n 3p)" "     9 ║"
tui_run "SELECT pg_sleep(30);"
tui_wait_screen "busy" 5
tui_type "abc"
tui_wait_screen "dwh> abc" 2 && t_pass "prompt accepts typing while a query runs" \
	|| t_fail "prompt accepts typing while a query runs" "$(tui_screen | tail -3)"
tui_keys C-u
sqlv "CREATE TABLE t_dropped (a int)" >/dev/null
tui_run "INSERT INTO t_dropped VALUES (1);"
tui_wait_pane log "queued: \`INSERT INTO t_dropped VALUES (1);\` runs after \`SELECT pg_sleep(30);\`" 5 &&
	t_pass "a line typed while one runs waits its turn" || t_fail "a line typed while one runs waits its turn" "$(tui_pane log)"
# the limit is the feature (cancelled at once, not after the statement's 30 s), generous for a
# loaded machine: 10 s
t0=$(t_ms)
tui_keys C-c
tui_wait_dump "cancelled (" 30
ms=$(( $(t_ms) - t0 ))
[ "$ms" -lt 10000 ] && t_pass "Ctrl-C cancels within 10 s (${ms} ms)" \
	|| t_fail "Ctrl-C cancels within 10 s" "took $ms ms"
t_has "log says cancelled" "$(tui_pane log)" "cancelled"
t_has "Ctrl-C drops the line typed after it, and says so" "$(tui_pane log)" "the 1 line typed after it dropped"
tui_wait_dump "· ready" 3
t_has "ready again after cancel" "$(tui_pane bar)" "ready"
tui_run "SELECT 'still alive' AS s;"
tui_wait_dump "still alive" 5 && t_pass "session usable after cancel" || t_fail "session usable after cancel"
t_eq "the dropped line never ran" "$(sqlv 'SELECT count(*) FROM t_dropped')" 0

# type-ahead: a line typed while a statement waits (here for a lock another session holds) runs
# once it is done, in order, as psql reads what was typed during a query
sqlv "CREATE TABLE t_ahead (a int)" >/dev/null
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "SET application_name = 't_holder'" \
	-c "BEGIN; LOCK TABLE t_ahead; SELECT pg_sleep(60)" >/dev/null 2>&1 &
holder_job=$!
holder() { holder_pid=$(sqlv "SELECT pid FROM pg_stat_activity WHERE application_name = 't_holder' AND wait_event = 'PgSleep' AND datname = current_database()"); [ -n "$holder_pid" ]; }
wait_for 30 holder || t_fail "the lock holder sleeps"
tui_run "SELECT count(*) AS first_answer FROM t_ahead;"
tui_wait_screen "busy" 10
tui_run "SELECT 'typed ahead' AS second_answer;"
tui_wait_pane log "queued: \`SELECT 'typed ahead' AS second_answer;\`" 5 || t_fail "the second line queued" "$(tui_pane log)"
sqlv "SELECT pg_terminate_backend($holder_pid)" >/dev/null; wait $holder_job 2>/dev/null
tui_wait_pane result "typed ahead" 30 && t_pass "the line typed ahead ran once the first was done" \
	|| t_fail "the line typed ahead ran once the first was done" "$(tui_pane log)"
tui_keys Escape
tui_keys '['
tui_wait_pane result "first_answer" 5 && t_pass "... and the first's answer is the result before it" \
	|| t_fail "... and the first's answer is the result before it" "$(tui_pane result)"
tui_keys Escape

# readline editing: fix a typo at the start of the line with Home and Right
tui_type "SELEC 7 AS seven;"
tui_keys Home Right Right Right Right Right
tui_type "T"
tui_keys Enter
tui_wait_dump "seven" 5 && t_pass "readline editing (Home, Right, insert)" \
	|| t_fail "readline editing" "$(tui_pane log)"
# the cursor sits after wide characters by display width (5 for "dwh> ", 2 per CJK char)
tui_type "日本"
wait_for 5 tui_cursor_at 9
t_eq "cursor column follows display width" "$($TX display -p '#{cursor_x}')" "9"
tui_keys Left
wait_for 5 tui_cursor_at 7
t_eq "cursor moves back one wide character" "$($TX display -p '#{cursor_x}')" "7"
tui_keys C-u
# a line longer than the screen scrolls sideways; the cursor stays on the screen
tui_type "SELECT '$(printf 'a%.0s' $(seq 150))bcd"
tui_wait_screen "aaabcd" 5
cx=$($TX display -p '#{cursor_x}')
[ "$cx" -lt 100 ] && [ "$cx" -gt 50 ] && t_pass "long line: cursor in view ($cx)" || t_fail "long line: cursor in view" "cursor_x=$cx"
t_has "long line: its end shows" "$(tui_screen | tail -1)" "aaabcd"
tui_keys C-a
wait_for 5 tui_cursor_at 5
t_eq "long line: Home scrolls back" "$($TX display -p '#{cursor_x}')" "5"
t_has "long line: start shows again" "$(tui_screen | tail -1)" "dwh> SELECT 'aaa"
tui_keys C-k
# history: Up brings the last line back
tui_keys Up
tui_wait_screen "dwh> SELECT 7 AS seven;" 2 && t_pass "Up recalls history" \
	|| t_fail "Up recalls history" "$(tui_screen | tail -1)"
tui_keys C-u
# completion of a command name and of a table name from the server
tui_type "scree"
tui_keys Tab
tui_wait_screen "dwh> screenshot" 2 && t_pass "Tab completes a command" \
	|| t_fail "Tab completes a command" "$(tui_screen | tail -1)"
tui_keys C-u
tui_type "sel"
tui_keys Tab
tui_wait_screen "dwh> select" 2 && t_pass "Tab completes a keyword in the typed case" \
	|| t_fail "Tab completes a keyword" "$(tui_screen | tail -1)"
tui_keys C-u
tui_type "SELECT count(*) FROM staging_ev"
tui_keys Tab
tui_wait_screen "FROM staging_events" 2 && t_pass "Tab completes a table name from the server" \
	|| t_fail "Tab completes a table name" "$(tui_screen | tail -1)"
tui_keys C-u
# multi-line SQL runs at ';'
tui_run "SELECT 'two' AS"
tui_wait_screen "dwh->" 2 && t_pass "continuation prompt" || t_fail "continuation prompt" "$(tui_screen | tail -1)"
tui_run "lines;"
# (the typed "two" is on the screen already: wait for the answer in the Result pane)
tui_wait_pane result "two" 5 && t_pass "multi-line SQL runs at ;" || t_fail "multi-line SQL" "$(tui_pane log)"
tui_wait_dump "· ready" 10

# screenshot command writes the panes
tui_run "screenshot $T_TMP/shot.txt"
wait_for 10 file_has "$T_TMP/shot.txt" "== screen =="
t_has "screenshot has every pane" "$(grep '^== ' "$T_TMP/shot.txt" | tr '\n' ' ')" \
	"== bar == == tables == == pipeline == == result == == log == == prompt == == screen =="

# file names complete too
tui_type "screenshot $T_TMP/sho"
tui_keys Tab
tui_wait_screen "shot.txt" 2 && t_pass "Tab completes a file path" || t_fail "Tab completes a file path" "$(tui_screen | tail -1)"
tui_keys C-u

# resize to 80x24 and back: what the terminal shows equals what curses drew
# The latency and a stage's age ("3 s ago") may tick between the two looks: mask them. The
# terminal may still be taking in the last redraw: look again (wait_for); garbage stays.
same_once() {
	diff <(tui_screen_ascii | sed 's/ *$//; s/[0-9.]* ms/N ms/; s/[0-9]* \(s\|min\|h\|d\) ago/N ago/g') \
		<(sed -n '/^== screen ==$/,$p' "$TUI_DUMP" | sed '1d; s/[0-9.]* ms/N ms/; s/[0-9]* \(s\|min\|h\|d\) ago/N ago/g') \
		>"$T_TMP/diff"
}
same_as_dump() { wait_for 5 same_once; }
$TX resize-window -x 80 -y 24
tui_wait_dump "== size == 80x24" 3
same_as_dump && t_pass "80x24 screen without garbage" || t_fail "80x24 screen without garbage" "$(cat "$T_TMP/diff")"
t_has "80x24 still shows every stage" "$(tui_pane pipeline)" "· load time"
$TX resize-window -x 50 -y 12
tui_wait_dump "== notice ==" 3
t_has "too small shows a notice" "$(tui_screen)" "dwh needs"
$TX resize-window -x 100 -y 30
tui_wait_dump "== size == 100x30" 3
same_as_dump && t_pass "back to 100x30 without garbage" || t_fail "back to 100x30 without garbage" "$(cat "$T_TMP/diff")"

# theme light recolours at once
before=$(tui_screen -e | md5sum)
tui_run "theme light"
tui_wait_dump "theme: light" 3 && t_pass "theme light named in the bar" || t_fail "theme light in bar" "$(tui_pane bar)"
recoloured() { after=$(tui_screen -e | md5sum); [ "$before" != "$after" ]; }
wait_for 5 recoloured
[ "$before" != "$after" ] && t_pass "theme light recolours the screen" || t_fail "theme light recolours the screen"
tui_run "theme"
tui_wait_dump "themes: " 3
t_has "theme lists the themes" "$(tui_pane log)" "contrast dusk light mono projector (now: light)"
tui_run "theme nosuch"
tui_wait_dump "no theme 'nosuch'" 3 && t_pass "unknown theme reported" || t_fail "unknown theme reported" "$(tui_pane log)"

# a long text answer (help) goes to the Result pane, where it can be read and scrolled
tui_run "help"
tui_wait_dump "# help —" 5 && t_pass "help's text shows in the Result pane" || t_fail "help in Result pane" "$(tui_pane result | head -3)"
t_has "help lists commands" "$(tui_pane result)" "create [staging|star]"

# F1 help, any key closes it
tui_keys F1
tui_wait_screen " closes" 5 && t_pass "F1 shows help" || t_fail "F1 shows help"
t_has "F1 help lists the commands" "$(tui_screen)" "screenshot"
tui_keys q
help_closed() { ! tui_screen_has " closes"; }
wait_for 5 help_closed
t_lacks "help closes on a key" "$(tui_screen)" " closes"

# history kept, passwords not
tui_run "SELECT 'password=hunter2' AS x;"
tui_wait_dump "password=hunter2" 3
tui_run "quit"
tui_ended 10
t_eq "quit leaves with 0" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"
screen=$(tui_screen)
t_lacks "terminal restored after quit" "$screen" "Pipeline"
t_has "history file kept the session" "$(cat "$T_TMP/state/dwh/history")" "SELECT 7 AS seven;"
t_lacks "history has no password" "$(cat "$T_TMP/state/dwh/history")" "hunter2"

# Ctrl-D leaves too
tui_start 100 30 -- || t_fail "console starts again"
tui_keys C-d
tui_ended 10
t_eq "Ctrl-D leaves" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED rc=0"
