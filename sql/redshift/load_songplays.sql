-- load songplays (Redshift): one row per NextSong event, matched to a song on title + artist name
-- + duration. Inputs: staging_events, staging_songs. One transaction, idempotent.
--
-- The same rules as sql/postgres/load_songplays.sql, in SQL Redshift accepts:
-- * no DISTINCT ON: ROW_NUMBER keeps one song per (title, artist_name, duration), the smallest
--   song_id, so a play that two songs match still makes exactly one row;
-- * no TRUNCATE (it commits on Redshift, breaking the one transaction): DELETE, then INSERT;
-- * ts / 1000.0 is a numeric division, so start_time keeps the milliseconds (ts / 1000 on a
--   BIGINT would be integer division);
-- * statistics of the joined and grouped columns are refreshed first, so the planner
--   broadcasts the small song side of the join.
ANALYZE staging_events (page, song, artist, length, user_id);
ANALYZE staging_songs (title, artist_name, duration);

BEGIN;
DELETE FROM songplays;

INSERT INTO songplays (start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
SELECT TIMESTAMP 'epoch' + e.ts / 1000.0 * INTERVAL '1 second',
       e.user_id, e.level, m.song_id, m.artist_id, e.session_id, e.location, e.user_agent
FROM staging_events e
LEFT JOIN (
    SELECT title, artist_name, duration, song_id, artist_id
    FROM (
        SELECT title, artist_name, duration, song_id, artist_id,
               ROW_NUMBER() OVER (PARTITION BY title, artist_name, duration ORDER BY song_id) AS rn
        FROM staging_songs
        WHERE title IS NOT NULL AND artist_name IS NOT NULL AND duration IS NOT NULL
          AND song_id IS NOT NULL AND artist_id IS NOT NULL   -- only songs the songs table keeps
    ) ranked
    WHERE rn = 1
) m ON m.title = e.song AND m.artist_name = e.artist AND m.duration = e.length
WHERE e.page = 'NextSong';
COMMIT;

ANALYZE songplays (start_time, user_id);
