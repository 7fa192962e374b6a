#!/usr/bin/env bash
# it_tui_pset.sh — psql's printing settings compared with psql on the same statements: \pset
# (format, border, null, fieldsep, tuples_only, title, footer) and \x in batch mode, byte for
# byte; and in the console, where \x on stacks psql's "-[ RECORD n ]" blocks (x shows the
# one-record card) and \pset null '∅' shows what psql shows, searchable with / and n.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tpset

pq() { psql -X -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@"; }
Q="SELECT 1 AS a, 'hello world' AS long_name, NULL::text AS n, E'two\\nlines' AS ml, 2.5::numeric AS num UNION ALL SELECT 22, 'x', 'y', 'z', NULL"
Q0="SELECT 1 AS a WHERE false"
Q3="SELECT 'a,b \"q\"' AS c, ' lead' AS d, '' AS e, '\\.' AS f, 7 AS g"
Q12="SELECT 'a' AS x FROM generate_series(1, 12)"

# batch: every setting, with \x off and on, at each border, on each statement
bad=0 n=0
for b in 0 1 2; do
	for set in "format aligned" "format unaligned" "format csv" "format wrapped" "null ∅" \
		"fieldsep ;" "tuples_only on" "title Hello" "footer off" "tuples_only" "footer" "title"; do
		for x in off on; do
			# the four statements in one process each (a -c apiece, as psql runs them)
			n=$((n + 4))
			want=$(pq -c "\\x $x" -c "\\pset border $b" -c "\\pset $set" -c "$Q" -c "$Q0" -c "$Q3" -c "$Q12" 2>&1)
			got=$(dwht -c "\\x $x" -c "\\pset border $b" -c "\\pset $set" -c "$Q;" -c "$Q0;" -c "$Q3;" -c "$Q12;" 2>&1)
			[ "$got" == "$want" ] && continue
			bad=$((bad + 1))
			[ $bad -le 3 ] && t_fail "batch: \\x $x, \\pset border $b, \\pset $set" \
				"$(diff <(echo "$want") <(echo "$got") | head -n 12)"
		done
	done
done
t_eq "batch: $n settings x statements print as psql's, byte for byte" "$bad" 0
# settings together: fieldsep and title with unaligned, null with csv, tuples_only with border 2
bad=0
for pair in "format unaligned|fieldsep ;" "format unaligned|title T" "format csv|null NUL" \
	"border 2|tuples_only on" "format unaligned|tuples_only on" "border 0|title 'A long title'"; do
	for x in off on; do
		want=$(pq -c "\\x $x" -c "\\pset ${pair%%|*}" -c "\\pset ${pair#*|}" -c "$Q" 2>&1)
		got=$(dwht -c "\\x $x" -c "\\pset ${pair%%|*}" -c "\\pset ${pair#*|}" -c "$Q;" 2>&1)
		[ "$got" == "$want" ] || { bad=$((bad + 1)); t_fail "batch: \\x $x, $pair" "$(diff <(echo "$want") <(echo "$got") | head -n 12)"; }
	done
done
t_eq "batch: settings together print as psql's" "$bad" 0
t_eq "\\pset alone lists the settings" "$(dwht -c '\pset null NUL' -c '\pset' | grep -c -e '^null  *.NUL.$' -e '^border  *1$')" 2
t_eq "\\t and \\a as psql's" "$(dwht -c '\t' -c '\a' -c "$Q;")" "$(pq -c '\t' -c '\a' -c "$Q")"
t_has "\\pset rejects an unknown option" "$(dwht -c '\pset colour red' 2>&1)" "unknown option: colour"

# the console: \x on stacks psql's records, whole, as psql prints them
pq -c "CREATE TABLE t_pset AS SELECT g AS id, 'user ' || g AS name, CASE WHEN g % 3 = 0 THEN NULL ELSE 'paid' END AS level FROM generate_series(1, 30) g" >/dev/null
tui_start 120 36 || t_fail "console starts" "$(tui_screen)"
tui_run '\x on'
tui_wait_pane log "Expanded display is on." 5
tui_run "SELECT * FROM t_pset ORDER BY id LIMIT 3;"
tui_wait_pane result "RECORD 3" 10
# the pane's lines, its one-column margin off, trailing blanks off (the dump trims them)
pane_lines() { tui_pane result | sed '1d; s/^ //; s/ *$//' | sed '/^$/d'; }
want=$(pq -q -c '\x on' -c "SELECT * FROM t_pset ORDER BY id LIMIT 3" | sed 's/ *$//; /^$/d')
t_eq "console: \\x on stacks psql's records, line for line" "$(pane_lines)" "$want"
tui_keys Escape
tui_keys x
tui_wait_pane result "Record 1 of 3" 5 && t_pass "console: x shows the one-record card" \
	|| t_fail "x shows the card" "$(tui_pane result)"
tui_keys x
tui_wait_pane result "RECORD 2" 5 && t_pass "console: x again: the stacked records" \
	|| t_fail "x back to the records" "$(tui_pane result)"
tui_keys Escape
tui_run '\x off'
tui_wait_pane log "Expanded display is off." 5

# \pset null '∅' and border 2: the console shows psql's table, and / finds in it
tui_run "\\pset null '∅'"
tui_wait_pane log 'Null display is "∅".' 5 && t_pass "console: \\pset null answers as psql" \
	|| t_fail "\\pset null in the console" "$(tui_pane log)"
tui_run '\pset border 2'
tui_run "SELECT * FROM t_pset ORDER BY id;"
tui_wait_pane result "user 9 " 10
want=$(pq -q -c "\\pset null '∅'" -c '\pset border 2' -c "SELECT * FROM t_pset ORDER BY id" | sed 's/ *$//' | head -n 12)
t_eq "console: \\pset null '∅', border 2: psql's lines" "$(pane_lines | head -n 12)" "$want"
tui_keys Escape
tui_type "/user 29"
tui_keys Enter
tui_wait_pane result "user 29" 5 && t_pass "console: / finds a row in psql's view" \
	|| t_fail "/ in psql's view" "$(tui_pane result)"
t_has_soon "console: the footer says how far the lines go" "lines " tui_screen

# \d+ and \dt+: psql's extra columns (size, storage, compression, description), as psql prints them
pq -q -c "CREATE TABLE t_plus (id int PRIMARY KEY, name text DEFAULT 'a', big bigint)" \
	-c "COMMENT ON TABLE t_plus IS 'a table with a comment'" -c "COMMENT ON COLUMN t_plus.name IS 'the name'" \
	-c "CREATE VIEW v_plus AS SELECT id, name FROM t_plus" -c "COMMENT ON VIEW v_plus IS 'a view'"
for c in '\dt+' '\d+' '\d+ t_plus' '\d+ v_plus' '\dt+ t_*'; do
	t_eq "$c as psql's" "$(dwht -c "$c" 2>&1)" "$(pq -c "$c" 2>&1)"
done
t_has "\\dt+ has psql's size and description" "$(dwht -c '\dt+ t_plus')" "| a table with a comment"

# Ctrl-R on a long entry: the "(reverse-i-search)" label stays on screen while the match scrolls
tui_start 80 24 || t_fail "console starts at 80x24" "$(tui_screen)"
tui_run "SELECT 'a rather long first value to push the end out of sight' AS first_column, 'and a second one' AS second_column, 42 AS the_answer_at_the_end;"
tui_wait_pane result "first_column" 10
tui_keys C-r
tui_type "the_answer"
# (the prompt line itself is judged: the log above already shows the words)
t_has_soon "Ctrl-R on a long entry keeps its label" "(reverse-i-search)" tui_tail 1
t_has_soon "... and shows the match" "42 AS the_answer" tui_tail 1
tui_keys C-g

# numbers in a chart as psql prints them: 15.0 and 254.1, not 15 and 254.10
out=$(dwht -c "SELECT 'a' AS k, 15.0 AS v UNION ALL SELECT 'b', 254.1;" -c chart)
t_has "chart: 15.0 as psql prints it" "$(echo "$out" | grep '^a ')" " 15.0"
t_eq "chart: 254.1 as psql prints it" "$(echo "$out" | grep "^b " | grep -o " [0-9.]*$")" " 254.1"
