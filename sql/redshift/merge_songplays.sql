-- load songplays --incremental (Redshift): the plays in staging_events that songplays does not
-- have yet, numbered after the largest id; the same rules as sql/postgres/merge_songplays.sql
-- in Redshift's SQL. Redshift has no INSERT ... ON CONFLICT and does not enforce keys, so the
-- plays already loaded are found with an anti-join on dwh_play_keys, in one transaction (the
-- delete-then-insert / anti-join upsert of "Merge examples",
-- https://docs.aws.amazon.com/redshift/latest/dg/merge-examples.html). A temporary table lasts
-- the session, so it is dropped at the end (CREATE TABLE, TEMP:
-- https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html).
BEGIN;
-- The pipeline lock first: a stage or another load waits for this transaction, or is refused
-- by the check before it (LOCK: https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
LOCK dwh_lock;
DROP TABLE IF EXISTS new_plays;
CREATE TEMP TABLE new_plays AS
SELECT ts, user_id, level, song_id, artist_id, session_id, item_in_session, location, user_agent
FROM (
    SELECT e.ts, e.user_id, e.level, m.song_id, m.artist_id, e.session_id, e.item_in_session,
           e.location, e.user_agent,
           ROW_NUMBER() OVER (PARTITION BY COALESCE(e.ts, -1), e.user_id, LENGTH(e.user_id),
                                           COALESCE(e.session_id, -1), COALESCE(e.item_in_session, -1)
                              ORDER BY e.level NULLS LAST, m.song_id NULLS LAST,
                                       m.artist_id NULLS LAST, e.location NULLS LAST,
                                       e.user_agent NULLS LAST) AS rn
    FROM staging_events e
    LEFT JOIN (
        SELECT title, artist_name, duration, song_id, artist_id
        FROM (
            SELECT title, artist_name, duration, song_id, artist_id,
                   ROW_NUMBER() OVER (PARTITION BY title, LENGTH(title), artist_name,
                                                   LENGTH(artist_name), duration
                                      ORDER BY song_id) AS rn
            FROM staging_songs
            WHERE title IS NOT NULL AND artist_name IS NOT NULL AND duration IS NOT NULL
              AND song_id IS NOT NULL AND artist_id IS NOT NULL
        ) ranked
        WHERE rn = 1
    ) m ON m.title = e.song AND LENGTH(m.title) = LENGTH(e.song)
         AND m.artist_name = e.artist AND LENGTH(m.artist_name) = LENGTH(e.artist)
         AND m.duration = e.length
    LEFT JOIN dwh_play_keys k
           ON k.ts = COALESCE(e.ts, -1) AND k.user_id = e.user_id
          AND LENGTH(k.user_id) = LENGTH(e.user_id)
          AND k.session_id = COALESCE(e.session_id, -1)
          AND k.item_in_session = COALESCE(e.item_in_session, -1)
    WHERE e.page = 'NextSong' AND e.user_id IS NOT NULL AND k.ts IS NULL
) fresh
WHERE rn = 1;

INSERT INTO dwh_play_keys (ts, user_id, session_id, item_in_session)
SELECT COALESCE(ts, -1), user_id, COALESCE(session_id, -1), COALESCE(item_in_session, -1)
FROM new_plays;

INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id,
                       location, user_agent)
SELECT (SELECT COALESCE(MAX(songplay_id), 0) FROM songplays)
       + ROW_NUMBER() OVER (ORDER BY ts NULLS LAST, session_id NULLS LAST,
                                     item_in_session NULLS LAST, user_id NULLS LAST,
                                     level NULLS LAST, song_id NULLS LAST, artist_id NULLS LAST,
                                     location NULLS LAST, user_agent NULLS LAST),
       TIMESTAMP 'epoch' + ts / 1000.0 * INTERVAL '1 second',
       user_id, level, song_id, artist_id, session_id, location, user_agent
FROM new_plays;
DROP TABLE new_plays;
COMMIT;
