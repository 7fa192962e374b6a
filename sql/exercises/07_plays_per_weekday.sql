-- title: Plays per weekday
-- order: matters
-- hint: Join songplays to time on start_time; weekday 0 is Sunday.
-- question: How many plays on each weekday? Two columns: weekday (0 = Sunday), plays; ordered
-- question: by weekday.
SELECT t.weekday, COUNT(*) AS plays
FROM songplays sp
JOIN time t ON t.start_time = sp.start_time
GROUP BY t.weekday
ORDER BY t.weekday;
