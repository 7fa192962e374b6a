#!/usr/bin/env bash
# it_guard.sh — safe by default: a typed DROP, TRUNCATE, DELETE or UPDATE without WHERE, and
# dwh's `drop`, are refused in batch mode without --yes (exit 1, nothing done) and asked about
# in the console (y runs it, anything else does not); --read-only and \set READ_ONLY on make
# the session's transactions read-only (kept across \c and reconnect) and refuse dwh's
# writing commands, copy FROM included.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb
n() { sqlv "SELECT count(*) FROM g"; }
sqlv "CREATE TABLE g (a int); INSERT INTO g VALUES (1), (2), (3);" >/dev/null

for q in "DELETE FROM g;" "delete from g -- where a = 1" "UPDATE g SET a = 0;" "TRUNCATE g;" "DROP TABLE g;" \
	"WITH x AS (SELECT 1 WHERE true) DELETE FROM g;"; do
	t_rc "batch refuses without --yes: $q" 1 dwht -c "$q"
	t_has "... and says why: $q" "$(cat "$T_TMP/err")" "not run without --yes"
done
t_eq "nothing was deleted, updated or dropped" "$(n) $(sqlv 'SELECT sum(a) FROM g')" "3 6"
t_rc "a DELETE with WHERE runs" 0 dwht -c "DELETE FROM g WHERE a = 3;"
t_rc "a WHERE inside a quote does not count" 1 dwht -c "DELETE FROM g RETURNING 'where';"
printf 'SELECT 1;\nDELETE FROM g;\n' > "$T_TMP/del.sql"
t_rc "in a script: a script error (exit 3)" 3 dwht -f "$T_TMP/del.sql"
t_rc "--yes runs it" 0 dwht --yes -c "DELETE FROM g;"
t_eq "... and it ran" "$(n)" 0
t_rc "dwh's drop needs --yes" 1 dwht -c create -c drop
t_has "... saying so" "$(cat "$T_TMP/err")" "drop: the star schema, the staging tables and the run log: not run without --yes"
t_eq "... the tables stay" "$(sqlv "SELECT count(*) FROM pg_tables WHERE tablename = 'songplays'")" 1
t_rc "drop --yes drops" 0 dwht --yes -c "drop star"
t_eq "... the star schema is gone" "$(sqlv "SELECT count(*) FROM pg_tables WHERE tablename = 'songplays'")" 0

# read-only
sqlv "INSERT INTO g VALUES (5)" >/dev/null
t_rc "--read-only: an INSERT fails" 1 dwht --read-only -c "INSERT INTO g VALUES (6);"
t_has "... with the server's read-only error" "$(cat "$T_TMP/err")" "read-only transaction"
t_rc "--read-only: a SELECT works" 0 dwht --read-only -c "SELECT count(*) FROM g;"
for c in create stage load\ all run step "copy g FROM '$T_TMP/x.csv'"; do
	t_rc "--read-only refuses: $c" 1 dwht --read-only -c "$c"
	t_has "... saying the session is read-only: $c" "$(cat "$T_TMP/err")" "the session is read-only"
done
t_rc "--read-only: copy TO still works" 0 dwht --read-only -c "copy g TO $(dq "$T_TMP/g.csv")"
t_eq "read-only survives \\c" "$(dwht --read-only -c "\\c $T_DB" -c 'SHOW default_transaction_read_only;' 2>/dev/null | grep -cx ' on')" 1
t_eq "and reconnect" "$(dwht --read-only -c reconnect -c 'SHOW default_transaction_read_only;' 2>/dev/null | grep -cx ' on')" 1
t_rc "\\set READ_ONLY on: an INSERT fails" 1 dwht -c '\set READ_ONLY on' -c "INSERT INTO g VALUES (6);"
t_eq "\\set READ_ONLY on then off: it runs" "$(dwht -c '\set READ_ONLY on' -c '\set READ_ONLY off' -c "INSERT INTO g VALUES (6);" 2>&1)" "INSERT 0 1"
t_rc "\\set READ_ONLY maybe is refused" 1 dwht -c '\set READ_ONLY maybe'
t_eq "nothing was written while read-only" "$(sqlv "SELECT string_agg(a::text, ',' ORDER BY a) FROM g")" "5,6"

# the console asks; n keeps the rows, y deletes them
bar_ready() { tui_screen | head -1 | grep -q ' ready '; }
tui_start 100 30 || t_fail "console starts" "$(tui_screen)"
tui_run "DELETE FROM g;"
tui_wait_screen "run it? [y/N]" 10 && t_pass "console: DELETE without WHERE asks" || t_fail "console asks" "$(tui_screen)"
tui_run "n"
tui_wait_pane log "not run (answer y to go on)" 10 && t_pass "console: n does not run it" || t_fail "console: n" "$(tui_pane log)"
t_eq "... the rows stay" "$(n)" 2
wait_for 10 bar_ready
tui_run "DELETE FROM g;"
tui_wait_screen "run it? [y/N]" 10
tui_run "y"
tui_wait_pane result "DELETE 2" 10 && t_pass "console: y runs it" || t_fail "console: y" "$(tui_pane log)"
t_eq "... the rows are gone" "$(n)" 0

# the plain prompt asks on the terminal
sqlv "INSERT INTO g VALUES (1)" >/dev/null
tui_start 100 30 -- --plain
tui_wait_screen "dwh>" 10
tui_run "TRUNCATE g;"
tui_wait_screen "run it? [y/N]" 10 && t_pass "--plain: TRUNCATE asks" || t_fail "--plain asks" "$(tui_screen)"
tui_run "no"
tui_wait_screen "not run (answer y to go on)" 10 && t_pass "--plain: no does not run it" || t_fail "--plain: no" "$(tui_screen)"
t_eq "... the row stays" "$(n)" 1
