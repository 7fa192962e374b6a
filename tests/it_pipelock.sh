#!/usr/bin/env bash
# it_pipelock.sh — one pipeline at a time: while one dwh stages, a second `stage events` (or a
# load, or run) is refused at once, naming the holder, and exits 1; queries and counts do not
# wait for it. The lock goes with the stage.
. "$(dirname "$0")/lib/lib.sh"
. "$(dirname "$0")/lib/gate.sh"

t_newdb
big="$T_TMP/big"
dwht -c "gen $big --songs 50 --events 400000" >/dev/null 2>&1
t_rc "create" 0 dwht -c create
# the first stage is held at its 1000th row (tests/lib/gate.sh) while the second dwh asks, so the
# verdicts never depend on how fast the machine stages 400,000 rows
gate_close staging_events 1000
# the same lock key held in another database (a dwh building another warehouse on this server):
# an advisory lock is per database, so it must neither block this one nor be named as its holder
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d postgres \
	-c "SET application_name = 'dwh 1@elsewhere 00:00:00 load users'" \
	-c "SELECT pg_advisory_lock(1685547008)" -c "SELECT pg_sleep(900)" >/dev/null 2>&1 &
elsewhere=$!
other_held() { [ "$(psql -X -A -t -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d postgres -c "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'dwh 1@elsewhere%' AND wait_event = 'PgSleep'")" = 1 ]; }
wait_for 30 other_held || t_fail "another database holds the same key"
dwht --data "$big" -c 'stage events' > "$T_TMP/first.out" 2>&1 &
first=$!
wait_for 60 gate_reached || t_fail "the first stage reached row 1000 (the gate)"
# (advisory locks of this database: other scripts stage on the same server at the same time)
# (the pipeline lock is one bigint key, objsubid 1; the test's gate is two ints, objsubid 2)
here="database = (SELECT oid FROM pg_database WHERE datname = current_database())"
held=0
lock_held() { [ "$(sqlv "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND granted AND $here")" = 1 ]; }
wait_for 10 lock_held && held=1
t_eq "the first stage holds the pipeline lock" "$held" 1
t0=$(date +%s%N)
out=$(dwht --data "$big" -c 'stage events' 2>&1); rc=$?
t1=$(date +%s%N)
t_eq "a second stage events is refused (exit 1)" "$rc" 1
t_has "naming the holder, what it runs and since when" "$out" \
	"stage events: the pipeline is busy — stage events by dwh pid "
holder=$(printf '%s' "$out" | sed -n 's/.* by dwh pid \([0-9]*\) on host \([^,]*\), started \([0-9:]*\)$/\1 \2 \3/p')
t_eq "its host" "$(echo "$holder" | cut -d' ' -f2)" "$(hostname | cut -c1-20)"
t_rc "its start time" 0 test -n "$(echo "$holder" | cut -d' ' -f3)"
t_has "its pid is the running dwh" "$(tr '\0' ' ' < /proc/"$(echo "$holder" | cut -d' ' -f1)"/cmdline 2>/dev/null)" "stage events"
out=$(dwht -c 'load songplays' 2>&1); rc=$?
t_eq "a load is refused too" "$rc" 1
t_has "with its own name" "$out" "load songplays: the pipeline is busy — stage events by dwh pid ${holder%% *} on host"
t_rc "a query does not wait" 0 dwht -c 'SELECT count(*) FROM songs;'
[ $(( (t1 - t0) / 1000000 )) -lt 5000 ] && t_pass "refused at once, not after waiting" || t_fail "refused at once" "$(( (t1 - t0) / 1000000 )) ms"
running=$(kill -0 $first 2>/dev/null && echo yes || echo no)
t_eq "while the first was still running" "$running" yes
gate_remove staging_events
kill "$elsewhere" 2>/dev/null
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'dwh 1@elsewhere%'" >/dev/null 2>&1
wait $first
t_eq "the first succeeds" "$?" 0
t_has "with all its rows" "$(cat "$T_TMP/first.out")" "staged 400000 rows"
t_eq "the table holds the first's rows" "$(sqlv 'SELECT count(*) FROM staging_events')" 400000
t_eq "the lock went with it" "$(sqlv "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1 AND $here")" 0
t_rc "now a second stage runs" 0 dwht --data "$T_ROOT/tests/data/etl/mini" -c 'stage events' 2>/dev/null || true
t_eq "only the refused runs are missing from the log" "$(sqlv "SELECT count(*) FROM dwh_runs WHERE stage = 'stage events' AND status = 'done'")" 2
t_eq "application_name is given back" "$(dwht --csv -c 'stage songs '"$big"'/song_data' -c 'SELECT current_setting('"'"'application_name'"'"');' | tail -n1)" dwh
