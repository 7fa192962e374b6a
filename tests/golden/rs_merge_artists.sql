-- load artists --incremental (Redshift): new artist_ids inserted, changed ones replaced, with the
-- spelling load_artists.sql chooses; delete-then-insert in one transaction, only for the artists
-- that are new or differ ("Merge examples",
-- https://docs.aws.amazon.com/redshift/latest/dg/merge-examples.html).
BEGIN;
-- The pipeline lock first: a stage or another load waits for this transaction, or is refused
-- by the check before it (LOCK: https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
LOCK dwh_lock;
DROP TABLE IF EXISTS new_artists;
CREATE TEMP TABLE new_artists AS
SELECT r.artist_id, r.artist_name, r.artist_location, r.artist_latitude, r.artist_longitude
FROM (
    SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude,
           ROW_NUMBER() OVER (PARTITION BY artist_id
                              ORDER BY CASE WHEN artist_latitude IS NULL OR artist_longitude IS NULL THEN 1 ELSE 0 END,
                                       CASE WHEN artist_location IS NULL OR LENGTH(artist_location) = 0 THEN 1 ELSE 0 END,
                                       LENGTH(artist_name), artist_name, artist_location,
                                       artist_latitude, artist_longitude) AS rn
    FROM staging_songs
    WHERE artist_id IS NOT NULL AND artist_name IS NOT NULL
) r
LEFT JOIN artists a ON a.artist_id = r.artist_id
WHERE r.rn = 1
  AND (a.artist_id IS NULL OR a.name <> r.artist_name
       OR COALESCE(a.location, '') <> COALESCE(r.artist_location, '')
       OR COALESCE(a.latitude, -999) <> COALESCE(r.artist_latitude, -999)
       OR COALESCE(a.longitude, -999) <> COALESCE(r.artist_longitude, -999));

DELETE FROM artists USING new_artists n WHERE artists.artist_id = n.artist_id;
INSERT INTO artists (artist_id, name, location, latitude, longitude)
SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude FROM new_artists;
DROP TABLE new_artists;
COMMIT;
