#!/usr/bin/env bash
# it_diff_redshift.sh — `diff` on Redshift, on the stand-in of it_redshift_standin.sh (a private
# PostgreSQL that answers as Redshift, has its system views, and whose log is checked by
# tests/lib/rs_check.pl against what a cluster rejects): the loads take their snapshots with
# sql/redshift/snapshot_*.sql inside their locked transaction, `diff load users` names the user
# who went from free to paid, and every statement sent is one a cluster accepts.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/lib/private_pg.sh"
. "$T_ROOT/tests/data/etl/lib.sh"
. "$T_ROOT/tests/lib/rs_standin.sh"

CHECK="$T_ROOT/tests/lib/rs_check.pl"
# the warehouse made and staged as PostgreSQL, then Redshift (tests/lib/rs_standin.sh)
rs_standin_start dwh_rs_diff
t_has "the server answers as Redshift" "$(sqlu 'SELECT version()')" "Redshift 1.0"

log=$T_PGDIR/server.log
off=$(stat -c %s "$log")
t_rc "load all (Redshift's SQL)" 0 dwhu -c 'load all'
t_rc "one run: diff refuses" 1 dwhu -c 'diff load users'
t_has "... saying why" "$(cat "$T_TMP/err")" "only one run has kept a snapshot"
# the day user 11 upgrades, as staging would hold it
sqlu "UPDATE staging_events SET level = 'paid' WHERE user_id = '11'" >/dev/null
t_rc "load all again" 0 dwhu -c 'load all'
out=$(dwhu -c 'diff load users' 2>&1); rc=$?
t_eq "diff load users on Redshift (exit)" "$rc" 0
t_has "the upgraded user named" "$out" "changed | 11      | level: free → paid"
t_has "counted" "$out" "diff load users: 0 users added, 0 removed, 1 changed"
out=$(dwhu -c 'diff load songplays' 2>&1)
t_has "songplays per user-day: the plays' level changed" "$out" "0 user-days added, 0 removed, 1 changed"
t_has "diff load time on Redshift" "$(dwhu -c 'diff load time' 2>&1)" "diff load time: 0 days added, 0 removed, 0 changed"
t_has "diff load songs on Redshift" "$(dwhu -c 'diff load songs' 2>&1)" "diff load songs: 0 songs added, 0 removed, 0 changed"
t_has "diff load artists on Redshift" "$(dwhu -c 'diff load artists' 2>&1)" "0 artists added, 0 removed, 0 changed"
t_rc "a third run" 0 dwhu -c 'load users'
t_eq "two snapshots kept" "$(sqlu "SELECT count(DISTINCT run_id) FROM dwh_snap_rows WHERE run_id IN (SELECT run_id FROM dwh_runs WHERE stage = 'load users')")" 2

# incrementally (sql/redshift/snapshot_songplays_new.sql, snapshot_time_new.sql, and the copy of
# a snapshot that did not change): a play on a day of its own, then that play staged twice
newday="INSERT INTO staging_events SELECT * FROM staging_events WHERE ts = (SELECT max(ts) FROM staging_events WHERE page = 'NextSong' AND user_id IS NOT NULL) AND page = 'NextSong'"
sqlu "DELETE FROM staging_events WHERE page = 'NextSong' AND ts < (SELECT max(ts) FROM staging_events WHERE page = 'NextSong') - 3600000" >/dev/null
sqlu "UPDATE staging_events SET ts = ts + CAST(30 AS BIGINT) * 86400000 WHERE page = 'NextSong'" >/dev/null
staged() {	# the run log's row of a `stage events --new` that left staging as it is now
	local n now; n=$(sqlu "SELECT count(*) FROM staging_events"); now=$(date -u '+%Y-%m-%d %H:%M:%S.%6N+00')
	sqlu "INSERT INTO dwh_runs (stage, started, finished, status, mode, rows, files, table_rows, duration, dwh_version) VALUES ('stage events', '$now', '$now', 'done', 'new', $n, 1, $n, 0, 'test')" >/dev/null
}
staged
t_rc "an incremental load of a new day" 0 dwhu -c 'load all --incremental'
t_eq "... that appended plays" "$(sqlu "SELECT mode || ' ' || CAST(rows_new > 0 AS text) FROM dwh_runs WHERE stage = 'load songplays' ORDER BY finished DESC LIMIT 1")" "incremental true"
plays=$(sqlu "SELECT count(DISTINCT user_id) FROM staging_events WHERE page = 'NextSong' AND user_id IS NOT NULL")
t_has "Redshift, incremental: the new day's user-days added, nothing else" "$(dwhu -c 'diff load songplays' 2>&1)" "diff load songplays: $plays user-day$([ "$plays" = 1 ] || echo s) added, 0 removed, 0 changed"
t_has "Redshift, incremental: time's day added" "$(dwhu -c 'diff load time' 2>&1)" "diff load time: 1 day added, 0 removed, 0 changed"
sqlu "$newday" >/dev/null
staged
t_rc "an incremental load that finds nothing new" 0 dwhu -c 'load all --incremental'
t_eq "... and adds nothing" "$(sqlu "SELECT mode || ' ' || rows_new FROM dwh_runs WHERE stage = 'load songplays' ORDER BY finished DESC LIMIT 1")" "incremental 0"
t_has "Redshift, nothing changed: songplays 0/0/0" "$(dwhu -c 'diff load songplays' 2>&1)" "diff load songplays: 0 user-days added, 0 removed, 0 changed"
t_has "Redshift, nothing changed: time 0/0/0" "$(dwhu -c 'diff load time' 2>&1)" "diff load time: 0 days added, 0 removed, 0 changed"
t_has "Redshift, nothing changed: users 0/0/0" "$(dwhu -c 'diff load users' 2>&1)" "diff load users: 0 users added, 0 removed, 0 changed"
t_has "... the incremental snapshot is Redshift's SQL" "$(tail -c +"$((off + 1))" "$log")" "snapshot_songplays_new"

# every statement dwh sent, checked (the server writes its log asynchronously: a marker)
mark="rs_diff_mark_$RANDOM$RANDOM"; sqlu "SELECT '$mark'" >/dev/null
end=$((SECONDS + 10)); until grep -q "$mark" "$log"; do [ $SECONDS -lt $end ] || break; sleep 0.1; done
sent=$(tail -c +"$((off + 1))" "$log" | perl "$CHECK" "$T_DB" --dump | tr '\036' '\n')
t_has "the snapshot is Redshift's SQL" "$sent" "TRANSLATE(LEFT(MD5("
t_has "the diff is Redshift's SQL" "$sent" "(o.level <> n.level OR (o.level IS NULL) <> (n.level IS NULL))"
tail -c +"$((off + 1))" "$log" | perl "$CHECK" "$T_DB" >"$T_TMP/violations"; rc=$?
t_eq "every statement is one a cluster accepts (exit)" "$rc" 0
[ "$rc" = 0 ] || t_fail "violations" "$(head -c 3000 "$T_TMP/violations")"
