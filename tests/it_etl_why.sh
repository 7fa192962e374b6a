#!/usr/bin/env bash
# it_etl_why.sh — `why TABLE KEY`: for a songplay the raw log line (file and line number as
# grep finds them on disk, the JSON), its staging row and its song or the reason it has none;
# for a user the event that gave the level; for a song and an artist their files and spellings.
# On `dwh gen` data; the sample's first play when the sample is present.
. "$(dirname "$0")/lib/lib.sh"

t_newdb
gen="$T_TMP/gen data"     # a path with a space, as a clone may have
"$DWH" gen "$gen" --songs 40 --events 1500 --seed 11 >/dev/null 2>&1 || t_fail "gen"
dwht --data "$gen" -c create -c run >"$T_TMP/run" 2>&1 || t_fail "run on gen data" "$(tail -5 "$T_TMP/run")"
W() { dwht --data "$gen" -c "why $*" 2>&1; }

# where a play's line is, by grep: FILE:LINE of the object with its ts, sessionId and userId
where() {
	local ts sess user
	IFS='|' read -r ts sess user <<<"$(sqlv "SELECT e.ts, e.session_id, e.user_id FROM songplays sp
		JOIN staging_events e ON e.page = 'NextSong' AND e.user_id = sp.user_id AND e.session_id = sp.session_id
		 AND TIMESTAMP 'epoch' + e.ts * INTERVAL '1 millisecond' = sp.start_time WHERE sp.songplay_id = $1 LIMIT 1")"
	grep -rn --include='*.json' "\"ts\":$ts," "$gen/log_data" | grep "\"sessionId\":$sess," | grep "\"userId\":\"$user\"" \
		| head -n1 | cut -d: -f1,2 | sed 's/:/, line /'
}
matched=$(sqlv "SELECT min(songplay_id) FROM songplays WHERE song_id IS NOT NULL")
out=$(W songplays "$matched"); rc=$?
t_eq "why songplays (matched): exit 0" "$rc" 0
t_has "the raw line's file and line, as grep finds them" "$out" "$(where "$matched"):"
t_has "the JSON as on disk" "$out" "  {\"artist\":"
t_has "its staging row" "$out" "| item_in_session |"
t_has "the song it matched" "$out" "$(sqlv "SELECT song_id FROM songplays WHERE songplay_id = $matched") |"

# an unmatched play of each reason gen plants: the reason in unmatched's words
for r in "no song with that title" "title found but the artist differs" "title and artist found but the duration differs"; do
	case $r in
	no*) cond="NOT EXISTS (SELECT 1 FROM staging_songs s WHERE s.title = e.song)";;
	*artist\ differs) cond="EXISTS (SELECT 1 FROM staging_songs s WHERE s.title = e.song)
		AND NOT EXISTS (SELECT 1 FROM staging_songs s WHERE s.title = e.song AND s.artist_name = e.artist)";;
	*) cond="EXISTS (SELECT 1 FROM staging_songs s WHERE s.title = e.song AND s.artist_name = e.artist)";;
	esac
	id=$(sqlv "SELECT min(sp.songplay_id) FROM songplays sp JOIN staging_events e ON e.page = 'NextSong'
		AND e.user_id = sp.user_id AND e.session_id = sp.session_id
		AND TIMESTAMP 'epoch' + e.ts * INTERVAL '1 millisecond' = sp.start_time
		WHERE sp.song_id IS NULL AND $cond")
	out=$(W songplays "$id")
	t_has "unmatched play $id: the reason '$r'" "$out" "no song matched: $r"
	t_has "unmatched play $id: its line" "$out" "$(where "$id"):"
done

# a user: the event that gave the level
u=$(sqlv "SELECT user_id FROM users ORDER BY user_id LIMIT 1")
out=$(W users "$u")
t_has "why users: the latest event by ts" "$out" "$(sqlv "SELECT max(ts) FROM staging_events WHERE user_id = '$u'") |"
t_has "why users: its raw line" "$out" "the raw log line (found by ts"
lvl=$(sqlv "SELECT level FROM users WHERE user_id = '$u'")
t_has "why users: the line holds the level users has" "$(printf '%s\n' "$out" | grep -A1 ', line ' | tail -n1)" "\"level\":\"$lvl\""

# a song and an artist with two spellings
s=$(sqlv "SELECT song_id FROM songs ORDER BY song_id LIMIT 1")
f=$(grep -rl "\"song_id\": \"$s\"" "$gen/song_data" | head -n1)
t_has "why songs: its file" "$(W songs "$s")" "$f, line 1:"
a=$(sqlv "SELECT artist_id FROM staging_songs GROUP BY artist_id HAVING count(DISTINCT artist_name) > 1 ORDER BY 1 LIMIT 1")
out=$(W artists "$a")
t_eq "why artists: every spelling" "$(printf '%s\n' "$out" | grep -c ' | .* | *[0-9]*$' )" \
	"$(sqlv "SELECT count(*) FROM (SELECT DISTINCT artist_name, artist_location FROM staging_songs WHERE artist_id = '$a') x")"
t_eq "why artists: every file naming it" "$(printf '%s\n' "$out" | grep -c '\.json, line ')" \
	"$(grep -rl "\"artist_id\": \"$a\"" "$gen/song_data" | wc -l)"
t_rc "why songplays: a number only" 1 dwht -c 'why songplays first'
t_rc "why: an unknown table" 1 dwht -c 'why time 1'
t_has "why songplays: no such id" "$(W songplays 999999)" "no such songplay_id"

if have_sample; then
	t_newdb "${T_NAME}_sample"
	dwht --data "$SHARED_SAMPLE" -c create -c run >/dev/null 2>&1 || t_fail "run on the sample"
	out=$(dwht --data "$SHARED_SAMPLE" -c 'why songplays 1' 2>&1)
	line=$(grep -n '"ts":1541106106796,' "$SHARED_SAMPLE/log_data/2018/11/2018-11-01-events.json" | grep '"page":"NextSong"' | cut -d: -f1)
	t_has "sample: play 1's file and line" "$out" "2018-11-01-events.json, line $line:"
	t_has "sample: play 1 has no song with that title" "$out" "no song matched: no song with that title"
else
	t_skip "the udacity sample is not beside the repo (../shared): its first play not checked"
fi
