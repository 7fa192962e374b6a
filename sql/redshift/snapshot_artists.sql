-- The snapshot `diff load artists` compares: every artist as this run left the table, into
-- dwh_snap_rows (key artist_id; c1, c2: name, location; n1, n2: latitude, longitude). $1: run_id.
INSERT INTO dwh_snap_rows (run_id, key, c1, c2, n1, n2)
SELECT CAST($1 AS BIGINT), artist_id, name, location, latitude, longitude FROM artists
