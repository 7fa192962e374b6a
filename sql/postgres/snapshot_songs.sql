-- The snapshot `diff load songs` compares: every song as this run left the table (key song_id;
-- c1, c2: title, artist_id; n1, n2: year, duration). $1: run_id. A SELECT of dwh_snap_rows'
-- columns in order, inserted into the run's partition (snapshot_users.sql: why).
SELECT CAST($1 AS bigint), song_id, title, artist_id, CAST(NULL AS text), CAST(NULL AS text),
       year, duration
FROM songs
