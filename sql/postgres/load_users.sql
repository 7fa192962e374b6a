-- load users: one row per non-empty userId, with names, gender and level from the user's most
-- recent event (by ts) that has a level; among events with the same ts the later session and
-- item win, so a re-run picks the same event. Input: staging_events. One transaction, idempotent.
--
-- Why not DISTINCT ON over all events: that sorts every event. Instead one hash aggregate finds
-- each user's latest ts and one hash join fetches those events; only the few ties are sorted.
-- A missing ts counts as -1 so a user whose events have none still appears.
-- The picked events are kept for the transaction (user_latest): the users rows are made from
-- them, and with a run log track_users.sql records which event each row came from, for the
-- incremental merges, without picking them again (half of this load's time).
BEGIN;
SET LOCAL work_mem = '256MB';
TRUNCATE users;

CREATE TEMP TABLE user_latest ON COMMIT DROP AS
SELECT DISTINCT ON (e.user_id) e.user_id, e.first_name, e.last_name, e.gender, e.level,
       COALESCE(e.ts, -1) AS ts, COALESCE(e.session_id, -1) AS session_id,
       COALESCE(e.item_in_session, -1) AS item_in_session
FROM staging_events e
JOIN (
    SELECT user_id, max(COALESCE(ts, -1)) AS last_ts
    FROM staging_events
    WHERE length(user_id) > 0 AND level IS NOT NULL   -- as on Redshift: ' ' is a user
    GROUP BY user_id
) l ON l.user_id = e.user_id AND l.last_ts = COALESCE(e.ts, -1)
WHERE e.level IS NOT NULL
ORDER BY e.user_id, e.session_id DESC NULLS LAST, e.item_in_session DESC NULLS LAST,
         e.level, e.first_name, e.last_name, e.gender;

INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT user_id, first_name, last_name, gender, level FROM user_latest;
COMMIT;
