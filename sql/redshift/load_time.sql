-- load time (Redshift): one row per distinct songplays.start_time (milliseconds kept), broken
-- into units. DATE_PART('week') is the ISO week and 'dow' counts from 0 = Sunday, as on
-- PostgreSQL (the Developer Guide's "Date parts for date or timestamp functions" table; this
-- page was not found in the reference search used for this change, so it is named, not linked;
-- it_etl_time.sh pins the values on PostgreSQL running this file). Input: songplays. One transaction, idempotent.
-- DELETE, not TRUNCATE: TRUNCATE "commits the transaction in which it is run" (TRUNCATE:
-- docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html), which would break the one transaction.
BEGIN;
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
