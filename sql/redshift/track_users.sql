-- After a full load users (Redshift), in its transaction: the event each users row came from,
-- picked as load_users.sql picks it (see sql/postgres/track_users.sql).
DELETE FROM dwh_user_events;
INSERT INTO dwh_user_events (user_id, ts, session_id, item_in_session)
SELECT user_id, COALESCE(ts, -1), COALESCE(session_id, -1), COALESCE(item_in_session, -1)
FROM (
    SELECT user_id, ts, session_id, item_in_session,
           ROW_NUMBER() OVER (PARTITION BY user_id, LENGTH(user_id)
                              ORDER BY ts DESC NULLS LAST, session_id DESC NULLS LAST,
                                       item_in_session DESC NULLS LAST,
                                       level, first_name, last_name, gender) AS rn
    FROM staging_events
    WHERE LENGTH(user_id) > 0 AND level IS NOT NULL
) ranked
WHERE rn = 1;
