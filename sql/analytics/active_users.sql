-- Most active users: plays, sessions and current level
SELECT u.user_id, u.first_name, u.last_name, u.level,
       count(*) AS plays, count(DISTINCT p.session_id) AS sessions
FROM songplays p
JOIN users u ON u.user_id = p.user_id
GROUP BY u.user_id, u.first_name, u.last_name, u.level
ORDER BY plays DESC, u.user_id
LIMIT 10;
