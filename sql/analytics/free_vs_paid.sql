-- Free vs paid listening: plays, listeners and plays per listener by level at play time
SELECT p.level, count(*) AS plays, count(DISTINCT p.user_id) AS listeners,
       round(count(*) * 1.0 / count(DISTINCT p.user_id), 1) AS plays_per_listener,
       round(100.0 * count(*) / (SELECT count(*) FROM songplays), 1) AS pct_of_plays
FROM songplays p
GROUP BY p.level
ORDER BY plays DESC;
