-- load songplays --incremental: the plays in staging_events that songplays does not have yet.
-- Inputs: staging_events (the new day), staging_songs (matched as load_songplays.sql matches),
-- dwh_play_keys (the plays already loaded). One transaction; running it again adds nothing.
--
-- * An event is a play already loaded when its (ts, user_id, session_id, item_in_session) is in
--   dwh_play_keys, whatever file or day it came from; within the new rows the same event twice
--   is kept once (the copy load_songplays.sql's order would number first).
-- * Only the keys within the new events' span of ts are looked at (read through the BRIN index):
--   the planner then hashes a day's keys, not every play's (measured, a day of 30 against 29
--   loaded: 0.33 s -> 0.04 s; whether it sorted or hashed them all depended on its statistics).
-- * Ids already given never change: the new plays are numbered after the largest, in the total
--   order load_songplays.sql numbers a full load in.
BEGIN;
SET LOCAL work_mem = '256MB';
CREATE TEMP TABLE new_plays ON COMMIT DROP AS
SELECT DISTINCT ON (COALESCE(e.ts, -1), e.user_id, COALESCE(e.session_id, -1),
                    COALESCE(e.item_in_session, -1))
       e.ts, e.user_id, e.level, m.song_id, m.artist_id, e.session_id, e.item_in_session,
       e.location, e.user_agent
FROM staging_events e
LEFT JOIN (
    SELECT DISTINCT ON (title, artist_name, duration)
           title, artist_name, duration, song_id, artist_id
    FROM staging_songs
    WHERE title IS NOT NULL AND artist_name IS NOT NULL AND duration IS NOT NULL
      AND song_id IS NOT NULL AND artist_id IS NOT NULL
      -- only the songs a new play can match: a day's plays name a tenth of them, and every song
      -- of a (title, artist, duration) is kept, so the smallest song_id is the same
      AND (title, artist_name, duration) IN (SELECT song, artist, length FROM staging_events
                                             WHERE page = 'NextSong')
    ORDER BY title, artist_name, duration, song_id
) m ON m.title = e.song AND m.artist_name = e.artist AND m.duration = e.length
WHERE e.page = 'NextSong' AND e.user_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM dwh_play_keys k
                  WHERE k.ts BETWEEN (SELECT min(COALESCE(ts, -1)) FROM staging_events
                                      WHERE page = 'NextSong' AND user_id IS NOT NULL)
                                 AND (SELECT max(COALESCE(ts, -1)) FROM staging_events
                                      WHERE page = 'NextSong' AND user_id IS NOT NULL)
                    AND k.ts = COALESCE(e.ts, -1) AND k.user_id = e.user_id
                    AND k.session_id = COALESCE(e.session_id, -1)
                    AND k.item_in_session = COALESCE(e.item_in_session, -1))
ORDER BY COALESCE(e.ts, -1), e.user_id, COALESCE(e.session_id, -1), COALESCE(e.item_in_session, -1),
         e.level COLLATE "C" NULLS LAST, m.song_id COLLATE "C" NULLS LAST,
         m.artist_id COLLATE "C" NULLS LAST, e.location COLLATE "C" NULLS LAST,
         e.user_agent COLLATE "C" NULLS LAST;

INSERT INTO dwh_play_keys (ts, user_id, session_id, item_in_session)
SELECT COALESCE(ts, -1), user_id, COALESCE(session_id, -1), COALESCE(item_in_session, -1)
FROM new_plays;
-- the block ranges those keys filled summarized, so the next merge skips them unless their ts
-- is in its span (an older layout without the BRIN index: to_regclass gives NULL, a no-op)
SELECT brin_summarize_new_values(to_regclass('dwh_play_keys_ts'));

INSERT INTO songplays (songplay_id, start_time, user_id, level, song_id, artist_id, session_id,
                       location, user_agent)
OVERRIDING SYSTEM VALUE   -- a songplays made by an older dwh still has an identity column
SELECT (SELECT COALESCE(max(songplay_id), 0) FROM songplays)
       + ROW_NUMBER() OVER (ORDER BY ts NULLS LAST, session_id NULLS LAST,
                                     item_in_session NULLS LAST, user_id COLLATE "C" NULLS LAST,
                                     level COLLATE "C" NULLS LAST, song_id COLLATE "C" NULLS LAST,
                                     artist_id COLLATE "C" NULLS LAST,
                                     location COLLATE "C" NULLS LAST,
                                     user_agent COLLATE "C" NULLS LAST),
       TIMESTAMP 'epoch' + ts * INTERVAL '1 millisecond',
       user_id, level, song_id, artist_id, session_id, location, user_agent
FROM new_plays;
COMMIT;
