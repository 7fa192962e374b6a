#!/usr/bin/env bash
# it_runlog_tui.sh — the done-when of the run log, on a private local server of the test's own:
# `make demo` (tests/demo.sh), then `./dwh` with no options: the pipeline pane shows every stage
# done with rows, duration and age from the run log, and `run` works there (the input is
# remembered). Then a crash-style restart (pg_ctl -m immediate) empties the UNLOGGED staging
# tables, and the pane marks the staging stages stale.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/tui.sh"
. "$(dirname "$0")/lib/pg.sh"

dir="$T_TMP/pg"
demo="$T_TMP/demo"
ldwh() { env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGSERVICE "$DWH" --local-dir "$dir" "$@"; }
stop_local() { ldwh local stop >/dev/null 2>&1; }
trap 'stop_local; $TX kill-server 2>/dev/null; sleep 0.3; rm -rf "$T_TMP"' EXIT

DEMO_LOCAL_DIR="$dir" DEMO_DATA="$demo" DEMO_EVENTS=3000 DEMO_SONGS=200 bash "$T_ROOT/tests/demo.sh" \
	> "$T_TMP/demo.out" 2>&1 < /dev/null
t_eq "make demo's script ran" "$?" 0
t_has "it loaded the demo data" "$(cat "$T_TMP/demo.out")" "load time"

# ./dwh afterwards: no --data, the local server (a console on it, as the user would open)
tui_start 120 32 -- -h "$dir" -p 5432 -U dwh -d dwh || t_fail "console starts" "$(tui_screen)"
tui_wait_dump "ago" 10
p=$(tui_pane pipeline)
for st in "create" "stage songs" "stage events" "load songplays" "load users" "load songs" "load artists" "load time"; do
	t_has "pane at start: $st done" "$p" "✓ $st"
done
t_has "pane at start: rows of stage events" "$p" "3,000 rows"
t_has "pane at start: duration" "$p" " s  "
t_has "pane at start: age" "$p" " s ago"
tui_run "run"
tui_wait_dump "stage events: from $demo/log_data (last used" 30 && t_pass "run in that console takes the remembered input" \
	|| t_fail "run in that console takes the remembered input" "$(tui_pane log)"
tui_wait_dump "8 stages in" 30 || tui_wait_dump "7 stages in" 30
t_lacks "run worked there" "$(tui_pane log)" "no input"
t_has "and the pane ends done" "$(tui_pane pipeline)" "✓ load time"
tui_run "quit"
tui_ended 10

# ./dwh local stop, a crash-style restart, ./dwh: staging is empty and shown stale
ldwh local stop >/dev/null 2>&1
ldwh -c 'SELECT 1;' >/dev/null 2>&1     # started again on demand
owner=$(stat -c %U "$dir/data")
run_as() { if [ "$(id -u)" = 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi; }
run_as "$(pg_bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
t_eq "the server crashed" "$(ldwh local status 2>&1 | grep -c running)" 0
ldwh -c 'SELECT 1;' >/dev/null 2>&1
t_eq "after recovery staging is empty" "$(ldwh --csv -c 'SELECT count(*) FROM staging_events;' 2>/dev/null | tail -n1)" 0
tui_start 120 32 -- -h "$dir" -p 5432 -U dwh -d dwh || t_fail "console starts again" "$(tui_screen)"
tui_wait_dump "stale" 10
p=$(tui_pane pipeline)
t_has "stage events stale" "$p" "⚠ stage events"
t_has "says why" "$p" "stale — staging_events is empty (server restarted?)"
t_has "stage songs stale" "$p" "stale — staging_songs is empty (server restarted?)"
t_has "loads stay done" "$p" "✓ load songplays"
tui_run "step"
tui_wait_dump "next: stage events" 20
t_has "step picks the stale stage" "$(tui_pane result)" "staging_songs: first 5 rows — 200 rows"
t_has "and it is done again" "$(tui_pane pipeline)" "✓ stage songs"
tui_wait_dump "· ready" 30     # the step's last words come before it ends: a second command then is refused
tui_run "history"
tui_wait_dump "history: " 10 && t_pass "history in the console" || t_fail "history in the console" "$(tui_pane result)"
tui_run "quit"
