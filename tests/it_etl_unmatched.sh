#!/usr/bin/env bash
# it_etl_unmatched.sh — `unmatched`: every unmatched play by reason, the reasons adding up to
# songplays' unmatched total, on `dwh gen` data (which plants "(Live)" titles, the other artist
# spelling, durations a millisecond longer and a duplicated song) plus a planted song without
# ids; `--near` counts without changing the warehouse; the udacity sample when it is present.
. "$(dirname "$0")/lib/lib.sh"

t_newdb
gen=$T_TMP/gen
"$DWH" gen "$gen" --songs 60 --events 3000 --seed 7 >/dev/null 2>&1 || t_fail "gen"
dwht --data "$gen" -c create -c run >"$T_TMP/run" 2>&1 || t_fail "run on gen data" "$(tail -5 "$T_TMP/run")"
# a play whose song is staged without a song_id: reason 4
sqlv "INSERT INTO staging_songs (title, artist_name, duration) VALUES ('Planted Tune', 'Planted Band', 100);
      INSERT INTO staging_events (page, song, artist, length, ts, user_id, level, session_id, item_in_session)
      VALUES ('NextSong', 'Planted Tune', 'Planted Band', 100, 1541000000000, '1', 'free', 1, 0)" >/dev/null
dwht -c 'load songplays' >/dev/null 2>&1 || t_fail "load songplays"

out=$(dwht --csv -c unmatched 2>&1); rc=$?
t_eq "unmatched exit 0" "$rc" 0
val() { printf '%s\n' "$out" | grep -F "$1" | head -n1 | awk -F, '{print $2}'; }
notitle=$(val 'no song with that title'); artist=$(val 'artist differs'); dur=$(val 'duration differs')
noids=$(val 'no song_id or artist_id'); sum=$(val '= sum of the unmatched reasons'); total=$(val 'unmatched total')
twice=$(val 'matched two or more songs')
for v in notitle artist dur twice; do
	t_eq "gen plants: $v (a count above 0)" "$([ "${!v:-0}" -gt 0 ] && echo yes || echo "no: ${!v}")" yes
done
t_eq "the planted song without ids is its own reason" "$noids" 1
t_eq "the reasons add up to their sum" "$((notitle + artist + dur + noids))" "$sum"
want=$(sqlv "SELECT count(*) FROM songplays WHERE song_id IS NULL")
t_eq "the total is songplays without a song_id" "$total" "$want"
t_eq "the sum equals the total" "$sum" "$total"
exp_unmatched=$(( $(jq .songplays "$gen/expected.json") - $(jq .songplays_matched "$gen/expected.json") + 1 ))
t_eq "the total is gen's unmatched plays (+1 planted)" "$total" "$exp_unmatched"
t_has "the message says total and sum" "$out" "plays of songplays have no song; the reasons add up to $sum"
t_has "an example of a title with no song" "$out" "(Live)"
t_has "artist spellings listed" "$out" "event_artist,song_artists"
t_has "duration histogram: gen's millisecond is under 0.01 s" "$out" "under 0.01 s,$dur,"

before=$(sqlv "SELECT count(song_id) FROM songplays")
near=$(dwht --csv -c 'unmatched --near 0.002' 2>&1); rc=$?
t_eq "unmatched --near exit 0" "$rc" 0
t_has "--near: the durations a millisecond off now match" "$near" "--near 0.002: $((before + dur)) of"
t_eq "--near changed nothing" "$(sqlv "SELECT count(song_id) FROM songplays")" "$before"
t_has "--near 0: nothing gained" "$(dwht --csv -c 'unmatched --near 0' 2>&1)" "(0 more)"
t_rc "--near takes seconds only" 1 dwht -c 'unmatched --near soon'
t_rc "a stray word is a usage error" 1 dwht -c 'unmatched everything'

# staging changed since the load: the result says so rather than a total that does not add up
sqlv "DELETE FROM staging_events WHERE song = 'Planted Tune'" >/dev/null
t_has "staging changed: said" "$(dwht -c unmatched 2>&1)" "staging changed since the last"

if have_sample; then
	t_newdb "${T_NAME}_sample"
	dwht --data "$SHARED_SAMPLE" -c create -c run >/dev/null 2>&1 || t_fail "run on the sample"
	out=$(dwht --csv -c unmatched 2>&1)
	t_eq "sample: the unmatched total is 6820 - 1" "$(val 'unmatched total')" 6819
	t_eq "sample: the reasons add up to it" "$(val '= sum of the unmatched reasons')" 6819
	t_eq "sample: one play matched one song" "$(val 'matched one song')" 1
else
	t_skip "the udacity sample is not beside the repo (../shared): sample figures not checked"
fi
