-- The snapshot `diff stage songs|events` compares: the files staging holds after this run, as
-- dwh_files records them (key path; c1: checksum; n1, n2: size, rows), in the stage's
-- transaction. $1: run_id, $2: the stage ("stage events"). A SELECT of dwh_snap_rows' columns
-- in order, inserted into the run's partition (snapshot_users.sql: why).
SELECT CAST($1 AS bigint), path, checksum, CAST(NULL AS text), CAST(NULL AS text),
       CAST(NULL AS text), size, rows
FROM dwh_files WHERE stage = $2
