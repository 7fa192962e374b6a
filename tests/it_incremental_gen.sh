#!/usr/bin/env bash
# it_incremental_gen.sh — the day-by-day figures on generated data, whose expected.json says
# the answer: `dwh gen`'s 30 day files loaded one at a time (`stage events --new FILE` +
# `load all --incremental`) in shuffled order, an early day loaded last (a late file) and one
# day twice, give expected.json's figures and exactly the rows of one full `run`. The data has
# users who change level on a later day (gen switches some from free to paid mid-month), so
# the users' levels only come out right if each user's latest event wins across days. Also, on
# generated data (the scratch copy of tests/mutate.sh has no sample): a touched file is not
# new, a changed one is left out unless --changed.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

gen="$T_TMP/gen"
t_rc "gen" 0 "$DWH" gen "$gen" --events 6000 --songs 300 --seed 5
expected=$(gen_figures "$gen")
t_eq "expected.json has every figure" "$(echo $expected | wc -w)" 7

digest() {
	sqlv "SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
	        SELECT 'p' || row(start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)::text AS x FROM songplays
	        UNION ALL SELECT 'u' || row(u.*)::text FROM users u
	        UNION ALL SELECT 's' || row(s.*)::text FROM songs s
	        UNION ALL SELECT 'a' || row(a.*)::text FROM artists a
	        UNION ALL SELECT 't' || row(t.*)::text FROM time t) z"
}

t_newdb "${T_NAME}_full"
t_rc "full run" 0 dwht --data "$gen" -c run
t_eq "full run gives expected.json" "$(etl_figures)" "$expected"
full=$(digest)
# the data exercises the rule: users free on one day and paid on a later one
switched=$(sqlv "SELECT count(*) FROM (SELECT user_id FROM staging_events WHERE length(user_id) > 0
                 GROUP BY user_id HAVING min(CASE WHEN level = 'free' THEN ts END)
                                       < max(CASE WHEN level = 'paid' THEN ts END)
                    AND min(CASE WHEN level = 'free' THEN ts END) / 86400000
                      < max(CASE WHEN level = 'paid' THEN ts END) / 86400000) u")
[ "${switched:-0}" -gt 0 ] && t_pass "gen has users who change level on a later day ($switched)" \
	|| t_fail "gen has users who change level on a later day" "$switched"

t_newdb "${T_NAME}_days"
t_rc "create, stage songs" 0 dwht -c create -c "stage songs $gen/song_data"
days=$(ls "$gen"/log_data/*/*/*.json | grep -v -- '-11-02-' | shuf --random-source=<(yes 5))
late=$(ls "$gen"/log_data/*/*/*-11-02-events.json)
order="$days $(echo "$days" | sed -n 7p) $late"
n=0
for f in $order; do
	dwht -c "stage events --new $f" -c 'load all --incremental' >"$T_TMP/day.out" 2>&1 \
		|| { t_fail "day $f" "$(tail -5 "$T_TMP/day.out")"; break; }
	n=$((n + 1))
done
t_eq "31 incremental runs" "$n" 31
t_eq "day by day (2 Nov last) gives expected.json" "$(etl_figures)" "$expected"
t_eq "and the very rows of the full run" "$(digest)" "$full"
t_eq "ids 1..N" "$(sqlv 'SELECT count(*) = max(songplay_id) AND count(DISTINCT songplay_id) = count(*) FROM songplays')" t

# run --new with a new day: the generated 30 days as a warehouse of 29 and one more
t_newdb "${T_NAME}_run"
mkdir -p "$T_TMP/feed/log_data" "$T_TMP/feed/song_data"
cp -r "$gen/song_data/." "$T_TMP/feed/song_data/"
for f in $(ls "$gen"/log_data/*/*/*.json | head -29); do cp "$f" "$T_TMP/feed/log_data/"; done
t_rc "run on 29 days" 0 dwht --data "$T_TMP/feed" -c run
cp "$(ls "$gen"/log_data/*/*/*.json | tail -1)" "$T_TMP/feed/log_data/"
t_rc "run --new takes the 30th" 0 dwht --data "$T_TMP/feed" -c 'run --new'
t_has "staging only the new day" "$(cat "$T_TMP/out")" "stage events: 1 new file (29 loaded before)"
t_eq "run --new gives expected.json" "$(etl_figures)" "$expected"
t_eq "and the rows of the full run" "$(digest)" "$full"

# a file only touched is not new; one whose content changed is named and left out, and
# --changed takes it again (staging only: the file is put back before the next warehouse)
f1=$(ls "$T_TMP"/feed/log_data/*.json | head -1)
cp -p "$f1" "$T_TMP/keep.json"
touch -d '2001-02-03 04:05:06' "$f1"
t_rc "stage events --new after a touch" 0 dwht -c 'stage events --new'
t_has "a touched file is not new" "$(cat "$T_TMP/out")" "stage events: 0 new files (30 loaded before)"
sed -n 1p "$T_TMP/keep.json" >> "$f1"
t_rc "stage events --new after a change" 0 dwht -c 'stage events --new'
t_has "a changed file is named" "$(cat "$T_TMP/out" "$T_TMP/err")" \
	"$(basename "$f1") changed since it was loaded; not loaded again (give --changed to load it)"
t_has "and left out" "$(cat "$T_TMP/out")" "stage events: 0 new files (29 loaded before, some changed)"
t_rc "stage events --changed" 0 dwht -c 'stage events --changed'
t_has "--changed takes it again" "$(cat "$T_TMP/out")" "stage events: 1 new file (29 loaded before)"
cp -p "$T_TMP/keep.json" "$f1"

# a late file for an early day after a full run: the run log's record of each user's event
# (track_users.sql) keeps the later days' levels; only a later event may replace a user's row
t_newdb "${T_NAME}_late"
mkdir -p "$T_TMP/late/log_data"
ln -s "$gen/song_data" "$T_TMP/late/song_data"
for f in $(ls "$gen"/log_data/*/*/*.json | grep -v -- '-11-02-'); do cp "$f" "$T_TMP/late/log_data/"; done
t_rc "run on every day but 2 Nov" 0 dwht --data "$T_TMP/late" -c run
cp "$late" "$T_TMP/late/log_data/"
t_rc "run --new takes 2 Nov late" 0 dwht --data "$T_TMP/late" -c 'run --new'
t_eq "... gives expected.json" "$(etl_figures)" "$expected"
t_eq "... and the rows of the full run" "$(digest)" "$full"

# step after a --new stage: the loads that read it are stale, and step merges them
t_newdb "${T_NAME}_step"
rm -f "$T_TMP/feed/log_data/$(basename "$(ls "$gen"/log_data/*/*/*.json | tail -1)")"
t_rc "run on 29 days again" 0 dwht --data "$T_TMP/feed" -c run
cp "$(ls "$gen"/log_data/*/*/*.json | tail -1)" "$T_TMP/feed/log_data/"
t_rc "stage events --new" 0 dwht -c 'stage events --new'
t_has "from the remembered input" "$(cat "$T_TMP/out")" "stage events: 1 new file (29 loaded before)"
for want in "step 4/8: load songplays --incremental — stale: stage events ran after it" \
	    "step 5/8: load users --incremental — stale: stage events ran after it" \
	    "step 8/8: load time --incremental — stale: load songplays ran after it"; do
	out=$(dwht -c step 2>&1)
	t_has "step: ${want%% —*}" "$out" "$want"
done
t_has "then nothing is due" "$(dwht -c step 2>&1)" "every stage has run"
t_eq "stepping gives expected.json" "$(etl_figures)" "$expected"
t_eq "and the rows of the full run" "$(digest)" "$full"
