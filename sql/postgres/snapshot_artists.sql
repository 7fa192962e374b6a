-- The snapshot `diff load artists` compares: every artist as this run left the table (key
-- artist_id; c1, c2: name, location; n1, n2: latitude, longitude). $1: run_id. A SELECT of
-- dwh_snap_rows' columns in order, inserted into the run's partition (snapshot_users.sql: why).
SELECT CAST($1 AS bigint), artist_id, name, location, CAST(NULL AS text), CAST(NULL AS text),
       latitude, longitude
FROM artists
