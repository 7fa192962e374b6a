-- load artists: one row per artist_id even when the songs spell the name or location several
-- ways. The spelling kept is chosen deterministically: rows with coordinates first, then rows
-- with a location, then the shortest name (the plain name before "X feat. Y"), then by text.
-- Input: staging_songs. One transaction, idempotent.
BEGIN;
SET LOCAL work_mem = '256MB';
TRUNCATE artists;

INSERT INTO artists (artist_id, name, location, latitude, longitude)
SELECT DISTINCT ON (artist_id) artist_id, artist_name, artist_location, artist_latitude, artist_longitude
FROM staging_songs
WHERE artist_id IS NOT NULL AND artist_name IS NOT NULL
ORDER BY artist_id,
         CASE WHEN artist_latitude IS NULL OR artist_longitude IS NULL THEN 1 ELSE 0 END,
         CASE WHEN artist_location IS NULL OR length(artist_location) = 0 THEN 1 ELSE 0 END,
         length(artist_name), artist_name, artist_location, artist_latitude, artist_longitude;
COMMIT;
