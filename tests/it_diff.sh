#!/usr/bin/env bash
# it_diff.sh — `diff STAGE`: what the last run of a stage changed, from the snapshots each
# successful run keeps (dwh_snapshots, dwh_snap_rows, dwh_snap_days). A day where a user upgrades, loaded in full
# and then incrementally, names that user "level: free → paid"; a new user is added, a day
# taken away removes one; songplays and time per day, staging per file. Fewer than two runs is
# said; a rolled-back run keeps no snapshot; two runs per stage are kept.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

# A data set of our own: the mini set, a day added to it below.
data=$T_TMP/data
mkdir -p "$data"
cp -r "$ETL_MINI/song_data" "$ETL_MINI/log_data" "$data/"
ev() {	# ev USER FIRST LAST GENDER LEVEL TS SESSION: one NextSong log line
	printf '{"artist":"Nobody","auth":"Logged In","firstName":"%s","gender":"%s","itemInSession":0,"lastName":"%s","length":123.0,"level":"%s","location":"Springfield, IL","method":"PUT","page":"NextSong","registration":1540919166796.0,"sessionId":%s,"song":"Unknown","status":200,"ts":%s,"userAgent":"Mozilla","userId":"%s"}\n' \
		"$2" "$4" "$3" "$5" "$7" "$6" "$1"
}

t_newdb
t_rc "no run yet: diff refuses" 1 dwht -c create -c 'diff load users'
t_has "... saying no run has kept a snapshot" "$(cat "$T_TMP/err")" "diff load users: no run has kept a snapshot yet"
t_rc "a first run" 0 dwht --data "$data" -c run
t_rc "one run: diff refuses" 1 dwht -c 'diff load users'
t_has "... saying a diff needs two runs" "$(cat "$T_TMP/err")" "only one run has kept a snapshot — a diff needs two runs"
t_rc "create keeps no snapshot: refused" 1 dwht -c 'diff create'
t_has "... saying why" "$(cat "$T_TMP/err")" "it makes tables, not rows"
free=$(sqlv "SELECT string_agg(user_id, ',') FROM users WHERE level = 'free'")
t_eq "the mini set's free users" "$free" 11,12

# a day on which user 11 upgrades and user 14 comes
day=$data/log_data/2018/11/2018-11-02-events.json
{ ev 11 Bob Stay M paid 1541170000000 7; ev 14 Dee Day F free 1541170100000 8; } > "$day"
t_rc "the day, a full run" 0 dwht --data "$data" -c run
out=$(dwht -c 'diff load users' 2>&1); rc=$?
t_eq "diff load users (exit)" "$rc" 0
t_has "counts named for what they count" "$out" "diff load users: 1 user added, 0 removed, 1 changed"
t_has "the upgraded user named, old → new" "$out" "changed | 11      | level: free → paid"
t_has "the new user with its values" "$out" "added   | 14      | first_name: Dee; last_name: Day; gender: F; level: free"
t_lacks "an unchanged user is not listed" "$out" "| 10 "
csv=$(dwht --csv -c 'diff users' | grep -v '^diff load users: ')
t_eq "as CSV: the rows alone" "$(printf '%s\n' "$csv" | sort)" \
	"$(printf '%s\n' 'added,14,first_name: Dee; last_name: Day; gender: F; level: free' 'change,user_id,values (a change: old → new)' 'changed,11,level: free → paid' | sort)"
out=$(dwht -c 'diff load songplays' 2>&1)
t_has "songplays: two user-days added" "$out" "diff load songplays: 2 user-days added, 0 removed, 0 changed"
t_has "... each with its plays" "$out" "plays: 1; matched: 0"
t_has "time: a day added" "$(dwht -c 'diff time' 2>&1)" "diff load time: 1 day added, 0 removed, 0 changed"
out=$(dwht -c 'diff stage events' 2>&1)
t_has "staging: the file added" "$out" "diff stage events: 1 file added, 0 removed, 0 changed"
t_has "... by its path" "$out" "2018-11-02-events.json"
t_has "songs did not change" "$(dwht -c 'diff load songs' 2>&1)" "diff load songs: 0 songs added, 0 removed, 0 changed"

# the next day, incrementally: user 12 (free since its last event) upgrades
day2=$T_TMP/2018-11-03-events.json
ev 12 Cy Down M paid 1541260000000 9 > "$day2"
t_rc "the next day, incrementally" 0 dwht -c "stage events --new $(dq "$day2")" -c 'load all --incremental'
out=$(dwht -c 'diff users' 2>&1)
t_has "incremental: the upgrade named" "$out" "changed | 12      | level: free → paid"
t_has "incremental: counted" "$out" "0 users added, 0 removed, 1 changed"
t_has "incremental: the user-day added" "$(dwht -c 'diff songplays' 2>&1)" "1 user-day added, 0 removed, 0 changed"

# a full run without the first day: user 14 removed, 11 back to free; two snapshots kept
rm -f "$day"
t_rc "a full run without the day" 0 dwht --data "$data" -c run
out=$(dwht -c 'diff load users' 2>&1)
t_has "removed: the user of the day taken away" "$out" "removed | 14      | first_name: Dee"
t_has "... and 12, whose day was only staged incrementally" "$out" "0 users added, 1 removed, 2 changed"
t_has "11 back to free" "$out" "changed | 11      | level: paid → free"
snaps="SELECT count(DISTINCT run_id) FROM dwh_snap_rows WHERE run_id IN (SELECT run_id FROM dwh_runs WHERE stage = 'load users')"
t_eq "two snapshots kept per stage" "$(sqlv "$snaps") $(sqlv "SELECT count(*) FROM dwh_snapshots WHERE stage = 'load users'")" "2 2"
t_has "staging: files removed" "$(dwht -c 'diff stage events' 2>&1)" "0 files added, 2 removed, 0 changed"

# a rolled-back run keeps no snapshot (its dwh_runs row cannot be written: the load fails)
before=$(sqlv "SELECT string_agg(run_id::text, ',' ORDER BY run_id) FROM dwh_snapshots WHERE stage = 'load users'")
sqlv "ALTER TABLE dwh_runs ADD CONSTRAINT no_users CHECK (stage <> 'load users' OR status <> 'done') NOT VALID" >/dev/null
t_rc "a load that fails" 1 dwht -c 'load users'
sqlv "ALTER TABLE dwh_runs DROP CONSTRAINT no_users" >/dev/null
t_eq "the failed run left no snapshot" "$(sqlv "SELECT string_agg(run_id::text, ',' ORDER BY run_id) FROM dwh_snapshots WHERE stage = 'load users'")" "$before"
t_eq "... nor rows" "$(sqlv "$snaps")" 2
# a failed snapshot fails its run: it is part of the run's transaction
sqlv "ALTER TABLE dwh_snap_rows ADD CONSTRAINT no_snap CHECK (key <> '10') NOT VALID" >/dev/null
t_rc "a load whose snapshot fails, fails" 1 dwht -c 'load users'
sqlv "ALTER TABLE dwh_snap_rows DROP CONSTRAINT no_snap" >/dev/null
t_eq "... logged as failed" "$(sqlv "SELECT status FROM dwh_runs WHERE stage = 'load users' ORDER BY run_id DESC LIMIT 1")" failed

# a play changed in place, its count and match the same: only the digest tells — user 10's plays
# upgraded (each of its user-days changed, no other), then a start time moved by a millisecond
# (its day of time changed)
sqlv "UPDATE staging_events SET level = 'paid' WHERE user_id = '10'" >/dev/null
days10=$(sqlv "SELECT count(DISTINCT CAST(start_time AS date)) FROM songplays WHERE user_id = '10'")
t_rc "songplays loaded again" 0 dwht -c 'load songplays'
out=$(dwht -c 'diff load songplays' 2>&1)
t_has "a play's level changed: user 10's user-days changed, no other" "$out" "0 user-days added, 0 removed, $days10 changed"
t_has "... told by the digest" "$out" "the same figures, other rows (their digest differs)"
t_eq "... each of them user 10's" "$(dwht --csv -c 'diff load songplays' | grep -c '^changed,[^,]*,10,')" "$days10"
sqlv "UPDATE staging_events SET ts = ts + 1 WHERE ts = (SELECT min(ts) FROM staging_events WHERE page = 'NextSong' AND user_id IS NOT NULL)" >/dev/null
t_rc "songplays and time loaded again" 0 dwht -c 'load songplays' -c 'load time'
t_has "a start time moved: its day changed" "$(dwht -c 'diff load time' 2>&1)" "diff load time: 0 days added, 0 removed, 1 changed"
t_eq "the snapshots are unlogged (no WAL; a crash empties them all), in partitioned tables" \
	"$(sqlv "SELECT string_agg(relname || ':' || CAST(relpersistence AS text) || ':' || CAST(relkind AS text), ' ' ORDER BY relname) FROM pg_class WHERE relname IN ('dwh_snapshots', 'dwh_snap_rows', 'dwh_snap_days')")" \
	"dwh_snap_days:p:p dwh_snap_rows:p:p dwh_snapshots:u:r"
t_eq "... a partition per snapshot kept, each unlogged" \
	"$(sqlv "SELECT count(*) FILTER (WHERE c.relpersistence = 'u') || ' ' || count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent IN ('dwh_snap_rows'::regclass, 'dwh_snap_days'::regclass) AND c.relname LIKE '%\_run\_%'")" \
	"$(sqlv "SELECT count(*) || ' ' || count(*) FROM dwh_snapshots")"

# a log made before the snapshots gets them on the next run
sqlv "DROP TABLE dwh_snapshots, dwh_snap_rows, dwh_snap_days" >/dev/null
t_rc "a run on a log without snapshots" 0 dwht -c 'load users'
t_eq "the snapshot tables are made" "$(sqlv "SELECT count(*) FROM dwh_snapshots WHERE stage = 'load users'")" 1
t_rc "diff: one run again" 1 dwht -c 'diff load users'
latest() { sqlv "SELECT n.run_id FROM dwh_snapshots n JOIN dwh_runs r ON r.run_id = n.run_id WHERE n.stage = 'load $1' ORDER BY r.finished DESC, n.run_id DESC LIMIT 1"; }
# snapshots kept as an older dwh kept them (plain tables, run_id telling runs apart) are dropped
# for partitioned ones on the next run, with a word and no notices; a run's partition a crash
# left behind (emptied, no dwh_snapshots line) is dropped by the next run of any stage
sqlv "DROP TABLE dwh_snapshots, dwh_snap_rows, dwh_snap_days" >/dev/null
sqlv "CREATE UNLOGGED TABLE dwh_snapshots (run_id bigint NOT NULL, stage text NOT NULL, rows bigint NOT NULL, PRIMARY KEY (stage, run_id)); CREATE UNLOGGED TABLE dwh_snap_rows (run_id bigint NOT NULL, key text, c1 text, c2 text, c3 text, c4 text, n1 double precision, n2 double precision); CREATE UNLOGGED TABLE dwh_snap_days (run_id bigint NOT NULL, day date, user_id text, plays bigint, matched bigint, digest bigint)" >/dev/null
t_rc "a run on snapshots an older dwh kept" 0 dwht -c 'load users'
t_has "... says they are taken again" "$(cat "$T_TMP/out")" "diff's snapshots are kept in a new form"
t_lacks "... with no notice of what was already there" "$(cat "$T_TMP/err")" "already exists"
t_eq "... partitioned now, the run's snapshot in its own" "$(sqlv "SELECT relkind FROM pg_class WHERE relname = 'dwh_snap_rows'") $(sqlv "SELECT count(*) FROM dwh_snap_rows_run_$(latest users)")" "p $(sqlv "SELECT count(*) FROM users")"
sqlv "CREATE UNLOGGED TABLE dwh_snap_rows_run_0 PARTITION OF dwh_snap_rows FOR VALUES IN (0)" >/dev/null
t_rc "a run beside a partition no snapshot lists" 0 dwht -c 'load users'
t_eq "... drops it, and the run before the previous" "$(sqlv "SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'dwh_snap_rows'::regclass")" "$(sqlv "SELECT string_agg('dwh_snap_rows_run_' || run_id, ' ' ORDER BY 'dwh_snap_rows_run_' || run_id) FROM dwh_snapshots WHERE stage = 'load users'" | sed 's/^/dwh_snap_rows_any /')"
# an older dwh on this log: its snapshot rows (a run with no partition of its own) land in the
# default partition, and a run of this dwh keeps that partition
sqlv "INSERT INTO dwh_snap_rows (run_id, key) VALUES (987654, 'older')" >/dev/null && t_pass "an older dwh's snapshot row is taken" || t_fail "an older dwh's snapshot row is taken"
t_rc "a run beside it" 0 dwht -c 'load users'
t_eq "... keeps the older dwh's rows" "$(sqlv "SELECT count(*) FROM dwh_snap_rows_any WHERE key = 'older'")" 1

# quoting: a stage word with a quote is refused as no stage, never sent
t_rc "a stage name with a quote" 1 dwht -c "diff \"load users'\""
t_has "... as no such stage" "$(cat "$T_TMP/err")" "no such stage"

# An incremental run takes its snapshot from the previous one: a run that changed nothing copies
# it, an appended day recomputes the days it touched and copies the others. Either way the
# snapshot is the one a full pass would take (snapshot_same), and diff says just what changed.
snapshot_same() {	# snapshot_same NAME: rows of the stage's last snapshot that a full pass would not take
	local run full cols=day,user_id,plays,matched,digest
	[ "$1" = time ] && cols=day,plays,digest
	run=$(latest "$1")
	full="SELECT $cols FROM ($(sed 's/\$1/-7/' "$T_ROOT/sql/postgres/snapshot_$1.sql")) f"	# a SELECT (dwh COPYs its rows)
	sqlv "SELECT count(*) FROM (($full EXCEPT ALL SELECT $cols FROM dwh_snap_days WHERE run_id = $run) UNION ALL (SELECT $cols FROM dwh_snap_days WHERE run_id = $run EXCEPT ALL $full)) x"
}
lvl10=$(sqlv "SELECT level FROM users WHERE user_id = '10'")
ev 10 Al Ten M "$lvl10" 1541430000000 21 > "$data/log_data/2018/11/2018-11-05-events.json"
t_rc "a day, run --new (the songplays snapshot taken in full: none kept since the drop)" 0 dwht --data "$data" -c 'run --new'
dayb=$data/log_data/2018/11/2018-11-06-events.json
{ ev 10 Al Ten M "$lvl10" 1541500000000 22; ev 10 Al Ten M "$lvl10" 1541500100000 22; ev 15 Eve Fif F free 1541500200000 23; } > "$dayb"
t_rc "the next day, run --new" 0 dwht --data "$data" -c 'run --new'
t_eq "... an incremental load that added 3 plays" "$(sqlv "SELECT mode || ' ' || rows_new || ' ' || rows_changed || ' ' || rows_removed FROM dwh_runs WHERE stage = 'load songplays' ORDER BY run_id DESC LIMIT 1")" "incremental 3 0 0"
out=$(dwht -c 'diff load songplays' 2>&1)
t_has "run --new: the new day's user-days added, nothing else" "$out" "diff load songplays: 2 user-days added, 0 removed, 0 changed"
t_eq "... both of the new day" "$(dwht --csv -c 'diff load songplays' | grep -v '^diff ' | grep -v '^change,' | cut -d, -f1,2 | sort | uniq -c | tr -s ' ')" " 2 added,2018-11-06"
t_eq "... the snapshot is the one a full pass takes" "$(snapshot_same songplays)" 0
t_has "run --new: time's day added" "$(dwht -c 'diff load time' 2>&1)" "diff load time: 1 day added, 0 removed, 0 changed"
t_eq "... time's snapshot is the one a full pass takes" "$(snapshot_same time)" 0
# the same day staged again and loaded incrementally: nothing new, the snapshots copied (users'
# too, once the songs' and artists' snapshots, which a copy would scan, are gone: runlog.c's
# snapshot_cheaper)
sqlv "DELETE FROM dwh_snap_rows WHERE run_id IN (SELECT run_id FROM dwh_snapshots WHERE stage IN ('load songs', 'load artists', 'stage songs'))" >/dev/null
sqlv "DELETE FROM dwh_snapshots WHERE stage IN ('load songs', 'load artists', 'stage songs')" >/dev/null
t_rc "a run that changes nothing" 0 dwht -c "stage events $(dq "$dayb")" -c 'load all --incremental'
t_eq "... an incremental load that added nothing" "$(sqlv "SELECT mode || ' ' || rows_new || ' ' || rows_changed || ' ' || rows_removed FROM dwh_runs WHERE stage = 'load songplays' ORDER BY run_id DESC LIMIT 1")" "incremental 0 0 0"
t_has "changed nothing: songplays 0/0/0" "$(dwht -c 'diff load songplays' 2>&1)" "diff load songplays: 0 user-days added, 0 removed, 0 changed"
t_has "changed nothing: time 0/0/0" "$(dwht -c 'diff load time' 2>&1)" "diff load time: 0 days added, 0 removed, 0 changed"
t_has "changed nothing: users 0/0/0" "$(dwht -c 'diff load users' 2>&1)" "diff load users: 0 users added, 0 removed, 0 changed"
t_eq "... the copied snapshot is the one a full pass takes" "$(snapshot_same songplays) $(snapshot_same time)" "0 0"
