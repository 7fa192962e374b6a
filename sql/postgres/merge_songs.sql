-- load songs --incremental: new song_ids inserted, changed ones updated, from staging_songs
-- (the copy load_songs.sql would keep). Input: staging_songs. One transaction, idempotent.
BEGIN;
SET LOCAL work_mem = '256MB';
INSERT INTO songs (song_id, title, artist_id, year, duration)
SELECT DISTINCT ON (song_id) song_id, title, artist_id, year, duration
FROM staging_songs
WHERE song_id IS NOT NULL AND title IS NOT NULL AND artist_id IS NOT NULL
ORDER BY song_id, title, artist_id, year, duration
ON CONFLICT (song_id) DO UPDATE
SET title = EXCLUDED.title, artist_id = EXCLUDED.artist_id, year = EXCLUDED.year,
    duration = EXCLUDED.duration
WHERE (songs.title, songs.artist_id, songs.year, songs.duration)
      IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.artist_id, EXCLUDED.year, EXCLUDED.duration);
COMMIT;
