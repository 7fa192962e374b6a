-- (The same as PostgreSQL's.)
-- The snapshot `diff load users` compares (sql/postgres/create_runs.sql): every user as this run
-- left the table, in the load's transaction. $1: the run's run_id.
INSERT INTO dwh_snap_users (run_id, user_id, first_name, last_name, gender, level)
SELECT CAST($1 AS BIGINT), user_id, first_name, last_name, gender, level FROM users
