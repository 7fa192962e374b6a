#!/usr/bin/env bash
# it_incremental.sh — a new day of logs without a full reload: the sample's 30 log days loaded
# one day at a time (`stage events --new FILE` + `load all --incremental`), in shuffled order,
# one day twice and one day again under another name, give exactly the star tables of one full
# `run`: the same counts, the same users' levels, the same rows (songplay ids aside: a day loaded
# later is numbered later). Then `--new` on a directory, `--changed`, `--append`, and "nothing
# new" changing nothing. Needs ../shared's sample (skips without it); it_incremental_gen.sh
# covers the same ground on generated data.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

if ! have_sample; then
	t_skip "no udacity-sample beside the repo"
	exit 0
fi
S=$SHARED_SAMPLE

# every star table as one digest (songplays without its id)
digest() {
	sqlv "SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
	        SELECT 'p' || row(start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)::text AS x FROM songplays
	        UNION ALL SELECT 'u' || row(u.*)::text FROM users u
	        UNION ALL SELECT 's' || row(s.*)::text FROM songs s
	        UNION ALL SELECT 'a' || row(a.*)::text FROM artists a
	        UNION ALL SELECT 't' || row(t.*)::text FROM time t) z"
}

t_newdb "${T_NAME}_full"
t_rc "full run" 0 dwht --data "$S" -c run; cat "$T_TMP/err" >&2
full=$(digest)
t_eq "full figures" "$(etl_figures)" "$ETL_SAMPLE_FIGURES"

t_newdb "${T_NAME}_days"
t_rc "create, stage songs" 0 dwht -c create -c "stage songs $(dq "$S/song_data")"
dup="$T_TMP/late"; mkdir -p "$dup"
cp "$S/log_data/2018/11/2018-11-07-events.json" "$dup/2018-11-07-again.json"
# (one path a line: the clone's path, and so the sample's, may hold spaces)
mapfile -t days < <(printf '%s\n' "$S"/log_data/2018/11/*.json | shuf --random-source=<(yes 11))
order=("${days[@]}" "${days[2]}" "$dup/2018-11-07-again.json")
n=0; bad=0
for f in "${order[@]}"; do
	if ! dwht -c "stage events --new $(dq "$f")" -c 'load all --incremental' >"$T_TMP/day.out" 2>&1; then
		bad=1; t_fail "day $f" "$(tail -5 "$T_TMP/day.out")"; break
	fi
	n=$((n + 1))
done
t_eq "32 incremental days, none failed" "$n $bad" "32 0"
t_eq "figures day by day = full" "$(etl_figures)" "$ETL_SAMPLE_FIGURES"
t_eq "rows day by day = full (songplays, users and levels, songs, artists, time)" "$(digest)" "$full"
t_eq "songplay ids 1..N, none twice" "$(sqlv 'SELECT count(*) = max(songplay_id) AND count(DISTINCT songplay_id) = count(*) FROM songplays')" t
# (the day twice staged nothing new, so its loads had nothing to merge and did not run)
t_eq "the run log says incremental" "$(sqlv "SELECT count(*) FROM dwh_runs WHERE stage = 'load songplays' AND mode = 'incremental'")" 31
t_eq "songs merged once: staged once" "$(sqlv "SELECT count(*) FROM dwh_runs WHERE stage = 'load songs'")" 1

# the same file twice: 0 new files, exit 0, nothing changes
before=$(digest); ids=$(sqlv 'SELECT max(songplay_id) FROM songplays')
out=$(dwht -c "stage events --new $(dq "$S/log_data")" -c 'load all --incremental' 2>&1); rc=$?
t_eq "nothing new: exit 0" "$rc" 0
t_has "says 0 new files" "$out" "stage events: 0 new files (30 loaded before)"
t_has "and the loads that nothing to merge" "$out" "load songplays  nothing new in staging_events since its last run"
t_eq "nothing new changes nothing" "$(digest)" "$before"
t_eq "ids kept" "$(sqlv 'SELECT max(songplay_id) FROM songplays')" "$ids"

# ids already given never change when a day arrives
first=$(sqlv "SELECT songplay_id || ' ' || start_time || ' ' || user_id FROM songplays ORDER BY songplay_id LIMIT 1")
t_eq "first id still the same play" "$(sqlv "SELECT songplay_id || ' ' || start_time || ' ' || user_id FROM songplays ORDER BY songplay_id LIMIT 1")" "$first"

# a changed file is named and left out; --changed loads it again (its new event only)
cp "$S/log_data/2018/11/2018-11-30-events.json" "$dup/changing.json"
t_rc "a new file" 0 dwht -c "stage events --new $(dq "$dup/changing.json")" -c 'load all --incremental'
t_eq "its events were all loaded before" "$(sqlv 'SELECT count(*) FROM songplays')" 6820
sed -n 1p "$dup/changing.json" | sed 's/"ts":[0-9]*/"ts":1543622400000/; s/"itemInSession":[0-9]*/"itemInSession":999/; s/"page":"[A-Za-z ]*"/"page":"NextSong"/' > "$T_TMP/extra"
cat "$T_TMP/extra" >> "$dup/changing.json"
out=$(dwht -c "stage events --new $(dq "$dup/changing.json")" 2>&1)
t_has "the changed file is named" "$out" "changing.json changed since it was loaded; not loaded again (give --changed to load it)"
out=$(dwht -c "stage events --changed $(dq "$dup/changing.json")" -c 'load all --incremental' 2>&1)
t_has "--changed loads it" "$out" "stage events: 1 new file"
t_eq "only the new event became a play" "$(sqlv 'SELECT count(*) FROM songplays')" 6821
t_eq "numbered after the max" "$(sqlv "SELECT songplay_id FROM songplays WHERE start_time = TIMESTAMP '2018-12-01 00:00:00'")" 6821

# --append keeps what staging holds
t_rc "stage events (full) of one day" 0 dwht -c "stage events $(dq "$S/log_data/2018/11/2018-11-01-events.json")"
one=$(sqlv 'SELECT count(*) FROM staging_events')
t_rc "--append another" 0 dwht -c "stage events --append $(dq "$S/log_data/2018/11/2018-11-02-events.json")"
two=$(wc -l < "$S/log_data/2018/11/2018-11-02-events.json")
t_eq "staging holds both days" "$(sqlv 'SELECT count(*) FROM staging_events')" "$((one + two + 1))"
t_eq "--append is logged" "$(sqlv "SELECT mode FROM dwh_runs WHERE stage = 'stage events' ORDER BY run_id DESC LIMIT 1")" append

# a full reload stays exactly as it was
t_rc "full run again" 0 dwht --data "$S" -c run
t_eq "full rebuild = the full run" "$(digest)" "$full"
t_eq "ids 1..N again" "$(sqlv "SELECT min(songplay_id) || ' ' || max(songplay_id) FROM songplays")" "1 6820"
# and after it, --new knows every file (the full stage recorded them)
out=$(dwht -c 'stage events --new' 2>&1)
t_has "after a full stage, nothing is new" "$out" "0 new files (30 loaded before)"
# the record as an older dwh kept it (one plain dwh_files) is moved into the partitioned one,
# row for row, by the next stage: --new still knows every file
record() { sqlv "SELECT count(*) || ' ' || count(DISTINCT stage) || ' ' || sum(rows) FROM dwh_files"; }
rec=$(record)
sqlv "CREATE TABLE t_files AS SELECT * FROM dwh_files; DROP TABLE dwh_files;
      CREATE TABLE dwh_files (stage text NOT NULL, path text NOT NULL, size bigint NOT NULL, mtime timestamptz NOT NULL,
        checksum text NOT NULL, rows bigint, loaded timestamptz NOT NULL DEFAULT now(), run_id bigint, PRIMARY KEY (stage, path));
      INSERT INTO dwh_files SELECT * FROM t_files; DROP TABLE t_files" >/dev/null
out=$(dwht -c 'stage events --new' 2>&1)
t_has "an older dwh's record: nothing is new" "$out" "0 new files (30 loaded before)"
t_eq "... moved into a partition per stage, row for row" "$(sqlv "SELECT relkind FROM pg_class WHERE relname = 'dwh_files'") $(record) $(sqlv "SELECT count(*) FROM dwh_files_songs") $(sqlv "SELECT count(*) FROM dwh_files_events")" \
	"p $rec $(sqlv "SELECT count(*) FROM dwh_files WHERE stage = 'stage songs'") 30"
t_lacks "... without a notice" "$out" "NOTICE"

# run --new: the daily case in one command
t_rc "run --new (nothing new)" 0 dwht -c 'run --new'
t_eq "run --new changes nothing" "$(digest)" "$full"
