-- load users --incremental (Redshift): each user's row from their most recent event over every
-- day loaded so far (see sql/postgres/merge_users.sql). No ON CONFLICT on Redshift: the users
-- whose new event is later are deleted, then inserted again, in one transaction ("Merge
-- examples", https://docs.aws.amazon.com/redshift/latest/dg/merge-examples.html).
BEGIN;
-- The pipeline lock first: a stage or another load waits for this transaction, or is refused
-- by the check before it (LOCK: https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
LOCK dwh_lock;
DROP TABLE IF EXISTS new_users;
CREATE TEMP TABLE new_users AS
SELECT n.user_id, n.first_name, n.last_name, n.gender, n.level, n.ts, n.session_id,
       n.item_in_session
FROM (
    SELECT user_id, first_name, last_name, gender, level, COALESCE(ts, -1) AS ts,
           COALESCE(session_id, -1) AS session_id, COALESCE(item_in_session, -1) AS item_in_session,
           ROW_NUMBER() OVER (PARTITION BY user_id, LENGTH(user_id)
                              ORDER BY ts DESC NULLS LAST, session_id DESC NULLS LAST,
                                       item_in_session DESC NULLS LAST,
                                       level, first_name, last_name, gender) AS rn
    FROM staging_events
    WHERE LENGTH(user_id) > 0 AND level IS NOT NULL
) n
LEFT JOIN dwh_user_events u
       ON u.user_id = n.user_id AND LENGTH(u.user_id) = LENGTH(n.user_id)
WHERE n.rn = 1
  AND (u.user_id IS NULL OR u.ts < n.ts OR (u.ts = n.ts AND (u.session_id < n.session_id
       OR (u.session_id = n.session_id AND u.item_in_session < n.item_in_session))));

DELETE FROM dwh_user_events USING new_users n
WHERE dwh_user_events.user_id = n.user_id AND LENGTH(dwh_user_events.user_id) = LENGTH(n.user_id);
INSERT INTO dwh_user_events (user_id, ts, session_id, item_in_session)
SELECT user_id, ts, session_id, item_in_session FROM new_users;

DELETE FROM users USING new_users n
WHERE users.user_id = n.user_id AND LENGTH(users.user_id) = LENGTH(n.user_id);
INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT user_id, first_name, last_name, gender, level FROM new_users;
DROP TABLE new_users;
COMMIT;
