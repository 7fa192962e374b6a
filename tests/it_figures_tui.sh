#!/usr/bin/env bash
# it_figures_tui.sh — issue 18 in the console at 120x36, on `dwh gen` data split 29 + 1 days:
# after `run` and `run --new` every Pipeline line names its figures as the run log has them,
# the Tables pane matches SQL, `step` titles the rows it wrote; a failed stage keeps the other
# stages' marks and is the Result pane's answer (file, line, field); `counts` clears a stale
# load_errors; G pressed while 3,000,000 rows arrive ends on the last row.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"

gen="$T_TMP/gen"; data="$T_TMP/data"; day30="$T_TMP/day30"
"$DWH" gen "$gen" --events 3000 --seed 7 >/dev/null 2>&1 || t_fail "dwh gen"
mkdir -p "$data" "$day30"
cp -r "$gen/song_data" "$gen/log_data" "$data/"
last=$(ls "$data"/log_data/2018/11/*.json | sort | tail -1)
mv "$last" "$day30/"
t_newdb
fmt() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
pipe() { tui_pane pipeline; }

tui_start 120 36 -- --data "$data" || t_fail "console starts" "$(tui_screen)"
tui_run "run"
tui_wait_dump "8 stages in" 60 || t_fail "run ends" "$(tui_pane log)"
tui_wait_pane pipeline "✓ load time" 10
t_has "pane: a full load names what it read" "$(pipe)" \
	"✓ load songplays  $(fmt "$(sqlv 'SELECT count(*) FROM songplays')") rows (rebuilt from $(fmt "$(sqlv 'SELECT count(*) FROM staging_events')") rows read)"

plays29=$(sqlv "SELECT count(*) FROM songplays")
cp "$day30/$(basename "$last")" "$data/log_data/2018/11/"
tui_run "run --new"
tui_wait_dump "(incremental)" 60
tui_wait_dump "8 stages in" 30 || tui_wait_dump "7 stages in" 5
plays30=$(sqlv "SELECT count(*) FROM songplays")
tui_wait_pane pipeline "+$((plays30 - plays29)) new" 10
p=$(pipe)
t_has "pane: songplays' size and its new rows" "$p" "✓ load songplays  $(fmt "$plays30") rows (+$((plays30 - plays29)) new)"
t_has "pane: staging's rows, named new, and the file" "$p" \
	"✓ stage events    $(fmt "$(sqlv 'SELECT count(*) FROM staging_events')") rows (+$(sqlv 'SELECT count(*) FROM staging_events') new, 1 new file)"
t_has "pane: the songs staged long ago" "$p" "✓ stage songs     $(fmt "$(sqlv 'SELECT count(*) FROM staging_songs')") rows (nothing new, 0 new files)"
t_lacks "pane: no merged count shown as a size" "$p" "✓ load users      0 rows"
tp=$(tui_pane tables)
for t in songplays users songs artists time staging_events; do
	t_has "tables pane: $t as SQL counts it" "$(printf '%s\n' "$tp" | grep " $t ")" " $(fmt "$(sqlv "SELECT count(*) FROM $t")")"
done
tui_run "check"
tui_wait_dump "check: " 20
t_has "check passes in the console after run --new" "$(tui_pane log)" "check: 29 passed, 0 failed"

# step on a load shows what it wrote, titled with its real count
tui_run "step load songplays"
tui_wait_dump "songplays: " 20
t_lacks "step's title is no '5 of 0 rows'" "$(cat "$TUI_DUMP")" "5 of 0 rows"

# a failed stage: its error is the Result pane's answer; the other marks stay
bad="$T_TMP/bad"; mkdir -p "$bad"
head -20 "$last" > "$bad/2018-12-31-events.json"
sed -i '11s/"ts":\([0-9]*\)/"ts":"x\1"/' "$bad/2018-12-31-events.json"
kept=$(sqlv "SELECT count(*) FROM staging_events")
tui_run "stage events $bad"
tui_wait_pane pipeline "✗ stage events" 20 || t_fail "the failed stage marked" "$(pipe)"
tui_wait_pane pipeline "failed at 2018-12-31-events.json:11" 10
t_has "pane: where it failed and what staging kept" "$(pipe)" \
	"failed at 2018-12-31-events.json:11 — staging kept its $(fmt "$kept") rows"
t_has "pane: the other stages keep their marks" "$(pipe)" "✓ load songplays"
tui_wait_pane result "2018-12-31-events.json:11: ts:" 10
t_has "the Result pane shows the error with file, line and field" "$(tui_pane result)" \
	"2018-12-31-events.json:11: ts:"
tui_wait_pane tables "load_errors" 5 && t_pass "tables pane: load_errors shows the record" \
	|| t_fail "load_errors in the tables pane" "$(tui_pane tables)"
sqlv "DELETE FROM load_errors" >/dev/null
tui_run "counts"
no_load_errors() { ! tui_pane tables | grep -q load_errors; }
wait_for 10 no_load_errors
t_lacks "counts clears a stale load_errors" "$(tui_pane tables)" "load_errors"

# G while 3,000,000 rows arrive follows to the end
tui_wait_dump "· ready" 5
tui_run "SELECT g, md5(g::text) FROM generate_series(1,3000000) g;"
tui_wait_dump "c4ca4238a0b923820dcc509a6f75849b" 10
tui_keys Escape G
tui_wait_screen "following to the end — " 10 && t_pass "G while fetching: the footer says it follows" \
	|| t_fail "footer while following" "$(tui_screen | tail -3)"
tui_wait_screen "row 3000000 of 3000000" 120 && t_pass "G during the fetch ends on the last row" \
	|| t_fail "G during a 3M fetch" "$(tui_screen | tail -3)"
tui_keys q
