-- After a full load users, in its transaction: for each user the event their row came from
-- (the latest by ts, then session, then item, as load_users.sql picks it), so a later
-- `load users --incremental` takes a new day's event only when it is later still, whatever
-- order the days come in.
TRUNCATE dwh_user_events;
INSERT INTO dwh_user_events (user_id, ts, session_id, item_in_session)
SELECT DISTINCT ON (user_id) user_id, COALESCE(ts, -1), COALESCE(session_id, -1),
       COALESCE(item_in_session, -1)
FROM staging_events
WHERE length(user_id) > 0 AND level IS NOT NULL
ORDER BY user_id, COALESCE(ts, -1) DESC, session_id DESC NULLS LAST, item_in_session DESC NULLS LAST;
