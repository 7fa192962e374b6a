#!/usr/bin/env bash
# it_etl_inspect.sh — looking at the warehouse: `show sql` prints the stage's file exactly,
# `explain` the server's plan, `schema` the star drawn from the live catalog.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

t_newdb
dwht -c create >/dev/null
etl_stage "$ETL_MINI"

for st in songplays users songs artists time; do
	dwht -c "show sql load $st" > "$T_TMP/show.sql"
	if cmp -s "$T_TMP/show.sql" "$T_ROOT/sql/postgres/load_$st.sql"; then t_pass "show sql load $st is the file"
	else t_fail "show sql load $st is the file" "$(diff "$T_TMP/show.sql" "$T_ROOT/sql/postgres/load_$st.sql" | head -5)"; fi
done
t_has "show sql stage events on PostgreSQL" "$(dwht -c 'show sql stage events')" "COPY staging_events (artist, auth"
# what `show sql stage` prints is what the stage sends: every statement it shows is in the
# server's statement log of a real stage, in the same order, and nothing else is sent
sqlv "ALTER DATABASE \"$T_DB\" SET log_statement = 'all'" >/dev/null
for w in songs events; do
	dwht -c "show sql stage $w" | grep -v '^--' > "$T_TMP/shown"
	log_at=$(stat -c %s "$T_PGDIR/server.log")
	dwht --data "$ETL_MINI" -c "stage $w" >/dev/null || t_fail "stage $w with the statement log on"
	# (a backend logs a statement before it runs it: by now all are there; look again anyway)
	# (the run log's bookkeeping is not the stage's: its rows go as "execute" lines, its
	# snapshot's partition as a statement, left out here)
	sent() { t_server_log "$log_at" | sed -n 's/.*LOG:  statement: //p' | grep -v '^SELECT ' |
		grep -v -e '^CREATE UNLOGGED TABLE "dwh_snap_rows_run_[0-9]*" PARTITION OF "dwh_snap_rows" ' -e '^DROP TABLE "dwh_snap_rows_run_[0-9]*"$' > "$T_TMP/sent"
		[ "$(cat "$T_TMP/sent")" = "$(sed 's/;$//' "$T_TMP/shown")" ]; }
	wait_for 5 sent
	t_eq "show sql stage $w is what the stage sends" "$(cat "$T_TMP/sent")" "$(sed 's/;$//' "$T_TMP/shown")"
done
sqlv "ALTER DATABASE \"$T_DB\" RESET log_statement" >/dev/null
t_has "show sql create" "$(dwht -c 'show sql create')" "CREATE UNLOGGED TABLE IF NOT EXISTS staging_events"
out=$(dwht -c 'show sql' 2>&1); rc=$?
t_eq "show sql without a stage fails" "$rc" 1

out=$(dwht -c 'explain load songplays' 2>&1); rc=$?
t_eq "explain exit 0" "$rc" 0
t_has "explain shows the insert" "$out" "Insert on songplays"
t_has "the match is a hash join" "$out" "Hash Left Join"
t_eq "explain changed nothing" "$(sqlv "SELECT count(*) FROM songplays")" 0
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
