-- The snapshot `diff load artists` compares: every artist as this run left the table. $1: run_id.
INSERT INTO dwh_snap_artists (run_id, artist_id, name, location, latitude, longitude)
SELECT CAST($1 AS BIGINT), artist_id, name, location, latitude, longitude FROM artists
