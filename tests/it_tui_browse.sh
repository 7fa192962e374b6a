#!/usr/bin/env bash
# it_tui_browse.sh — the result browser driven with keys in tmux, read back from the dump:
# focus (Esc/F6, q back, the typed line kept), a frozen first column while scrolling one
# column at a time to the last and back, rows, search hit/miss/wrap, record view of a long
# value, sort on numbers and text, newline markers, errors with SQLSTATE and caret in the pane,
# command tags, three statements giving three results flipped with [ and ].
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tbrowse

sqlv "CREATE TABLE wide AS SELECT g AS id, 'title ' || g AS title, g * 10 AS c3, 'c4-' || g AS c4,
	'c5-' || g AS c5, 'c6-' || g AS c6, 'c7-' || g AS c7, 'c8-' || g AS c8, 'c9-' || g AS c9,
	'c10-' || g AS c10, 'c11-' || g AS c11, 'c12-' || g AS c12, 'last-' || g AS lastcol
	FROM generate_series(1, 50) g" >/dev/null
sqlv "CREATE TABLE songs (title text, artist text, plays int)" >/dev/null
sqlv "INSERT INTO songs VALUES ('You''re The One', 'Dwight Yoakam', 37), ('Bonus', 'Zed', 9),
	('Apple', 'Muse', 120), ('Nulls', NULL, NULL), ('Long', 'Mr Long', 1)" >/dev/null

res() { tui_pane result; }
# the Result pane's bottom border (footer) from the dump's screen rows
footer() { sed -n '/^== screen ==$/,$p' "$TUI_DUMP" | grep -E '^\+-.*-\+$|^└' | sed -n 2p; }
# the console idle again: call it after waiting for the last command's own answer, so that
# the "ready" seen is not the one from before that command
ready() { tui_wait_dump "· ready" 10; }
res_has() { res | grep -qF -- "$1"; }
wait_res() { wait_for 10 res_has "$1"; }

tui_start 100 30 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 10

tui_run "SELECT * FROM wide ORDER BY id;"
tui_wait_dump "50 rows" 5
t_has "header shows the first column" "$(res | sed -n 2p)" "id ║ title"
t_has "more columns are announced" "$(tui_screen)" "of 13"
tui_type "half typed"
tui_keys Escape
tui_wait_screen "row 1 of 50" 3 && t_pass "Esc gives the result focus (footer row 1 of 50)" \
	|| t_fail "Esc gives the result focus" "$(tui_screen | tail -12)"
tui_keys Right
tui_wait_dump "row 1 of 50  title" 3
t_has "one Right: cursor on the second column" "$(cat "$TUI_DUMP")" "row 1 of 50  title"
for _ in $(seq 30); do tui_keys Right; done
tui_wait_dump "row 1 of 50  lastcol" 3 && t_pass "Right stops at the last column" \
	|| t_fail "Right stops at the last column" "$(tui_screen | grep row)"
wait_res "last-1"
t_has "last column shown" "$(res | sed -n 3p)" "last-1"
t_has "first column frozen while scrolled right" "$(res | sed -n 3p)" "  1 ║"
t_lacks "scrolled columns left the screen" "$(res | sed -n 3p)" "title 1"
for _ in $(seq 30); do tui_keys Left; done
tui_wait_dump "row 1 of 50  id" 3 && t_pass "Left stops at the first column" \
	|| t_fail "Left stops at the first column" "$(tui_screen | grep row)"
wait_res "title 1"
t_has "back at the left, every first column shows" "$(res | sed -n 3p)" "title 1"
tui_keys End
tui_wait_screen "lastcol" 3 && t_pass "End jumps to the last column" || t_fail "End" "$(tui_screen | grep row)"
tui_keys Home Down Down
tui_wait_dump "row 3 of 50  id" 3 && t_pass "Home and Down" || t_fail "Home and Down" "$(tui_screen | grep row)"
tui_keys G
tui_wait_dump "row 50 of 50" 3 && t_pass "G goes to the last row" || t_fail "G" "$(tui_screen | grep row)"
t_has "header still visible at the last row" "$(res | sed -n 2p)" "id ║ title"
tui_keys g
tui_wait_dump "row 1 of 50" 3 && t_pass "g goes to the first row" || t_fail "g" "$(tui_screen | grep row)"
want="row $(( $(res | wc -l) - 1 )) of 50"
tui_keys NPage
tui_wait_dump "$want" 3
page=$(grep -o 'row [0-9]* of 50' "$TUI_DUMP" | head -1)
t_eq "PgDn moves a page of rows" "$page" "$want"
tui_keys q
tui_wait_screen "dwh> half typed" 3 && t_pass "q gives the keys back, the typed line kept" \
	|| t_fail "q back to the prompt" "$(tui_screen | tail -2)"
tui_keys C-u

# freeze N: that many columns stay (0 none)
tui_run "freeze 2"
tui_wait_dump "freeze: the first 2 columns" 3
tui_keys Escape End
tui_wait_dump "of 50  lastcol" 3     # (on the row the cursor was left on)
wait_res "last-1"
t_has "freeze 2 keeps two columns while scrolled right" "$(res | sed -n 2p)" "id │ title    ║ "
t_lacks "freeze 2: the third column scrolled away" "$(res | sed -n 2p)" "c3"
tui_keys q
tui_run "freeze 0"
tui_wait_dump "freeze: the first 0 columns" 3
tui_keys Escape End
tui_wait_dump "of 50  lastcol" 3     # (on the row the cursor was left on)
wait_res "last-1"
t_lacks "freeze 0 keeps none" "$(res | sed -n 3p)" "title 1"
t_has "freeze 0: the last column in view" "$(res | sed -n 3p)" "last-1"
tui_keys q
ready
tui_run "freeze 1"
tui_wait_dump "freeze: the first 1 column " 5
ready
tui_run "freeze 5"
tui_wait_dump "usage: freeze N" 5 && t_pass "freeze 5 is refused with its usage" || t_fail "freeze 5" "$(tui_pane log | tail -3)"

# search: hit, miss, wrap
tui_run "SELECT * FROM songs ORDER BY title;"
tui_wait_dump "5 rows" 5
tui_keys F6
tui_wait_screen "row 1 of 5" 3 && t_pass "F6 gives the result focus" || t_fail "F6" "$(tui_screen | tail -3)"
tui_type "/yoakam"
tui_wait_screen "/yoakam_" 2 && t_pass "search typed in the footer" || t_fail "search typed" "$(tui_screen | grep yoak)"
tui_keys Enter
tui_wait_screen "row 5 of 5  artist" 3 && t_pass "/ finds the row (case-insensitive)" \
	|| t_fail "/ finds the row" "$(tui_screen | grep row)"
tui_keys n
tui_wait_screen "search wrapped to the top" 3 && t_pass "n wraps with a notice" \
	|| t_fail "n wraps with a notice" "$(tui_screen | tail -8)"
tui_type "/nosuchthing"
tui_keys Enter
tui_wait_screen "not found: nosuchthing" 3 && t_pass "a search that finds nothing says so" \
	|| t_fail "search miss" "$(tui_screen | tail -8)"

# sort: numbers as numbers, NULLs last; text
tui_keys End
tui_type "s"
tui_wait_dump "sorted by plays ascending" 3 && t_pass "s sorts by the cursor column" \
	|| t_fail "s sorts" "$(tui_screen | tail -4)"
t_eq "numbers sort as numbers, NULL last" "$(res | sed -n '3,7p' | awk -F'│' '{gsub(/ /,"",$2); print $2}' | tr '\n' ' ')" \
	"1 9 37 120 NULL "
tui_type "S"
tui_wait_dump "sorted by plays descending" 3
t_eq "S sorts descending, NULL still last" "$(res | sed -n '3,7p' | awk -F'│' '{gsub(/ /,"",$2); print $2}' | tr '\n' ' ')" \
	"120 37 9 1 NULL "
tui_keys Home
tui_type "s"
tui_wait_dump "sorted by title ascending" 3
t_eq "text sorts" "$(res | sed -n '3,7p' | awk -F'║' '{gsub(/^ +| +$/,"",$1); print $1}' | tr '\n' ',')" \
	"Apple,Bonus,Long,Nulls,You're The One,"
tui_keys q

# record view with a long value wrapped whole, Up/Down move between records
long=$(printf 'w%.0s' $(seq 300))
tui_run "SELECT 1 AS n, '$long' AS big, 'after' AS tail UNION ALL SELECT 2, 'short', 'x2';"
tui_wait_dump "2 rows" 5
tui_keys Escape
tui_type "x"
tui_wait_dump "# Record 1 of 2" 3 && t_pass "x shows the row as a record" || t_fail "x record" "$(res | head -3)"
got=$(res | grep -o 'w*' | tr -d '\n' | wc -c)
t_eq "long value wrapped whole (every character shown)" "$got" "300"
t_has "record lines are column │ value" "$(res)" "tail │ after"
tui_keys Down
tui_wait_dump "# Record 2 of 2" 3 && t_pass "Down shows the next record" || t_fail "Down next record" "$(res | head -3)"
t_has "next record's value" "$(res)" "big  │ short"
tui_type "x"
tui_wait_dump "# Result — 2 rows" 3 && t_pass "x returns to the grid" || t_fail "x back" "$(res | head -2)"
t_has "a long value is cut with … in the grid" "$(res)" "wwwwwww…"
tui_keys q

# \x on: results open as psql's stacked records, x shows one as a card; \x off: the grid again
ready
tui_run "\\x on"
tui_wait_dump "Expanded display is on" 3
ready
tui_run "SELECT 7 AS seven, 'eight' AS word;"
tui_wait_dump "-[ RECORD 1 ]" 5 && t_pass "\\x on opens results as psql's records" || t_fail "\\x on" "$(res | head -3)"
t_has "the record under \\x on, as psql prints it" "$(res)" "word  | eight"
tui_keys Escape x
tui_wait_dump "# Record 1 of 1" 5 && t_pass "x: the record as a card" || t_fail "x: the card" "$(res | head -3)"
t_has "the card under \\x on" "$(res)" "word  │ eight"
tui_keys x q
ready
tui_run "\\x auto"
tui_wait_dump "Expanded display is used automatically." 5
ready
tui_run "SELECT * FROM wide ORDER BY id;"
tui_wait_dump "# Record 1 of 50" 5 && t_pass "\\x auto: a result wider than the pane as records" \
	|| t_fail "\\x auto wide" "$(res | head -3)"
ready
# the first rows narrow, the wide ones a second later: still records once it is known wide
tui_run "SELECT g AS id, CASE WHEN g > 2000 THEN repeat('w', 40) ELSE 'n' END AS a, CASE WHEN g > 2000 THEN repeat('v', 40) ELSE 'n' END AS b, CASE WHEN g > 2000 THEN repeat('u', 40) ELSE 'n' END AS c FROM generate_series(1, 2001) g WHERE g <= 2000 OR pg_sleep(1)::text = '';"
tui_wait_dump "# Record 1 of 2001" 10 && t_pass "\\x auto: records when the wide rows come after the first screen" \
	|| t_fail "\\x auto late wide" "$(res | head -3)"
ready
tui_run "SELECT 7 AS seven, 'eight' AS word;"
tui_wait_dump "seven ║ word" 5 && t_pass "\\x auto: a narrow result as the grid" || t_fail "\\x auto narrow" "$(res | head -3)"
ready
tui_run "\\x off"
tui_wait_dump "Expanded display is off." 5
ready
# (another value than the result before, so the wait is for this statement's own answer)
tui_run "SELECT 8 AS seven, 'eight' AS word;"
wait_res "8 ║ eight" && t_has "\\x off: the grid again" "$(res)" "seven ║ word" || t_fail "\\x off" "$(res | head -3)"
ready

# newline and tab markers
tui_run "SELECT E'line1\\nline2' AS nl, E'a\\tb' AS tab;"
wait_res "line1"
t_has "newline shown with a marker" "$(res)" "line1↵line2"
t_has "tab shown visibly" "$(res)" "a⇥b"

# errors in the pane: message, caret, SQLSTATE
tui_run "SELECT * FROM songs WHERE;"
tui_wait_dump "SQLSTATE: 42601" 5 && t_pass "syntax error in the pane with SQLSTATE" || t_fail "error in pane" "$(res)"
t_has "error message in the pane" "$(res)" 'ERROR:  syntax error at or near ";"'
t_has "the statement under LINE 1" "$(res)" "LINE 1: SELECT * FROM songs WHERE;"
t_has "the caret under the position" "$(res)" "                                  ^"
ready
tui_run "SELECT 1/0;"
tui_wait_dump "SQLSTATE: 22012" 5 && t_pass "division by zero in the pane with its SQLSTATE" \
	|| t_fail "1/0 in pane" "$(res)"
ready

# command tags
tui_run "CREATE TABLE t (x int);"
tui_wait_dump "CREATE TABLE" 5 && t_pass "CREATE TABLE tag" || t_fail "CREATE TABLE tag" "$(res)"
ready
tui_run "INSERT INTO t VALUES (1),(2);"
tui_wait_dump "INSERT 0 2" 5 && t_pass "INSERT 0 2 tag" || t_fail "INSERT tag" "$(res)"
ready

# three statements, three results; [ and ] flip through them
# (typed in pieces: tmux takes a ';' ending an argument as its own separator)
tui_type "SELECT 'first' AS a;"; tui_type " UPDATE t SET x = x + 1 WHERE true;"; tui_run " SELECT 'third' AS c;"
wait_res "third" && t_pass "the last of three statements shown" || t_fail "third shown" "$(res)"
tui_keys Escape
tui_type "["
wait_res "UPDATE 2" && t_pass "[ shows the second statement's tag" || t_fail "[ second" "$(res)"
tui_type "["
wait_res "first" && t_pass "[ again shows the first result" || t_fail "[ first" "$(res)"
tui_type "]]"
wait_res "third" && t_pass "] goes forward again" || t_fail "] forward" "$(res)"
tui_keys q
ready
tui_run "results"
wait_res "SELECT 'third' AS c" && t_pass "results lists the kept results" || t_fail "results" "$(res)"
ready
tui_run "result 1"
wait_res "# Result — 50 rows" && t_pass "result 1 shows the first result again" || t_fail "result 1" "$(res | head -3)"

tui_run "quit"
