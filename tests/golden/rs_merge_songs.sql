-- load songs --incremental (Redshift): new song_ids inserted, changed ones replaced, from the
-- copy load_songs.sql keeps; delete-then-insert in one transaction, only for the songs that are
-- new or differ ("Merge examples",
-- https://docs.aws.amazon.com/redshift/latest/dg/merge-examples.html).
BEGIN;
-- The pipeline lock first: a stage or another load waits for this transaction, or is refused
-- by the check before it (LOCK: https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
LOCK dwh_lock;
DROP TABLE IF EXISTS new_songs;
CREATE TEMP TABLE new_songs AS
SELECT r.song_id, r.title, r.artist_id, r.year, r.duration
FROM (
    SELECT song_id, title, artist_id, year, duration,
           ROW_NUMBER() OVER (PARTITION BY song_id ORDER BY title, artist_id, year, duration) AS rn
    FROM staging_songs
    WHERE song_id IS NOT NULL AND title IS NOT NULL AND artist_id IS NOT NULL
) r
LEFT JOIN songs s ON s.song_id = r.song_id
WHERE r.rn = 1
  AND (s.song_id IS NULL OR s.title <> r.title OR s.artist_id <> r.artist_id
       OR COALESCE(s.year, -1) <> COALESCE(r.year, -1)
       OR COALESCE(s.duration, -1) <> COALESCE(r.duration, -1));

DELETE FROM songs USING new_songs n WHERE songs.song_id = n.song_id;
INSERT INTO songs (song_id, title, artist_id, year, duration)
SELECT song_id, title, artist_id, year, duration FROM new_songs;
DROP TABLE new_songs;
COMMIT;
