-- After a full load songplays (Redshift), in its transaction: the identity of every play it made,
-- for `load songplays --incremental`, one row per play as songplays has (see
-- sql/postgres/track_songplays.sql). DELETE, not
-- TRUNCATE, which would commit the transaction (TRUNCATE:
-- https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html).
DELETE FROM dwh_play_keys;
INSERT INTO dwh_play_keys (ts, user_id, session_id, item_in_session)
SELECT COALESCE(ts, -1), user_id, COALESCE(session_id, -1), COALESCE(item_in_session, -1)
FROM staging_events
WHERE page = 'NextSong' AND user_id IS NOT NULL;
