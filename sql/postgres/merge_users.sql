-- load users --incremental: users upserted so that names, gender and level come from each
-- user's most recent event across every day loaded so far, a late file for an earlier day
-- included. Inputs: staging_events (the new rows), dwh_user_events (the event each users row
-- came from). One transaction; running it again changes nothing.
--
-- The new rows' latest event per user is picked as load_users.sql picks it (ts, then session,
-- then item, NULLs lowest); it replaces the user's row only when it is later than the event
-- that row came from.
BEGIN;
SET LOCAL work_mem = '256MB';
CREATE TEMP TABLE new_users ON COMMIT DROP AS
SELECT DISTINCT ON (user_id) user_id, first_name, last_name, gender, level,
       COALESCE(ts, -1) AS ts, COALESCE(session_id, -1) AS session_id,
       COALESCE(item_in_session, -1) AS item_in_session
FROM staging_events
WHERE length(user_id) > 0 AND level IS NOT NULL
ORDER BY user_id, COALESCE(ts, -1) DESC, session_id DESC NULLS LAST, item_in_session DESC NULLS LAST,
         level, first_name, last_name, gender;

DELETE FROM new_users n
USING dwh_user_events u
WHERE u.user_id = n.user_id
  AND (u.ts > n.ts OR (u.ts = n.ts AND (u.session_id > n.session_id
       OR (u.session_id = n.session_id AND u.item_in_session >= n.item_in_session))));

INSERT INTO dwh_user_events (user_id, ts, session_id, item_in_session)
SELECT user_id, ts, session_id, item_in_session FROM new_users
ON CONFLICT (user_id) DO UPDATE
SET ts = EXCLUDED.ts, session_id = EXCLUDED.session_id, item_in_session = EXCLUDED.item_in_session;

INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT user_id, first_name, last_name, gender, level FROM new_users
ON CONFLICT (user_id) DO UPDATE
SET first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name,
    gender = EXCLUDED.gender, level = EXCLUDED.level
-- a user whose latest event says nothing new is not rewritten, so the INSERT's count (the run
-- log's "changed") is the users that really changed, as in merge_songs and merge_artists
WHERE (users.first_name, users.last_name, users.gender, users.level)
      IS DISTINCT FROM (EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.gender, EXCLUDED.level);
COMMIT;
