#!/usr/bin/env bash
# it_tui_explore_b.sh — exploring a result, second half of issue 20: \crosstabview in batch mode
# byte for byte as psql's (errors too) and in the console as a grid, P in the browser; copying a
# cell, a row and a range through OSC 52 (tmux's buffer) and copy-to FILE; the mouse: wheel,
# click on a cell, click on a header to sort. On `dwh gen` data: weekday x hour of songplays.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb texplb
gen="$T_TMP/gen data"
"$DWH" gen "$gen" --songs 40 --events 6000 --seed 7 >/dev/null 2>&1 || t_fail "gen"
dwht --data "$gen" -c create -c run >"$T_TMP/run" 2>&1 || t_fail "run on gen data" "$(tail -5 "$T_TMP/run")"
PSQL() { psql -X -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@"; }

# ---- \crosstabview in batch mode: psql's bytes ----
PIV="SELECT t.weekday, t.hour, count(*) AS plays FROM songplays p JOIN time t USING (start_time) GROUP BY 1, 2 ORDER BY 1, 2"
cells=$(sqlv "SELECT count(DISTINCT weekday) || 'x' || count(DISTINCT hour) FROM ($PIV) q")
t_eq "the generated plays cover every weekday and hour" "$cells" "7x24"
# same bytes as psql, for psql's forms: no argument, named, numbered, quoted, a sort column
ct() {  # ct NAME SQL ARGS: dwh's output and error against psql's
	printf '%s\n' "$2;" "\\crosstabview $3" | PSQL >"$T_TMP/want" 2>"$T_TMP/want.err"
	dwht -c "$2" -c "\\crosstabview $3" >"$T_TMP/got" 2>"$T_TMP/got.err"
	if cmp -s "$T_TMP/want" "$T_TMP/got"; then t_pass "$1: the same bytes as psql"
	else t_fail "$1: the same bytes as psql" "$(diff "$T_TMP/want" "$T_TMP/got" | head -20)"; fi
	if [ -s "$T_TMP/want.err" ]; then
		t_has "$1: psql's error" "$(cat "$T_TMP/got.err")" "$(head -1 "$T_TMP/want.err")"
	fi
}
ct "weekday x hour" "$PIV" ""
# (the statement's own 168 rows first, then the pivot: header, rule, 7 rows, footer, blank)
t_eq "weekday x hour: 7 rows of 24 hours" "$(tail -n 11 "$T_TMP/got" | grep -c '^ *[0-6] |') $(tail -n 11 "$T_TMP/got" | sed -n 1p | tr '|' '\n' | wc -l)" "7 25"
ct "hour x weekday by name" "$PIV" "hour weekday plays"
ct "numbered, a sort column" "SELECT t.weekday, t.hour, count(*) AS plays, -t.hour AS back FROM songplays p JOIN time t USING (start_time) GROUP BY 1, 2" "1 2 3 back"
ct "quoted names, NULL headers, empty cells" "SELECT level AS \"Level\", CASE WHEN song_id IS NULL THEN NULL ELSE 'matched' END AS m, count(*) FROM songplays GROUP BY 1, 2" '"Level" M'
ct "a cell given twice" "SELECT weekday, 1 AS one, hour FROM time" ""
t_has "a cell given twice is psql's error" "$(cat "$T_TMP/got.err")" \
	"\\crosstabview: query result contains multiple data values for row \""
ct "two columns" "SELECT 1 AS a, 2 AS b" ""
ct "no such column" "$PIV" "weekday nope"
t_rc "an error fails the batch" 1 dwht -c "SELECT 1 AS a, 2 AS b" -c '\crosstabview'
