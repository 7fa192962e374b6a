-- unmatched_durations: the plays whose title and artist a song has but not their duration
-- (reason 3 of unmatched.sql), by how far the event's length is from the nearest duration of
-- a song with that title and artist. Rows: bin (sorting key), difference, plays, smallest and
-- largest difference seen in the bin, in seconds.
WITH e AS (
    SELECT song, artist, length, COUNT(*) AS n
    FROM staging_events
    WHERE page = 'NextSong' AND song IS NOT NULL AND artist IS NOT NULL
    GROUP BY song, artist, length
),
d AS (       -- title and artist found, no song with the same duration
    SELECT e.n, MIN(ABS(s.duration - e.length)) AS diff,
           MAX(CASE WHEN s.duration = e.length THEN 1 ELSE 0 END) AS same
    FROM e JOIN staging_songs s ON s.title = e.song AND s.artist_name = e.artist
    GROUP BY e.song, e.artist, e.length, e.n
)
SELECT CASE WHEN diff IS NULL THEN 6 WHEN diff < 0.01 THEN 1 WHEN diff < 0.1 THEN 2
            WHEN diff < 1 THEN 3 WHEN diff < 10 THEN 4 ELSE 5 END AS bin,
       CASE WHEN diff IS NULL THEN 'the event or the song has no length'
            WHEN diff < 0.01 THEN 'under 0.01 s' WHEN diff < 0.1 THEN '0.01 s to 0.1 s'
            WHEN diff < 1 THEN '0.1 s to 1 s' WHEN diff < 10 THEN '1 s to 10 s'
            ELSE '10 s or more' END AS difference,
       SUM(n) AS plays, CAST(MIN(diff) AS DECIMAL(18, 6)) AS smallest_s,
       CAST(MAX(diff) AS DECIMAL(18, 6)) AS largest_s
FROM d
WHERE same = 0
GROUP BY 1, 2
ORDER BY 1;
