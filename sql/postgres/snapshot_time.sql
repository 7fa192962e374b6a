-- The snapshot `diff load time` compares: per day, the rows and a digest of them (the sum of
-- each start_time's hash; the other columns are functions of it), for dwh_snap_days with no
-- user (user_id NULL; plays: the day's rows). timestamp_hash is the hash function of the type,
-- a third cheaper than hash_record of a one-column row (bench/results.md). $1: run_id.
-- A SELECT written by dwh with COPY, as snapshot_songplays.sql (there: why), so the pass over
-- time runs in parallel.
SELECT CAST($1 AS bigint) AS run_id, CAST(start_time AS date) AS day, count(*) AS plays,
       sum(timestamp_hash(start_time)) AS digest
FROM time
GROUP BY 2
