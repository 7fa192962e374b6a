-- stage songs (Redshift): the cluster copies the song files from S3 itself (Redshift has no
-- COPY FROM STDIN). dwh fills each :'NAME' from dwh.cfg as a quoted literal: SONG_DATA from
-- [S3], ARN from [IAM_ROLE], REGION from [S3] or [CLUSTER] (the line is left out when neither
-- has one); :MAX_ERRORS is `stage --max-errors N` (0 when not given).
-- dwh sends the five statements one at a time: COPY is among the commands Redshift restricts in
-- multi-statement requests (SVL_MULTI_STATEMENT_VIOLATIONS:
-- docs.aws.amazon.com/redshift/latest/dg/r_SVL_MULTI_STATEMENT_VIOLATIONS.html).
-- The old rows go in the same transaction, so a failed COPY leaves the table as it was
-- (TRUNCATE would commit at once on Redshift).
-- By hand: psql -v SONG_DATA=s3://... -v ARN=... -v REGION=... -v MAX_ERRORS=0 -f this file.
--
-- The options, each by "COPY from JSON format" and "Data load operations"
-- (docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html,
--  docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html):
-- * 'auto ignorecase': the song files' keys are already staging_songs' column names.
-- * No TIMEFORMAT: staging_songs has no time column for it to govern.
-- * MAXERROR N, N from `stage --max-errors N` as it is (default 0: the first bad record fails
--   the load; how dwh reads the page's wording of the limit: see stage_events.sql).
-- * COMPUPDATE OFF, STATUPDATE OFF: as in stage_events.sql (staging is refilled every run; dwh
--   analyzes the columns its loads join on).
BEGIN;
-- The pipeline lock first, so this stage and any load wait for each other rather than a
-- load read staging half refilled (LOCK: "obtains a table-level lock in ACCESS EXCLUSIVE
-- mode ... released when the transaction that contains the LOCK command completes",
-- https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
LOCK dwh_lock;
DELETE FROM staging_songs;

COPY staging_songs
FROM :'SONG_DATA'
IAM_ROLE :'ARN'
FORMAT AS JSON 'auto ignorecase'
MAXERROR :MAX_ERRORS
COMPUPDATE OFF
STATUPDATE OFF
REGION :'REGION';
COMMIT;
