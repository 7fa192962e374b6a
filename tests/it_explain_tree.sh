#!/usr/bin/env bash
# it_explain_tree.sh — `explain [analyze] QUERY`: the plan as a tree from EXPLAIN (FORMAT JSON),
# estimated against actual rows with a deliberately misestimated filter marked, time per node
# with its bar and the hottest node marked once; an analysed DELETE asks (--yes) and is rolled
# back; quotes in the query survive; `explain STAGE` draws the same tree for the stage's
# INSERT ... SELECT (planned, not run); `\explain [analyze]` is the tree of the statement last
# sent; the console shows the tree in the Result pane, Enter on a node shows every field of it
# and Esc goes back to the tree.
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
t_rc "explain STAGE explains the stage" 0 dwht -c create -c "explain load songplays"
t_has "... the stage's plan" "$(cat "$T_TMP/out")" "plan: load songplays"
t_has "... as the same tree (its INSERT at the root)" "$(cat "$T_TMP/out")" "Insert on songplays"
t_has "... with the branches drawn" "$(cat "$T_TMP/out")" "└─ "
t_has "... estimated rows and cost, no analyze" "$(grep -m1 'node' "$T_TMP/out")" "est rows"
t_lacks "... nothing ran (no actual rows)" "$(grep -m1 'node' "$T_TMP/out")" "self ms"
t_eq "... and nothing was loaded" "$(sqlv 'SELECT count(*) FROM songplays')" 0

# Redshift has no FORMAT JSON: its text plan is read into the tree (--dialect redshift here sends
# plain EXPLAIN to this PostgreSQL, whose text plan has Redshift's layout without the XN; the
# Redshift fixture itself is read by tests/unit/test_plan.c)
out=$(dwht --dialect redshift -c "explain $Q" 2>&1); rc=$?
t_eq "Redshift: explain QUERY from the text plan (exit 0)" "$rc" 0
t_has "... the tree" "$out" "└─ Hash Join"
t_has "... its scans named as the text plan names them (the JSON path gives no alias)" "$out" "Seq Scan on m b"
t_has "... estimated rows and cost" "$(printf '%s\n' "$out" | head -1)" "est rows"
t_rc "Redshift: explain analyze is refused" 1 dwht --dialect redshift -c "explain analyze $Q"
t_has "... saying why" "$(cat "$T_TMP/err")" "Redshift has no EXPLAIN ANALYZE"

# \explain: the statement last sent (its last statement), or the one being typed
out=$(dwht -c "SELECT count(*) FROM m WHERE k = 3" -c '\explain' 2>&1); rc=$?
t_eq "\\explain after a query (exit 0)" "$rc" 0
t_has "... its tree" "$out" "└─ Seq Scan on m"
t_has "... its aggregate at the root" "$out" "Aggregate"
out=$(dwht -c "SELECT 1; SELECT a.k FROM m a JOIN m b ON a.g = b.g" -c '\explain analyze' 2>&1)
t_has "\\explain analyze: the last statement of the line, analysed" "$out" "◀ hottest"
t_has "... the join's tree" "$out" "Hash Join"
t_rc "\\explain with nothing sent before fails" 1 dwht -c '\explain'
t_has "... saying why" "$(cat "$T_TMP/err")" "none sent before"

tui_start 140 40 || t_fail "console starts" "$(tui_screen)"
tui_run "explain analyze $Q"
tui_wait_pane result "◀ hottest" 10 && t_pass "console: the tree in the Result pane, the hottest marked" \
	|| t_fail "console: tree" "$(tui_pane result)"
# \explain in the console; Enter on the join shows all its fields, Esc goes back to the tree
tui_run "SELECT a.k, count(*) FROM m a JOIN m b ON a.g = b.g GROUP BY a.k;"
tui_wait_pane result "7 rows" 10 || t_fail "console: the query ran" "$(tui_pane result)"
tui_run '\explain'
tui_wait_pane result "└─ Seq Scan on m" 10 && t_pass "console: \\explain draws the last query's tree" \
	|| t_fail "console: \\explain" "$(tui_pane result)"
tui_keys Escape
tui_wait_screen "row 1 of " 5 || t_fail "console: the tree takes the keys" "$(tui_screen | tail -3)"
join_row() { tui_pane result | grep -q "Hash Join" && tui_screen | grep -q "row 2 of "; }
tui_keys Down
wait_for 5 join_row || t_fail "console: the cursor on the join" "$(tui_screen | tail -3)"
tui_keys Enter
tui_wait_pane result "# Record 2 of" 5 && t_pass "console: Enter on a node opens its details" \
	|| t_fail "console: Enter on a node" "$(tui_pane result)"
t_has "... its join condition" "$(tui_pane result)" "Hash Cond"
t_has "... its costs" "$(tui_pane result)" "Startup Cost"
t_has "... its estimated width" "$(tui_pane result)" "Plan Width"
tree_back() { ! tui_pane result | grep -q "# Record" && tui_pane result | grep -q "└─ Seq Scan on m"; }
tui_keys Escape
wait_for 5 tree_back && t_pass "console: Esc goes back to the tree" || t_fail "console: Esc back" "$(tui_pane result)"
t_has "... the tree still has the keys" "$(tui_screen)" "row 2 of "
tui_keys Enter
tui_wait_pane result "# Record 2 of" 5 || t_fail "console: Enter again" "$(tui_pane result)"
tui_keys BSpace
wait_for 5 tree_back && t_pass "console: Backspace goes back to the tree too" || t_fail "console: Backspace back" "$(tui_pane result)"
tui_keys Escape
tui_run "explain load songplays"
tui_wait_pane result "Insert on songplays" 10 && t_pass "console: explain STAGE draws the stage's tree" \
	|| t_fail "console: explain STAGE" "$(tui_pane result)"
t_has "... titled with the stage" "$(tui_screen)" "plan: load songplays"
t_has "... as a tree" "$(tui_pane result)" "└─ "
