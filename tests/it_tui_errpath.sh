#!/usr/bin/env bash
# it_tui_errpath.sh — a file path cut to fit a cell loses its middle, never its end (the end
# names the file): `errors` at 80x24 shows /tmp/…/2018-12-03-events.json; where the pane has room
# (200x60) the path is whole.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb terrpath
"$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "create staging" >/dev/null 2>&1 \
	|| t_fail "create staging"
dir=/tmp/warehouse-input/course-data/udacity-sample/log_data/2018/12
sqlv "INSERT INTO load_errors (tbl, file, line, col, reason, raw) VALUES ('staging_events',
	'$dir/2018-12-03-events.json', 17, 'ts', 'not a number: \"abc\" where a bigint goes',
	'{\"ts\":\"abc\"}')" >/dev/null || t_fail "a bad record in load_errors"
result_line() { tui_pane result | grep -F staging_events; }

tui_start 80 24 || t_fail "console starts" "$(tui_screen)"
tui_run "errors"
tui_wait_pane result "staging_events" 10 || t_fail "errors shows the record" "$(tui_pane result)"
line=$(result_line)
t_has "80x24: the path's end, the file's name, shows" "$line" "/2018-12-03-events.json"
t_has "... and its start" "$line" "/tmp/"
t_has "... with a sign where its middle went" "$line" "…/"
t_lacks "... not the whole path (it does not fit)" "$line" "$dir/2018-12-03-events.json"

tui_start 200 60 || t_fail "console starts at 200x60" "$(tui_screen)"
tui_run "errors"
tui_wait_pane result "staging_events" 10 || t_fail "errors shows the record" "$(tui_pane result)"
t_has "200x60: the whole path where it fits" "$(result_line)" "$dir/2018-12-03-events.json"
