-- The snapshot `diff load songplays` compares, after an incremental load that appended plays
-- (merge_songplays.sql numbers them after the largest id): the previous snapshot's rows for the
-- days the run did not touch, copied (the snapshot's size, no scan of songplays), and the days
-- it touched recomputed as snapshot_songplays.sql does, through songplays_start_time. The
-- touched days are those of the plays numbered after max(songplay_id) - (plays added), found
-- through the primary key. $1: run_id, $2: the previous snapshot's run_id, $3: plays added.
INSERT INTO dwh_snap_days (run_id, day, user_id, plays, matched, digest)
WITH touched AS MATERIALIZED (
    SELECT DISTINCT CAST(start_time AS date) AS day FROM songplays
    WHERE songplay_id > (SELECT max(songplay_id) FROM songplays) - CAST($3 AS bigint)
)
SELECT CAST($1 AS bigint), o.day, o.user_id, o.plays, o.matched, o.digest
FROM dwh_snap_days o
WHERE o.run_id = CAST($2 AS bigint) AND o.day NOT IN (SELECT day FROM touched)
UNION ALL
SELECT CAST($1 AS bigint), CAST(start_time AS date), user_id, count(*), count(song_id),
       sum(timestamp_hash(start_time) # COALESCE(hashtext(level), 2) # COALESCE(hashtext(song_id), 3)
           # COALESCE(hashtext(artist_id), 4) # COALESCE(hashint4(session_id), 5)
           # COALESCE(hashtext(location), 6) # COALESCE(hashtext(user_agent), 7))
FROM songplays
WHERE start_time >= (SELECT min(day) FROM touched)
  AND start_time < (SELECT max(day) FROM touched) + 1
  AND CAST(start_time AS date) IN (SELECT day FROM touched)
GROUP BY 2, 3
