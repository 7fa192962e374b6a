-- The snapshot `diff load time` compares: per day, the rows and a digest of them (the sum of
-- each start_time's hash; the other columns are functions of it), into dwh_snap_days with no
-- user (user_id NULL; plays: the day's rows). timestamp_hash is the hash function of the type,
-- a third cheaper than hash_record of a one-column row (bench/results.md). $1: run_id.
INSERT INTO dwh_snap_days (run_id, day, plays, digest)
SELECT CAST($1 AS bigint), CAST(start_time AS date), count(*), sum(timestamp_hash(start_time))
FROM time
GROUP BY 2
