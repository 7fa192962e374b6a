#!/usr/bin/env bash
# it_etl_atomic.sh — a load that fails half-way leaves its table exactly as it was (rows,
# primary key and indexes: the stage drops and rebuilds them inside its one transaction), and
# the next load works.
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

t_newdb
dwht -c create >/dev/null
etl_stage "$ETL_MINI"
dwht -c 'load all' >/dev/null
before=$(sqlv "SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM songplays t")
idx="songplays_pkey songplays_start_time songplays_user_id"

# a play with no user breaks songplays.user_id NOT NULL — after the TRUNCATE and DROP INDEX
sqlv "INSERT INTO staging_events (page, ts, user_id, level) VALUES ('NextSong', 1541000000000, NULL, 'free')" >/dev/null
out=$(dwht -c 'load songplays' -c counts 2>&1); rc=$?
t_eq "failed load exits 1" "$rc" 1
t_has "names the stage and the reason" "$out" "load songplays: ERROR:  null value in column \"user_id\""
t_eq "rows kept" "$(sqlv "SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM songplays t")" "$before"
t_eq "indexes kept" "$(sqlv "SELECT string_agg(indexname, ' ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'songplays'")" "$idx"

sqlv "DELETE FROM staging_events WHERE user_id IS NULL" >/dev/null
out=$(dwht -c 'load songplays' 2>&1); rc=$?
t_eq "load works again" "$rc" 0
t_eq "same rows as before" "$(sqlv "SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM songplays t")" "$before"
