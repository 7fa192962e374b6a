-- load songs (Redshift): one row per song_id from staging_songs; a song staged twice is kept
-- once (keys are not enforced, ROW_NUMBER deduplicates). Input: staging_songs. One transaction,
-- idempotent.
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
