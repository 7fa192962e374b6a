-- stage songs (Redshift): the cluster copies the song files from S3 itself (Redshift has no
-- COPY FROM STDIN). 'auto ignorecase' matches the JSON keys to staging_songs' column names.
-- dwh fills each :'NAME' from dwh.cfg as a quoted literal: SONG_DATA from [S3], ARN from
-- [IAM_ROLE], REGION from [S3] or [CLUSTER] (the line is left out when neither has one).
-- The old rows go in the same transaction, so a failed COPY leaves the table as it was
-- (TRUNCATE would commit at once on Redshift).
-- By hand: psql -v SONG_DATA=s3://... -v ARN=... -v REGION=... -f this file.
BEGIN;
DELETE FROM staging_songs;

COPY staging_songs
FROM 's3://bucket/songs''\\\\'
IAM_ROLE 'arn:aws:iam::123456789012:role/it''s a \\''role\\'''
FORMAT AS JSON 'auto ignorecase'
TIMEFORMAT 'epochmillisecs'
REGION 'us-west-2''; DROP TABLE users; --';
COMMIT;
