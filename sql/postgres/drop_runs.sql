-- Drop the run log and the tables incremental loads keep beside the star schema.
DROP TABLE IF EXISTS dwh_runs;
DROP TABLE IF EXISTS dwh_files;
DROP TABLE IF EXISTS dwh_play_keys;
DROP TABLE IF EXISTS dwh_user_events;
DROP TABLE IF EXISTS dwh_snapshots;
DROP TABLE IF EXISTS dwh_snap_rows;
DROP TABLE IF EXISTS dwh_snap_days;
DROP TABLE IF EXISTS dwh_play_keys_next;
