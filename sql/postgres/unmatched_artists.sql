-- unmatched_artists: the plays whose title a song has but not with their artist (reason 2 of
-- unmatched.sql): the event's spelling beside the ones the songs of that title have, the most
-- played first (at most 20 rows).
WITH e AS (
    SELECT song, artist, COUNT(*) AS n
    FROM staging_events
    WHERE page = 'NextSong' AND song IS NOT NULL
    GROUP BY song, artist
),
titles AS (
    SELECT title, MIN(artist_name) AS first_spelling, MAX(artist_name) AS last_spelling,
           COUNT(DISTINCT artist_name) AS spellings
    FROM staging_songs
    WHERE title IS NOT NULL AND artist_name IS NOT NULL
    GROUP BY title
),
title_artist AS (
    SELECT DISTINCT title, artist_name FROM staging_songs
    WHERE title IS NOT NULL AND artist_name IS NOT NULL
)
SELECT e.song AS title, e.artist AS event_artist,
       t.first_spelling || CASE WHEN t.spellings > 1 THEN ' | ' || t.last_spelling ELSE '' END
       || CASE WHEN t.spellings > 2 THEN ' (' || CAST(t.spellings AS VARCHAR) || ' spellings)' ELSE '' END
       AS song_artists,
       e.n AS plays
FROM e
JOIN titles t ON t.title = e.song
LEFT JOIN title_artist ta ON ta.title = e.song AND ta.artist_name = e.artist
WHERE ta.title IS NULL
ORDER BY e.n DESC, e.song, e.artist
LIMIT 20;
