-- The snapshot `diff load songplays` compares (see sql/postgres/snapshot_songplays.sql): per day
-- and user, the plays, those matched to a song, and a digest of the rows. Redshift has no
-- hash_record: a row's hash is the first 12 hex digits of the MD5 of its columns as text
-- (MD5: https://docs.aws.amazon.com/redshift/latest/dg/r_MD5.html), read as a decimal number by
-- mapping a-f to 0-5 with TRANSLATE (https://docs.aws.amazon.com/redshift/latest/dg/r_TRANSLATE.html;
-- lossy, which a digest can afford) so that it fits a BIGINT, as does the SUM of a day's hashes
-- (SUM of BIGINT is BIGINT: https://docs.aws.amazon.com/redshift/latest/dg/r_SUM.html; 10^12
-- per row leaves room for millions of plays a day and user). LEFT, not SUBSTR, a leader
-- node-only function (https://docs.aws.amazon.com/redshift/latest/dg/r_LEFT.html). user_id, the
-- group's key, is left out of the hash, as on PostgreSQL. Into dwh_snap_days. $1: run_id.
INSERT INTO dwh_snap_days (run_id, day, user_id, plays, matched, digest)
SELECT CAST($1 AS BIGINT), CAST(start_time AS DATE), user_id, COUNT(*), COUNT(song_id),
       SUM(CAST(TRANSLATE(LEFT(MD5(CAST(start_time AS VARCHAR) || '|' || COALESCE(level, '~')
           || '|' || COALESCE(song_id, '~') || '|' || COALESCE(artist_id, '~') || '|'
           || COALESCE(CAST(session_id AS VARCHAR), '~') || '|' || COALESCE(location, '~')
           || '|' || COALESCE(user_agent, '~')), 12), 'abcdef', '012345') AS BIGINT))
FROM songplays
GROUP BY 2, 3
