#!/usr/bin/env bash
# it_stage_bad.sh — every kind of bad record stops the stage with FILE:LINE: FIELD: reason and
# leaves both staging tables exactly as they were; --max-errors skips them into load_errors.
. "$(dirname "$0")/lib/lib.sh"

D="$T_ROOT/tests/data/bad"
t_newdb
dwht -c create >/dev/null 2>&1 || t_fail "create"
# a baseline both tables must keep: 2 songs, 3 events
mkdir -p "$T_TMP/base/song_data" "$T_TMP/base/log_data"
cp "$T_ROOT/tests/data/layout/song_two_pretty.json" "$T_TMP/base/song_data/"
cp "$T_ROOT/tests/data/layout/lines.json" "$T_TMP/base/log_data/"
dwht --data "$T_TMP/base" -c stage >/dev/null 2>&1
snap() { echo "$(sqlv 'SELECT count(*), sum(ts) FROM staging_events')/$(sqlv "SELECT count(*), string_agg(song_id, ',') FROM staging_songs")"; }
before=$(snap)
t_eq "baseline" "$before" "3|4623317492391/2|SOTEST01,SOTEST02"

# bad_case NAME TABLE FILE MESSAGE GOOD_ROWS LINE COL
bad_case() {
	local name=$1 which=$2 f="$D/$3" msg=$4 good=$5 line=$6 col=$7
	t_rc "$name: fails" 1 dwht -c "stage $which $(dq "$f")"
	t_eq "$name: message" "$(cat "$T_TMP/err")" "dwh: error: $f:$msg"
	t_eq "$name: tables unchanged" "$(snap)" "$before"
	t_eq "$name: the stopping record is in load_errors" \
		"$(sqlv "SELECT line, coalesce(col, '-') FROM load_errors WHERE file = $(sql_lit "$f")")" "$line|$col"
	# within --max-errors: the other records load, the bad one is kept
	t_rc "$name: --max-errors 1 succeeds" 0 dwht -c "stage $which $(dq "$f") --max-errors 1"
	t_has "$name: summary counts it" "$(cat "$T_TMP/out")" "skipped 1 bad record (see"
	local tbl=staging_events reason=${msg#*: }
	[ "$which" = songs ] && tbl=staging_songs
	[ "$col" != - ] && reason=${reason#"$col: "}
	t_eq "$name: good rows staged" "$(sqlv "SELECT count(*) FROM $tbl")" "$good"
	t_eq "$name: load_errors row" "$(sqlv "SELECT tbl, file, line, coalesce(col, '-'), reason, length(raw) > 0 FROM load_errors")" \
		"$tbl|$f|$line|$col|$reason|t"
	dwht --data "$T_TMP/base" -c stage >/dev/null 2>&1
}

bad_case "not JSON" events not_json.json "2: not JSON: expected a key" 2 2 -
bad_case "not an object" events not_object.json "3: not a JSON object (a string)" 2 3 -
bad_case "text in a number" events text_in_number.json '3: sessionId: text where an integer is expected: "abc"' 2 3 sessionId
bad_case "out of range" events out_of_range.json "2: itemInSession: out of range for integer: 99999999999" 1 2 itemInSession
bad_case "invalid UTF-8" events invalid_utf8.json "2: firstName: invalid UTF-8" 1 2 firstName
bad_case "NUL" events nul.json '2: song: \u0000 is not allowed in text' 1 2 song
bad_case "truncated line" events truncated_line.json "2: not JSON: unexpected end of input" 3 2 -
bad_case "pretty, line of the field" songs song_pretty_bad_line.json '23: year: text where an integer is expected: "nineteen"' 1 23 year

# raw is cut to 1 KB and made valid UTF-8
dwht -c "stage events $(dq "$D/invalid_utf8.json") --max-errors 5" >/dev/null 2>&1
t_has "invalid byte shown as \\x" "$(sqlv 'SELECT raw FROM load_errors')" 'Walt\xE9r'
dwht --data "$T_TMP/base" -c stage >/dev/null 2>&1

# the done-when case: `stage` with a bad log line leaves both tables as they were
mkdir -p "$T_TMP/mixed/song_data" "$T_TMP/mixed/log_data"
cp "$T_ROOT/tests/data/layout/song_bom.json" "$T_ROOT/tests/data/layout/song_surrogates.json" "$T_TMP/mixed/song_data/"
cp "$D/text_in_number.json" "$T_TMP/mixed/log_data/"
t_rc "stage both with a bad event fails" 1 dwht --data "$T_TMP/mixed" -c stage
t_has "names file, line and field" "$(cat "$T_TMP/err")" "$T_TMP/mixed/log_data/text_in_number.json:3: sessionId:"
t_eq "both staging tables unchanged" "$(snap)" "$before"

# and a bad song beside good events: the song file is named, both tables as they were
mkdir -p "$T_TMP/mixed2/song_data" "$T_TMP/mixed2/log_data"
cp "$D/song_pretty_bad_line.json" "$T_TMP/mixed2/song_data/"
cp "$T_ROOT/tests/data/layout/array.json" "$T_TMP/mixed2/log_data/"
t_rc "stage both with a bad song fails" 1 dwht --data "$T_TMP/mixed2" -c stage
t_eq "names the song file" "$(cat "$T_TMP/err")" "dwh: error: $T_TMP/mixed2/song_data/song_pretty_bad_line.json:23: year: text where an integer is expected: \"nineteen\""
t_eq "both staging tables unchanged (2)" "$(snap)" "$before"
t_rc "--max-errors applies to both" 0 dwht --data "$T_TMP/mixed2" -c "stage --max-errors 1"
t_eq "both loaded" "$(sqlv "SELECT (SELECT count(*) FROM staging_songs) || '/' || (SELECT count(*) FROM staging_events)")" "1/3"
dwht --data "$T_TMP/base" -c stage >/dev/null 2>&1

# more than --max-errors: fails, nothing kept but the stopping record
cat "$D/not_json.json" "$D/not_object.json" > "$T_TMP/two_bad.json"
t_rc "two bad, --max-errors 1: fails" 1 dwht -c "stage events $T_TMP/two_bad.json --max-errors 1"
t_has "says the limit" "$(cat "$T_TMP/err")" "$T_TMP/two_bad.json:6: not a JSON object (a string) (more than --max-errors 1 bad record)"
t_eq "tables unchanged" "$(snap)" "$before"
t_rc "two bad, --max-errors 2: loads" 0 dwht -c "stage events $T_TMP/two_bad.json --max-errors 2"
t_eq "4 rows" "$(sqlv 'SELECT count(*) FROM staging_events')" 4
t_rc "errors command" 0 dwht -c "errors events"
t_has "errors shows both" "$(cat "$T_TMP/out")" "(2 rows)"
t_has "errors shows reason" "$(cat "$T_TMP/out")" "not a JSON object (a string)"
dwht --data "$T_TMP/base" -c stage >/dev/null 2>&1
t_rc "errors after a clean load" 0 dwht -c errors
t_has "says none" "$(cat "$T_TMP/out")" "no bad records"

# usage and input errors
t_rc "bad --max-errors" 1 dwht -c "stage events $(dq "$D") --max-errors x"
t_has "usage" "$(cat "$T_TMP/err")" "usage: stage"
t_rc "missing path" 1 dwht -c "stage songs $T_TMP/nope"
t_has "names it" "$(cat "$T_TMP/err")" "$T_TMP/nope: No such file or directory"
sqlv "TRUNCATE dwh_runs" >/dev/null     # nor remembered from an earlier run
t_rc "no input configured" 1 dwht -c "stage songs"
t_has "says how to give one" "$(cat "$T_TMP/err")" "no input: give a PATH"
mkdir -p "$T_TMP/nojson" && echo '{}' > "$T_TMP/nojson/a.txt"
t_rc "no .json files" 1 dwht -c "stage songs $T_TMP/nojson"
t_has "says so" "$(cat "$T_TMP/err")" "no .json files under"

# a record larger than 16 MB is one bad record; the lines after it still load
python3 -c '
import sys
good = open(sys.argv[1]).readline().rstrip("\n")
with open(sys.argv[2], "w") as f:
    f.write(good + "\n")
    f.write("{\"artist\": \"" + "x" * (20 << 20) + "\"}\n")
    f.write(good + "\n")
' "$T_ROOT/tests/data/layout/lines.json" "$T_TMP/huge.json"
t_rc "huge record stops the stage" 1 dwht -c "stage events $T_TMP/huge.json"
t_eq "huge: message" "$(cat "$T_TMP/err")" "dwh: error: $T_TMP/huge.json:2: record larger than 16 MB"
t_rc "huge record skipped with --max-errors 1" 0 dwht -c "stage events $T_TMP/huge.json --max-errors 1"
t_eq "huge: the other two lines loaded" "$(sqlv 'SELECT count(*) FROM staging_events')" 2
t_eq "huge: raw cut to 1 KB" "$(sqlv "SELECT line, length(raw) BETWEEN 1024 AND 1028 FROM load_errors")" "2|t"
