-- diff load artists: the snapshots of artists by two runs
-- ($1: the older run_id, $2: the newer) side by side,
-- one row per key added, removed or changed: the change, the key, then each column's old
-- (o_) and new (n_) value, which `diff` (src/cmd/cmd_diff.c) turns into "level: free → paid".
-- No IS DISTINCT FROM on Redshift ("Unsupported PostgreSQL features":
-- https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-features.html): a
-- NULL-safe <> spelled out. FULL JOIN: https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause30.html.
-- The snapshots are dwh_snap_rows' (key, c1..c4 text, n1, n2 numbers; create_runs.sql), named back here.
SELECT CASE WHEN o.artist_id IS NULL THEN 'added' WHEN n.artist_id IS NULL THEN 'removed' ELSE 'changed' END AS change,
       COALESCE(n.artist_id, o.artist_id) AS artist_id,
       o.name AS o_name, n.name AS n_name,
       o.location AS o_location, n.location AS n_location,
       o.latitude AS o_latitude, n.latitude AS n_latitude,
       o.longitude AS o_longitude, n.longitude AS n_longitude
FROM (SELECT key AS artist_id, c1 AS name, c2 AS location, n1 AS latitude, n2 AS longitude FROM dwh_snap_rows WHERE run_id = CAST($1 AS BIGINT)) o
FULL JOIN (SELECT key AS artist_id, c1 AS name, c2 AS location, n1 AS latitude, n2 AS longitude FROM dwh_snap_rows
           WHERE run_id = CAST($2 AS BIGINT)) n ON n.artist_id = o.artist_id
WHERE o.artist_id IS NULL
   OR n.artist_id IS NULL
   OR (o.name <> n.name OR (o.name IS NULL) <> (n.name IS NULL))
   OR (o.location <> n.location OR (o.location IS NULL) <> (n.location IS NULL))
   OR (o.latitude <> n.latitude OR (o.latitude IS NULL) <> (n.latitude IS NULL))
   OR (o.longitude <> n.longitude OR (o.longitude IS NULL) <> (n.longitude IS NULL))
ORDER BY 2
