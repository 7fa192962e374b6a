-- title: The five most active listeners
-- order: matters
-- hint: GROUP BY user_id, ORDER BY the count descending, then user_id; LIMIT 5.
-- question: Which five users played the most songs? Two columns: user_id, plays; the most
-- question: plays first, equal counts by user_id.
SELECT user_id, COUNT(*) AS plays
FROM songplays
GROUP BY user_id
ORDER BY plays DESC, user_id
LIMIT 5;
