-- The snapshot `diff load time` compares after an incremental load that added rows (see
-- sql/postgres/snapshot_time_new.sql): the previous snapshot's days that staging_events has no
-- play on, copied, and the days it has plays on — every day merge_time.sql could add a row
-- to — recomputed as snapshot_time.sql does, the range on start_time (time's SORTKEY) letting
-- the scan skip other days' blocks by their zone maps
-- (https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data.html; DATE + INTERVAL:
-- https://docs.aws.amazon.com/redshift/latest/dg/r_interval_literals.html). The days are a
-- subquery, not a WITH, written out each time. $1: run_id, $2: the previous snapshot's run_id.
INSERT INTO dwh_snap_days (run_id, day, plays, digest)
SELECT CAST($1 AS BIGINT), o.day, o.plays, o.digest
FROM dwh_snap_days o
WHERE o.run_id = CAST($2 AS BIGINT)
  AND o.day NOT IN (SELECT DISTINCT CAST(TIMESTAMP 'epoch' + ts / 1000.0 * INTERVAL '1 second' AS DATE)
                    FROM staging_events
                    WHERE page = 'NextSong' AND user_id IS NOT NULL AND ts IS NOT NULL)
UNION ALL
SELECT CAST($1 AS BIGINT), CAST(t.start_time AS DATE), COUNT(*),
       SUM(CAST(TRANSLATE(LEFT(MD5(CAST(t.start_time AS VARCHAR)), 12), 'abcdef', '012345')
           AS BIGINT))
FROM time t
JOIN (SELECT MIN(day) AS lo, MAX(day) AS hi
      FROM (SELECT DISTINCT CAST(TIMESTAMP 'epoch' + ts / 1000.0 * INTERVAL '1 second' AS DATE) AS day
            FROM staging_events
            WHERE page = 'NextSong' AND user_id IS NOT NULL AND ts IS NOT NULL) d) r
  ON t.start_time >= r.lo AND t.start_time < r.hi + INTERVAL '1 day'
WHERE CAST(t.start_time AS DATE) IN (SELECT DISTINCT CAST(TIMESTAMP 'epoch' + ts / 1000.0 * INTERVAL '1 second' AS DATE)
                                     FROM staging_events
                                     WHERE page = 'NextSong' AND user_id IS NOT NULL AND ts IS NOT NULL)
GROUP BY 2
