-- stage events (Redshift): the cluster copies the event logs from S3 itself (Redshift has no
-- COPY FROM STDIN). The JSONPaths file maps the log fields to staging_events' columns by
-- position. dwh fills each :'NAME' from dwh.cfg as a quoted literal: LOG_DATA and LOG_JSONPATH
-- from [S3], ARN from [IAM_ROLE], REGION from [S3] or [CLUSTER] (the line is left out when
-- neither has one). The old rows go in the same transaction, so a failed COPY leaves the table
-- as it was (TRUNCATE would commit at once on Redshift).
-- By hand: psql -v LOG_DATA=s3://... -v LOG_JSONPATH=... -v ARN=... -v REGION=... -f this file.
BEGIN;
DELETE FROM staging_events;

COPY staging_events
FROM 's3://bucket/o''brien\\logs/:''ARN'''
IAM_ROLE 'arn:aws:iam::123456789012:role/it''s a \\''role\\'''
FORMAT AS JSON 's3://bucket/paths\\''.json'
TIMEFORMAT 'epochmillisecs'
REGION 'us-west-2''; DROP TABLE users; --';
COMMIT;
