-- The snapshot `diff stage songs|events` compares: the files staging holds after this run, as
-- dwh_files records them (path, size, checksum, rows), in the stage's transaction. $1: run_id,
-- $2: the stage ("stage events").
INSERT INTO dwh_snap_files (run_id, path, size, checksum, rows)
SELECT CAST($1 AS bigint), path, size, checksum, rows FROM dwh_files WHERE stage = $2
