-- diff load songplays (per day and user): the snapshots of songplays by two runs
-- ($1: the older run_id, $2: the newer) side by side,
-- one row per key added, removed or changed: the change, the key, then each column's old
-- (o_) and new (n_) value, which `diff` (src/cmd/cmd_diff.c) turns into "level: free → paid".
-- digest is compared but not shown: it tells a changed row whose shown columns are the same.
-- The snapshots are dwh_snap_days' (create_runs.sql).
SELECT CASE WHEN o.day IS NULL THEN 'added' WHEN n.day IS NULL THEN 'removed' ELSE 'changed' END AS change,
       COALESCE(n.day, o.day) AS day,
       COALESCE(n.user_id, o.user_id) AS user_id,
       o.plays AS o_plays, n.plays AS n_plays,
       o.matched AS o_matched, n.matched AS n_matched
FROM (SELECT day, user_id, plays, matched, digest FROM dwh_snap_days WHERE run_id = CAST($1 AS bigint)) o
FULL JOIN (SELECT day, user_id, plays, matched, digest FROM dwh_snap_days
           WHERE run_id = CAST($2 AS bigint)) n ON n.day = o.day AND n.user_id = o.user_id
WHERE o.day IS NULL
   OR n.day IS NULL
   OR o.plays IS DISTINCT FROM n.plays
   OR o.matched IS DISTINCT FROM n.matched
   OR o.digest IS DISTINCT FROM n.digest
ORDER BY 2, 3
