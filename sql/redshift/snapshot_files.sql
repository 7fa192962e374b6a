-- The snapshot `diff stage songs|events` compares: the S3 prefixes dwh_files remembers for the
-- stage after this run (Redshift's COPY reads S3 itself, so dwh knows prefixes, not files or
-- their checksums). $1: run_id, $2: the stage ("stage events").
INSERT INTO dwh_snap_files (run_id, path, size, checksum, rows)
SELECT CAST($1 AS BIGINT), path, size, checksum, rows FROM dwh_files WHERE stage = $2
