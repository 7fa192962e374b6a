-- diff stage songs|events (the files staging holds): the snapshots of files by two runs
-- ($1: the older run_id, $2: the newer) side by side,
-- one row per key added, removed or changed: the change, the key, then each column's old
-- (o_) and new (n_) value, which `diff` (src/cmd/cmd_diff.c) turns into "level: free → paid".
-- No IS DISTINCT FROM on Redshift ("Unsupported PostgreSQL features":
-- https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-features.html): a
-- NULL-safe <> spelled out. FULL JOIN: https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause30.html.
-- The snapshots are dwh_snap_rows' (key, c1..c4 text, n1, n2 numbers; create_runs.sql), named back here.
SELECT CASE WHEN o.path IS NULL THEN 'added' WHEN n.path IS NULL THEN 'removed' ELSE 'changed' END AS change,
       COALESCE(n.path, o.path) AS path,
       o.size AS o_size, n.size AS n_size,
       o.rows AS o_rows, n.rows AS n_rows,
       o.checksum AS o_checksum, n.checksum AS n_checksum
FROM (SELECT key AS path, n1 AS size, c1 AS checksum, n2 AS rows FROM dwh_snap_rows WHERE run_id = CAST($1 AS BIGINT)) o
FULL JOIN (SELECT key AS path, n1 AS size, c1 AS checksum, n2 AS rows FROM dwh_snap_rows
           WHERE run_id = CAST($2 AS BIGINT)) n ON n.path = o.path
WHERE o.path IS NULL
   OR n.path IS NULL
   OR (o.size <> n.size OR (o.size IS NULL) <> (n.size IS NULL))
   OR (o.rows <> n.rows OR (o.rows IS NULL) <> (n.rows IS NULL))
   OR (o.checksum <> n.checksum OR (o.checksum IS NULL) <> (n.checksum IS NULL))
ORDER BY 2
