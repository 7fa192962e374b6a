-- The snapshot `diff load users` compares (sql/postgres/create_runs.sql): every user as this run
-- left the table, in the load's transaction (key user_id; c1..c4: first_name, last_name, gender,
-- level). $1: the run's run_id. A SELECT of dwh_snap_rows' columns in order: dwh inserts its rows
-- into the run's own partition (runlog.c), not through dwh_snap_rows, which would route each
-- row (a third dearer on the 1M set's songs).
SELECT CAST($1 AS bigint), user_id, first_name, last_name, gender, level,
       CAST(NULL AS double precision), CAST(NULL AS double precision)
FROM users
