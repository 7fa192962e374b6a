#!/usr/bin/env bash
# it_fault_crash.sh — the server stopped as by a power cut (pg_ctl stop -m immediate) in the
# middle of `stage events` on 500,000 events and of `load songplays`; dwh killed with SIGKILL
# mid-stage; SIGINT during a load and a long query. Batch mode exits 2 naming the lost
# connection, the console stays up showing `lost` and `reconnect` works once the server is
# back; every logged table is exactly as before; staging tables (UNLOGGED) are emptied by the
# crash, as documented. A private server: the shared one stays up for the other tests.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"
. "$T_ROOT/tests/lib/private_pg.sh"
. "$T_ROOT/tests/lib/tui.sh"
trap '$TX kill-server 2>/dev/null; priv_stop; sleep 0.3; rm -rf "$T_TMP"' EXIT

priv_start || { t_fail "private server did not start"; exit 0; }
trap '$TX kill-server 2>/dev/null; priv_stop; sleep 0.3; rm -rf "$T_TMP"' EXIT
t_newdb
dwht -c create >/dev/null
etl_stage "$ETL_MINI"
dwht -c 'load all' >/dev/null
star() { sqlv "SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
	SELECT 'p' || t::text x FROM songplays t UNION ALL SELECT 'u' || t::text FROM users t
	UNION ALL SELECT 's' || t::text FROM songs t UNION ALL SELECT 'a' || t::text FROM artists t
	UNION ALL SELECT 't' || t::text FROM time t) q"; }
before=$(star)
staged() { sqlv "SELECT (SELECT count(*) FROM staging_events) || ' ' || (SELECT count(*) FROM staging_songs)"; }
# poll SQL SECONDS: until the query returns t
sql_true() { [ "$(sqlv "$1" 2>/dev/null)" = t ]; }
poll() { wait_for "$2" sql_true "$1"; }
dwh_bg() { env -u PGHOST "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" "$@" >"$T_TMP/out" 2>"$T_TMP/err" & BG=$!; }

python3 -c '
import sys
line = open(sys.argv[1]).readline().rstrip("\n")
with open(sys.argv[2], "w") as f:
    for i in range(500000):
        f.write(line.replace("1541105830796", str(1541105830796 + i)) + "\n")
' "$T_ROOT/tests/data/layout/lines.json" "$T_TMP/big.json"
copying="SELECT EXISTS (SELECT 1 FROM pg_stat_progress_copy WHERE tuples_processed > 1000)"

# 1. the server dies mid `stage events`
dwh_bg -c "stage events $T_TMP/big.json"
poll "$copying" 30 || t_fail "stage never started copying"
priv_crash
wait "$BG"; rc=$?
t_eq "stage events, server crashed: exit 2" "$rc" 2
t_has "names the lost connection" "$(cat "$T_TMP/err")" "connection"
priv_restart
t_eq "logged tables as before the stage" "$(star)" "$before"
t_eq "staging tables (UNLOGGED) emptied by the crash" "$(staged)" "0 0"

# 2. SIGKILL of dwh mid-stage: the server ends the backend, the next dwh stages again
etl_stage "$ETL_MINI"
dwh_bg -c "stage events $T_TMP/big.json"
poll "$copying" 30 || t_fail "stage never started copying (SIGKILL)"
kill -KILL "$BG"; wait "$BG" 2>/dev/null
poll "SELECT count(*) = 0 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" 10 \
	&& t_pass "SIGKILL: the server ended the backend" || t_fail "SIGKILL: a backend is left" "$(others)"
t_eq "SIGKILL: staging as it was" "$(staged)" "$ETL_MINI_STAGING"
t_eq "SIGKILL: logged tables as before" "$(star)" "$before"
out=$(dwht -c "stage events $T_TMP/big.json" 2>&1); rc=$?
t_eq "SIGKILL: the stage runs again" "$rc/$(sqlv 'SELECT count(*) FROM staging_events')" "0/500000"
etl_stage "$ETL_MINI"

# load songplays held mid-INSERT: the first row's trigger sleeps (its transaction is open)
sqlv "CREATE FUNCTION t_slow() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
	IF current_setting('t.slept', true) IS DISTINCT FROM 'y' THEN
		PERFORM set_config('t.slept', 'y', true); PERFORM pg_sleep(60); END IF; RETURN NULL; END \$\$;
	CREATE TRIGGER t_slow AFTER INSERT ON songplays FOR EACH ROW EXECUTE FUNCTION t_slow()" >/dev/null
loading="SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep' AND query LIKE '%INSERT INTO songplays%')"

# 3. SIGINT during a load and during a long query: rolled back, nothing left running
dwh_bg -c 'load songplays'
poll "$loading" 20 || t_fail "load never reached its INSERT"
kill -INT "$BG"; wait "$BG"; rc=$?
t_eq "SIGINT mid-load: exit 1" "$rc" 1
t_has "SIGINT mid-load: says cancelled" "$(cat "$T_TMP/err")" "cancel"
wait_for 30 no_others   # (a closed connection's backend leaves a moment later)
t_eq "SIGINT mid-load: nothing left running" "$(others)" 0
t_eq "SIGINT mid-load: tables as before" "$(star)" "$before"
dwh_bg -c 'SELECT pg_sleep(60)'
poll "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)' AND datname = current_database())" 10
kill -INT "$BG"; wait "$BG"; rc=$?
t_eq "SIGINT mid-query: exit 1" "$rc" 1
t_has "SIGINT mid-query: the server's reason" "$(cat "$T_TMP/err")" "canceling statement due to user request"
wait_for 30 no_others   # (a closed connection's backend leaves a moment later)
t_eq "SIGINT mid-query: nothing left running" "$(others)" 0

# SIGKILL of dwh mid `load songplays` (its backend asleep in the trigger): the server notices
# the client is gone (dwh sets client_connection_check_interval) and ends the backend
dwh_bg -c 'load songplays'
poll "$loading" 20 || t_fail "load never reached its INSERT (SIGKILL)"
kill -KILL "$BG"; wait "$BG" 2>/dev/null
poll "SELECT count(*) = 0 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" 5 \
	&& t_pass "SIGKILL mid-load: the server ended the backend within seconds" || t_fail "SIGKILL mid-load: a backend is left" "$(others)"
t_eq "SIGKILL mid-load: tables as before" "$(star)" "$before"

# 4. the server dies mid `load songplays`
dwh_bg -c 'load songplays'
poll "$loading" 20 || t_fail "load never reached its INSERT (crash)"
priv_crash
wait "$BG"; rc=$?
t_eq "load songplays, server crashed: exit 2" "$rc" 2
t_has "load: names the lost connection" "$(cat "$T_TMP/err")" "connection"
priv_restart
t_eq "load: logged tables as before" "$(star)" "$before"

# 5. the console: stays up showing `lost`, `reconnect` once the server is back
etl_stage "$ETL_MINI"
tui_start 120 30 --
tui_wait_screen '· ready' 10     # the console's first job (connecting, counting) is done
tui_run "SELECT 'wa' || 'rm' AS w;"
tui_wait_screen "warm" 5
tui_run "load songplays"
poll "$loading" 20 || t_fail "console load never reached its INSERT"
priv_crash
tui_wait_screen "lost" 10 && t_pass "console shows lost" || t_fail "console shows lost" "$(tui_screen)"
t_lacks "console still up" "$(cat "$T_TMP/exited" 2>/dev/null)" "EXITED"
priv_restart
tui_run "reconnect"
tui_wait_screen "ready" 10 && t_pass "console: reconnect works" || t_fail "console: reconnect" "$(tui_screen)"
tui_run "SELECT 'after' || 'crash' AS back;"
tui_wait_screen "aftercrash" 5 && t_pass "console: usable after reconnect" || t_fail "console: usable after reconnect" "$(tui_screen)"
t_eq "console: logged tables as before" "$(star)" "$before"
# SIGINT (Ctrl-C) during a long query in the console: cancelled, usable at once
tui_run "SELECT pg_sleep(60);"
poll "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%' AND datname = current_database())" 10
tui_keys C-c
tui_run "SELECT 'still' || 'here' AS ok;"     # typed at once, not after the cancel is through
tui_wait_screen "stillhere" 5 && t_pass "console: usable at once after Ctrl-C" || t_fail "console: Ctrl-C then a query" "$(tui_screen)"
t_has "console: Ctrl-C cancelled" "$(tui_screen)" "canceling statement due to user request"
t_has "console: ready after it all" "$(tui_screen | head -n1)" "ready"
t_eq "console: nothing left running but the console" "$(sqlv "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'")" 0
tui_run quit
