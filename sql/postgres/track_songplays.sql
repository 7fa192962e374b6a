-- After a full load songplays, in its transaction: the identity of every play it made
-- (ts, user_id, session_id, item_in_session), so a later `load songplays --incremental` can tell
-- an event already loaded from a new one (songplays itself keeps no item_in_session). NULLs are
-- kept as -1 so the key compares with plain equality.
TRUNCATE dwh_play_keys;
INSERT INTO dwh_play_keys (ts, user_id, session_id, item_in_session)
SELECT DISTINCT COALESCE(ts, -1), user_id, COALESCE(session_id, -1), COALESCE(item_in_session, -1)
FROM staging_events
WHERE page = 'NextSong' AND user_id IS NOT NULL;
