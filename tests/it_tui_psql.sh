#!/usr/bin/env bash
# it_tui_psql.sh — psql's habits compared with psql itself on the same statements: \timing's
# "Time: N ms" line (under a second, and past it with psql's "(mm:ss.fff)"), in batch mode
# and in the console, where the log gets the line and the result's footer says it.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tpsql

pq() { psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@"; }
# a timing line with its digits as N: the shape psql prints
shape() { grep '^Time: ' | sed 's/[0-9]/N/g; s/N\+/N/g'; }

# batch: the same lines as psql's, digits aside
for q in "SELECT 1 AS one" "SELECT pg_sleep(1.05)" "CREATE TEMP TABLE t_timing (a int)" "SELECT 1/0"; do
	want=$(pq -c '\timing on' -c "$q" 2>&1 | shape)
	got=$(dwht -c '\timing on' -c "$q;" 2>&1 | shape)
	t_eq "\\timing as psql prints it: $q" "$got" "$want"
done
t_has "past a second, psql's (mm:ss.fff)" "$(dwht -c '\timing on' -c 'SELECT pg_sleep(1.05);' | grep '^Time')" " ms (00:01."

# the console: the log says it, and the result's footer
tui_start 100 30 || t_fail "console starts" "$(tui_screen)"
tui_run '\timing on'
tui_wait_pane log "Timing is on." 5 || t_fail "\\timing on" "$(tui_pane log)"
tui_run "SELECT 42 AS answer;"
tui_wait_pane log "Time: " 5 && t_pass "console: \\timing writes Time: in the log" \
	|| t_fail "console: Time: in the log" "$(tui_pane log)"
t_eq "console: the log's line is psql's shape" "$(tui_pane log | grep -o 'Time: [0-9.]* ms' | tail -1 | shape)" "Time: N.N ms"
tui_wait_screen "Time: " 5
t_has "console: the result's footer says Time:" "$(tui_pane result | tail -n 3; tui_screen | grep -F '└')" "Time: "
tui_run "CREATE TABLE t_timing2 (a int);"
tui_wait_pane result "CREATE TABLE" 5
tui_wait_screen "CREATE TABLE" 5
t_eq "console: a command tag's time too (log)" "$(tui_pane log | grep -c 'Time: ')" 2
tui_run '\timing off'
tui_wait_pane log "Timing is off." 5
tui_run "SELECT 43 AS answer;"
tui_wait_pane result "43" 5
t_eq "console: \\timing off: no more Time: lines" "$(tui_pane log | grep -c 'Time: ')" 2
t_lacks "console: \\timing off: the footer has no Time:" "$(tui_screen | grep -F '└')" "Time: "

# the first line typed while the console still connects waits and runs once connected: a lock
# held on a table keeps the console's first job (connect, count the tables) busy meanwhile
pq -c "CREATE TABLE staging_events (a int)" >/dev/null
pq -c "BEGIN" -c "LOCK TABLE staging_events IN ACCESS EXCLUSIVE MODE" -c "SELECT pg_sleep(4)" -c "COMMIT" >/dev/null 2>&1 &
locker=$!
sleep 0.5
TUI_NOWAIT=1 tui_start 80 24 || true
tui_wait_screen "dwh>" 10
tui_run "SELECT 'first line' AS greeting;"
tui_wait_pane log "runs once connected" 5 && t_pass "a line typed while connecting is kept" \
	|| t_fail "a line typed while connecting is kept" "$(tui_pane log)"
tui_wait_pane result "first line" 10 && t_pass "... and runs once connected" \
	|| t_fail "the first line runs" "$(tui_pane log)"
t_lacks "... never refused as busy" "$(tui_pane log)" "busy:"
wait $locker
