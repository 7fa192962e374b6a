-- load time --incremental: the start times of the new plays that time does not have yet. The
-- new plays are staging_events' NextSong events (load songplays --incremental made a songplay
-- of each one it did not have), so only the new rows are read, not the whole of songplays.
-- Input: staging_events. One transaction, idempotent.
BEGIN;
SET LOCAL work_mem = '256MB';
INSERT INTO time (start_time, hour, day, week, month, year, weekday)
SELECT start_time,
       date_part('hour', start_time)::smallint,
       date_part('day', start_time)::smallint,
       date_part('week', start_time)::smallint,
       date_part('month', start_time)::smallint,
       date_part('year', start_time)::smallint,
       date_part('dow', start_time)::smallint
FROM (SELECT DISTINCT TIMESTAMP 'epoch' + ts * INTERVAL '1 millisecond' AS start_time
      FROM staging_events
      WHERE page = 'NextSong' AND user_id IS NOT NULL AND ts IS NOT NULL) t
ON CONFLICT (start_time) DO NOTHING;
COMMIT;
