#!/usr/bin/env bash
# it_stage_profile.sh — `profile raw`: each key's JSON types and counts in one pass over the
# raw files; a number-typed userId in one file is reported with that file; a key staging
# ignores and a staging column no key fills are named; pretty-printed and array files count
# their objects. On `dwh gen` data, no server needed: every run points dwh at a socket folder
# with no server, so one that tried to connect (or to start the private server) would fail.
. "$(dirname "$0")/lib/lib.sh"
nodb=(-h "$T_TMP/no server here")

gen="$T_TMP/gen data"
"$DWH" gen "$gen" --songs 20 --events 600 --seed 9 >/dev/null 2>&1 || t_fail "gen"
ev=$(jq .staging_events "$gen/expected.json")
day="$gen/log_data/2018/11/2018-11-07-events.json"
n7=$(grep -c '"userId":"[0-9]' "$day")
sed -i 's/"userId":"\([0-9]*\)"/"userId":\1/; 1s/{"artist"/{"mood":"calm","artist"/' "$day"

out=$("$DWH" "${nodb[@]}" --csv --data "$gen" -c 'profile raw events' 2>&1); rc=$?
t_eq "profile raw events: exit 0 (no server needed)" "$rc" 0
row() { printf '%s\n' "$out" | grep "^$1," | head -n1; }
t_has "every object counted" "$out" "profile raw events: $ev objects in 30 files"
t_has "userId: as a number in one file, counted" "$(row userId)" "userId,$ev,$((ev - n7)),$n7,0,0,0,"
t_has "userId: the drift names the file" "$(row userId)" "number first in $day"
t_has "a key staging ignores" "$(row mood)" "mood,1,1,0,0,0,0,\"\"\"calm\"\"\",(ignored: staging has no such column)"
t_has "ts: numbers, the staging column" "$(row ts)" "ts,$ev,0,$ev,0,0,0,"

# songs without "year" anywhere, one file pretty-printed inside an array
songs="$T_TMP/songs"
cp -r "$gen/song_data" "$songs"
for f in $(cd "$songs" && find . -name '*.json'); do
	jq -c 'if type == "array" then map(del(.year)) else del(.year) end' "$songs/$f" > "$T_TMP/x" && mv "$T_TMP/x" "$songs/$f"
done
nsongs=$(jq .staging_songs "$gen/expected.json")
nfiles=$(find "$songs" -name '*.json' | wc -l)
f=$(find "$songs" -name '*.json' | sort | head -n1)
jq -s 'flatten(1)' "$f" > "$f.tmp" && mv "$f.tmp" "$f"
out=$("$DWH" "${nodb[@]}" --csv -c "profile raw songs $(dq "$songs")" 2>&1); rc=$?
t_eq "profile raw songs PATH: exit 0" "$rc" 0
t_has "an array of one pretty-printed object counts one" "$out" "profile raw songs: $nsongs objects in $nfiles files"
t_has "a staging column no key fills" "$out" "(no key year),0,,,,,,,year,no key fills this column: always NULL"
t_rc "profile COLUMN with no table and no result: exit 1" 1 "$DWH" "${nodb[@]}" -c 'profile cooked'
t_has "  asks which table, without connecting" "$(cat "$T_TMP/err")" "profile cooked: which table? (profile TABLE.COLUMN)"
t_rc "profile raw: songs or events" 1 "$DWH" "${nodb[@]}" -c 'profile raw tracks'
t_has "  says how it is used" "$(cat "$T_TMP/err")" "usage: profile raw [songs|events] [PATH]"
