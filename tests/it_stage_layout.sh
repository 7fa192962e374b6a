#!/usr/bin/env bash
# it_stage_layout.sh — every layout of real input loads: JSON lines, several pretty-printed
# values, a top-level array, CRLF, a BOM, no final newline, an empty file, a number where text
# is expected, missing and unknown keys, surrogate pairs; a directory tree in sorted order.
. "$(dirname "$0")/lib/lib.sh"

D="$T_ROOT/tests/data/layout"
t_newdb
dwht -c create >/dev/null 2>&1 || t_fail "create"

# layout FILE TABLE ROWS
layout() {
	local which=events tbl=staging_events
	case "$1" in song_*) which=songs tbl=staging_songs;; esac
	t_rc "$1 loads" 0 dwht -c "stage $which $(dq "$D/$1")"
	t_eq "$1 rows" "$(sqlv "SELECT count(*) FROM $tbl")" "$2"
}
layout lines.json 3
t_eq "lines: values exact" "$(sqlv "SELECT string_agg(ts::text || ':' || item_in_session, ',' ORDER BY ts) FROM staging_events")" \
	"1541105830796:0,1541105830797:1,1541105830798:2"
layout no_newline.json 2
layout array.json 3
layout crlf.json 2
layout empty.json 0
layout song_two_pretty.json 2
layout song_bom.json 1
t_eq "BOM: first key read" "$(sqlv "SELECT num_songs FROM staging_songs")" 1
layout song_number_artist.json 1
t_eq "number kept as its text" "$(sqlv "SELECT artist_name FROM staging_songs")" 112
layout song_missing_keys.json 1
t_eq "missing keys are NULL" "$(sqlv "SELECT coalesce(artist_id, 'NULL'), coalesce(duration::text, 'NULL'), title FROM staging_songs")" "NULL|NULL|Only a title"
layout song_unknown_keys.json 1
t_eq "unknown keys ignored" "$(sqlv "SELECT song_id, title FROM staging_songs")" "SOTEST06|Song 6"
layout song_surrogates.json 1
t_eq "surrogate pairs and \\u escapes decoded" "$(sqlv "SELECT title || '/' || artist_name FROM staging_songs")" "Note 🎵 café/Beyoncé"

# a tree: .json files only, hidden directories skipped, sorted order
mkdir -p "$T_TMP/tree/b/c" "$T_TMP/tree/a" "$T_TMP/tree/.ipynb_checkpoints"
cp "$D/lines.json" "$T_TMP/tree/b/c/x.json"
cp "$D/no_newline.json" "$T_TMP/tree/a/y.json"
cp "$D/lines.json" "$T_TMP/tree/.ipynb_checkpoints/x-checkpoint.json"
cp "$D/lines.json" "$T_TMP/tree/b/notes.txt"
t_rc "tree loads" 0 dwht -c "stage events $T_TMP/tree"
t_has "tree summary" "$(cat "$T_TMP/out")" "staged 5 rows from 2 files"
t_eq "tree rows" "$(sqlv "SELECT count(*) FROM staging_events")" 5

# a log file of 300,000 events (bigger than a read block) streams in one piece
python3 -c '
import sys
line = open(sys.argv[1]).readline().rstrip("\n")
with open(sys.argv[2], "w") as f:
    for i in range(300000):
        f.write(line.replace("1541105830796", str(1541105830796 + i)) + "\n")
' "$D/lines.json" "$T_TMP/big.json"
t_rc "big file loads" 0 dwht -c "stage events $T_TMP/big.json"
t_eq "big file rows and ts" "$(sqlv "SELECT count(*), count(DISTINCT ts), max(ts) FROM staging_events")" "300000|300000|1541106130795"

# text columns are wide (PIPELINE.md): a 600-byte UTF-8 name and title stage and load whole
python3 -c '
import json, sys
name = "Ærøskøbing Ensemble " + "é" * 290
print(json.dumps({"num_songs": 1, "artist_id": "ARWIDE", "artist_latitude": None, "artist_longitude": None,
                  "artist_location": "", "artist_name": name, "song_id": "SOWIDE", "title": "ü" * 300,
                  "duration": 1.5, "year": 2000}, ensure_ascii=False))' > "$T_TMP/song_wide.json"
t_rc "a 600-byte name stages" 0 dwht -c "stage songs $T_TMP/song_wide.json"
t_rc "and loads" 0 dwht -c "load songs" -c "load artists"
t_eq "name and title whole, in bytes" "$(sqlv "SELECT octet_length(a.name) || ' ' || octet_length(s.title) FROM artists a JOIN songs s USING (artist_id)")" "603 600"
