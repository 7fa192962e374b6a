-- Drop the run log, the pipeline lock table and what incremental loads keep.
DROP TABLE IF EXISTS dwh_runs;
DROP TABLE IF EXISTS dwh_files;
DROP TABLE IF EXISTS dwh_play_keys;
DROP TABLE IF EXISTS dwh_user_events;
DROP TABLE IF EXISTS dwh_snapshots;
DROP TABLE IF EXISTS dwh_snap_users;
DROP TABLE IF EXISTS dwh_snap_songs;
DROP TABLE IF EXISTS dwh_snap_artists;
DROP TABLE IF EXISTS dwh_snap_songplays;
DROP TABLE IF EXISTS dwh_snap_time;
DROP TABLE IF EXISTS dwh_snap_files;
DROP TABLE IF EXISTS dwh_lock;
