#!/usr/bin/env bash
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
t_newdb tscr
data="$T_TMP/data"
"$DWH" gen "$data" --songs 60 --events 1500 --seed 3 >/dev/null || t_fail "gen"
tui_start 120 36 -- --data "$data" || t_fail "console starts" "$(tui_screen)"
tui_run "peek events"
tui_wait_dump 'NextSong' 10
tui_screen
tui_run "layout focus"
tui_wait_screen "xxxxxxx" 3
tui_screen
tui_run "run"
tui_wait_screen " ready " 3
tui_run "schema"
tui_wait_screen "xxxxxxx" 3
tui_screen
tui_start 80 24 -- --data "$data" || t_fail "console starts" "$(tui_screen)"
tui_run "schema"
tui_wait_screen "xxxxxxx" 3
tui_screen
tui_run "SELECT level, count(*) AS plays, count(DISTINCT user_id) AS users FROM songplays GROUP BY level;"
tui_run "chart"
tui_wait_screen "xxxxxxx" 3
tui_screen
