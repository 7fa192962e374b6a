-- The snapshot `diff load songs` compares: every song as this run left the table, into
-- dwh_snap_rows (key song_id; c1, c2: title, artist_id; n1, n2: year, duration). $1: run_id.
INSERT INTO dwh_snap_rows (run_id, key, c1, c2, n1, n2)
SELECT CAST($1 AS BIGINT), song_id, title, artist_id, year, duration FROM songs
