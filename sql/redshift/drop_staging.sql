-- Drop the staging tables.
DROP TABLE IF EXISTS staging_events;
DROP TABLE IF EXISTS staging_songs;
