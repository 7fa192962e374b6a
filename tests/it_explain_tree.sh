#!/usr/bin/env bash
# it_explain_tree.sh — `explain [analyze] QUERY`: the plan as a tree from EXPLAIN (FORMAT JSON),
# estimated against actual rows with a deliberately misestimated filter marked, time per node
# with its bar and the hottest node marked once; an analysed DELETE asks (--yes) and is rolled
# back; quotes in the query survive; `explain STAGE` is still the stage's plan; the console
# shows the tree in the Result pane.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb
sqlv "CREATE TABLE m AS SELECT g, g % 7 AS k FROM generate_series(1, 20000) g; ANALYZE m;" >/dev/null
Q="SELECT a.k, count(*) FROM m a JOIN m b ON a.g = b.g WHERE a.g % 2 = 0 AND a.g % 3 = 0 GROUP BY a.k"
out=$(dwht -c "explain analyze $Q" 2>&1); rc=$?
t_eq "explain analyze QUERY (exit 0)" "$rc" 0
t_has "a tree of nodes" "$out" "└─ "
t_has "... with the join" "$out" "Hash Join"
t_eq "the hottest node is marked once" "$(printf '%s\n' "$out" | grep -c '◀ hottest')" 1
t_has "a misestimate (the % filters: 1 row planned, 3333 came) is marked" "$out" "×3333 under"
t_has "time bars" "$out" "█"
t_has "buffers when analysed" "$out" "hit "
out=$(dwht -c "explain $Q" 2>&1)
t_has "explain without analyze: estimates only" "$(printf '%s\n' "$out" | head -1)" "node"
t_lacks "... no timing columns" "$(printf '%s\n' "$out" | head -1)" "self ms"
t_has "quotes in the query survive" "$(dwht -c "explain SELECT * FROM m WHERE k::text = 'a b'" 2>&1)" "Seq Scan on m"
t_rc "explain analyze DELETE without WHERE asks first (batch: --yes)" 1 dwht -c "explain analyze DELETE FROM m"
t_rc "... with --yes it is planned" 0 dwht --yes -c "explain analyze DELETE FROM m"
t_eq "... and rolled back" "$(sqlv 'SELECT count(*) FROM m')" 20000
t_rc "explain STAGE still explains the stage" 0 dwht -c create -c "explain load songplays"
t_has "... the stage's plan" "$(cat "$T_TMP/out")" "plan: load songplays"

tui_start 140 40 || t_fail "console starts" "$(tui_screen)"
tui_run "explain analyze $Q"
tui_wait_pane result "◀ hottest" 10 && t_pass "console: the tree in the Result pane, the hottest marked" \
	|| t_fail "console: tree" "$(tui_pane result)"
