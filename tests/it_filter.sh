#!/usr/bin/env bash
# it_filter.sh — `filter [TABLE.]COLUMN CONDITION` and the browser's server-side filters: the
# value and the column reach the server quoted by libpq, whatever they hold (a quote, a
# backslash, a star-slash and a semicolon that would end the query's comment and start a
# statement of their own, a space in a column's name); errors name what is wrong.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tfilter

sqlv "CREATE TABLE t (id int, \"odd col\" text, v text);
      INSERT INTO t VALUES (1, 'a', 'plain'), (2, 'b', 'it''s'), (3, 'c', 'x */ ; CREATE TABLE pwned (x int); /*'),
                           (4, 'd', 'back\\slash'), (5, NULL, NULL);
      CREATE TABLE slow AS SELECT 1 AS x" >/dev/null
ids() { grep -E '^[0-9]+,' "$T_TMP/out" | cut -d, -f1 | tr '\n' ' '; }

# --- batch mode -------------------------------------------------------------------------------
t_rc "a quote in the value" 0 dwht --csv -c "filter t.v = 'it''s'"
t_eq "  its row" "$(ids)" "2 "
t_rc "a star-slash and a semicolon in the value" 0 dwht --csv -c "filter t.v '= x */ ; CREATE TABLE pwned (x int); /*'"
t_eq "  its row" "$(ids)" "3 "
t_eq "  and no statement of its own ran" "$(sqlv "SELECT to_regclass('pwned') IS NULL")" "t"
t_rc "a backslash in the value" 0 dwht --csv -c 'filter t.v = back\slash'
t_eq "  its row" "$(ids)" "4 "
t_rc "a column whose name has a space" 0 dwht --csv -c "filter 't.odd col' is null"
t_eq "  its row" "$(ids)" "5 "
t_rc "text the value holds, any case" 0 dwht --csv -c "filter t.v LAIN"
t_eq "  its row" "$(ids)" "1 "
t_rc "numbers compared as numbers" 0 dwht --csv -c "filter t.id '>= 4'"
t_eq "  their rows" "$(ids)" "4 5 "
t_rc "no value" 1 dwht -c "filter t.v ="
t_has "  says so" "$(cat "$T_TMP/err")" "filter t.v: a value to compare with"
t_rc "a regex that does not compile" 1 dwht -c "filter t.v '~ ('"
t_has "  says so" "$(cat "$T_TMP/err")" "a regular expression that compiles"
t_rc "no table in batch mode" 1 dwht -c "filter v = plain"
t_has "  asks for one" "$(cat "$T_TMP/err")" "which table? (filter TABLE.COLUMN CONDITION)"
t_rc "a column the table lacks" 1 dwht -c "filter t.nosuch = 1"
t_has "  the server says which" "$(cat "$T_TMP/err")" "nosuch"

# --- the browser: a result that stopped early is filtered by the server -------------------------
# (10,000 rows: the server sends them in pieces, so rows arrive before the sleep at 9,000)
tui_start 140 36 -- || t_fail "console starts" "$(tui_screen)"
tui_run "SELECT g AS id, CASE g WHEN 3 THEN 'it''s */ ; CREATE TABLE pwned (x int); /*' ELSE 'plain ' || g END AS v, CASE WHEN g = 9000 AND EXISTS (SELECT 1 FROM slow) THEN pg_sleep(60) END AS z FROM generate_series(1, 10000) g;"
tui_wait_screen "(fetching)" 15
tui_keys C-c
tui_wait_screen "cancelled after" 15 || t_fail "query cancelled" "$(tui_screen | tail -4)"
sqlv "DELETE FROM slow" >/dev/null
tui_keys Escape Right
tui_keys '|'; tui_type "= it's */ ; CREATE TABLE pwned (x int); /*"; tui_keys Enter
tui_wait_screen "filter (run again on the server): v = it's" 15 \
	&& t_pass "browser: a value with a quote, a star-slash and a semicolon, filtered by the server" \
	|| t_fail "server filter" "$(tui_screen)"
tui_wait_pane result "CREATE TABLE pwned" 10
t_lacks "  only its row" "$(tui_pane result)" "plain"
t_eq "  and no statement of its own ran" "$(sqlv "SELECT to_regclass('pwned') IS NULL")" "t"
tui_keys u
tui_wait_pane result "plain 1" 10 && t_pass "u: the query before the filter" || t_fail "u after a server filter" "$(tui_pane result)"
