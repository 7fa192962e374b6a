-- The snapshot `diff load users` compares (sql/postgres/create_runs.sql): every user as this run
-- left the table, in the load's transaction, into dwh_snap_rows (key user_id; c1..c4: first_name,
-- last_name, gender, level). $1: the run's run_id.
INSERT INTO dwh_snap_rows (run_id, key, c1, c2, c3, c4)
SELECT CAST($1 AS bigint), user_id, first_name, last_name, gender, level FROM users
