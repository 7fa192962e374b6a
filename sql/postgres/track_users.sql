-- After a full load users, in its transaction: for each user the event their row came from
-- (the latest by ts, then session, then item, as load_users.sql picks it), so a later
-- `load users --incremental` takes a new day's event only when it is later still, whatever
-- order the days come in. Found as load_users.sql finds it: one hash aggregate for each user's
-- latest ts and one hash join, so only the ties are sorted, not every event.
TRUNCATE dwh_user_events;
INSERT INTO dwh_user_events (user_id, ts, session_id, item_in_session)
SELECT DISTINCT ON (e.user_id) e.user_id, COALESCE(e.ts, -1), COALESCE(e.session_id, -1),
       COALESCE(e.item_in_session, -1)
FROM staging_events e
JOIN (
    SELECT user_id, max(COALESCE(ts, -1)) AS last_ts
    FROM staging_events
    WHERE length(user_id) > 0 AND level IS NOT NULL
    GROUP BY user_id
) l ON l.user_id = e.user_id AND l.last_ts = COALESCE(e.ts, -1)
WHERE e.level IS NOT NULL
ORDER BY e.user_id, e.session_id DESC NULLS LAST, e.item_in_session DESC NULLS LAST;
