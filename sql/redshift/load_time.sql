-- load time (Redshift): one row per distinct songplays.start_time (milliseconds kept), broken
-- into units. DATE_PART('week') is the ISO week and 'dow' counts from 0 = Sunday, as on
-- PostgreSQL (the Developer Guide's "Date parts for date or timestamp functions" table; this
-- page was not found in the reference search used for this change, so it is named, not linked;
-- it_etl_time.sh pins the values on PostgreSQL running this file). Input: songplays. One transaction, idempotent.
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
DELETE FROM time;

INSERT INTO time (start_time, hour, day, week, month, year, weekday)
SELECT start_time,
       DATE_PART('hour', start_time)::SMALLINT,
       DATE_PART('day', start_time)::SMALLINT,
       DATE_PART('week', start_time)::SMALLINT,
       DATE_PART('month', start_time)::SMALLINT,
       DATE_PART('year', start_time)::SMALLINT,
       DATE_PART('dow', start_time)::SMALLINT
FROM (SELECT DISTINCT start_time FROM songplays) t;
COMMIT;
