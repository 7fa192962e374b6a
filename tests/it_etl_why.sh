#!/usr/bin/env bash
# it_etl_why.sh — `why TABLE KEY`: for a songplay the raw log line (file and line number as
# grep finds them on disk, the JSON), its staging row and its song or the reason it has none;
# for a user the event that gave the level; for a song and an artist their files and spellings.
# Staging's own file (an event's src_file, a song's src_path) and src_line: every staged row's
# file and line hold that very record (all rows, read back with awk, after a paired stage, a
# serial one and an --append), a pretty-printed record's first line, and a file changed or gone
# since the stage said, never shown. On `dwh gen` data; the sample too when it is present.
. "$(dirname "$0")/lib/lib.sh"

t_newdb
gen="$T_TMP/gen data"     # a path with a space, as a clone may have
"$DWH" gen "$gen" --songs 40 --events 1500 --seed 11 >/dev/null 2>&1 || t_fail "gen"
dwht --data "$gen" -c create -c run >"$T_TMP/run" 2>&1 || t_fail "run on gen data" "$(tail -5 "$T_TMP/run")"
W() { dwht --data "$gen" -c "why $*" 2>&1; }
real=$(realpath "$gen")   # staging_files keeps the input's absolute path

# every staged row against its file and line: an event's line holds its ts, sessionId,
# itemInSession and userId; a song's record (from its first line to the line that closes it)
# its song_id. Prints the rows that do not, then "checked N".
lineage_bad() {
	{ sqlv "SELECT 'e', f.path, e.src_line, e.ts, e.session_id, e.item_in_session, e.user_id
		FROM staging_events e JOIN staging_files f ON f.tbl = 'staging_events' AND f.file = e.src_file"
	  sqlv "SELECT 's', s.src_path, s.src_line, s.song_id, '', '', '' FROM staging_songs s"
	} | sort -t'|' -k2,2 -k3,3n | awk -F'|' '
	function load(path,   l, n) { delete L; n = 0; while ((getline l < path) > 0) L[++n] = l; close(path) }
	$2 != cur { cur = $2; load(cur) }
	$1 == "e" { l = L[$3]
		ok = index(l, "\"ts\":" $4 ",") && index(l, "\"sessionId\":" $5 ",") &&
		     index(l, "\"itemInSession\":" $6 ",") && index(l, "\"userId\":\"" $7 "\"")
		if (!ok) print "not at " $2 ", line " $3 ": ts " $4 " user " $7; n++ }
	$1 == "s" { rec = ""; for (i = $3; i in L; i++) { rec = rec L[i]; if (L[i] ~ /}[[:space:]]*$/) break }
		if (L[$3] !~ /^[[:space:]]*{/ || !index(rec, "\"song_id\": \"" $4 "\"")) print "not at " $2 ", line " $3 ": song " $4; n++ }
	END { print "checked " n }'
}
staged() { sqlv "SELECT (SELECT count(*) FROM staging_events) + (SELECT count(*) FROM staging_songs)"; }
t_eq "lineage: every row of a paired stage (songs through the shadow) is at its file and line" \
	"$(lineage_bad)" "checked $(staged)"
nlog=$(find "$gen/log_data" -name '*.json' | wc -l)
t_eq "lineage: staging_files numbers each log file once" \
	"$(sqlv "SELECT tbl, count(*), min(file), max(file) FROM staging_files GROUP BY tbl")" "staging_events|$nlog|1|$nlog"
t_eq "lineage: a song's file is its path, every song file once" \
	"$(sqlv "SELECT count(DISTINCT src_path) FROM staging_songs WHERE src_path LIKE $(sql_lit "$real/song_data/%")")" \
	"$(find "$gen/song_data" -name '*.json' | wc -l)"
dwht --data "$gen" -c stage >"$T_TMP/st" 2>&1 || t_fail "stage again" "$(tail -3 "$T_TMP/st")"
t_eq "lineage: a stage again replaces staging_files' rows" \
	"$(sqlv "SELECT count(*), min(file), max(file) FROM staging_files")" "$nlog|1|$nlog"

# where a play's line is, by grep: FILE:LINE of the object with its ts, sessionId and userId
where() {
	local ts sess user
	IFS='|' read -r ts sess user <<<"$(sqlv "SELECT e.ts, e.session_id, e.user_id FROM songplays sp
		JOIN staging_events e ON e.page = 'NextSong' AND e.user_id = sp.user_id AND e.session_id = sp.session_id
		 AND TIMESTAMP 'epoch' + e.ts * INTERVAL '1 millisecond' = sp.start_time WHERE sp.songplay_id = $1 LIMIT 1")"
	grep -rn --include='*.json' "\"ts\":$ts," "$gen/log_data" | grep "\"sessionId\":$sess," | grep "\"userId\":\"$user\"" \
		| head -n1 | cut -d: -f1,2 | sed 's/:/, line /' | sed "s|^$gen|$real|"
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
t_has "why users: its raw line, where staging says" "$out" "the raw log line — where staging says (src_file, src_line):"
lvl=$(sqlv "SELECT level FROM users WHERE user_id = '$u'")
t_has "why users: the line holds the level users has" "$(printf '%s\n' "$out" | grep -A1 ', line ' | tail -n1)" "\"level\":\"$lvl\""

# a song and an artist with two spellings
s=$(sqlv "SELECT song_id FROM songs ORDER BY song_id LIMIT 1")
f=$(grep -rl "\"song_id\": \"$s\"" "$gen/song_data" | head -n1)
t_has "why songs: its file" "$(W songs "$s")" "$real${f#"$gen"}, line 1:"
a=$(sqlv "SELECT artist_id FROM staging_songs GROUP BY artist_id HAVING count(DISTINCT artist_name) > 1 ORDER BY 1 LIMIT 1")
out=$(W artists "$a")
t_eq "why artists: every spelling" "$(printf '%s\n' "$out" | grep -c ' | .* | *[0-9]*$' )" \
	"$(sqlv "SELECT count(*) FROM (SELECT DISTINCT artist_name, artist_location FROM staging_songs WHERE artist_id = '$a') x")"
t_eq "why artists: every file naming it" "$(printf '%s\n' "$out" | grep '\.json, line ' | sort -u | wc -l)" \
	"$(grep -rl "\"artist_id\": \"$a\"" "$gen/song_data" | wc -l)"

# serial stages, then --append of the same logs: the kept rows keep their files, the appended
# ones are numbered on after them, and every row is still at its file and line
dwht --data "$gen" -c 'stage songs' -c 'stage events' -c 'stage events --append' >"$T_TMP/st" 2>&1 \
	|| t_fail "serial stages and --append" "$(tail -3 "$T_TMP/st")"
t_eq "lineage: --append numbers its files after the kept ones" \
	"$(sqlv "SELECT count(DISTINCT src_file), min(src_file), max(src_file) FROM staging_events")" "$((2 * nlog))|1|$((2 * nlog))"
t_eq "lineage: every row of serial stages and an --append is at its file and line" "$(lineage_bad)" "checked $(staged)"
dwht --data "$gen" -c 'stage events' >/dev/null 2>&1 || t_fail "stage events again"

# a table made by an earlier dwh, without the columns: staged as before, said; `why` searches
sqlv "ALTER TABLE staging_events DROP COLUMN src_file, DROP COLUMN src_line" >/dev/null
t_has "a staging table without the columns: said at the stage" "$(dwht --data "$gen" -c 'stage events' 2>&1)" \
	"staging_events has no src_file and src_line"
out=$(W songplays "$matched")
t_has "without the columns: why says it searched" "$out" "searched instead"
t_has "without the columns: the line found by search" "$out" "$(where "$matched"):"
dwht -c 'create staging' >/dev/null 2>&1 || t_fail "create staging on a table without the columns"
dwht --data "$gen" -c 'stage events' >/dev/null 2>&1 || t_fail "stage events after create staging"
t_eq "create staging adds the columns back, the next stage fills them" "$(lineage_bad)" "checked $(staged)"

# pretty-printed song files (a blank line first): the record's first line, every line shown;
# then a log file changed and a song file gone since the stage: said, the line not shown
pretty="$T_TMP/pretty data"
cp -r "$gen" "$pretty"
preal=$(realpath "$pretty")
pf=$(find "$pretty/song_data" -name '*.json' | sort | head -n1)
ps=$(grep -o '"song_id": "[^"]*"' "$pf" | cut -d'"' -f4)
sed -i 's/^{/\n{\n  /; s/, "/,\n  "/g; s/}$/\n}/' "$pf"
t_newdb "${T_NAME}_pretty"
dwht --data "$pretty" -c create -c run >"$T_TMP/run" 2>&1 || t_fail "run on pretty data" "$(tail -5 "$T_TMP/run")"
t_eq "lineage: every row, a pretty-printed one too, is at its file and line" "$(lineage_bad)" "checked $(staged)"
out=$(dwht -c "why songs $ps" 2>&1)
t_has "pretty-printed: the record's first line" "$out" "$preal${pf#"$pretty"}, line 2:"
t_has "pretty-printed: its lines as on disk" "$out" "$(printf '  {\n    "num_songs": 1,')"
t_has "pretty-printed: down to its song_id" "$out" "    \"song_id\": \"$ps\","
lf=$(find "$pretty/log_data" -name '*.json' | sort | head -n1)
id=$(sqlv "SELECT min(sp.songplay_id) FROM songplays sp JOIN staging_events e ON e.page = 'NextSong'
	AND e.user_id = sp.user_id AND e.session_id = sp.session_id
	AND TIMESTAMP 'epoch' + e.ts * INTERVAL '1 millisecond' = sp.start_time
	JOIN staging_files f ON f.tbl = 'staging_events' AND f.file = e.src_file WHERE f.path = $(sql_lit "$preal${lf#"$pretty"}")")
before=$(dwht -c "why songplays $id" 2>&1)
sed -i '1i {"page":"Home"}' "$lf"
out=$(dwht -c "why songplays $id" 2>&1)
t_has "a file changed since the stage: said" "$out" "not shown: the file changed since it was staged"
t_lacks "a file changed since the stage: no line of it shown" "$out" "\"page\":\"NextSong\""
t_has "before the change: the line was shown" "$before" "\"page\":\"NextSong\""
rm -f "$pf"
t_has "a file gone since the stage: said" "$(dwht -c "why songs $ps" 2>&1)" "not read:"

t_rc "why songplays: a number only" 1 dwht -c 'why songplays first'
t_rc "why: an unknown table" 1 dwht -c 'why time 1'
t_has "why songplays: no such id" "$(W songplays 999999)" "no such songplay_id"

if have_sample; then
	t_newdb "${T_NAME}_sample"
	dwht --data "$SHARED_SAMPLE" -c create -c run >/dev/null 2>&1 || t_fail "run on the sample"
	t_eq "sample: every row is at its file and line" "$(lineage_bad)" "checked $(staged)"
	out=$(dwht --data "$SHARED_SAMPLE" -c 'why songplays 1' 2>&1)
	line=$(grep -n '"ts":1541106106796,' "$SHARED_SAMPLE/log_data/2018/11/2018-11-01-events.json" | grep '"page":"NextSong"' | cut -d: -f1)
	t_has "sample: play 1's file and line" "$out" "2018-11-01-events.json, line $line:"
	t_has "sample: play 1 has no song with that title" "$out" "no song matched: no song with that title"
else
	t_skip "the udacity sample is not beside the repo (../shared): its first play not checked"
fi
