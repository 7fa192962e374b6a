-- load time --incremental (Redshift): the start times of the new plays that time lacks (see
-- sql/postgres/merge_time.sql); an anti-join instead of ON CONFLICT, which Redshift lacks.
BEGIN;
-- The pipeline lock first: a stage or another load waits for this transaction, or is refused
-- by the check before it (LOCK: https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
LOCK dwh_lock;
INSERT INTO time (start_time, hour, day, week, month, year, weekday)
SELECT n.start_time,
       DATE_PART('hour', n.start_time)::SMALLINT,
       DATE_PART('day', n.start_time)::SMALLINT,
       DATE_PART('week', n.start_time)::SMALLINT,
       DATE_PART('month', n.start_time)::SMALLINT,
       DATE_PART('year', n.start_time)::SMALLINT,
       DATE_PART('dow', n.start_time)::SMALLINT
FROM (SELECT DISTINCT TIMESTAMP 'epoch' + ts / 1000.0 * INTERVAL '1 second' AS start_time
      FROM staging_events
      WHERE page = 'NextSong' AND user_id IS NOT NULL AND ts IS NOT NULL) n
LEFT JOIN time t ON t.start_time = n.start_time
WHERE t.start_time IS NULL;
COMMIT;
