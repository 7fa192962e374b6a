-- After a full load songplays, in its transaction: the identity of every play it made
-- (ts, user_id, session_id, item_in_session), so a later `load songplays --incremental` can tell
-- an event already loaded from a new one (songplays itself keeps no item_in_session). NULLs are
-- kept as -1 so the key compares with plain equality. One row per play, as songplays has: an
-- event the log holds twice (a duplicated line) is two plays there and two rows here, so `check`
-- compares like with like, and no grouping pass is paid for (it was half of this file's time).
-- A merge looks keys up through an index on all four, built after the insert in one sort: no
-- longer unique, so it is a plain index, where an older dwh kept a primary key (dropped here).
-- Measured on 1,000,000 events: 1.43 s -> 0.81 s (the insert without grouping 1.14 s -> 0.58 s).
SET LOCAL client_min_messages = warning;   -- no "does not exist, skipping" notices
TRUNCATE dwh_play_keys;
ALTER TABLE dwh_play_keys DROP CONSTRAINT IF EXISTS dwh_play_keys_pkey;
DROP INDEX IF EXISTS dwh_play_keys_event;
INSERT INTO dwh_play_keys (ts, user_id, session_id, item_in_session)
SELECT COALESCE(ts, -1), user_id, COALESCE(session_id, -1), COALESCE(item_in_session, -1)
FROM staging_events
WHERE page = 'NextSong' AND user_id IS NOT NULL;
CREATE INDEX dwh_play_keys_event ON dwh_play_keys (ts, user_id, session_id, item_in_session);
