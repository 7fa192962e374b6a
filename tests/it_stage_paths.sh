#!/usr/bin/env bash
# it_stage_paths.sh — where a stage's input comes from: PATH, else --data DIR, else dwh.cfg's
# [LOCAL] SONG_DATA / LOG_DATA; PATH wins over both.
. "$(dirname "$0")/lib/lib.sh"

L="$T_ROOT/tests/data/layout"
t_newdb
dwht -c create >/dev/null 2>&1
mkdir -p "$T_TMP/cfgdata/songs" "$T_TMP/cfgdata/logs" "$T_TMP/data/song_data" "$T_TMP/data/log_data"
cp "$L/song_two_pretty.json" "$T_TMP/cfgdata/songs/"
cp "$L/lines.json" "$T_TMP/cfgdata/logs/"
cp "$L/song_bom.json" "$T_TMP/data/song_data/"
cp "$L/no_newline.json" "$T_TMP/data/log_data/"
cat > "$T_TMP/dwh.cfg" <<CFG
[CLUSTER]
HOST = $T_HOST
DB_NAME = $T_DB
DB_USER = $T_USER
DB_PASSWORD = $T_PASS
DB_PORT = $T_PORT

[LOCAL]
SONG_DATA = '$T_TMP/cfgdata/songs'
LOG_DATA = "$T_TMP/cfgdata/logs"
CFG
counts() { echo "$(sqlv 'SELECT count(*) FROM staging_songs')/$(sqlv 'SELECT count(*) FROM staging_events')"; }

t_rc "from the config" 0 dwht --config "$T_TMP/dwh.cfg" -c stage
t_eq "config paths used" "$(counts)" "2/3"
t_rc "--data wins over the config" 0 dwht --config "$T_TMP/dwh.cfg" --data "$T_TMP/data" -c stage
t_eq "--data paths used" "$(counts)" "1/2"
t_rc "PATH wins over both" 0 dwht --config "$T_TMP/dwh.cfg" --data "$T_TMP/data" -c "stage events $(dq "$L/array.json")"
t_eq "PATH used, songs untouched" "$(counts)" "1/3"
t_rc "stage songs from the config" 0 dwht --config "$T_TMP/dwh.cfg" -c "stage songs"
t_eq "only songs replaced" "$(counts)" "2/3"
t_rc "unknown table" 1 dwht -c "stage users"
t_has "usage" "$(cat "$T_TMP/err")" "usage: stage [songs|events] [PATH] [--max-errors N]"
t_newdb "${T_NAME}_empty"
t_rc "no staging tables" 1 dwht -c "stage songs $(dq "$L/song_bom.json")"
t_has "says to create them" "$(cat "$T_TMP/err")" "stage songs: there is no staging_songs table: run \`create staging\` first"
