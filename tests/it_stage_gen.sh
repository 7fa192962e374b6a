#!/usr/bin/env bash
# it_stage_gen.sh — `dwh gen` data stages to the figures its expected.json gives; gen is
# deterministic for a seed.
rm -rf "$T_TMP"   # (lib.sh again makes a T_TMP of its own and its trap forgets this one)
. "$(dirname "$0")/lib/lib.sh"

exp() { sed -n "s/^[[:space:]]*\"$2\":[[:space:]]*\([0-9]*\),\{0,1\}$/\1/p" "$1/expected.json"; }

t_newdb
g="$T_TMP/gen"
t_rc "gen exits 0" 0 dwht gen "$g" --songs 300 --events 20000 --users 50 --seed 7
t_has "gen summary" "$(cat "$T_TMP/out")" "wrote 300 songs"
t_eq "30 day files" "$(find "$g/log_data" -name '*-events.json' | wc -l)" 30
t_eq "song files partitioned by track id letters 3-5" \
	"$(find "$g/song_data" -name '*.json' | awk -F/ '{ f=$NF; d=$(NF-3) $(NF-2) $(NF-1); if (substr(f,3,3) != d) bad++ } END { print bad+0 }')" 0
out=$(dwht --data "$g" -c create -c stage 2>&1)
t_eq "stage exits 0" "$?" 0
t_eq "staging_events = expected" "$(sqlv 'SELECT count(*) FROM staging_events')" "$(exp "$g" staging_events)"
t_eq "staging_songs = expected" "$(sqlv 'SELECT count(*) FROM staging_songs')" "$(exp "$g" staging_songs)"
t_eq "NextSong events = expected songplays" "$(sqlv "SELECT count(*) FROM staging_events WHERE page = 'NextSong'")" "$(exp "$g" songplays)"
t_eq "distinct play times = expected time" "$(sqlv "SELECT count(DISTINCT ts) FROM staging_events WHERE page = 'NextSong'")" "$(exp "$g" time)"
t_eq "users = expected" "$(sqlv "SELECT count(DISTINCT user_id) FROM staging_events WHERE user_id <> ''")" "$(exp "$g" users)"
t_eq "artists = expected" "$(sqlv "SELECT count(DISTINCT artist_id) FROM staging_songs")" "$(exp "$g" artists)"
t_eq "matched plays = expected" "$(sqlv "SELECT count(*) FROM staging_events e WHERE page = 'NextSong' AND EXISTS (SELECT 1 FROM staging_songs s WHERE s.title = e.song AND s.artist_name = e.artist AND s.duration = e.length)")" "$(exp "$g" songplays_matched)"
t_eq "paid users = expected" "$(sqlv "SELECT count(*) FROM (SELECT DISTINCT ON (user_id) level FROM staging_events WHERE user_id <> '' ORDER BY user_id, ts DESC) u WHERE level = 'paid'")" "$(exp "$g" users_paid)"
t_eq "artists spelled two ways" "$(sqlv "SELECT count(*) > 0 FROM (SELECT artist_id FROM staging_songs GROUP BY 1 HAVING count(DISTINCT artist_name) > 1) a")" t
t_eq "two songs share title, artist and duration" "$(sqlv "SELECT count(*) FROM (SELECT 1 FROM staging_songs GROUP BY title, artist_name, duration HAVING count(*) > 1) d")" 1
t_eq "unicode, quotes and backslashes survive" "$(sqlv "SELECT count(*) FROM staging_songs WHERE title IN ('Fire 🔥 Ballad', 'Say \"Hello\" \\ Goodbye', 'Café Noir — Été')")" 3
t_eq "number artist_name kept as text" "$(sqlv "SELECT count(*) > 0 FROM staging_songs WHERE artist_name = '112'")" t
t_eq "free to paid users" "$(sqlv "SELECT count(*) > 0 FROM (SELECT user_id FROM staging_events WHERE user_id <> '' GROUP BY 1 HAVING count(DISTINCT level) > 1) u")" t

# two files of 20 MB and 40,000 rows each: their dwh_files rows are whole (the number fields
# once had room for fewer digits, and a row ran into the next)
mkdir -p "$T_TMP/two-days"
for _ in 1 2; do for f in "$g"/log_data/*/*/*.json; do cat "$f"; echo; done; done > "$T_TMP/two-days/a.json"
cp "$T_TMP/two-days/a.json" "$T_TMP/two-days/b.json"
out=$(dwht -c "stage events $T_TMP/two-days" 2>&1)
t_eq "two 20 MB files stage" "$?/$(sqlv 'SELECT count(*) FROM staging_events')" "0/$(( 4 * $(exp "$g" staging_events) ))"
t_eq "their dwh_files rows are whole" "$(sqlv "SELECT string_agg(size || ' ' || rows || ' ' || length(checksum), ',') FROM dwh_files WHERE path LIKE '%two-days/%'")" \
	"$(stat -c %s "$T_TMP/two-days/a.json") $(( 2 * $(exp "$g" staging_events) )) 17,$(stat -c %s "$T_TMP/two-days/a.json") $(( 2 * $(exp "$g" staging_events) )) 17"

# deterministic for a seed.
rm -rf "$T_TMP"   # (lib.sh again makes a T_TMP of its own and its trap forgets this one)
. "$(dirname "$0")/lib/lib.sh"

exp() { sed -n "s/^[[:space:]]*\"$2\":[[:space:]]*\([0-9]*\),\{0,1\}$/\1/p" "$1/expected.json"; }

t_newdb
g="$T_TMP/gen"
t_rc "gen exits 0" 0 dwht gen "$g" --songs 300 --events 20000 --users 50 --seed 7
t_has "gen summary" "$(cat "$T_TMP/out")" "wrote 300 songs"
t_eq "30 day files" "$(find "$g/log_data" -name '*-events.json' | wc -l)" 30
t_eq "song files partitioned by track id letters 3-5" \
	"$(find "$g/song_data" -name '*.json' | awk -F/ '{ f=$NF; d=$(NF-3) $(NF-2) $(NF-1); if (substr(f,3,3) != d) bad++ } END { print bad+0 }')" 0
out=$(dwht --data "$g" -c create -c stage 2>&1)
t_eq "stage exits 0" "$?" 0
t_eq "staging_events = expected" "$(sqlv 'SELECT count(*) FROM staging_events')" "$(exp "$g" staging_events)"
t_eq "staging_songs = expected" "$(sqlv 'SELECT count(*) FROM staging_songs')" "$(exp "$g" staging_songs)"
t_eq "NextSong events = expected songplays" "$(sqlv "SELECT count(*) FROM staging_events WHERE page = 'NextSong'")" "$(exp "$g" songplays)"
t_eq "distinct play times = expected time" "$(sqlv "SELECT count(DISTINCT ts) FROM staging_events WHERE page = 'NextSong'")" "$(exp "$g" time)"
t_eq "users = expected" "$(sqlv "SELECT count(DISTINCT user_id) FROM staging_events WHERE user_id <> ''")" "$(exp "$g" users)"
t_eq "artists = expected" "$(sqlv "SELECT count(DISTINCT artist_id) FROM staging_songs")" "$(exp "$g" artists)"
t_eq "matched plays = expected" "$(sqlv "SELECT count(*) FROM staging_events e WHERE page = 'NextSong' AND EXISTS (SELECT 1 FROM staging_songs s WHERE s.title = e.song AND s.artist_name = e.artist AND s.duration = e.length)")" "$(exp "$g" songplays_matched)"
t_eq "paid users = expected" "$(sqlv "SELECT count(*) FROM (SELECT DISTINCT ON (user_id) level FROM staging_events WHERE user_id <> '' ORDER BY user_id, ts DESC) u WHERE level = 'paid'")" "$(exp "$g" users_paid)"
t_eq "artists spelled two ways" "$(sqlv "SELECT count(*) > 0 FROM (SELECT artist_id FROM staging_songs GROUP BY 1 HAVING count(DISTINCT artist_name) > 1) a")" t
t_eq "two songs share title, artist and duration" "$(sqlv "SELECT count(*) FROM (SELECT 1 FROM staging_songs GROUP BY title, artist_name, duration HAVING count(*) > 1) d")" 1
t_eq "unicode, quotes and backslashes survive" "$(sqlv "SELECT count(*) FROM staging_songs WHERE title IN ('Fire 🔥 Ballad', 'Say \"Hello\" \\ Goodbye', 'Café Noir — Été')")" 3
t_eq "number artist_name kept as text" "$(sqlv "SELECT count(*) > 0 FROM staging_songs WHERE artist_name = '112'")" t
t_eq "free to paid users" "$(sqlv "SELECT count(*) > 0 FROM (SELECT user_id FROM staging_events WHERE user_id <> '' GROUP BY 1 HAVING count(DISTINCT level) > 1) u")" t

# one file of 20 MB and 40,000 rows: its dwh_files row is whole (the number fields once had
# room for fewer digits and ran into the next row)
for _ in 1 2; do for f in "$g"/log_data/*/*/*.json; do cat "$f"; echo; done; done > "$T_TMP/one-day.json"
out=$(dwht -c "stage events $T_TMP/one-day.json" 2>&1)
t_eq "a 20 MB file stages" "$?/$(sqlv 'SELECT count(*) FROM staging_events')" "0/$(( 2 * $(exp "$g" staging_events) ))"
t_eq "its dwh_files row is whole" "$(sqlv "SELECT size || ' ' || rows || ' ' || length(checksum) FROM dwh_files WHERE path LIKE '%one-day.json'")" "$(stat -c %s "$T_TMP/one-day.json") $(( 2 * $(exp "$g" staging_events) )) 17"

# deterministic for a seed, different for another
dwht gen "$T_TMP/gen2" --songs 300 --events 20000 --users 50 --seed 7 >/dev/null 2>&1
t_eq "same seed, same bytes" "$(cd "$g" && find . -type f | sort | xargs cat | md5sum)" "$(cd "$T_TMP/gen2" && find . -type f | sort | xargs cat | md5sum)"
dwht gen "$T_TMP/gen2" --songs 300 --events 20000 --users 50 --seed 8 >/dev/null 2>&1
t_lacks "another seed, other data" "$(cd "$T_TMP/gen2" && find . -type f | sort | xargs cat | md5sum)" "$(cd "$g" && find . -type f | sort | xargs cat | md5sum)"
mkdir -p "$T_TMP/full" && touch "$T_TMP/full/mine.txt"
t_rc "gen refuses a foreign non-empty DIR" 1 dwht gen "$T_TMP/full"
t_has "says why" "$(cat "$T_TMP/err")" "is not empty"
