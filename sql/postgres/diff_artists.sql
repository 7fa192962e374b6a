-- diff load artists: the snapshots of artists by two runs
-- ($1: the older run_id, $2: the newer) side by side,
-- one row per key added, removed or changed: the change, the key, then each column's old
-- (o_) and new (n_) value, which `diff` (src/cmd/cmd_diff.c) turns into "level: free → paid".
-- The snapshots are dwh_snap_rows' (key, c1..c4 text, n1, n2 numbers; create_runs.sql), named back here.
SELECT CASE WHEN o.artist_id IS NULL THEN 'added' WHEN n.artist_id IS NULL THEN 'removed' ELSE 'changed' END AS change,
       COALESCE(n.artist_id, o.artist_id) AS artist_id,
       o.name AS o_name, n.name AS n_name,
       o.location AS o_location, n.location AS n_location,
       o.latitude AS o_latitude, n.latitude AS n_latitude,
       o.longitude AS o_longitude, n.longitude AS n_longitude
FROM (SELECT key AS artist_id, c1 AS name, c2 AS location, n1 AS latitude, n2 AS longitude FROM dwh_snap_rows WHERE run_id = CAST($1 AS bigint)) o
FULL JOIN (SELECT key AS artist_id, c1 AS name, c2 AS location, n1 AS latitude, n2 AS longitude FROM dwh_snap_rows
           WHERE run_id = CAST($2 AS bigint)) n ON n.artist_id = o.artist_id
WHERE o.artist_id IS NULL
   OR n.artist_id IS NULL
   OR o.name IS DISTINCT FROM n.name
   OR o.location IS DISTINCT FROM n.location
   OR o.latitude IS DISTINCT FROM n.latitude
   OR o.longitude IS DISTINCT FROM n.longitude
ORDER BY 2
