-- diff load users: the snapshots of users by two runs
-- ($1: the older run_id, $2: the newer) side by side,
-- one row per key added, removed or changed: the change, the key, then each column's old
-- (o_) and new (n_) value, which `diff` (src/cmd/cmd_diff.c) turns into "level: free → paid".
-- No IS DISTINCT FROM on Redshift ("Unsupported PostgreSQL features":
-- https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-features.html): a
-- NULL-safe <> spelled out. FULL JOIN: https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause30.html.
-- The snapshots are dwh_snap_rows' (key, c1..c4 text, n1, n2 numbers; create_runs.sql), named back here.
SELECT CASE WHEN o.user_id IS NULL THEN 'added' WHEN n.user_id IS NULL THEN 'removed' ELSE 'changed' END AS change,
       COALESCE(n.user_id, o.user_id) AS user_id,
       o.first_name AS o_first_name, n.first_name AS n_first_name,
       o.last_name AS o_last_name, n.last_name AS n_last_name,
       o.gender AS o_gender, n.gender AS n_gender,
       o.level AS o_level, n.level AS n_level
FROM (SELECT key AS user_id, c1 AS first_name, c2 AS last_name, c3 AS gender, c4 AS level FROM dwh_snap_rows WHERE run_id = CAST($1 AS BIGINT)) o
FULL JOIN (SELECT key AS user_id, c1 AS first_name, c2 AS last_name, c3 AS gender, c4 AS level FROM dwh_snap_rows
           WHERE run_id = CAST($2 AS BIGINT)) n ON n.user_id = o.user_id
WHERE o.user_id IS NULL
   OR n.user_id IS NULL
   OR (o.first_name <> n.first_name OR (o.first_name IS NULL) <> (n.first_name IS NULL))
   OR (o.last_name <> n.last_name OR (o.last_name IS NULL) <> (n.last_name IS NULL))
   OR (o.gender <> n.gender OR (o.gender IS NULL) <> (n.gender IS NULL))
   OR (o.level <> n.level OR (o.level IS NULL) <> (n.level IS NULL))
ORDER BY 2
