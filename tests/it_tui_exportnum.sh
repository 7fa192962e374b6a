#!/usr/bin/env bash
# it_tui_exportnum.sh — exports write numbers as psql prints them: numeric 15.0 stays 15.0,
# a numeric(6,1) of 254.10 is 254.1, a float8 keeps its digits; `export csv` from the console
# and from batch mode is byte for byte `psql --csv` of the same query, and JSON carries the same
# digits as numbers.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb texpnum
q="SELECT 'a' AS k, 15.0 AS v, 254.10::numeric(6,1) AS w, 0.1::float8 + 0.2 AS f, 1.50::real AS r, 10::bigint AS i, 1e-7::numeric AS tiny UNION ALL SELECT 'b', 100, 3.25, 1e20, 2.5, -3, 0.000"
psql -X -q --csv -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "$q ORDER BY 1;" > "$T_TMP/psql.csv" \
	|| t_fail "psql --csv"
t_has "(psql prints 15.0 and 254.1)" "$(cat "$T_TMP/psql.csv")" "a,15.0,254.1,"

"$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "$q ORDER BY 1;" \
	-c "export csv $T_TMP/batch.csv" >/dev/null 2>&1 || t_fail "batch export"
t_eq "batch: export csv is psql --csv byte for byte" "$(cmp "$T_TMP/batch.csv" "$T_TMP/psql.csv" 2>&1 && echo same)" same

tui_start 120 36 || t_fail "console starts" "$(tui_screen)"
tui_run "$q ORDER BY 1;"
tui_wait_pane result "2 rows" 10 || t_fail "the rows" "$(tui_pane result)"
t_has "the grid shows 15.0 as psql does" "$(tui_pane result)" "15.0"
tui_run "export csv $T_TMP/console.csv"
wait_for 10 test -s "$T_TMP/console.csv" || t_fail "console export" "$(tui_screen)"
t_eq "console: export csv is psql --csv byte for byte" "$(cmp "$T_TMP/console.csv" "$T_TMP/psql.csv" 2>&1 && echo same)" same
tui_run "export json $T_TMP/console.json"
wait_for 10 test -s "$T_TMP/console.json" || t_fail "console json export" "$(tui_screen)"
wait_for 10 file_has "$T_TMP/console.json" "]"
json=$(cat "$T_TMP/console.json")
t_has "json: 15.0 as a number, as psql prints it" "$json" '"v":15.0,'
t_has "json: 254.1" "$json" '"w":254.1,'
t_has "json: a float8's digits" "$json" "\"f\":$(sed -n 2p "$T_TMP/psql.csv" | cut -d, -f4),"
