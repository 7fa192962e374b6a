-- diff load time (per day): the snapshots of time by two runs
-- ($1: the older run_id, $2: the newer) side by side,
-- one row per key added, removed or changed: the change, the key, then each column's old
-- (o_) and new (n_) value, which `diff` (src/cmd/cmd_diff.c) turns into "level: free → paid".
-- digest is compared but not shown: it tells a changed row whose shown columns are the same.
-- No IS DISTINCT FROM on Redshift ("Unsupported PostgreSQL features":
-- https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-features.html): a
-- NULL-safe <> spelled out. FULL JOIN: https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause30.html.
-- The snapshots are dwh_snap_days' (create_runs.sql).
SELECT CASE WHEN o.day IS NULL THEN 'added' WHEN n.day IS NULL THEN 'removed' ELSE 'changed' END AS change,
       COALESCE(n.day, o.day) AS day,
       o.rows AS o_rows, n.rows AS n_rows
FROM (SELECT day, plays AS rows, digest FROM dwh_snap_days WHERE run_id = CAST($1 AS BIGINT)) o
FULL JOIN (SELECT day, plays AS rows, digest FROM dwh_snap_days
           WHERE run_id = CAST($2 AS BIGINT)) n ON n.day = o.day
WHERE o.day IS NULL
   OR n.day IS NULL
   OR (o.rows <> n.rows OR (o.rows IS NULL) <> (n.rows IS NULL))
   OR (o.digest <> n.digest OR (o.digest IS NULL) <> (n.digest IS NULL))
ORDER BY 2
