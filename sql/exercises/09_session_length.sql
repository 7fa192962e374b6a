-- title: Plays per session
-- order: any
-- hint: Count the plays of each (user_id, session_id) in a subquery, then take their AVG;
-- hint: ROUND(x, 2) needs a NUMERIC x.
-- question: On average, how many songs does a session play? A session is a user_id with a
-- question: session_id. One number, rounded to two decimals.
SELECT ROUND(AVG(CAST(plays AS NUMERIC(12, 4))), 2)
FROM (SELECT user_id, session_id, COUNT(*) AS plays
      FROM songplays
      GROUP BY user_id, session_id) s;
