-- The snapshot `diff load songs` compares: every song as this run left the table. $1: run_id.
INSERT INTO dwh_snap_songs (run_id, song_id, title, artist_id, year, duration)
SELECT CAST($1 AS BIGINT), song_id, title, artist_id, year, duration FROM songs
