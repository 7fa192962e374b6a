-- load artists --incremental: new artist_ids inserted, changed ones updated, with the spelling
-- load_artists.sql would choose from staging_songs. Input: staging_songs. One transaction,
-- idempotent.
BEGIN;
SET LOCAL work_mem = '256MB';
INSERT INTO artists (artist_id, name, location, latitude, longitude)
SELECT DISTINCT ON (artist_id) artist_id, artist_name, artist_location, artist_latitude, artist_longitude
FROM staging_songs
WHERE artist_id IS NOT NULL AND artist_name IS NOT NULL
ORDER BY artist_id,
         CASE WHEN artist_latitude IS NULL OR artist_longitude IS NULL THEN 1 ELSE 0 END,
         CASE WHEN artist_location IS NULL OR artist_location = '' THEN 1 ELSE 0 END,
         length(artist_name), artist_name, artist_location, artist_latitude, artist_longitude
ON CONFLICT (artist_id) DO UPDATE
SET name = EXCLUDED.name, location = EXCLUDED.location, latitude = EXCLUDED.latitude,
    longitude = EXCLUDED.longitude
WHERE (artists.name, artists.location, artists.latitude, artists.longitude)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.location, EXCLUDED.latitude, EXCLUDED.longitude);
COMMIT;
