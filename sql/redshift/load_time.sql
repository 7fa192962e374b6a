-- load time (Redshift): one row per distinct songplays.start_time (milliseconds kept), broken
-- into units. DATE_PART('week') is the ISO week and 'dow' counts from 0 = Sunday, as on
-- PostgreSQL. Input: songplays. One transaction, idempotent.
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
