#!/usr/bin/env bash
# it_etl_lanes.sh — `load all` on two lanes (src/etl/lanes.c): users, songs and artists load on
# a second connection while songplays loads, time waits for songplays (it reads it; its
# incremental merge reads the staged day instead: it runs beside songplays' and commits after
# it), and the
# figures are expected.json's. A failure in one lane starts nothing more in either (the load
# running beside it finishes, logged); Ctrl-C cancels both lanes and leaves nothing running.
# songplays is held at its first row by a gate (tests/lib/gate.sh), so each verdict is taken
# while the other lane can only have run beside it, however fast or loaded the machine.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/gate.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

gen="$T_TMP/gen"
t_rc "gen" 0 "$DWH" gen "$gen" --events 3000 --songs 300 --seed 11
expected=$(gen_figures "$gen")

runs() { sqlv "SELECT count(*) FROM dwh_runs WHERE stage = '$1' AND status = '$2'"; }
ran() { [ "$(runs "$1" "$2")" = "${3:-1}" ]; }

t_newdb
t_rc "create and stage" 0 dwht --data "$gen" -c create -c stage

# --- the lanes: users, songs, artists done while songplays is held ----------------------------
gate_close songplays 1
dwht -c 'load all' >"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
wait_for 60 gate_reached || t_fail "load songplays reached its first row (the gate)"
wait_for 60 ran "load artists" done && t_pass "users, songs and artists loaded while songplays is held" \
	|| t_fail "the second lane" "$(sqlv "SELECT stage, status FROM dwh_runs ORDER BY run_id")"
t_eq "  users done meanwhile" "$(runs 'load users' done)" 1
t_eq "  time not started: it reads songplays" "$(sqlv "SELECT count(*) FROM dwh_runs WHERE stage = 'load time'")" 0
t_eq "  songplays still running" "$(sqlv "SELECT count(*) FROM dwh_runs WHERE stage = 'load songplays'")" 0
keys=$(sqlv "SELECT count(*) FROM staging_events WHERE page = 'NextSong' AND user_id IS NOT NULL")
t_eq "  songplays' play keys built beside it, committed there" "$(sqlv "SELECT count(*) FROM dwh_play_keys_next")" "$keys"
gate_remove songplays
wait "$pid"; t_eq "load all on two lanes: exit 0" "$?" 0
t_eq "  every figure as expected.json" "$(etl_figures)" "$expected"
t_eq "  the play keys swapped in with songplays" "$(sqlv "SELECT count(*) FROM dwh_play_keys")/$(sqlv "SELECT to_regclass('dwh_play_keys_next') IS NULL")" "$keys/t"
t_eq "  each load logged once, done" "$(sqlv "SELECT string_agg(stage || ' ' || status, ', ' ORDER BY stage)
	FROM dwh_runs WHERE stage LIKE 'load %'")" \
	"load artists done, load songplays done, load songs done, load time done, load users done"
t_has "  a line per load" "$(grep -c '^load ' "$T_TMP/out")" 5
t_has "  the summary counts five" "$(cat "$T_TMP/out")" "5 stages in"
t_rc "  check passes" 0 dwht -c check
wait_for 30 no_others
t_eq "  the second connection closed" "$(others)" 0

# --- a failure in one lane: the load beside it finishes, nothing more starts ---------------------
sqlv "CREATE FUNCTION planted() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN RAISE EXCEPTION 'planted failure'; END \$\$;
      CREATE TRIGGER planted BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION planted()" >/dev/null
before=$(sqlv "SELECT count(*) FROM dwh_runs")
users_before=$(sqlv "SELECT count(*) FROM users")
gate_close songplays 1
dwht -c 'load all' >"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
wait_for 60 gate_reached || t_fail "load songplays held again"
wait_for 60 ran "load users" failed && t_pass "load users failed beside the held songplays" \
	|| t_fail "users' failure logged" "$(cat "$T_TMP/err")"
gate_remove songplays
wait "$pid"; t_eq "a failed lane: exit 1" "$?" 1
t_has "  the error names the load and the server's words" "$(cat "$T_TMP/err")" "load users: ERROR:  planted failure"
t_eq "  users as it was" "$(sqlv "SELECT count(*) FROM users")" "$users_before"
t_eq "  songplays, running beside it, finished" "$(sqlv "SELECT string_agg(stage || ' ' || status, ', '
	ORDER BY run_id) FROM dwh_runs WHERE run_id > $before")" "load users failed, load songplays done"
sqlv "DROP TRIGGER planted ON users" >/dev/null

# --- the play keys fail to build on the second lane: songplays fails with them, keeps its rows --
sqlv "CREATE VIEW dwh_play_keys_next AS SELECT 1 AS planted" >/dev/null	# DROP TABLE fails on it
before=$(sqlv "SELECT count(*) FROM dwh_runs")
plays=$(sqlv "SELECT count(*) FROM songplays"); kept=$(sqlv "SELECT count(*) FROM dwh_play_keys")
t_rc "keys that fail to build: load all fails" 1 dwht -c 'load all'
t_has "  the error says songplays' play keys, and why" "$(cat "$T_TMP/err")" \
	"load songplays: its play keys (built beside it): ERROR:  \"dwh_play_keys_next\" is not a table"
t_eq "  songplays and its keys as they were" "$(sqlv "SELECT count(*) FROM songplays")/$(sqlv "SELECT count(*) FROM dwh_play_keys")" "$plays/$kept"
t_eq "  nothing loaded after the failure" "$(sqlv "SELECT string_agg(stage || ' ' || status, ', ' ORDER BY run_id)
	FROM dwh_runs WHERE run_id > $before")" "load songplays failed"
t_rc "  load songplays alone fails the same way" 1 dwht -c 'load songplays'
t_has "  ... in its own transaction" "$(cat "$T_TMP/err")" "\"dwh_play_keys_next\" is not a table"
sqlv "DROP VIEW dwh_play_keys_next" >/dev/null
t_rc "  without the plant, load songplays alone works" 0 dwht -c 'load songplays'
t_eq "  ... and leaves no keys table beside" "$(sqlv "SELECT to_regclass('dwh_play_keys_next') IS NULL")" t

# --- Ctrl-C: both lanes cancelled, nothing left running -------------------------------------------
before=$(sqlv "SELECT count(*) FROM dwh_runs")
plays=$(sqlv "SELECT count(*) FROM songplays")
gate_close songplays 1
# dwh itself in the background (not dwht's subshell, which would take the SIGINT)
env -u PGHOST -u PGDATABASE -u PGSERVICE "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" \
	-c 'load all' >"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
wait_for 60 gate_reached || t_fail "load songplays held a third time"
wait_for 60 ran "load artists" done 2 || t_fail "the second lane done again"
kill -INT "$pid"
wait_for 30 proc_gone "$pid" || { t_fail "dwh ended on SIGINT within 30 s"; gate_open; }
wait "$pid"; t_eq "Ctrl-C: exit 1" "$?" 1
t_has "  says the load was cancelled (the server's words, as for a query)" "$(cat "$T_TMP/err")" \
	"load songplays: ERROR:  canceling statement due to user request"
t_eq "  songplays as it was" "$(sqlv "SELECT count(*) FROM songplays")" "$plays"
t_eq "  songplays logged cancelled, time never started" "$(sqlv "SELECT string_agg(stage || ' ' || status, ', '
	ORDER BY run_id) FROM dwh_runs WHERE run_id > $before AND stage IN ('load songplays', 'load time')")" \
	"load songplays cancelled"
t_eq "  the play keys built for it not left beside" "$(sqlv "SELECT to_regclass('dwh_play_keys_next') IS NULL")" t
gate_remove songplays
wait_for 30 no_others
t_eq "  no connection left behind" "$(others)" 0

# --- the console: the Pipeline pane shows both lanes at once ---------------------------------------
. "$T_ROOT/tests/lib/tui.sh"
gate_close songplays 1
tui_start 120 36 -- || t_fail "console starts" "$(tui_screen)"
tui_wait_screen "ready" 15
tui_run "load all"
wait_for 60 gate_reached || t_fail "console: load songplays held"
line_of() { tui_pane pipeline | grep -F -- "$1"; }
artists_ticked() { line_of "load artists" | grep -qF "✓"; }
wait_for 60 artists_ticked && t_pass "console: load artists ticked while songplays runs" \
	|| t_fail "console: the second lane in the pane" "$(tui_pane pipeline)"
songplays_running() { line_of "load songplays" | grep -qF "running"; }
wait_for 30 songplays_running && t_pass "console: load songplays shown running meanwhile" \
	|| t_fail "console: load songplays shown running meanwhile" "$(tui_pane pipeline)"
gate_remove songplays
tui_wait_dump "5 stages in" 60 || t_fail "console: load all ends" "$(tui_pane log | tail -4)"
time_ticked() { line_of "load time" | grep -qF "✓"; }
wait_for 10 time_ticked && t_pass "console: load time ticked once songplays is done" \
	|| t_fail "console: load time" "$(tui_pane pipeline)"
tui_run quit
tui_ended 10

# --- a new day, --incremental: time merges beside songplays (its merge reads the staged day) and
# commits after it, so time is never ahead of songplays; when songplays fails, time rolls back --
t_newdb "${T_NAME}_inc"
mkdir -p "$T_TMP/feed"
days=$(ls "$gen"/log_data/*/*/*.json)
for f in $(echo "$days" | head -n -2); do cp "$f" "$T_TMP/feed/"; done
t_rc "28 days staged and loaded" 0 dwht -c create -c "stage songs $gen/song_data" \
	-c "stage events $T_TMP/feed" -c 'load all'
time_before=$(sqlv "SELECT count(*) FROM time")
t_rc "the 29th day staged (--new)" 0 dwht -c "stage events --new $(echo "$days" | tail -n 2 | head -n 1)"
# time's merge done, its COMMIT not sent: its connection idle in the transaction after the INSERT
time_waits() { [ "$(sqlv "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
	AND state = 'idle in transaction' AND query LIKE '%INSERT INTO time %'")" = 1 ]; }
gate_close songplays 1
dwht -c 'load all --incremental' >"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
wait_for 60 gate_reached || t_fail "the merge of songplays held at its first new row"
wait_for 60 time_waits && t_pass "time merged the day while songplays' merge is held" \
	|| t_fail "time beside songplays" "$(sqlv "SELECT state, left(query, 60) FROM pg_stat_activity
	   WHERE datname = current_database()")"
t_eq "  and waits for songplays' COMMIT: time as it was, not logged yet" \
	"$(sqlv "SELECT count(*) FROM time")/$(runs 'load time' done)" "$time_before/1"
gate_remove songplays
wait "$pid"; t_eq "load all --incremental on two lanes: exit 0" "$?" 0
t_eq "  time with the day's new start times, not 'nothing new'" \
	"$(sqlv "SELECT count(*) > $time_before FROM time")/$(sqlv "SELECT table_rows - rows_new FROM dwh_runs
	 WHERE stage = 'load time' AND mode = 'incremental'")" "t/$time_before"
t_rc "  check passes" 0 dwht -c check

t_rc "the 30th day staged (--new)" 0 dwht -c "stage events --new $(echo "$days" | tail -n 1)"
# the failure planted after the gate (triggers fire in name order), so it comes once time waits
sqlv "CREATE FUNCTION planted() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN RAISE EXCEPTION 'planted failure'; END \$\$;
      CREATE TRIGGER z_planted BEFORE INSERT ON songplays FOR EACH ROW EXECUTE FUNCTION planted()" >/dev/null
plays=$(sqlv "SELECT count(*) FROM songplays"); time_before=$(sqlv "SELECT count(*) FROM time")
gate_close songplays 1
dwht -c 'load all --incremental' >"$T_TMP/out" 2>"$T_TMP/err" &
pid=$!
wait_for 60 gate_reached || t_fail "the merge of songplays held again"
wait_for 60 time_waits || t_fail "time's merge waits for songplays' again"
gate_remove songplays
wait "$pid"; t_eq "songplays' merge fails: exit 1" "$?" 1
t_has "  the error is songplays'" "$(cat "$T_TMP/err")" "load songplays: ERROR:  planted failure"
t_eq "  time rolled back with it: both as they were" \
	"$(sqlv "SELECT count(*) FROM songplays")/$(sqlv "SELECT count(*) FROM time")" "$plays/$time_before"
t_eq "  time's run logged failed, saying why" "$(sqlv "SELECT status || ': ' || error FROM dwh_runs
	WHERE stage = 'load time' ORDER BY run_id DESC LIMIT 1")" \
	"failed: load time: not committed: load songplays, beside it, failed"
t_rc "  check passes: time is not ahead of songplays" 0 dwht -c check
sqlv "DROP TRIGGER z_planted ON songplays" >/dev/null
t_rc "again without the plant: exit 0" 0 dwht -c 'load all --incremental'
t_eq "  every figure as expected.json" "$(etl_figures)" "$expected"
t_rc "  check passes" 0 dwht -c check
