-- The snapshot `diff stage songs|events` compares: the files staging holds after this run, as
-- dwh_files records them, into dwh_snap_rows (key path; c1: checksum; n1, n2: size, rows), in the
-- stage's transaction. $1: run_id, $2: the stage ("stage events").
INSERT INTO dwh_snap_rows (run_id, key, c1, n1, n2)
SELECT CAST($1 AS bigint), path, checksum, size, rows FROM dwh_files WHERE stage = $2
