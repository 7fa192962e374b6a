-- unmatched_artists: the plays whose title a song has but not with their artist (reason 2 of
-- unmatched.sql): the event's spelling beside the ones the songs of that title have, the most
-- played first (at most 20 rows).
--
-- Redshift: as sql/redshift/load_songplays.sql, each text equality also compares LENGTHs
-- (Redshift ignores trailing blanks in VARCHAR comparisons, PostgreSQL does not), and the
-- GROUP BYs that stand for distinct values group by the LENGTHs too.
WITH e AS (
    SELECT song, artist, COUNT(*) AS n
    FROM staging_events
    WHERE page = 'NextSong' AND song IS NOT NULL
    GROUP BY song, LENGTH(song), artist, LENGTH(artist)
),
titles AS (
    SELECT title, MIN(artist_name) AS first_spelling, MAX(artist_name) AS last_spelling,
           COUNT(DISTINCT artist_name) AS spellings
    FROM staging_songs
    WHERE title IS NOT NULL AND artist_name IS NOT NULL
    GROUP BY title, LENGTH(title)
),
title_artist AS (
    SELECT DISTINCT title, LENGTH(title) AS title_len, artist_name, LENGTH(artist_name) AS artist_len FROM staging_songs
    WHERE title IS NOT NULL AND artist_name IS NOT NULL
)
SELECT e.song AS title, e.artist AS event_artist,
       t.first_spelling || CASE WHEN t.spellings > 1 THEN ' | ' || t.last_spelling ELSE '' END
       || CASE WHEN t.spellings > 2 THEN ' (' || CAST(t.spellings AS VARCHAR) || ' spellings)' ELSE '' END
       AS song_artists,
       e.n AS plays
FROM e
JOIN titles t ON t.title = e.song AND LENGTH(t.title) = LENGTH(e.song)
LEFT JOIN title_artist ta ON ta.title = e.song AND LENGTH(ta.title) = LENGTH(e.song)
                            AND ta.artist_name = e.artist AND LENGTH(ta.artist_name) = LENGTH(e.artist)
WHERE ta.title IS NULL
ORDER BY e.n DESC, e.song, e.artist
LIMIT 20;
