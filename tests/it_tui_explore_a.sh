#!/usr/bin/env bash
# it_tui_explore_a.sh — exploring a result (issue 20, first half): `profile [TABLE.]COLUMN` in
# batch mode and F in the browser (rows, NULL share, distinct, spread, top values with Enter
# filtering the profiled result), a 1,000,000-row column profiled by the server, Redshift's
# approximate percentiles asked for; filters typed with | (text, comparison, is null, regex)
# stacked and dropped with u, pushed to the server on a result that stopped early; columns
# hidden, moved and shown again, and export writing what is shown. Expected figures come from
# SQL on the same data; the sample's free/paid mix when the sample is there.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
. "$T_ROOT/tests/data/etl/lib.sh"
t_newdb texplore_a

gen="$T_TMP/gen"
"$DWH" gen "$gen" --songs 40 --events 900 --seed 20 >/dev/null 2>&1 || t_fail "gen" "$("$DWH" gen "$gen" --songs 40 --events 900 --seed 20 2>&1 | tail -3)"
dwht --data "$gen" -c create -c run >"$T_TMP/load.out" 2>&1 \
	|| t_fail "generated data loaded" "$(tail -5 "$T_TMP/load.out")"
plays=$(sqlv "SELECT count(*) FROM songplays")
nosong=$(sqlv "SELECT count(*) - count(song_id) FROM songplays")
paid=$(sqlv "SELECT count(*) FROM songplays WHERE level = 'paid'")
[ "$plays" -gt 20 ] && [ "$paid" -gt 0 ] && [ "$paid" -lt "$plays" ] \
	&& t_pass "generated plays: $plays, $paid paid" || t_fail "generated plays both free and paid" "plays=$plays paid=$paid"
share() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", 100 * a / b }'; }
comma() { printf '%s' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

# --- profile in batch mode ------------------------------------------------------------------
out=$(dwht --csv -c 'profile songplays.song_id' 2>&1)
t_has "profile: rows" "$out" "rows,,$plays,,"
t_has "profile: NULL count and share" "$out" "NULL,,$nosong,$(share "$nosong" "$plays")"
t_has "profile: distinct" "$out" "distinct,,$(sqlv "SELECT count(DISTINCT song_id) FROM songplays"),,"
out=$(dwht --csv -c 'profile songplays.level' 2>&1)
t_has "profile: top value with count and share" "$out" "top,paid,$paid,$(share "$paid" "$plays"),"
t_rc "profile of a missing column fails" 1 dwht -c 'profile songplays.nosuch'
t_has "  and says which" "$(cat "$T_TMP/err" "$T_TMP/out")" "nosuch"
t_rc "profile COLUMN in batch mode asks for the table" 1 dwht -c 'profile level'
t_has "  in words" "$(cat "$T_TMP/err" "$T_TMP/out")" "TABLE.COLUMN"
t_has "profile raw still works" "$(dwht --data "$gen" -c 'profile raw songs' 2>&1)" "song_id"

# a 1,000,000-row column, made by the server; every figure checked against the server's own
sqlv "CREATE TABLE big AS SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE (g::bigint * 7919) % 100003 END AS v
	FROM generate_series(1, 1000000) g" >/dev/null
want=$(sqlv "SELECT count(*) || ',' || (count(*) - count(v)) || ',' || count(DISTINCT v) || ',' || min(v) || ',' || max(v)
	|| ',' || percentile_cont(0.25) WITHIN GROUP (ORDER BY v) || ',' || percentile_cont(0.5) WITHIN GROUP (ORDER BY v)
	|| ',' || percentile_cont(0.75) WITHIN GROUP (ORDER BY v) FROM big")
IFS=, read -r n nn nd mn mx p25 p50 p75 <<<"$want"
out=$(dwht --csv -c 'profile big.v' 2>&1)
t_has "1M rows: rows" "$out" "rows,,$n,,"
t_has "1M rows: NULLs 10%" "$out" "NULL,,$nn,10.0%,"
t_has "1M rows: distinct" "$out" "distinct,,$nd,,"
t_has "1M rows: min" "$out" "min,$mn,"
t_has "1M rows: max" "$out" "max,$mx,"
t_has "1M rows: p25" "$out" "p25,$p25,"
t_has "1M rows: p50" "$out" "p50,$p50,"
t_has "1M rows: p75" "$out" "p75,$p75,"
t_has "1M rows: mean" "$out" "mean,$(sqlv "SELECT avg(v) FROM big"),"

# Redshift: APPROXIMATE PERCENTILE_DISC asked for (this PostgreSQL refuses it: a warning, the
# other figures still come)
off=$(stat -c %s "$T_PGDIR/server.log" 2>/dev/null || echo 0)
out=$(dwht --dialect redshift --csv -c 'profile big.v' 2>&1)
t_has "redshift: the figures still come" "$out" "rows,,$n,,"
t_has "redshift: approximate percentiles asked" "$(t_server_log "$off")" "APPROXIMATE PERCENTILE_DISC(0.5)"

# --- the console: F, Enter on a top value, filters, hiding, moving --------------------------
foot() { tui_screen | grep -E 'row [0-9]+ of|filter' | tail -1; }
foot_has() { foot | grep -qF -- "$1"; }
wait_foot() { wait_for 10 foot_has "$1"; }
res() { tui_pane result; }
# res_row_has WORD TEXT: a line of the result pane holding WORD also holds TEXT — waited on,
# since the command's echo reaches the screen before its result replaces the one shown
res_row_has() { res | grep -F -- "$1" | grep -qF -- "$2"; }
header() { res | sed -n 2p; }

tui_start 160 40 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 15
tui_run "SELECT songplay_id, user_id, level, song_id, session_id, user_agent FROM songplays ORDER BY songplay_id;"
tui_wait_dump "$plays rows" 10 || t_fail "query shown" "$(tui_screen | tail -5)"
tui_keys Escape
wait_foot "row 1 of $plays" || t_fail "browsing" "$(foot)"
tui_keys Right Right
wait_foot "row 1 of $plays  level" || t_fail "on level" "$(foot)"
tui_keys F
tui_wait_screen "profile level of result" 10 && t_pass "F profiles the cursor column" \
	|| t_fail "F profiles the cursor column" "$(tui_screen | head -20)"
wait_for 10 res_row_has ' paid ' "$(share "$paid" "$plays")"
t_has "F: the top value with count and share" "$(res | grep -F ' paid ')" "$paid"
t_has "F: share" "$(res | grep -F ' paid ')" "$(share "$paid" "$plays")"
t_has "F: a bar" "$(res | grep -F ' paid ')" "█"
wait_for 5 foot_has "row 1 of" || tui_keys Escape	# the browser keeps the keys, else Esc gives them
tui_keys / ; tui_type "paid"; tui_keys Enter
tui_keys Enter
wait_foot "filter: level = paid · $(comma "$paid") of $(comma "$plays") rows" \
	&& t_pass "Enter on a top value filters the profiled result to it" \
	|| t_fail "Enter on a top value filters the profiled result" "$(foot)"
wait_foot "row 1 of $paid"
t_lacks "no free row left" "$(res)" " free "
tui_keys u
wait_foot "filter dropped: level = paid" && t_pass "u drops the last filter (and says which)" \
	|| t_fail "u drops the last filter" "$(foot)"
tui_keys j
wait_foot "row 2 of $plays" || t_fail "all rows back" "$(foot)"

# | on the current column: a comparison, then a stacked one on another column
tui_keys '|'; tui_type "= free"; tui_keys Enter
free=$((plays - paid))
wait_foot "filter: level = free · $(comma "$free") of" && t_pass "| = free keeps the free plays" || t_fail "| = free" "$(foot)"
tui_keys Left
maxu=$(sqlv "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY user_id::int) FROM songplays WHERE level = 'free'")
both=$(sqlv "SELECT count(*) FROM songplays WHERE level = 'free' AND user_id::int > $maxu")
tui_keys '|'; tui_type "> $maxu"; tui_keys Enter
wait_foot "level = free and user_id > $maxu · $(comma "$both") of" && t_pass "filters stack (numbers compared as numbers)" \
	|| t_fail "filters stack" "$(foot)" "want $both"
tui_keys u u
wait_foot "filter dropped: level = free" || t_fail "two u drop both" "$(foot)"
tui_keys Right Right
nulls=$(sqlv "SELECT count(*) FROM songplays WHERE song_id IS NULL")
tui_keys '|'; tui_type "is null"; tui_keys Enter
wait_foot "song_id IS NULL · $(comma "$nulls") of" && t_pass "| is null" || t_fail "| is null" "$(foot)"
tui_keys u
re=$(sqlv "SELECT count(*) FROM songplays WHERE song_id ~ '^SO[A-M]'")
tui_keys '|'; tui_type "~ ^SO[A-M]"; tui_keys Enter
wait_foot "song_id ~ ^SO[A-M] · $(comma "$re") of" && t_pass "| ~ regex" || t_fail "| ~ regex" "$(foot)" "want $re"
tui_keys u
wait_foot "filter dropped"

# hide user_agent, move level left, export writes what is shown, = shows all again
tui_keys End
wait_foot "user_agent" || t_fail "on user_agent" "$(foot)"
tui_keys -
wait_foot "1 column hidden" && t_pass "- hides the column (footer says so)" || t_fail "- hides" "$(foot)"
t_lacks "user_agent gone from the header" "$(header)" "user_agent"
tui_keys Home Right Right
tui_keys '<'
wait_for 5 eval 'header | grep -qE "level.*user_id"' && t_pass "< moves the column left" \
	|| t_fail "< moves the column left" "$(header)"
tui_keys '|'; tui_type "= paid"; tui_keys Enter
wait_foot "level = paid"
tui_keys Escape
tui_run "export csv $(dq "$T_TMP/shown.csv")"
wait_for 10 test -s "$T_TMP/shown.csv"
t_eq "export: the columns shown, in their order" "$(head -1 "$T_TMP/shown.csv")" "songplay_id,level,user_id,song_id,session_id"
wait_for 5 eval '[ "$(wc -l < "$T_TMP/shown.csv")" -eq $((paid + 1)) ]'
t_eq "export: the rows the filter keeps" "$(($(wc -l < "$T_TMP/shown.csv") - 1))" "$paid"
tui_keys Escape
tui_keys =
wait_foot " of $paid"
wait_for 5 eval 'header | grep -q user_agent' && t_pass "= shows every column again" || t_fail "= shows all" "$(header)"
t_lacks "  no longer said hidden" "$(foot)" "hidden"

# the profile command at the console prompt over the shown (filtered) result
tui_keys Escape; tui_run "profile level"
tui_wait_screen "profile level of result" 10
wait_for 10 res_row_has ' paid ' "100.0%"
t_lacks "profile COLUMN: over the shown result with its filter" "$(res)" " free "

# a result that stopped early is filtered by the server
sqlv "CREATE TABLE slow AS SELECT 1 AS x" >/dev/null
tui_run "SELECT g, CASE WHEN g = 9000 AND EXISTS (SELECT 1 FROM slow) THEN pg_sleep(60) END AS z FROM generate_series(1, 10000) g;"
tui_wait_screen "(fetching)" 15
tui_keys C-c
tui_wait_screen "cancelled after" 15 || t_fail "query cancelled" "$(tui_screen | tail -4)"
sqlv "DELETE FROM slow" >/dev/null
tui_keys Escape
tui_keys '|'; tui_type "> 9990"; tui_keys Enter
tui_wait_screen "filter (run again on the server): g > 9990" 15 && t_pass "stopped early: the server filters (and the footer says so)" \
	|| t_fail "server filter" "$(tui_screen | tail -4)"
tui_wait_dump "10 rows" 10 && t_pass "  its rows: the server's 10" || t_fail "server filter rows" "$(tui_screen | tail -3)"

# a whole table's profile: Enter on a top value asks the server for the table's rows with it
tui_keys Escape
tui_run "profile songplays.level"
tui_wait_screen "profile songplays.level" 10 || t_fail "profile TABLE.COLUMN in the console" "$(tui_screen | tail -4)"
tui_wait_pane result "paid" 5
tui_keys Escape
wait_for 5 foot_has "row 1 of"
tui_keys / ; tui_type "paid"; tui_keys Enter
tui_keys Enter
tui_wait_dump "$paid rows" 10 && t_pass "Enter on a table's top value: its rows from the server" \
	|| t_fail "Enter on a table's top value" "$(tui_pane log | tail -4)"

# F1 lists the keys
tui_keys Escape F1
tui_wait_screen "filter" 5 && t_pass "F1 lists the filter keys" || t_fail "F1 lists filter" "$(tui_screen | head -30)"
tui_keys q

# --- the sample: free/paid and the NULL share of song_id --------------------------------------
if have_sample; then
	t_newdb texplore_a_sample
	dwht --data "$SHARED_SAMPLE" -c create -c run >"$T_TMP/load.out" 2>&1 || t_fail "sample loaded" "$(tail -5 "$T_TMP/load.out")"
	free=$(sqlv "SELECT count(*) FROM songplays WHERE level = 'free'"); paid=$(sqlv "SELECT count(*) FROM songplays WHERE level = 'paid'")
	t_eq "sample: SQL says free 1229 / paid 5591" "$free/$paid" "1229/5591"
	tui_start 140 40 -- || t_fail "console starts on the sample" "$(tui_screen)"
	tui_wait_screen "ready" 15
	tui_run "profile songplays.level"
	tui_wait_pane result " paid " 10
	t_has "sample: paid 5,591 in the profile" "$(res | grep -F ' paid ')" "$paid"
	t_has "sample: free 1,229 in the profile" "$(res | grep -F ' free ')" "$free"
	tui_run "profile songplays.song_id"
	tui_wait_screen "profile songplays.song_id" 10
	n=$(sqlv "SELECT count(*) - count(song_id) FROM songplays"); all=$(sqlv "SELECT count(*) FROM songplays")
	wait_for 10 res_row_has 'NULL' "$(share "$n" "$all")" && t_pass "sample: song_id's NULL share" \
		|| t_fail "sample: song_id's NULL share" "$(res | grep -F 'NULL')"
	# plays filtered to paid in a keystroke or two, user_agent hidden
	tui_run "SELECT * FROM songplays ORDER BY songplay_id;"
	tui_wait_dump "$all rows" 15
	tui_keys Escape Right Right Right
	wait_foot "row 1 of $all  level" || t_fail "sample: on level" "$(foot)"
	tui_keys '|'; tui_type "= paid"; tui_keys Enter
	wait_foot "filter: level = paid · $(comma "$paid") of $(comma "$all") rows" \
		&& t_pass "sample: | = paid (footer: 5,591 of 6,820)" || t_fail "sample: | = paid" "$(foot)"
	tui_keys End -
	wait_foot "1 column hidden" && t_pass "sample: user_agent hidden with -" || t_fail "sample: hide" "$(foot)"
	t_lacks "sample: user_agent not in the header" "$(header)" "user_agent"
	tui_keys q
else
	t_skip "the sample (../shared/data/udacity-sample) is not here: its free/paid profile not checked"
fi
