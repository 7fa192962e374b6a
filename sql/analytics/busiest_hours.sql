-- Plays by hour of the day (UTC), busiest first
SELECT t.hour, count(*) AS plays, count(DISTINCT p.user_id) AS listeners
FROM songplays p
JOIN time t ON t.start_time = p.start_time
GROUP BY t.hour
ORDER BY plays DESC, t.hour;
