#!/usr/bin/env bash
# it_tui_sample_browse.sh — issue 9's "done when" on the udacity sample, in the console:
# `query top_songs`, focus, right and down with the title column staying; `/Yoakam` finds
# the row (in the plays by song of the event log: the sample's songs table matches one play
# only, so top_songs has no Yoakam); `x` shows it as a record; `chart` draws it; `export csv`
# writes what psql writes; `SELECT 1/0;` shows its SQLSTATE in the pane; a 3,000,000-row
# result reaches its last row with G and the console stays under 64 MB resident.
. "$(dirname "$0")/lib/lib.sh"

if ! have_sample; then
	t_skip "udacity sample absent (../shared/data/udacity-sample); it_tui_browse covers the browser"
	exit 0
fi
. "$(dirname "$0")/lib/tui.sh"
t_newdb
dwht --data "$SHARED_SAMPLE" -c create -c run >/dev/null 2>&1 || t_fail "the sample loads"
res() { tui_pane result; }

tui_start 120 36 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 10
tui_run "query top_songs"
tui_wait_dump "# Result: " 5
t_has "top_songs shows its title column" "$(res | sed -n 2p)" "title"
tui_keys Escape Right Right Down
tui_wait_screen "  plays" 3 && t_pass "focus, then Right moves to the plays column" \
	|| t_fail "Right in top_songs" "$(tui_screen | grep row)"
t_has "the title column stays" "$(res | sed -n 2p)" "title"
tui_keys q
tui_run "export csv $T_TMP/top.csv"
tui_wait_dump "export: " 5
sql=$(grep -v '^--' "$T_ROOT/sql/analytics/top_songs.sql" | tr '\n' ' ' | sed 's/; *$//')
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "\\copy ($sql) to '$T_TMP/psql.csv' csv header"
cmp -s "$T_TMP/top.csv" "$T_TMP/psql.csv" && t_pass "export csv top.csv writes what psql writes" \
	|| t_fail "export csv equals psql's" "$(diff "$T_TMP/top.csv" "$T_TMP/psql.csv" | head -5)"
tui_run "chart"
tui_wait_dump "█ plays" 5 && t_pass "chart draws top_songs" || t_fail "chart of top_songs" "$(res)"

tui_type "SELECT song, artist, count(*) AS plays FROM staging_events WHERE page = 'NextSong'"
tui_run " GROUP BY song, artist ORDER BY plays DESC, song LIMIT 30;"
tui_wait_dump "30 rows" 5
tui_keys Escape
tui_type "/Yoakam"
tui_keys Enter
tui_wait_screen "  artist" 3 && t_pass "/Yoakam finds the row" || t_fail "/Yoakam" "$(tui_screen | tail -13)"
tui_type "x"
tui_wait_dump "# Record 1 of 30" 3 && t_pass "x shows it as a record" || t_fail "x on Yoakam" "$(res | head -4)"
t_has "the record is Yoakam's" "$(res)" "artist │ Dwight Yoakam"
tui_keys q

tui_run "SELECT 1/0;"
tui_wait_dump "SQLSTATE: 22012" 5 && t_pass "SELECT 1/0 shows its SQLSTATE in the pane" || t_fail "1/0" "$(res)"
t_has "and its message" "$(res)" "ERROR:  division by zero"

tui_wait_dump "· ready" 5
tui_run "SELECT g, md5(g::text) FROM generate_series(1,3000000) g;"
tui_wait_dump "c4ca4238a0b923820dcc509a6f75849b" 10
t_has "the first page shows while rows stream" "$(cat "$TUI_DUMP")" "rows (fetching)"
tui_wait_dump "— 3000000 rows" 120
tui_keys Escape G
tui_wait_screen "row 3000000 of 3000000" 10 && t_pass "G reaches the last row" \
	|| t_fail "G on 3M rows" "$(tui_screen | tail -3)"
t_has "the last row is drawn" "$(res)" "3000000 ║ badd77cfba9a22aa47016e95b701e940"
dpid=$(tui_pid)
kb=$(awk '/VmHWM/ {print $2}' "/proc/${dpid:-0}/status" 2>/dev/null)
if [ "${SANITIZE:-}" = 1 ]; then
	t_skip "peak RSS: not meaningful under AddressSanitizer"
elif [ -n "$kb" ]; then
	[ "$kb" -lt 65536 ] && t_pass "3,000,000 rows and G: console under 64 MB ($((kb / 1024)) MB)" \
		|| t_fail "console under 64 MB" "VmHWM $kb kB"
else
	t_fail "the console's resident size can be read" "pid ${dpid:-none}"
fi
tui_type "s"
tui_wait_screen "add ORDER BY" 3 && t_pass "s on a result too big for memory says to add ORDER BY" \
	|| t_fail "sort refused on 3M rows" "$(tui_screen | tail -3)"
tui_keys q
tui_run "quit"
