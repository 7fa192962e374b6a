-- load artists (Redshift): one row per artist_id even when the songs spell the name or location
-- several ways. The spelling kept is chosen deterministically: rows with coordinates first, then
-- rows with a location, then the shortest name, then by text. Input: staging_songs.
-- One transaction, idempotent. "No location" is LENGTH(...) = 0, not = '', which Redshift would
-- also grant a location of blanks (it ignores trailing blanks in comparisons; Character types:
-- docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html); LENGTH means the same on both.
-- DELETE, not TRUNCATE. TRUNCATE "is much more efficient than DELETE and doesn't require a
-- VACUUM", but it "commits the transaction in which it is run" (TRUNCATE:
-- https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html): the table would be empty
-- for everyone before its new rows are in, a failed INSERT could not give the old rows back,
-- and the commit would end the transaction that holds LOCK dwh_lock. DELETE only marks the
-- rows, which stay on disk until a vacuum ("After deleting a large number of rows from a
-- table: Vacuum the table", DELETE: https://docs.aws.amazon.com/redshift/latest/dg/r_DELETE.html);
-- a dimension this small is not worth an outage for, and VACUUM DELETE ONLY can run later, alone.
BEGIN;
-- The pipeline lock first: a stage or another load waits for this transaction, or is refused
-- by the check before it (LOCK: https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
LOCK dwh_lock;
DELETE FROM artists;

INSERT INTO artists (artist_id, name, location, latitude, longitude)
SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude
FROM (
    SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude,
           ROW_NUMBER() OVER (PARTITION BY artist_id
                              ORDER BY CASE WHEN artist_latitude IS NULL OR artist_longitude IS NULL THEN 1 ELSE 0 END,
                                       CASE WHEN artist_location IS NULL OR LENGTH(artist_location) = 0 THEN 1 ELSE 0 END,
                                       LENGTH(artist_name), artist_name, artist_location,
                                       artist_latitude, artist_longitude) AS rn
    FROM staging_songs
    WHERE artist_id IS NOT NULL AND artist_name IS NOT NULL
) ranked
WHERE rn = 1;
COMMIT;
