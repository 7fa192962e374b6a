#!/usr/bin/env bash
# it_etl_check.sh — `check` passes on good data and fails (exit 1) on hand-broken tables,
# naming the failed check with its figure.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

t_newdb
dwht -c create >/dev/null
etl_stage "$ETL_MINI"
dwht -c 'load all' >/dev/null

out=$(dwht -c check 2>&1); rc=$?
t_eq "check passes on good data" "$rc" 0
t_has "summary" "$out" "check: 29 passed, 0 failed"
t_has "figure of the match share" "$out" "3 of 6 (50.000%)"

# a play whose user is gone
sqlv "DELETE FROM users WHERE user_id = '11'" >/dev/null
out=$(dwht -c check 2>&1); rc=$?
t_eq "check fails on a missing user" "$rc" 1
t_eq "orphan play named with its figure" "$(printf '%s\n' "$out" | grep "every play's user in users" | tr -s ' ')" \
	" every play's user in users | 2 | FAIL"
t_has "users count disagrees" "$out" "3 != 4"
t_has "failure summary" "$out" "check: 3 of 29 checks failed"

# a duplicate key in a dimension (the constraint dropped by hand, as on Redshift)
dwht -c 'load users' >/dev/null
sqlv "ALTER TABLE time DROP CONSTRAINT time_pkey; INSERT INTO time SELECT * FROM time LIMIT 1" >/dev/null
out=$(dwht -c check 2>&1); rc=$?
t_eq "check fails on a duplicate key" "$rc" 1
t_has "duplicate named" "$(printf '%s\n' "$out" | grep "no duplicate start_time")" "FAIL"
dwht -c 'load time' >/dev/null
t_rc "load time repairs it" 0 dwht -c check

# a missing table fails rather than erroring out
sqlv "DROP TABLE artists" >/dev/null
out=$(dwht -c check 2>&1); rc=$?
t_eq "check fails on a missing table" "$rc" 1
t_has "missing table named" "$out" "artists is missing"

# a log line the log holds twice is two plays (songplays keeps both, as every engine would): a
# full load of it passes every check (the run log keeps a key for each play, as songplays
# holds both: `check` compares like with like; a key per event failed "songplays = plays")
dup=$T_TMP/dup; mkdir -p "$dup"
ln -s "$ETL_MINI/song_data" "$dup/song_data"
cp -r "$ETL_MINI/log_data" "$dup/"
first=$(find "$dup/log_data" -name '*.json' | sort | head -n1)
grep -m1 '"NextSong"' "$first" >> "$first"
dwht -c create >/dev/null
dwht --data "$dup" -c stage -c 'load all' >/dev/null || t_fail "a log with a line twice loads"
t_eq "... both copies are plays" "$(sqlv "SELECT count(*) - count(DISTINCT (start_time, user_id, session_id)) FROM songplays")" 1
out=$(dwht -c check 2>&1); rc=$?
t_eq "check passes on a log that holds a line twice" "$rc" 0
t_lacks "... no check failed" "$out" "FAIL"
