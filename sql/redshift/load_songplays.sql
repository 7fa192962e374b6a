-- load songplays (Redshift): one row per NextSong event, matched to a song on title + artist name
-- + duration. Inputs: staging_events, staging_songs. One transaction, idempotent.
--
-- The same rules as sql/postgres/load_songplays.sql, in SQL Redshift accepts:
-- * no DISTINCT ON: ROW_NUMBER keeps one song per (title, artist_name, duration), the smallest
--   song_id, so a play that two songs match still makes exactly one row;
-- * no TRUNCATE (it "commits the transaction in which it is run", TRUNCATE:
--   docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html), which would end the transaction
--   that holds LOCK dwh_lock and show an empty table: DELETE, then INSERT; the deleted rows wait
--   for a vacuum (DELETE: docs.aws.amazon.com/redshift/latest/dg/r_DELETE.html; see load_users.sql);
-- * ts / 1000.0 is a numeric division, so start_time keeps the milliseconds (ts / 1000 on a
--   BIGINT would be integer division);
-- * statistics of the joined and grouped columns are refreshed first, so the planner
--   broadcasts the small song side of the join (staging's COPY runs with STATUPDATE OFF);
-- * songplay_id is ROW_NUMBER() over the total order sql/postgres/load_songplays.sql uses (ts,
--   session, item, user, then every other column): 1..N on every run, the same ids as on
--   PostgreSQL. songplays has no IDENTITY column: for INSERT ... SELECT Redshift's IDENTITY
--   skips values and ignores the order (CREATE TABLE, IDENTITY; see create_star.sql);
-- * Redshift compares VARCHARs ignoring trailing blanks ('a ' = 'a'; Character types:
--   docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html) where PostgreSQL does not,
--   and its LENGTH counts them. So each text equality that decides a match also compares
--   LENGTHs, and the dedup partitions by them: a title 'X ' matches only 'X ', as on PostgreSQL.
--   Ties in the ORDER BY between values that differ only in trailing blanks are left to chance:
--   they need two events equal in ts, session, item and every other column but blanks.
ANALYZE staging_events (page, song, artist, length, user_id);
ANALYZE staging_songs (title, artist_name, duration);

BEGIN;
-- The pipeline lock first: a stage or another load waits for this transaction, or is refused
-- by the check before it (LOCK: https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
LOCK dwh_lock;
DELETE FROM songplays;

INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id,
                       location, user_agent)
SELECT ROW_NUMBER() OVER (ORDER BY e.ts NULLS LAST, e.session_id NULLS LAST,
                                   e.item_in_session NULLS LAST, e.user_id NULLS LAST,
                                   e.level NULLS LAST, m.song_id NULLS LAST, m.artist_id NULLS LAST,
                                   e.location NULLS LAST, e.user_agent NULLS LAST),
       TIMESTAMP 'epoch' + e.ts / 1000.0 * INTERVAL '1 second',
       e.user_id, e.level, m.song_id, m.artist_id, e.session_id, e.location, e.user_agent
FROM staging_events e
LEFT JOIN (
    SELECT title, artist_name, duration, song_id, artist_id
    FROM (
        SELECT title, artist_name, duration, song_id, artist_id,
               ROW_NUMBER() OVER (PARTITION BY title, LENGTH(title), artist_name, LENGTH(artist_name),
                                               duration
                                  ORDER BY song_id) AS rn
        FROM staging_songs
        WHERE title IS NOT NULL AND artist_name IS NOT NULL AND duration IS NOT NULL
          AND song_id IS NOT NULL AND artist_id IS NOT NULL   -- only songs the songs table keeps
    ) ranked
    WHERE rn = 1
) m ON m.title = e.song AND LENGTH(m.title) = LENGTH(e.song)
     AND m.artist_name = e.artist AND LENGTH(m.artist_name) = LENGTH(e.artist)
     AND m.duration = e.length
WHERE e.page = 'NextSong';
COMMIT;

ANALYZE songplays (start_time, user_id);
