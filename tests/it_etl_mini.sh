#!/usr/bin/env bash
# it_etl_mini.sh — the transforms on a data set whose answers are known by hand
# (tests/data/etl/mini): every rule of PIPELINE.md, exact rows, idempotent re-runs.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

t_newdb
dwht -c create >/dev/null || t_fail "create"
etl_stage "$ETL_MINI"
t_eq "staging rows" "$(etl_staging)" "$ETL_MINI_STAGING"

out=$(dwht -c 'load all' 2>&1); rc=$?
t_eq "load all exits 0" "$rc" 0
t_has "load prints each stage" "$out" "load songplays"
t_has "load prints rows" "$out" "6 rows"
t_eq "figures" "$(etl_figures)" "$ETL_MINI_FIGURES"

# songplays: the match rules
t_eq "matched plays" "$(sqlv "SELECT string_agg(song_id || '/' || artist_id, ' ' ORDER BY start_time, song_id)
	FROM songplays WHERE song_id IS NOT NULL")" "SOAAA1/ARA SOBBB1/ARB SOCCC1/ARC2"
t_eq "unmatched plays keep NULL song" "$(sqlv "SELECT count(*) FROM songplays WHERE song_id IS NULL AND artist_id IS NULL")" 3
t_eq "a song without artist_id matches nothing" "$(sqlv "SELECT count(*) FROM songplays WHERE song_id = 'SODDD0'")" 0
t_eq "start_time keeps milliseconds" "$(sqlv "SELECT start_time FROM songplays WHERE song_id = 'SOCCC1'")" \
	"2018-10-31 15:35:00.456"
t_eq "songplay_id from 1" "$(sqlv "SELECT min(songplay_id) || '-' || max(songplay_id) FROM songplays")" "1-6"
# users: latest event decides
t_eq "users' levels" "$(sqlv "SELECT string_agg(user_id || ':' || level || ':' || last_name, ' ' ORDER BY user_id) FROM users")" \
	"10:paid:Paid 11:free:Stay 12:free:Down 13:paid:Tie"
# artists: one row per id, the spelling with coordinates
t_eq "artist spelling" "$(sqlv "SELECT name || '|' || location FROM artists WHERE artist_id = 'ARA'")" "Alpha|Paris"
t_eq "artist text kept" "$(sqlv "SELECT name FROM artists WHERE artist_id = 'ARB'")" "Bêta \"Q\" O'Neil\\"
t_eq "songs deduplicated" "$(sqlv "SELECT count(*) FROM songs WHERE song_id = 'SOAAA1'")" 1
# time: units
t_eq "time units" "$(sqlv "SELECT hour || ' ' || day || ' ' || week || ' ' || month || ' ' || year || ' ' || weekday
	FROM time WHERE start_time = '2018-10-31 15:33:20.123'")" "15 31 44 10 2018 3"

# idempotent: every stage again, the same rows (ids included)
before=$(sqlv "SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM (SELECT * FROM songplays) t")
dwht -c 'load all' -c 'load users' -c 'load time' >/dev/null 2>&1
t_eq "figures after re-runs" "$(etl_figures)" "$ETL_MINI_FIGURES"
t_eq "songplays identical after re-run" \
	"$(sqlv "SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM (SELECT * FROM songplays) t")" "$before"
t_eq "indexes rebuilt" "$(sqlv "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'songplays'")" \
	"songplays_pkey songplays_start_time songplays_user_id"
