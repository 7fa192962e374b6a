-- The snapshot `diff load time` compares: per day, the rows and a digest of their start_times
-- (MD5 read as a number, as in snapshot_songplays.sql), into dwh_snap_days with no user
-- (user_id NULL; plays: the day's rows). $1: run_id.
INSERT INTO dwh_snap_days (run_id, day, plays, digest)
SELECT CAST($1 AS BIGINT), CAST(start_time AS DATE), COUNT(*),
       SUM(CAST(TRANSLATE(LEFT(MD5(CAST(start_time AS VARCHAR)), 12), 'abcdef', '012345')
           AS BIGINT))
FROM time
GROUP BY 2
