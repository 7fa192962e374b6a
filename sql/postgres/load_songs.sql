-- load songs: one row per song_id from staging_songs (a song staged twice is kept once; the
-- ORDER BY picks the same copy every run). Input: staging_songs. One transaction, idempotent.
BEGIN;
SET LOCAL work_mem = '256MB';
TRUNCATE songs;

INSERT INTO songs (song_id, title, artist_id, year, duration)
SELECT DISTINCT ON (song_id) song_id, title, artist_id, year, duration
FROM staging_songs
WHERE song_id IS NOT NULL AND title IS NOT NULL AND artist_id IS NOT NULL
ORDER BY song_id, title, artist_id, year, duration;
COMMIT;
