#!/usr/bin/env bash
# it_stage_sample.sh — the udacity sample stages to its known figures (8056 events, 71 songs),
# a re-run replaces rather than appends, and the summary and progress are reported.
. "$(dirname "$0")/lib/lib.sh"

if ! have_sample; then t_skip "udacity sample absent"; exit 0; fi
t_newdb
out=$(dwht --data "$SHARED_SAMPLE" -c create -c stage 2>&1)
t_eq "create + stage exits 0" "$?" 0
t_eq "staging_events rows" "$(sqlv 'SELECT count(*) FROM staging_events')" 8056
t_eq "staging_songs rows" "$(sqlv 'SELECT count(*) FROM staging_songs')" 71
t_has "events summary" "$out" "staged 8056 rows from 30 files in"
t_has "songs summary" "$out" "staged 71 rows from 71 files in"

# values arrive exactly: bigint ts, float8 with every digit, text with escapes decoded
t_eq "first event" "$(sqlv "SELECT ts, registration::text, session_id, user_id, user_agent FROM staging_events WHERE ts = 1541105830796 AND user_id = '39'")" \
	'1541105830796|1540919166796|38|39|"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36"'
t_eq "no logged-out NULL user ids" "$(sqlv "SELECT count(*) FROM staging_events WHERE user_id IS NULL")" 0
t_eq "logged-out events keep userId ''" "$(sqlv "SELECT count(*) > 0 FROM staging_events WHERE user_id = ''")" t
t_eq "song duration" "$(sqlv "SELECT duration FROM staging_songs WHERE song_id = 'SOGVQGJ12AB017F169'")" 337.68444
t_eq "the one exact match" "$(sqlv "SELECT count(*) FROM staging_events e JOIN staging_songs s ON e.song = s.title AND e.artist = s.artist_name AND e.length = s.duration WHERE e.page = 'NextSong'")" 1

# the sample's known figures follow from the staged rows alone (README of the sample)
t_eq "NextSong events (songplays)" "$(sqlv "SELECT count(*) FROM staging_events WHERE page = 'NextSong'")" 6820
t_eq "distinct play times at ms precision (time)" "$(sqlv "SELECT count(DISTINCT ts) FROM staging_events WHERE page = 'NextSong'")" 6813
t_eq "users" "$(sqlv "SELECT count(DISTINCT user_id) FROM staging_events WHERE user_id <> ''")" 97
t_eq "users whose latest level is paid" "$(sqlv "SELECT count(*) FROM (SELECT DISTINCT ON (user_id) level FROM staging_events WHERE user_id <> '' ORDER BY user_id, ts DESC) u WHERE level = 'paid'")" 22
t_eq "artists" "$(sqlv "SELECT count(DISTINCT artist_id) FROM staging_songs")" 69

# a re-run replaces, per table too
dwht --data "$SHARED_SAMPLE" -c stage -c 'stage songs' >/dev/null 2>&1
t_eq "re-run replaces events" "$(sqlv 'SELECT count(*) FROM staging_events')" 8056
t_eq "re-run replaces songs" "$(sqlv 'SELECT count(*) FROM staging_songs')" 71
dwht -c "stage events $(dq "$SHARED_SAMPLE/log_data/2018/11/2018-11-01-events.json")" >/dev/null 2>&1
t_eq "stage events FILE replaces with that file" "$(sqlv 'SELECT count(*) FROM staging_events')" \
	"$(grep -c '' "$SHARED_SAMPLE/log_data/2018/11/2018-11-01-events.json")"
t_eq "load_errors empty" "$(sqlv 'SELECT count(*) FROM load_errors')" 0
