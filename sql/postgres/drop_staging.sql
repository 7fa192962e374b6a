-- Drop the staging tables (and the load error log that belongs to them).
DROP TABLE IF EXISTS staging_events;
DROP TABLE IF EXISTS staging_songs;
DROP TABLE IF EXISTS staging_files;
DROP TABLE IF EXISTS load_errors;
