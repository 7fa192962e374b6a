-- The snapshot `diff stage songs|events` compares: the S3 prefixes dwh_files remembers for the
-- stage after this run (Redshift's COPY reads S3 itself, so dwh knows prefixes, not files or
-- their checksums), into dwh_snap_rows (key path; c1: checksum; n1, n2: size, rows). $1: run_id,
-- $2: the stage ("stage events").
INSERT INTO dwh_snap_rows (run_id, key, c1, n1, n2)
SELECT CAST($1 AS BIGINT), path, checksum, size, rows FROM dwh_files WHERE stage = $2
