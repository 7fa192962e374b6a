-- After a full load users, in its transaction: for each user the event their row came from
-- (the latest by ts, then session, then item: load_users.sql's pick, kept in user_latest), so a
-- later `load users --incremental` takes a new day's event only when it is later still,
-- whatever order the days come in. NULLs are kept as -1, as load_users.sql keeps them.
TRUNCATE dwh_user_events;
INSERT INTO dwh_user_events (user_id, ts, session_id, item_in_session)
SELECT user_id, ts, session_id, item_in_session FROM user_latest;
