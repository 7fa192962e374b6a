-- unmatched_near: what the matched plays would be if a duration within $1 seconds of the
-- event's length counted as equal (title and artist still equal, the song with a song_id and
-- an artist_id, as load_songplays.sql). Reads staging only; changes nothing. One row: plays
-- (NextSong events), matched (duration equal), matched_near (within $1 s), gained.
WITH e AS (
    SELECT song, artist, length, COUNT(*) AS n
    FROM staging_events
    WHERE page = 'NextSong'
    GROUP BY song, artist, length
),
m AS (
    SELECT e.song, e.artist, e.length, e.n,
           MAX(CASE WHEN s.duration = e.length THEN 1 ELSE 0 END) AS exact,
           MAX(CASE WHEN ABS(s.duration - e.length) <= CAST($1 AS DOUBLE PRECISION) THEN 1 ELSE 0 END) AS near
    FROM e JOIN staging_songs s ON s.title = e.song AND s.artist_name = e.artist
    WHERE s.song_id IS NOT NULL AND s.artist_id IS NOT NULL
    GROUP BY e.song, e.artist, e.length, e.n
)
SELECT (SELECT SUM(n) FROM e) AS plays,
       COALESCE(SUM(CASE WHEN exact = 1 THEN n ELSE 0 END), 0) AS matched,
       COALESCE(SUM(CASE WHEN near = 1 THEN n ELSE 0 END), 0) AS matched_near,
       COALESCE(SUM(CASE WHEN near = 1 AND exact = 0 THEN n ELSE 0 END), 0) AS gained
FROM m;
