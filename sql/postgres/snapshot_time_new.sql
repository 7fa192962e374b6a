-- The snapshot `diff load time` compares, after an incremental load that added rows
-- (merge_time.sql only inserts, and only start_times of staging_events): the previous
-- snapshot's days that staging_events has no play on, copied, and the days it has plays on
-- recomputed as snapshot_time.sql does, through time's primary key — every day the load could
-- touch, so the snapshot is the one a full pass would take. $1: run_id, $2: the previous
-- snapshot's run_id.
INSERT INTO dwh_snap_days (run_id, day, plays, digest)
WITH touched AS MATERIALIZED (
    SELECT DISTINCT CAST(TIMESTAMP 'epoch' + ts * INTERVAL '1 millisecond' AS date) AS day
    FROM staging_events
    WHERE page = 'NextSong' AND user_id IS NOT NULL AND ts IS NOT NULL
)
SELECT CAST($1 AS bigint), o.day, o.plays, o.digest
FROM dwh_snap_days o
WHERE o.run_id = CAST($2 AS bigint) AND o.day NOT IN (SELECT day FROM touched)
UNION ALL
SELECT CAST($1 AS bigint), CAST(start_time AS date), count(*), sum(timestamp_hash(start_time))
FROM time
WHERE start_time >= (SELECT min(day) FROM touched)
  AND start_time < (SELECT max(day) FROM touched) + 1
  AND CAST(start_time AS date) IN (SELECT day FROM touched)
GROUP BY 2
