-- The snapshot `diff load songplays` compares: per day and user, the plays, those matched to a
-- song, and a digest of the rows, into dwh_snap_days — one pass over songplays and a few thousand
-- rows written, where copying its rows cost more than 5 % of a full run (bench/results.md). The
-- digest is the sum of each row's hash: songplay_id left out (a day loaded later is numbered
-- later, which changes no play) and user_id too (the group's key; a column less to hash). Any
-- play added, removed or changed in its time, song, artist, level, session, location or agent
-- changes its day's digest. sum of an integer is a bigint, summed without the numeric
-- accumulator a bigint's sum takes. hash_record: PostgreSQL 14 or later. $1: run_id.
INSERT INTO dwh_snap_days (run_id, day, user_id, plays, matched, digest)
SELECT CAST($1 AS bigint), CAST(start_time AS date), user_id, count(*), count(song_id),
       sum(hash_record(ROW(start_time, level, song_id, artist_id, session_id, location,
                           user_agent)))
FROM songplays
GROUP BY 2, 3
