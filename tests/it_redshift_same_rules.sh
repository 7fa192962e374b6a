#!/usr/bin/env bash
# it_redshift_same_rules.sh — no Redshift is reachable, but its load SQL is standard enough to
# run on PostgreSQL: it must build exactly the rows the PostgreSQL stages build (same rules,
# written without DISTINCT ON, TRUNCATE or ON CONFLICT).
. "$(dirname "$0")/lib/lib.sh"
. "$T_ROOT/tests/data/etl/lib.sh"

for data in mini sample; do
	if [ $data = sample ]; then have_sample || { t_skip "udacity sample absent"; continue; }; dir=$SHARED_SAMPLE
	else dir=$ETL_MINI; fi
	t_newdb "${T_NAME}_$data"
	dwht -c create >/dev/null
	etl_stage "$dir"
	dwht -c 'load all' >/dev/null
	sqlv "CREATE TABLE pg_songplays AS SELECT start_time, user_id, level, song_id, artist_id, session_id, location, user_agent FROM songplays;
	      CREATE TABLE pg_users AS SELECT * FROM users; CREATE TABLE pg_songs AS SELECT * FROM songs;
	      CREATE TABLE pg_artists AS SELECT * FROM artists; CREATE TABLE pg_time AS SELECT * FROM time" >/dev/null
	for st in songplays users songs artists time; do
		psql -X -q -v ON_ERROR_STOP=1 -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" \
			-f "$T_ROOT/sql/redshift/load_$st.sql" >/dev/null 2>"$T_TMP/err" \
			|| t_fail "$data: redshift load $st runs on PostgreSQL" "$(cat "$T_TMP/err")"
	done
	t_eq "$data: same figures" "$(etl_figures)" "$(if [ $data = mini ]; then echo "$ETL_MINI_FIGURES"; else echo "$ETL_SAMPLE_FIGURES"; fi)"
	cols="start_time, user_id, level, song_id, artist_id, session_id, location, user_agent"
	t_eq "$data: same songplays" "$(sqlv "SELECT count(*) FROM ((SELECT $cols FROM songplays EXCEPT ALL SELECT * FROM pg_songplays)
		UNION ALL (SELECT * FROM pg_songplays EXCEPT ALL SELECT $cols FROM songplays)) d")" 0
	for t in users songs artists time; do
		t_eq "$data: same $t" "$(sqlv "SELECT count(*) FROM ((SELECT * FROM $t EXCEPT SELECT * FROM pg_$t)
			UNION ALL (SELECT * FROM pg_$t EXCEPT SELECT * FROM $t)) d")" 0
	done
done
