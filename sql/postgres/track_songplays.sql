-- After a full load songplays, in its transaction: the play keys keys_songplays.sql built (in
-- this transaction, or on `load all`'s other lane and committed there) take dwh_play_keys'
-- place, so the keys change with songplays or not at all. Renames and DROP are transactional.
-- An older dwh's table goes with its btree (dwh_play_keys_event) or primary key.
SET LOCAL client_min_messages = warning;   -- no "does not exist, skipping" notices
DROP TABLE IF EXISTS dwh_play_keys;
ALTER TABLE dwh_play_keys_next RENAME TO dwh_play_keys;
ALTER INDEX dwh_play_keys_next_ts RENAME TO dwh_play_keys_ts;
