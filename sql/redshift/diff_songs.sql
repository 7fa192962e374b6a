-- diff load songs: the snapshots of songs by two runs
-- ($1: the older run_id, $2: the newer) side by side,
-- one row per key added, removed or changed: the change, the key, then each column's old
-- (o_) and new (n_) value, which `diff` (src/cmd/cmd_diff.c) turns into "level: free → paid".
-- No IS DISTINCT FROM on Redshift ("Unsupported PostgreSQL features":
-- https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-features.html): a
-- NULL-safe <> spelled out. FULL JOIN: https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause30.html.
-- The snapshots are dwh_snap_rows' (key, c1..c4 text, n1, n2 numbers; create_runs.sql), named back here.
SELECT CASE WHEN o.song_id IS NULL THEN 'added' WHEN n.song_id IS NULL THEN 'removed' ELSE 'changed' END AS change,
       COALESCE(n.song_id, o.song_id) AS song_id,
       o.title AS o_title, n.title AS n_title,
       o.artist_id AS o_artist_id, n.artist_id AS n_artist_id,
       o.year AS o_year, n.year AS n_year,
       o.duration AS o_duration, n.duration AS n_duration
FROM (SELECT key AS song_id, c1 AS title, c2 AS artist_id, n1 AS year, n2 AS duration FROM dwh_snap_rows WHERE run_id = CAST($1 AS BIGINT)) o
FULL JOIN (SELECT key AS song_id, c1 AS title, c2 AS artist_id, n1 AS year, n2 AS duration FROM dwh_snap_rows
           WHERE run_id = CAST($2 AS BIGINT)) n ON n.song_id = o.song_id
WHERE o.song_id IS NULL
   OR n.song_id IS NULL
   OR (o.title <> n.title OR (o.title IS NULL) <> (n.title IS NULL))
   OR (o.artist_id <> n.artist_id OR (o.artist_id IS NULL) <> (n.artist_id IS NULL))
   OR (o.year <> n.year OR (o.year IS NULL) <> (n.year IS NULL))
   OR (o.duration <> n.duration OR (o.duration IS NULL) <> (n.duration IS NULL))
ORDER BY 2
