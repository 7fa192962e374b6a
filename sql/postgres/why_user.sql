-- why_user: the event that gave user $1 the level and names users has — load_users.sql's rule:
-- the latest event by ts with a level (ties: the later session and item) — with the number of
-- the user's events and how many of them were paid.
SELECT e.ts, e.session_id, e.item_in_session, e.page, e.level, e.first_name, e.last_name,
       e.gender, c.events, c.paid_events
FROM staging_events e
JOIN (SELECT user_id, MAX(COALESCE(ts, -1)) AS last_ts, COUNT(*) AS events,
             SUM(CASE WHEN level = 'paid' THEN 1 ELSE 0 END) AS paid_events
      FROM staging_events
      WHERE user_id = $1 AND level IS NOT NULL
      GROUP BY user_id) c ON c.user_id = e.user_id AND COALESCE(e.ts, -1) = c.last_ts
WHERE e.level IS NOT NULL
ORDER BY e.session_id DESC NULLS LAST, e.item_in_session DESC NULLS LAST, e.level,
         e.first_name, e.last_name, e.gender
LIMIT 1;
