-- load songs (Redshift): one row per song_id from staging_songs; a song staged twice is kept
-- once (keys are not enforced, ROW_NUMBER deduplicates). Input: staging_songs. One transaction,
-- idempotent.
-- DELETE, not TRUNCATE: TRUNCATE "commits the transaction in which it is run" (TRUNCATE:
-- docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html), which would break the one transaction.
BEGIN;
DELETE FROM songs;

INSERT INTO songs (song_id, title, artist_id, year, duration)
SELECT song_id, title, artist_id, year, duration
FROM (
    SELECT song_id, title, artist_id, year, duration,
           ROW_NUMBER() OVER (PARTITION BY song_id ORDER BY title, artist_id, year, duration) AS rn
    FROM staging_songs
    WHERE song_id IS NOT NULL AND title IS NOT NULL AND artist_id IS NOT NULL
) ranked
WHERE rn = 1;
COMMIT;
