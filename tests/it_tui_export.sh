#!/usr/bin/env bash
# it_tui_export.sh — exports, copy, charts and big results: `export csv` byte for byte what
# psql's \copy ... csv header writes (batch and console, a SELECT run again and a command's
# result from memory), JSON parsed back, no overwrite without --force, `copy`/`\copy` both
# ways; `chart` of hour,count(*) with the longest bar where the count is largest (console and
# batch, `#` with NO_COLOR); batch streaming a big result in pieces; in the console a
# 3,000,000-row result showing its first rows while it streams, Ctrl-C keeping what came.
. "$(dirname "$0")/lib/lib.sh"
t_newdb texport

sqlv "CREATE TABLE plays AS SELECT g AS id, (g * 7) % 24 AS hour,
	CASE WHEN g % 5 = 0 THEN NULL ELSE 'song \"' || g || '\", live' END AS title,
	g * 1.25 AS score FROM generate_series(1, 300) g;
	INSERT INTO plays SELECT 1000 + g, 17, CASE WHEN g = 1 THEN '' ELSE E'multi\\nline' END, 0 FROM generate_series(1, 40) g" >/dev/null
Q="SELECT * FROM plays ORDER BY id"
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "\\copy ($Q) to '$T_TMP/psql.csv' csv header"

# batch: export runs the SELECT again
dwht -c "$Q;" -c "export csv $T_TMP/b.csv" -c "export json $T_TMP/b.json" -c "export tsv $T_TMP/b.tsv" \
	>"$T_TMP/out" 2>"$T_TMP/err"
t_eq "batch export exits 0" "$?" "0"
t_has "batch export says it runs the query again" "$(cat "$T_TMP/out")" "running the query again"
cmp -s "$T_TMP/b.csv" "$T_TMP/psql.csv" && t_pass "export csv is byte for byte psql's \\copy csv header" \
	|| t_fail "export csv equals psql's \\copy" "$(diff "$T_TMP/b.csv" "$T_TMP/psql.csv" | head -5)"
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "\\copy ($Q) to '$T_TMP/psql.tsv'"
t_eq "export tsv is psql's text format plus a header" "$(tail -n +2 "$T_TMP/b.tsv" | md5sum)" \
	"$(md5sum < "$T_TMP/psql.tsv")"
t_has "json has numbers as numbers" "$(head -2 "$T_TMP/b.json")" '{"id":1,"hour":7,"title":"song \"1\", live","score":1.25}'
t_has "json has null" "$(cat "$T_TMP/b.json")" '"title":null'
t_rc "export refuses to overwrite" 1 dwht -c "SELECT 1;" -c "export csv $T_TMP/b.csv"
t_has "overwrite refusal names the file" "$(cat "$T_TMP/err")" "b.csv exists"
t_rc "--force overwrites" 0 dwht -c "SELECT 1 AS one;" -c "export csv $T_TMP/b.csv --force"
t_eq "forced file holds the new result" "$(cat "$T_TMP/b.csv")" "$(printf 'one\n1')"
t_eq "no temporary file left behind" "$(ls "$T_TMP" | grep -c tmp)" "0"
t_eq "export - writes standard output" "$(dwht -c 'SELECT 1 AS a, NULL AS b;' -c 'export csv -' | tail -2)" \
	"$(printf 'a,b\n1,')"
t_rc "a failed export leaves no file" 1 dwht -c "SELECT 1;" -c "export csv /nonexistent-dir/x.csv"
# a command's result is written from memory
dwht -c "counts" -c "export csv $T_TMP/counts.csv" >"$T_TMP/out" 2>&1
t_lacks "a command's result is not run again" "$(cat "$T_TMP/out")" "running the query again"
t_has "a command's result exported from memory" "$(head -1 "$T_TMP/counts.csv")" "table"

# copy and \copy, both ways
t_rc "copy (QUERY) TO FILE" 0 dwht -c "copy ($Q) TO $T_TMP/c.csv csv header"
cmp -s "$T_TMP/c.csv" "$T_TMP/psql.csv" && t_pass "copy writes what psql's \\copy writes" \
	|| t_fail "copy equals psql's \\copy" "$(diff "$T_TMP/c.csv" "$T_TMP/psql.csv" | head -3)"
t_has "copy says COPY N" "$(cat "$T_TMP/out")$(dwht -c "copy (SELECT 1) TO $T_TMP/one.csv")" "COPY 1"
sqlv "CREATE TABLE back (LIKE plays)" >/dev/null
t_rc "\\copy TABLE FROM FILE" 0 dwht -c "\\copy back FROM '$T_TMP/c.csv' csv header"
t_eq "\\copy FROM loaded every row" "$(sqlv 'SELECT count(*) FROM back')" "340"
t_rc "copy FROM a missing file fails" 1 dwht -c "\\copy back FROM $T_TMP/nope.csv csv"
t_eq "nothing loaded from a missing file" "$(sqlv 'SELECT count(*) FROM back')" "340"

# COPY ... TO STDOUT / FROM STDIN typed as SQL: answered, never a hang
t_eq "COPY TO STDOUT as SQL prints the rows and the tag" \
	"$(timeout 10 "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c 'COPY (SELECT 1, 2) TO STDOUT;')" \
	"$(printf '1\t2\nCOPY 1')"
t_rc "COPY FROM STDIN as SQL fails at once" 1 timeout 10 "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" \
	-d "$T_DB" -c "COPY back FROM STDIN;"
t_has "and says to use copy FROM FILE" "$(cat "$T_TMP/err")" "use copy TABLE FROM FILE"

# charts in batch mode: hour 17 has the most plays, so the longest bar
H="SELECT hour::text AS h, count(*) AS plays FROM plays GROUP BY hour ORDER BY hour"
out=$(NO_COLOR=1 dwht -c "$H;" -c chart)
t_has "batch chart legend" "$out" "# plays"
longest=$(printf '%s\n' "$out" | awk '/#+ [0-9]+$/ { n = gsub(/#/, "#"); if (n > m) { m = n; l = $1 } } END { print l }')
t_eq "batch chart: the longest bar is hour 17's" "$longest" "17"
t_has "batch chart shows values at bar ends" "$out" "# 52"
out=$(LANG=C.UTF-8 dwht -c "$H;" -c chart)
t_has "chart in eighth blocks on UTF-8" "$out" "█"
t_rc "a result without numbers cannot be charted" 1 dwht -c "SELECT 'a' AS x, 'b' AS y;" -c chart
t_has "chart says why" "$(cat "$T_TMP/err")" "no numeric column"

# batch streams a big result in pieces (psql's FETCH_COUNT): the header once, every row, the count
t_eq "batch prints every row of a streamed result" \
	"$(dwht -c 'SELECT g FROM generate_series(1, 25000) g;' | grep -c '^ *[0-9]')" "25000"
t_has "batch footer counts all rows" "$(dwht -c 'SELECT g FROM generate_series(1, 25000) g;' | tail -2)" "(25000 rows)"

. "$(dirname "$0")/lib/tui.sh"
res() { tui_pane result; }
# the console idle again, after the last command's answer was seen (no line refused as busy)
ready() { tui_wait_dump "· ready" 10; }
tui_start 110 34 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 10
tui_run "$Q;"
tui_wait_dump "340 rows" 5
ready
tui_run "export csv $T_TMP/t.csv"
tui_wait_dump "export: 340 rows" 5
ready
cmp -s "$T_TMP/t.csv" "$T_TMP/psql.csv" && t_pass "console export csv is byte for byte psql's" \
	|| t_fail "console export equals psql's" "$(diff "$T_TMP/t.csv" "$T_TMP/psql.csv" | head -3)"
t_lacks "console export writes the rows it holds (no second run)" "$(tui_pane log)" "running the query again"
# sorted with S: the file is the screen's order; a volatile value is the one on screen
tui_run "SELECT g AS n, clock_timestamp()::text AS t FROM generate_series(1, 5) g;"
tui_wait_dump "5 rows" 5
ready
tui_keys Escape; tui_type "S"
tui_wait_dump "sorted by n" 5 || t_fail "S sorts" "$(res | head -3)"
tui_keys q; ready
tui_run "export csv $T_TMP/sorted.csv"
tui_wait_dump "export: 5 rows" 5
ready
t_eq "export after S: the screen's order" "$(tail -n +2 "$T_TMP/sorted.csv" | cut -d, -f1 | tr '\n' ' ')" "5 4 3 2 1 "
shown=$(res | grep -E '^ *│? *1 ' | grep -oE '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+' | head -1)
t_has "export: clock_timestamp() as on screen, not run again" "$(grep "^1," "$T_TMP/sorted.csv")" "${shown:-no value read from the screen}"
# numeric labels in order: vertical columns; the tallest (its value on top) is hour 17's
tui_run "SELECT hour, count(*) AS plays FROM plays GROUP BY hour ORDER BY hour;"
tui_wait_dump "24 rows" 5
ready
tui_run "chart"
tui_wait_dump "█ plays" 5 && t_pass "chart draws in the pane with a legend" || t_fail "chart" "$(res)"
top=$(res | sed -n 3p); labels=$(res | grep -E '^ *0 +1 +2 ')
end_of() { local pre=${1%%"$2"*}; echo $(( ${#pre} + ${#2} )); }
t_has "the tallest column's value is on the top line" "$top" "52"
t_lacks "no other value reaches the top line" "$top" "13"
t_eq "the tallest column stands over hour 17" "$(end_of "$top" 52)" "$(end_of "$labels" " 17")"
t_has "bars in eighth blocks" "$(res)" "██"
tui_keys Escape
tui_type "c"
tui_wait_dump "hour ║ plays" 3 && t_pass "c returns to the grid" || t_fail "c back" "$(res | head -3)"
tui_keys q
ready

# 3,000,000 rows: the first screen at once, then Ctrl-C keeps what came
tui_run "SELECT g, md5(g::text) FROM generate_series(1,3000000) g;"
tui_wait_dump "c4ca4238a0b923820dcc509a6f75849b" 10
t_has "first row on screen while the rest stream" "$(res | sed -n 3p)" "c4ca4238a0b923820dcc509a6f75849b"
t_has "the footer says more are coming" "$(cat "$TUI_DUMP")" "rows (fetching)"
tui_keys C-c
tui_wait_dump "cancelled after" 5 && t_pass "Ctrl-C stops the fetch and says so" \
	|| t_fail "Ctrl-C stops the fetch" "$(tui_screen | tail -14)"
t_has "rows kept after Ctrl-C" "$(res | sed -n 3p)" "c4ca4238a0b923820dcc509a6f75849b"
tui_run "quit"
