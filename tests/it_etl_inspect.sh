#!/usr/bin/env bash
# it_etl_inspect.sh — looking at the warehouse: `show sql` prints the stage's file exactly,
# `explain` the server's plan, `schema` the star drawn from the live catalog.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

t_newdb
dwht -c create >/dev/null
etl_stage "$ETL_MINI"

# stmts_sent FROM: the statements the server's statement log holds since byte FROM, as
# sql_stmts gives them (a statement's lines joined); the run log's and the pipeline lock's own
# queries, SELECTs and the snapshot's partition, are not the stage's.
stmts_sent() {
	t_server_log "$1" | perl -ne 'if (/^\d{4}-\d\d-\d\d .*?LOG:  statement: (.*)/s) { print "\n;\n" if $n++; print $1 }
		elsif (!/^\d{4}-\d\d-\d\d /) { print if $n } else { print "\n;\n" if $n; $n = 0 } END { print "\n;\n" if $n }' |
		sql_stmts | grep -v -e '^SELECT ' -e '^\(CREATE UNLOGGED\|DROP\) TABLE "dwh_snap_' -e '^COPY "dwh_snap_'
}
# `show sql STAGE` is what the stage sends: every statement it shows is in the server's
# statement log of a real run, in the same order, and nothing else is sent. A load: its file,
# and for songplays and users what it keeps for its merges before the COMMIT (the play keys,
# track_X.sql); a stage: its TRUNCATE and COPY. (A backend logs a statement before it runs it:
# by now all are there; look again anyway.)
sqlv "ALTER DATABASE \"$T_DB\" SET log_statement = 'all'" >/dev/null
for st in "load songplays" "load users" "load songs" "load artists" "load time" "stage songs" "stage events"; do
	dwht -c "show sql $st" | sql_stmts > "$T_TMP/shown"
	log_at=$(stat -c %s "$T_PGDIR/server.log")
	dwht --data "$ETL_MINI" -c "$st" >/dev/null || t_fail "$st with the statement log on"
	sent() { stmts_sent "$log_at" > "$T_TMP/sent"; cmp -s "$T_TMP/sent" "$T_TMP/shown"; }
	wait_for 5 sent
	t_eq "show sql $st is what it sends" "$(cat "$T_TMP/sent")" "$(cat "$T_TMP/shown")"
done
t_has "show sql load songplays: the play keys swapped in, then the COMMIT" \
	"$(dwht -c 'show sql load songplays' | grep -v -e '^--' -e '^$' | tail -n 2)" "ALTER INDEX dwh_play_keys_next_ts RENAME TO dwh_play_keys_ts;
COMMIT;"
t_has "show sql load songs: the run log's row, said" "$(dwht -c 'show sql load songs')" "dwh writes the run's row in dwh_runs"
t_has "show sql stage events on PostgreSQL" "$(dwht -c 'show sql stage events')" "COPY staging_events (artist, auth"
sqlv "ALTER DATABASE \"$T_DB\" RESET log_statement" >/dev/null
t_has "show sql create" "$(dwht -c 'show sql create')" "CREATE UNLOGGED TABLE IF NOT EXISTS staging_events"
out=$(dwht -c 'show sql' 2>&1); rc=$?
t_eq "show sql without a stage fails" "$rc" 1

plays=$(sqlv "SELECT count(*) FROM songplays")   # (loaded above)
out=$(dwht -c 'explain load songplays' 2>&1); rc=$?
t_eq "explain exit 0" "$rc" 0
t_has "explain shows the insert" "$out" "Insert on songplays"
t_has "the match is a hash join" "$out" "Hash Left Join"
t_eq "explain changed nothing" "$(sqlv "SELECT count(*) FROM songplays")" "$plays"
t_has "explain of a COPY stage" "$(dwht -c 'explain stage events')" "does not plan"

dwht -c 'load all' >/dev/null
out=$(dwht -c schema 2>&1); rc=$?
t_eq "schema exit 0" "$rc" 0
t_has "fact in the picture" "$out" "| songplays (fact)  6 rows"
t_has "join column to users" "$out" "| FK user_id     text      -> users"
t_has "join column to time" "$out" "FK start_time  timestamp -> time"
t_has "dimension key" "$out" "| PK user_id    text"
for d in "users  4 rows" "songs  6 rows" "artists  5 rows" "time  5 rows"; do
	t_has "dimension drawn: $d" "$out" "| $d"
done
# the fact sits between its left and right dimensions on the same lines
t_has "time, fact and songs side by side" "$out" "| time  5 rows"
t_eq "fact row links left and right" "$(printf '%s\n' "$out" | grep -c -- '-----| songplays (fact)  6 rows.*|-----| songs')" 1
t_has "legend" "$out" "PK primary key"
