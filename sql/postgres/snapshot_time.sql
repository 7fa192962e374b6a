-- The snapshot `diff load time` compares: per day, the rows and a digest of them (the sum of
-- each start_time's hash; the other columns are functions of it). $1: run_id.
INSERT INTO dwh_snap_time (run_id, day, rows, digest)
SELECT CAST($1 AS bigint), CAST(start_time AS date), count(*),
       sum(CAST(hash_record(ROW(start_time)) AS bigint))
FROM time
GROUP BY 2
