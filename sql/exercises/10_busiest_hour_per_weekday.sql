-- title: The busiest hour of each weekday
-- order: matters
-- hint: Count plays per (weekday, hour) first, then keep the top one per weekday with
-- hint: ROW_NUMBER() OVER (PARTITION BY weekday ORDER BY plays DESC, hour).
-- question: For each weekday (0 = Sunday), the hour of the day with the most plays. Three
-- question: columns: weekday, hour, plays; ordered by weekday; when two hours tie, the earlier.
WITH per_hour AS (
    SELECT t.weekday, t.hour, COUNT(*) AS plays
    FROM songplays sp
    JOIN time t ON t.start_time = sp.start_time
    GROUP BY t.weekday, t.hour
), ranked AS (
    SELECT weekday, hour, plays,
           ROW_NUMBER() OVER (PARTITION BY weekday ORDER BY plays DESC, hour) AS rn
    FROM per_hour
)
SELECT weekday, hour, plays FROM ranked WHERE rn = 1 ORDER BY weekday;
