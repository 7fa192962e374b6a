-- stage events (Redshift): the cluster copies the event logs from S3 itself (Redshift has no
-- COPY FROM STDIN). dwh fills each :'NAME' from dwh.cfg as a quoted literal: LOG_DATA and
-- LOG_JSONPATH from [S3], ARN from [IAM_ROLE], REGION from [S3] or [CLUSTER] (the line is left
-- out when neither has one); :MAX_ERRORS is `stage --max-errors N` (0 when not given).
-- dwh sends the five statements one at a time: COPY is among the commands Redshift restricts in
-- multi-statement requests (SVL_MULTI_STATEMENT_VIOLATIONS:
-- docs.aws.amazon.com/redshift/latest/dg/r_SVL_MULTI_STATEMENT_VIOLATIONS.html).
-- The old rows go in the same transaction, so a failed COPY leaves the table as it was
-- (TRUNCATE would commit at once on Redshift).
-- By hand: psql -v LOG_DATA=s3://... -v LOG_JSONPATH=s3://... -v ARN=... -v REGION=...
--          -v MAX_ERRORS=0 -f this file (psql, too, sends its statements one at a time).
--
-- The options, each by "COPY from JSON format" and "Data load operations"
-- (docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html,
--  docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html):
-- * FORMAT AS JSON with the JSONPaths file, which maps the log's camelCase keys (firstName,
--   userId, ...) to staging_events' columns by position. 'auto' would match keys to column
--   names, find no first_name or user_id and load those columns as NULL without an error, so
--   dwh refuses LOG_JSONPATH = auto.
-- * No TIMEFORMAT: it governs TIMESTAMP columns only, and staging_events.ts is the BIGINT
--   milliseconds of the log (load_songplays.sql makes the timestamp).
-- * MAXERROR N, N from `stage --max-errors N` as it is: Redshift's default is 0, at which the
--   first bad record fails the load; the page words the limit as failing at "error_count ...
--   or greater", which cannot be meant literally at 0, so dwh takes N as what PostgreSQL's
--   --max-errors N means (up to N bad records skipped) and passes it unchanged. The skipped
--   records are in STL_LOAD_ERRORS / SYS_LOAD_ERROR_DETAIL (see `errors`).
-- * COMPUPDATE OFF: staging is refilled on every run and read once; automatic compression
--   analysis applies only to an empty table, and whether a table emptied by DELETE in the same
--   transaction counts as empty the docs leave open. OFF keeps the encodings CREATE TABLE chose.
-- * STATUPDATE OFF: dwh refreshes exactly the statistics its loads need (the ANALYZE at the top
--   of load_songplays.sql), so COPY need not compute them for every column on every run.
BEGIN;
-- The pipeline lock first, so this stage and any load wait for each other rather than a
-- load read staging half refilled (LOCK: "obtains a table-level lock in ACCESS EXCLUSIVE
-- mode ... released when the transaction that contains the LOCK command completes",
-- https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
LOCK dwh_lock;

COPY staging_events
FROM 's3://udacity-dend/log_data/2018/11/2018-11-30'
IAM_ROLE 'arn:aws:iam::123456789012:role/dwhRole'
FORMAT AS JSON 's3://udacity-dend/log_json_path.json'
MAXERROR 0
COMPUPDATE OFF
STATUPDATE OFF
REGION 'us-west-2';
COMMIT;
