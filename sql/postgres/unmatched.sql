-- unmatched: every NextSong event of staging_events sorted by why it has, or has no, song — the
-- rule of load_songplays.sql (title = song, artist_name = artist, duration = length, a song with
-- a song_id and an artist_id). Rows: k (1-4: the reasons an event matched none, which add up to
-- the unmatched plays; 5-6: matched, for the record), reason, plays (events), an example.
-- Events are grouped by (song, artist, length) first: the joins below see each triple once.
WITH e AS (   -- the plays (`why` puts its one play here, why_play.sql: keep e first, its ")," alone)
    SELECT song, artist, length, COUNT(*) AS n
    FROM staging_events
    WHERE page = 'NextSong'
    GROUP BY song, artist, length
),
exact AS (   -- songs equal on all three keys; ids: how many distinct usable song_ids
    SELECT title, artist_name, duration,
           COUNT(DISTINCT CASE WHEN song_id IS NOT NULL AND artist_id IS NOT NULL THEN song_id END) AS ids
    FROM staging_songs
    WHERE title IS NOT NULL AND artist_name IS NOT NULL AND duration IS NOT NULL
    GROUP BY title, artist_name, duration
),
titles AS (  -- each title, with one artist spelling it has and how many it has
    SELECT title, MIN(artist_name) AS artist_name, COUNT(DISTINCT artist_name) AS spellings
    FROM staging_songs
    WHERE title IS NOT NULL
    GROUP BY title
),
title_artist AS (
    SELECT DISTINCT title, artist_name FROM staging_songs
    WHERE title IS NOT NULL AND artist_name IS NOT NULL
),
nearest AS ( -- for title + artist found: the song duration nearest the event's length
    SELECT e.song, e.artist, e.length, MIN(ABS(s.duration - e.length)) AS diff,
           MIN(s.duration) AS duration
    FROM e JOIN staging_songs s ON s.title = e.song AND s.artist_name = e.artist
    WHERE s.duration IS NOT NULL AND e.length IS NOT NULL
    GROUP BY e.song, e.artist, e.length
),
c AS (
    SELECT e.n,
           CASE WHEN x.ids = 1 THEN 5
                WHEN x.ids > 1 THEN 6
                WHEN t.title IS NULL THEN 1
                WHEN ta.title IS NULL THEN 2
                WHEN x.title IS NULL THEN 3
                ELSE 4 END AS k,
           CASE WHEN x.ids >= 1 OR t.title IS NULL
                THEN '"' || COALESCE(e.song, '(no song)') || '" by ' || COALESCE(e.artist, '(no artist)')
                WHEN ta.title IS NULL
                THEN '"' || e.song || '" by ' || COALESCE(e.artist, '(no artist)') || '; the songs say '
                     || t.artist_name || CASE WHEN t.spellings > 1
                                              THEN ' (and ' || CAST(t.spellings - 1 AS VARCHAR) || ' more)'
                                              ELSE '' END
                WHEN x.title IS NULL
                THEN '"' || e.song || '" by ' || e.artist || ': ' || COALESCE(CAST(e.length AS VARCHAR), 'no length')
                     || ' s, the song ' || COALESCE(CAST(nr.duration AS VARCHAR), '?') || ' s'
                ELSE '"' || e.song || '" by ' || e.artist END AS example
    FROM e
    LEFT JOIN exact x ON x.title = e.song AND x.artist_name = e.artist AND x.duration = e.length
    LEFT JOIN titles t ON t.title = e.song
    LEFT JOIN title_artist ta ON ta.title = e.song AND ta.artist_name = e.artist
    LEFT JOIN nearest nr ON nr.song = e.song AND nr.artist = e.artist AND nr.length = e.length
)
SELECT k,
       CASE k WHEN 1 THEN 'no song with that title'
              WHEN 2 THEN 'title found but the artist differs'
              WHEN 3 THEN 'title and artist found but the duration differs'
              WHEN 4 THEN 'song found but it has no song_id or artist_id'
              WHEN 5 THEN 'matched one song'
              ELSE 'matched two or more songs (the smallest song_id taken)' END AS reason,
       SUM(n) AS plays, MIN(example) AS example
FROM c
GROUP BY k
ORDER BY k;
