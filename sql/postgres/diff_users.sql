-- diff load users: the snapshots of users by two runs
-- ($1: the older run_id, $2: the newer) side by side,
-- one row per key added, removed or changed: the change, the key, then each column's old
-- (o_) and new (n_) value, which `diff` (src/cmd/cmd_diff.c) turns into "level: free → paid".
-- The snapshots are dwh_snap_rows' (key, c1..c4 text, n1, n2 numbers; create_runs.sql), named back here.
SELECT CASE WHEN o.user_id IS NULL THEN 'added' WHEN n.user_id IS NULL THEN 'removed' ELSE 'changed' END AS change,
       COALESCE(n.user_id, o.user_id) AS user_id,
       o.first_name AS o_first_name, n.first_name AS n_first_name,
       o.last_name AS o_last_name, n.last_name AS n_last_name,
       o.gender AS o_gender, n.gender AS n_gender,
       o.level AS o_level, n.level AS n_level
FROM (SELECT key AS user_id, c1 AS first_name, c2 AS last_name, c3 AS gender, c4 AS level FROM dwh_snap_rows WHERE run_id = CAST($1 AS bigint)) o
FULL JOIN (SELECT key AS user_id, c1 AS first_name, c2 AS last_name, c3 AS gender, c4 AS level FROM dwh_snap_rows
           WHERE run_id = CAST($2 AS bigint)) n ON n.user_id = o.user_id
WHERE o.user_id IS NULL
   OR n.user_id IS NULL
   OR o.first_name IS DISTINCT FROM n.first_name
   OR o.last_name IS DISTINCT FROM n.last_name
   OR o.gender IS DISTINCT FROM n.gender
   OR o.level IS DISTINCT FROM n.level
ORDER BY 2
