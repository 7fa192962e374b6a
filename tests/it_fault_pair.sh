#!/usr/bin/env bash
# it_fault_pair.sh — `stage` loads songs and events on two connections and commits them with
# two-phase commit: a failure at either commit (a deferred trigger raising, the backend killed
# at that instant) leaves both staging tables as they were; a pair cut short by a crash is
# finished by the next connection; a server without prepared transactions stages on one
# connection with the same guarantee.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"
. "$T_ROOT/tests/lib/private_pg.sh"

both() { sqlv "SELECT (SELECT string_agg(coalesce(song_id, '-'), ',' ORDER BY song_id) FROM staging_songs) || '/' ||
	(SELECT string_agg(coalesce(artist, '-'), ',' ORDER BY artist) FROM staging_events)"; }
markers() {
	sqlv "TRUNCATE staging_songs, staging_events;
	      INSERT INTO staging_songs (song_id) VALUES ('SONG-BEFORE');
	      INSERT INTO staging_events (artist) VALUES ('EVENT-BEFORE')" >/dev/null
}
# fail_at TABLE BODY: a deferred constraint trigger on TABLE runs BODY at commit time
fail_at() {
	sqlv "CREATE OR REPLACE FUNCTION t_fail() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN $2; RETURN NULL; END \$\$;
	      SET client_min_messages = warning; DROP TRIGGER IF EXISTS t_fail ON staging_songs; DROP TRIGGER IF EXISTS t_fail ON staging_events;
	      CREATE CONSTRAINT TRIGGER t_fail AFTER INSERT ON $1 DEFERRABLE INITIALLY DEFERRED
	      FOR EACH ROW EXECUTE FUNCTION t_fail()" >/dev/null
}
no_fail() { sqlv "SET client_min_messages = warning; DROP TRIGGER IF EXISTS t_fail ON staging_songs; DROP TRIGGER IF EXISTS t_fail ON staging_events" >/dev/null; }
# (of this database: other scripts stage on the same server at the same time)
prepared() { sqlv "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()"; }
shadows() { sqlv "SELECT count(*) FROM pg_class WHERE relname LIKE 'dwh\_shadow\_%'"; }
stage_pair() { dwht --data "$ETL_MINI" -c stage >"$T_TMP/out" 2>"$T_TMP/err"; echo $?; }
# the record of the files staged (dwh_files, a partition per stage; the songs' swapped in whole
# by a pair that succeeds): per stage its files, their rows, each partition's name
record() { sqlv "SELECT string_agg(s, ' ' ORDER BY s) FROM (SELECT tableoid::regclass::text || ':' || stage || ':' || count(*) || ':' || sum(rows) AS s FROM dwh_files GROUP BY tableoid, stage) x"; }

# pair_cases LABEL: the same failures on whatever server T_* points at
pair_cases() {
	local l=$1 rc
	t_newdb "${T_NAME}_$l"
	dwht -c create >/dev/null
	part=$(sqlv "SELECT 'dwh_files_songs'::regclass::oid")
	rc=$(stage_pair)
	t_eq "$l: stage works" "$rc/$(sqlv "SELECT (SELECT count(*) FROM staging_events) || ' ' || (SELECT count(*) FROM staging_songs)")" "0/$ETL_MINI_STAGING"
	rec=$(record)
	if [ "$l" = twophase ]; then    # a pair: the songs' record swapped in whole, a table of its own
		t_eq "$l: the songs' record is the table their connection filled" "$(sqlv "SELECT 'dwh_files_songs'::regclass::oid <> $part")" t
	fi
	part=$(sqlv "SELECT 'dwh_files_songs'::regclass::oid")
	t_eq "$l: the files' record: every file staged, in its stage's partition" "$rec" \
		"dwh_files_events:stage events:$(find "$ETL_MINI/log_data" -name '*.json' | wc -l):${ETL_MINI_STAGING% *} dwh_files_songs:stage songs:$(find "$ETL_MINI/song_data" -name '*.json' | wc -l):${ETL_MINI_STAGING#* }"
	sqlv "UPDATE dwh_files SET rows = rows + 1000 WHERE stage = 'stage songs'" >/dev/null
	rec=$(record)

	markers
	fail_at staging_events "RAISE EXCEPTION 'events refused at commit'"
	rc=$(stage_pair)
	t_eq "$l: events failing at commit fails the stage" "$rc" 1
	t_has "$l: says why" "$(cat "$T_TMP/err")" "events refused at commit"
	t_eq "$l: songs and events as they were" "$(both)" "SONG-BEFORE/EVENT-BEFORE"
	t_eq "$l: the files' record as it was" "$(record)" "$rec"
	t_eq "$l: nothing left prepared" "$(prepared)" 0

	markers
	fail_at staging_songs "RAISE EXCEPTION 'songs refused at commit'"
	rc=$(stage_pair)
	t_eq "$l: songs failing at commit fails the stage" "$rc" 1
	t_has "$l: says why (songs)" "$(cat "$T_TMP/err")" "songs refused at commit"
	t_eq "$l: both as they were (songs)" "$(both)" "SONG-BEFORE/EVENT-BEFORE"
	t_eq "$l: the files' record as it was (songs)" "$(record)" "$rec"
	t_eq "$l: no shadow table left (songs)" "$(shadows)" 0

	# the events backend dies at its commit: the connection is lost, songs must not commit
	markers
	fail_at staging_events "PERFORM pg_terminate_backend(pg_backend_pid()); PERFORM pg_sleep(5)"
	rc=$(stage_pair)
	t_eq "$l: backend killed at commit: exit 2" "$rc" 2
	t_has "$l: names the lost connection" "$(cat "$T_TMP/err")" "connection"
	t_eq "$l: both as they were (killed)" "$(both)" "SONG-BEFORE/EVENT-BEFORE"
	t_eq "$l: the files' record as it was (killed)" "$(record)" "$rec"
	t_eq "$l: ... the same table" "$(sqlv "SELECT 'dwh_files_songs'::regclass::oid")" "$part"
	t_eq "$l: nothing left prepared (killed)" "$(prepared)" 0
	t_eq "$l: no shadow table left (killed)" "$(shadows)" 0
	no_fail
	# a dwh that died after the songs' shadow committed: staging never saw it, the next stage
	# drops it
	sqlv "CREATE UNLOGGED TABLE dwh_shadow_staging_songs (LIKE staging_songs);
	      INSERT INTO dwh_shadow_staging_songs (song_id) VALUES ('ORPHAN')" >/dev/null
	t_eq "$l: an orphaned shadow is not staging" "$(both)" "SONG-BEFORE/EVENT-BEFORE"
	rc=$(stage_pair)
	t_eq "$l: the next stage works" "$rc/$(sqlv "SELECT count(*) FROM staging_songs")" "0/${ETL_MINI_STAGING#* }"
	t_eq "$l: and drops the orphaned shadow" "$(shadows)/$(sqlv "SELECT count(*) FROM staging_songs WHERE song_id = 'ORPHAN'")" "0/0"
	# the songs keep their table: its grants and triggers survive the stage
	sqlv "CREATE ROLE t_reader_$l; GRANT SELECT ON staging_songs TO t_reader_$l" >/dev/null
	fail_at staging_songs "RETURN NULL"
	rc=$(stage_pair)
	t_eq "$l: staging_songs keeps its grants and triggers" "$rc/$(sqlv "SELECT has_table_privilege('t_reader_$l', 'staging_songs', 'SELECT')")/$(sqlv "SELECT count(*) FROM pg_trigger WHERE tgname = 't_fail'")" "0/t/1"
	no_fail
	sqlv "REVOKE ALL ON staging_songs FROM t_reader_$l; DROP ROLE t_reader_$l" >/dev/null
}

pair_cases twophase

# the second connection is prepared as the first: --lock-timeout ends its wait for a lock too
# (songs load there; another session holds staging_songs)
markers
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "SET application_name = 't_holder'" \
	-c 'BEGIN; LOCK TABLE staging_songs; SELECT pg_sleep(60)' >/dev/null 2>&1 &
holder=$!
for _ in $(seq 100); do held=$(sqlv "SELECT pid FROM pg_stat_activity WHERE application_name = 't_holder' AND wait_event = 'PgSleep' AND datname = current_database()"); [ -n "$held" ] && break; sleep 0.1; done
dwht --lock-timeout 300ms --data "$ETL_MINI" -c stage >"$T_TMP/out" 2>"$T_TMP/err" &
staging=$!
for _ in $(seq 150); do kill -0 $staging 2>/dev/null || break; sleep 0.1; done
if kill -0 $staging 2>/dev/null; then
	t_fail "--lock-timeout on the second connection: stage gave up within 15 s" "$(cat "$T_TMP/err")"
	kill -INT $staging
fi
wait $staging; rc=$?
t_eq "--lock-timeout on the second connection: exit 1" "$rc" 1
t_has "--lock-timeout on the second connection: says why" "$(cat "$T_TMP/err")" "canceling statement due to lock timeout"
sqlv "SELECT pg_terminate_backend($held)" >/dev/null; wait $holder 2>/dev/null
t_eq "--lock-timeout on the second connection: both as they were" "$(both)" "SONG-BEFORE/EVENT-BEFORE"

# a crash between the two PREPAREs and between PREPARE and COMMIT PREPARED: the orphans of a
# dwh that is gone (pid 0 has no backend) are finished by the next connection, by the rule
# "committed when the second part was prepared"
markers
sqlv "BEGIN; INSERT INTO staging_songs (song_id) VALUES ('HALF'); PREPARE TRANSACTION 'dwh:pair:0:1:1'" >/dev/null
sqlv "BEGIN; INSERT INTO staging_songs (song_id) VALUES ('WHOLE'); PREPARE TRANSACTION 'dwh:pair:0:2:1'" >/dev/null
sqlv "BEGIN; INSERT INTO staging_events (artist) VALUES ('WHOLE'); PREPARE TRANSACTION 'dwh:pair:0:2:2'" >/dev/null
# a pair whose dwh is still running (its backend lives) is not touched
psql -X -q -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "SET application_name = 't_live'" -c 'SELECT pg_sleep(60)' >/dev/null 2>&1 &
sleeper=$!
live_pid() { live=$(sqlv "SELECT pid FROM pg_stat_activity WHERE application_name = 't_live' AND datname = current_database()"); [ -n "$live" ]; }
wait_for 10 live_pid
sqlv "BEGIN; INSERT INTO staging_songs (song_id) VALUES ('LIVE'); PREPARE TRANSACTION 'dwh:pair:$live:9:1'" >/dev/null
out=$(dwht -c 'counts' 2>&1)
t_has "recovery says it rolled back the half pair" "$out" "rolled back an interrupted stage left half-committed (dwh:pair:0:1:1)"
t_has "recovery says it finished the whole pair" "$out" "finished an interrupted stage left half-committed (dwh:pair:0:2:2)"
t_eq "half pair rolled back, whole pair committed" "$(both)" "SONG-BEFORE,WHOLE/EVENT-BEFORE,WHOLE"
t_eq "a running dwh's pair is left alone" "$(sqlv "SELECT string_agg(gid, ' ') FROM pg_prepared_xacts WHERE database = current_database()")" "dwh:pair:$live:9:1"
sqlv "ROLLBACK PREPARED 'dwh:pair:$live:9:1'" >/dev/null
kill $sleeper 2>/dev/null; wait $sleeper 2>/dev/null

# a server without prepared transactions (not dwh's own): one connection, same guarantees
priv_start -c max_prepared_transactions=0 || { t_fail "private server did not start"; exit 0; }
t_eq "private server has no prepared transactions" "$(psql -X -A -t -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d postgres -c 'SHOW max_prepared_transactions')" 0
pair_cases serial
priv_stop
