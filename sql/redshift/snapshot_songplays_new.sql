-- The snapshot `diff load songplays` compares after an incremental load that appended plays
-- (see sql/postgres/snapshot_songplays_new.sql): the previous snapshot's rows for the days the
-- run did not touch, copied, and the touched days — those of the plays numbered after
-- MAX(songplay_id) - (plays added) — recomputed as snapshot_songplays.sql does. songplays is
-- sorted by start_time (its SORTKEY), so the range on start_time lets the scan skip the blocks
-- of other days by their zone maps
-- (https://docs.aws.amazon.com/redshift/latest/dg/t_Sorting_data.html); a day's end is
-- DATE + INTERVAL (https://docs.aws.amazon.com/redshift/latest/dg/r_interval_literals.html).
-- The touched days are a subquery, not a WITH, written twice. : run_id, : the previous
-- snapshot's run_id, : plays added.
INSERT INTO dwh_snap_days (run_id, day, user_id, plays, matched, digest)
SELECT CAST($1 AS BIGINT), o.day, o.user_id, o.plays, o.matched, o.digest
FROM dwh_snap_days o
WHERE o.run_id = CAST($2 AS BIGINT)
  AND o.day NOT IN (SELECT DISTINCT CAST(start_time AS DATE) FROM songplays
                    WHERE songplay_id > (SELECT MAX(songplay_id) FROM songplays) - CAST($3 AS BIGINT))
UNION ALL
SELECT CAST($1 AS BIGINT), CAST(start_time AS DATE), user_id, COUNT(*), COUNT(song_id),
       SUM(CAST(TRANSLATE(LEFT(MD5(CAST(start_time AS VARCHAR) || '|' || COALESCE(level, '~')
           || '|' || COALESCE(song_id, '~') || '|' || COALESCE(artist_id, '~') || '|'
           || COALESCE(CAST(session_id AS VARCHAR), '~') || '|' || COALESCE(location, '~')
           || '|' || COALESCE(user_agent, '~')), 12), 'abcdef', '012345') AS BIGINT))
FROM songplays p
JOIN (SELECT MIN(day) AS lo, MAX(day) AS hi
      FROM (SELECT DISTINCT CAST(start_time AS DATE) AS day FROM songplays
            WHERE songplay_id > (SELECT MAX(songplay_id) FROM songplays) - CAST($3 AS BIGINT)) d) r
  ON p.start_time >= r.lo AND p.start_time < r.hi + INTERVAL '1 day'
WHERE CAST(p.start_time AS DATE) IN (SELECT DISTINCT CAST(start_time AS DATE) FROM songplays
                                     WHERE songplay_id > (SELECT MAX(songplay_id) FROM songplays) - CAST($3 AS BIGINT))
GROUP BY 2, 3
